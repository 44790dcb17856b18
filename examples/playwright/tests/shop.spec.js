import { expect, test } from 'cors-inspector/playwright';

test('checkout has no CORS errors', async ({ page }) => {
  await page.goto(`${process.env.SHOP_URL}/checkout`);
  await expect(page).toHaveTitle(/ok|failed/);
  // Fails with each blocked request, its reason and its fix, and attaches the JSON and Markdown reports.
  await expect(page).toHaveNoCorsErrors({ failOnFindings: 'high' });
});

test('the home page is clean apart from the known recommendations bug', async ({ page }) => {
  await page.goto(`${process.env.SHOP_URL}/`);
  await expect(page).toHaveTitle(/ok|failed/);
  await expect(page).toHaveNoCorsErrors({ ignore: ['/api/recommendations'] });
});

test('the home page shows why recommendations fail', async ({ page, corsReport }) => {
  await page.goto(`${process.env.SHOP_URL}/`);
  await expect(page).toHaveTitle(/ok|failed/);
  // corsReport() gives the whole report for checks of your own.
  const [recommendations] = (await corsReport()).exchanges;
  expect(recommendations.verdict).toBe('blocked');
  expect(recommendations.reason.code).toBe('MissingAllowOriginHeader');
  expect(recommendations.fix.responseHeaders).toContainEqual({
    name: 'Access-Control-Allow-Origin',
    value: new URL(process.env.SHOP_URL).origin,
  });
});
