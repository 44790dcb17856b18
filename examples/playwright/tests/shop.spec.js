import { expect, test } from 'cors-inspector/playwright';

test('checkout has no CORS errors', async ({ page, corsReport }) => {
  await page.goto(`${process.env.SHOP_URL}/checkout`);
  await expect(page).toHaveTitle(/ok|failed/);
  const report = await corsReport();
  expect(report.summary.exchanges).toBe(1);
  expect(report.summary.blocked).toBe(0);
});

test('the home page shows why recommendations fail', async ({ page, corsReport }) => {
  await page.goto(`${process.env.SHOP_URL}/`);
  await expect(page).toHaveTitle(/ok|failed/);
  const [recommendations] = (await corsReport()).exchanges;
  expect(recommendations.verdict).toBe('blocked');
  expect(recommendations.reason.code).toBe('MissingAllowOriginHeader');
  expect(recommendations.fix.responseHeaders).toContainEqual({
    name: 'Access-Control-Allow-Origin',
    value: new URL(process.env.SHOP_URL).origin,
  });
});
