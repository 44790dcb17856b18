// @vitest-environment happy-dom
/**
 * The panel in Firefox: no Verify with Chrome (Firefox has no debugger for extensions), Firefox's
 * own console message for a record captured there, and, in any browser, a visible notice with a
 * way to ask when the user has not granted (or has withdrawn) access to websites.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import type { HostAccess } from '../../../src/platform/devtools.ts';
import type { ExchangeRecord } from '../../../src/shared/exchange.ts';
import { evaluateRecord } from '../../../src/shared/observed.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { renderPanel } from './render-panel.tsx';

afterEach(cleanup);

const scenario = (exchanges: ExchangeRecord[] = demoRecords()) => ({ state: fixtureState(), exchanges });

/** A host permission the test grants and withdraws, as the user would in the browser's settings. */
function fakeAccess(initially: boolean, answer = true) {
  let granted = initially;
  const listeners: (() => void)[] = [];
  const access: HostAccess & { requests: number; set(g: boolean): void } = {
    requests: 0,
    granted: async () => granted,
    request: async () => {
      access.requests++;
      granted = answer;
      return answer;
    },
    onChange: (callback) => void listeners.push(callback),
    set(g) {
      granted = g;
      for (const l of listeners) l();
    },
  };
  return access;
}

describe('the panel in Firefox', () => {
  it('offers no Verify with Chrome', async () => {
    await renderPanel(scenario(), { browser: 'firefox' });
    expect(screen.getByTestId('page-observer')).toBeTruthy();
    expect(screen.queryByTestId('verify-with-chrome')).toBeNull();
  });

  it("shows Firefox's console message for a record captured in Firefox", async () => {
    const records = demoRecords().map((r) => evaluateRecord({ ...r, browser: 'firefox' }));
    await renderPanel(scenario(records), { browser: 'firefox' });
    const row = [...document.querySelectorAll<HTMLElement>('[role="row"][data-id]')].find((r) =>
      r.textContent!.includes('/api/orders'),
    )!;
    fireEvent.click(row);
    const line = screen.getByTestId('console-message');
    expect(line.getAttribute('title')).toMatch(/Firefox/);
    expect(line.textContent).toMatch(
      /^Cross-Origin Request Blocked: .* \(Reason: CORS header ‘Access-Control-Allow-Origin’ does not match ‘http:\/\/127\.0\.0\.1:5173\/’\)\.$/,
    );
  });
});

describe('access to websites', () => {
  it('says nothing while it is granted', async () => {
    await renderPanel(scenario(), { hostAccess: fakeAccess(true) });
    await Promise.resolve();
    expect(screen.queryByTestId('host-access-notice')).toBeNull();
  });

  it('says so when it is not granted, asks on a click, and goes away once granted', async () => {
    const access = fakeAccess(false);
    await renderPanel(scenario(), { browser: 'firefox', hostAccess: access });
    await waitFor(() => expect(screen.getByTestId('host-access-notice').textContent).toMatch(/no access to websites/));
    fireEvent.click(screen.getByTestId('host-access-request'));
    expect(access.requests).toBe(1);
    await waitFor(() => expect(screen.queryByTestId('host-access-notice')).toBeNull());
  });

  it('keeps the notice and says why when the user refuses', async () => {
    await renderPanel(scenario(), { hostAccess: fakeAccess(false, false) });
    fireEvent.click(await screen.findByTestId('host-access-request'));
    await waitFor(() => expect(screen.getByTestId('status-message').textContent).toMatch(/not granted/));
    expect(screen.getByTestId('host-access-notice')).toBeTruthy();
  });

  it('follows the user withdrawing and granting it in the browser', async () => {
    const access = fakeAccess(true);
    await renderPanel(scenario(), { hostAccess: access });
    access.set(false);
    await waitFor(() => expect(screen.getByTestId('host-access-notice')).toBeTruthy());
    access.set(true);
    await waitFor(() => expect(screen.queryByTestId('host-access-notice')).toBeNull());
  });
});
