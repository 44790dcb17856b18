// @vitest-environment happy-dom
import { verifiedAgainst } from '../../../src/cors/verified-versions.ts';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { HOSTILE_MARKUP, HUGE_VALUE_LENGTH, SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';
import { renderPanel } from './render-panel.tsx';

afterEach(cleanup);

async function open(path: string, scenario = { state: fixtureState(), exchanges: demoRecords() }) {
  const rendered = await renderPanel(scenario);
  const row = [...document.querySelectorAll<HTMLElement>('[role="row"][data-id]')].find((r) =>
    r.textContent!.includes(path),
  )!;
  fireEvent.click(row);
  return rendered;
}

describe('the Explanation tab', () => {
  it('gives the verdict, the reason, the failing header and the fix for a blocked read', async () => {
    await open('/api/orders');
    expect(screen.getByTestId('verdict-headline').textContent).toMatch(/^Blocked/);
    expect(screen.getByTestId('reason-code').textContent).toBe('AllowOriginMismatch');
    expect(screen.getByTestId('reason-explanation').textContent).toMatch(
      /was blocked because Access-Control-Allow-Origin is 'http:\/\/127.0.0.1:5173\/'/,
    );
    const failing = screen.getByTestId('failing-headers');
    expect(failing.textContent).toContain('In the response');
    expect(failing.textContent).toContain('Access-Control-Allow-Origin: http://127.0.0.1:5173/');
    expect(within(screen.getByTestId('fix')).getByText(/Send on the GET response/)).toBeTruthy();
    expect(screen.getByTestId('snippet').textContent).toMatch(/cors\(/);
    expect(screen.getByTestId('snippet-verified').textContent).toContain(
      `Verified against ${verifiedAgainst('express')}`,
    );
    fireEvent.change(screen.getByTestId('snippet-stack'), { target: { value: 'nginx' } });
    expect(screen.getByTestId('snippet').textContent).toMatch(/add_header Access-Control-Allow-Origin/);
    expect(screen.getByTestId('snippet-verified').textContent).toContain(
      `Verified against ${verifiedAgainst('nginx')}`,
    );
    fireEvent.change(screen.getByTestId('snippet-stack'), { target: { value: 'spring' } });
    expect(screen.getByTestId('snippet').textContent).toMatch(/CorsConfigurationSource/);
    expect(screen.getByTestId('snippet-verified').textContent).toMatch(
      /^Not verified: .+\. Written against https:\/\/docs\.spring\.io\//,
    );
  });

  it('marks the decisive step of the checklist', async () => {
    await open('/api/items/43');
    const decisive = screen.getByTestId('trace').querySelector('.decisive')!;
    expect(decisive.textContent).toMatch(/Method PUT allowed by the preflight/);
    expect(decisive.textContent).toMatch(/Decisive/);
    expect(screen.getByTestId('failing-headers').textContent).toMatch(/Access-Control-Allow-Methods: \(missing\)/);
  });

  it("states an inferred verdict's assumptions", async () => {
    await open('/api/items/43');
    expect(screen.getByTestId('confidence').textContent).toMatch(/Confidence: inferred/);
  });

  it('lists findings with severity and evidence', async () => {
    await open('/api/account');
    const findings = screen.getByTestId('findings');
    expect(findings.textContent).toMatch(/high/);
    expect(findings.textContent).toContain('origin-reflected');
    expect(findings.textContent).toContain('Access-Control-Allow-Origin: http://127.0.0.1:5173');
  });

  it('explains what JavaScript can read on an allowed response', async () => {
    await open('/api/users');
    expect(screen.getByTestId('verdict-headline').textContent).toMatch(/^Allowed/);
    const exposure = screen.getByTestId('exposure').textContent!;
    expect(exposure).toMatch(/Readable.*x-request-id/);
    expect(exposure).toMatch(/Hidden.*x-total-count/);
  });
});

describe("Chrome's own verdict", () => {
  const withChromium = (corsError: string, failedParameter: string) => ({
    state: fixtureState(),
    exchanges: demoRecords().map((r) =>
      r.url.endsWith('/api/orders')
        ? { ...r, chromium: { source: 'Network.loadingFailed' as const, corsError, failedParameter, netError: null } }
        : r,
    ),
  });

  it('confirms quietly when Chrome agrees', async () => {
    await open('/api/orders', withChromium('AllowOriginMismatch', 'http://127.0.0.1:5173/'));
    expect(screen.getByTestId('verify-with-chrome-verdict').textContent).toMatch(
      /Chrome agrees: blocked: AllowOriginMismatch/,
    );
  });

  it('warns and offers a bug report when Chrome disagrees', async () => {
    await open('/api/orders', withChromium('MissingAllowOriginHeader', ''));
    const check = screen.getByTestId('verify-with-chrome-verdict');
    expect(check.textContent).toMatch(
      /Chrome says blocked: MissingAllowOriginHeader; CORS Inspector says blocked: AllowOriginMismatch/,
    );
    expect(within(check).getByRole('button', { name: /Copy bug report/ })).toBeTruthy();
  });

  it('says nothing without an answer from Chrome', async () => {
    await open('/api/orders');
    expect(screen.queryByTestId('verify-with-chrome-verdict')).toBeNull();
  });
});

describe('the Headers tab', () => {
  it('puts the preflight beside the request and highlights the offending header', async () => {
    await open('/api/search');
    fireEvent.click(screen.getByTestId('tab-headers'));
    const preflight = screen.getByTestId('preflight-headers');
    const highlighted = [...preflight.querySelectorAll('.header-row.highlighted')].map((r) => r.textContent);
    expect(highlighted).toEqual([
      'Access-Control-Allow-Headerscontent-type',
      'Access-Control-Request-Headerscontent-type,x-request-id',
    ]);
    const request = screen.getByTestId('request-headers');
    expect([...request.querySelectorAll('.header-row.highlighted')].map((r) => r.textContent)).toEqual([
      'X-Request-Idabc-123',
    ]);
    expect(screen.getByTestId('actual-headers').textContent).toMatch(
      /never sent this request because the preflight failed/,
    );
  });

  it('shows a missing header as a highlighted placeholder', async () => {
    await open('/api/profile');
    fireEvent.click(screen.getByTestId('tab-headers'));
    expect(screen.getByTestId('missing-header').textContent).toBe('Access-Control-Allow-Origin(missing)');
  });

  it('marks response headers readable or hidden from JavaScript, and has a raw view', async () => {
    await open('/api/users');
    fireEvent.click(screen.getByTestId('tab-headers'));
    const response = screen.getByTestId('response-headers');
    const tagOf = (name: string) =>
      [...response.querySelectorAll('.header-row')]
        .find((r) => r.querySelector('.header-name')!.textContent === name)!
        .querySelector('.badge')!.textContent;
    expect(tagOf('X-Request-Id')).toBe('readable');
    expect(tagOf('X-Total-Count')).toBe('hidden');
    expect(tagOf('Content-Type')).toBe('readable');
    fireEvent.click(within(response).getByRole('checkbox', { name: 'Raw' }));
    expect(response.querySelector('pre')!.textContent).toMatch(
      /^HTTP\/1.1 200 OK\nAccess-Control-Allow-Origin: http:\/\/127.0.0.1:5173\n/,
    );
  });
});

describe('the Preflight and Redirects tabs', () => {
  it('explains why a preflight was needed, what it cost and how long it is cached', async () => {
    await open('/api/items/42');
    fireEvent.click(screen.getByTestId('tab-preflight'));
    const tab = screen.getByTestId('preflight-tab').textContent!;
    expect(tab).toMatch(/method PUT is not GET, HEAD or POST/);
    expect(screen.getByTestId('preflight-cost').textContent).toMatch(
      /The preflight took 12 ms before the PUT could be sent — 26% of the exchange’s 47 ms/,
    );
    expect(screen.getByTestId('max-age').textContent).toMatch(
      /Access-Control-Max-Age: 7200Cached for 7200 s in Chromium and 7200 s in Firefox/,
    );
  });

  it('links a cached preflight to the exchange that sent it', async () => {
    const { services } = await open('/api/items/44');
    fireEvent.click(screen.getByTestId('tab-preflight'));
    fireEvent.click(screen.getByTestId('cached-from'));
    expect(services.store.selectedId.value).toBe('7:4');
  });

  it('shows each redirect hop with its Origin and the taint to null', async () => {
    await open('/api/old-avatar');
    fireEvent.click(screen.getByTestId('tab-redirects'));
    const hops = screen.getByTestId('redirects-tab').querySelectorAll('.hop');
    expect(hops).toHaveLength(2);
    expect(hops[0]!.textContent).toMatch(/Origin sent: http:\/\/127.0.0.1:5173/);
    expect(hops[1]!.textContent).toMatch(/Origin sent: null — tainted by a cross-origin redirect/);
    expect(hops[1]!.textContent).not.toMatch(/not captured/);
    expect(screen.queryByTestId('tab-redirects')).toBeTruthy();
  });

  it('has no Redirects tab without redirects', async () => {
    await open('/api/orders');
    expect(screen.queryByTestId('tab-redirects')).toBeNull();
  });
});

describe('untrusted values', () => {
  it('render as text: no element or attribute comes from the data', async () => {
    await open('/api/', SCENARIOS.hostile!());
    fireEvent.click(screen.getByTestId('tab-headers'));
    expect(document.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(document.body.textContent).toContain(HOSTILE_MARKUP);
  });

  it('cut a 1 MB value with a button to show the rest, and show control characters', async () => {
    await open('/api/huge', SCENARIOS.hostile!());
    fireEvent.click(screen.getByTestId('tab-headers'));
    const row = [...document.querySelectorAll('.header-row')].find(
      (r) => r.querySelector('.header-name')!.textContent === 'X-Huge',
    )!;
    expect(row.textContent!.length).toBeLessThan(1000);
    fireEvent.click(
      within(row as HTMLElement).getByRole('button', {
        name: `Show all ${HUGE_VALUE_LENGTH.toLocaleString('en-US')} characters`,
      }),
    );
    expect(row.textContent!.length).toBeGreaterThan(HUGE_VALUE_LENGTH);
    const control = [...document.querySelectorAll('.header-row')].find(
      (r) => r.querySelector('.header-name')!.textContent === 'X-Control',
    )!;
    expect(control.querySelector('.value-text')!.textContent).toBe(
      'a\\x00b\\x07c\\x1b[31mred\\x0d\\x0aInjected: yes\u202eevil',
    );
  });
});
