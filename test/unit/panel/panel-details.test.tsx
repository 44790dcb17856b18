// @vitest-environment happy-dom
import { verifiedAgainst } from '../../../src/cors/verified-versions.ts';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { buildExchanges, FIXTURE_PAGE, fixtureState } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
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
  it('leads with the cause, then the fix, then the details, for a blocked read', async () => {
    await open('/api/orders');
    expect(screen.getByTestId('verdict-headline').textContent).toBe(
      "The response allows the origin 'http://127.0.0.1:5173/', not this page's origin 'http://127.0.0.1:5173'.",
    );
    expect(screen.getByTestId('reason-code').textContent).toBe('AllowOriginMismatch');
    expect(screen.getByTestId('learn-more').getAttribute('href')).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS/Errors/CORSAllowOriginNotMatchingOrigin',
    );
    // The order a reader meets them in.
    const order = ['verdict-headline', 'decisive-step', 'fix', 'reason', 'checks'].map((id) => screen.getByTestId(id));
    for (let i = 1; i < order.length; i++)
      expect(order[i - 1]!.compareDocumentPosition(order[i]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
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

  it('shows the decisive step under the headline and marks it in the checklist', async () => {
    await open('/api/items/43');
    expect(screen.getByTestId('decisive-step').textContent).toMatch(/Decided by.*Method PUT allowed by the preflight/);
    const decisive = within(screen.getByTestId('checks')).getByTestId('trace').querySelector('.decisive')!;
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
    expect(screen.getByTestId('verdict-headline').textContent).toBe("The page's JavaScript can read this response.");
    const exposure = screen.getByTestId('exposure').textContent!;
    expect(exposure).toMatch(/Readable.*x-request-id/);
    expect(exposure).toMatch(/Hidden.*x-total-count/);
  });
});

describe('the Explanation on what users hit most', () => {
  const API = 'http://localhost:7002';
  const one = (spec: Parameters<typeof buildExchanges>[0][number]) => ({
    state: fixtureState(),
    exchanges: buildExchanges([spec]),
  });

  it('says first that the server failed when an error response has no CORS headers', async () => {
    await open(
      '/api/report',
      one({ url: `${API}/api/report`, response: { status: 500, headers: {} }, outcome: 'failed' }),
    );
    expect(screen.getByTestId('verdict-headline').textContent).toBe(
      'The server answered 500; its error responses carry no CORS headers — fix the error, and make the error path send the same CORS headers.',
    );
    expect(screen.getByTestId('server-failure').textContent).toMatch(/^Make CORS the outermost layer/);
    expect(screen.getByTestId('reason-code').textContent).toBe('MissingAllowOriginHeader');
  });

  it('quotes a request header of a request never sent as the page set it, not as missing', async () => {
    const [record] = buildExchanges([
      {
        url: `${API}/api/search`,
        method: 'POST',
        requestHeaders: { 'Content-Type': 'text/plain', 'X-Request-Id': 'abc-123' },
        preflight: { status: 204, headers: { 'Access-Control-Allow-Origin': FIXTURE_PAGE } },
        response: null,
        outcome: 'failed',
      },
    ]);
    const call = { api: 'fetch', url: record!.url, method: 'POST', mode: 'cors', credentials: 'same-origin' } as const;
    const neverSent = {
      ...record!,
      // What webRequest captures: the request was never sent, so it has no headers of its own.
      requestHeaders: [],
      pageFacts: {
        seen: 'page-and-network' as const,
        frameOrigin: FIXTURE_PAGE,
        call: {
          ...call,
          redirect: 'follow' as const,
          headers: [
            { name: 'Content-Type', value: 'text/plain' },
            { name: 'X-Request-Id', value: null },
          ],
          body: true,
          streamBody: false,
          uploadListener: false,
          at: record!.startedAt,
          stack: [{ url: `${FIXTURE_PAGE}/app.js`, line: 12, column: 5, functionName: 'search' }],
        },
        outcome: { kind: 'error' as const, name: 'TypeError', message: 'Failed to fetch' },
        endedAt: record!.startedAt + 5,
      },
    };
    await open('/api/search', { state: fixtureState(), exchanges: [neverSent] });
    expect(screen.getByTestId('reason-code').textContent).toBe('HeaderDisallowedByPreflightResponse');
    const failing = screen.getByTestId('failing-headers').textContent!;
    expect(failing).toContain('In the requestx-request-id: (set by the page; never sent: the preflight failed)');
    expect(failing).not.toContain('x-request-id: (missing)');
    // The page's facts are one folded line, with where the call was made.
    const facts = screen.getByTestId('page-facts') as HTMLDetailsElement;
    expect(facts.open).toBe(false);
    expect(facts.querySelector('summary')!.textContent).toBe(
      'Facts from the pagefetch() · mode cors · credentials same-origin',
    );
    expect(facts.textContent).toContain(`Called fromsearch @ ${FIXTURE_PAGE}/app.js:12:5`);
  });

  it('labels an exchange only the page reported', async () => {
    const [record] = buildExchanges([{ url: 'ftp://files.example/a.txt', response: null, outcome: 'failed' }]);
    const pageOnly = {
      ...record!,
      source: 'page' as const,
      pageFacts: {
        seen: 'page-only' as const,
        frameOrigin: FIXTURE_PAGE,
        call: {
          api: 'fetch' as const,
          url: 'ftp://files.example/a.txt',
          method: 'GET',
          mode: 'cors' as const,
          credentials: 'same-origin' as const,
          redirect: 'follow' as const,
          headers: [],
          body: false,
          streamBody: false,
          uploadListener: false,
          at: record!.startedAt,
        },
        outcome: { kind: 'error' as const, name: 'TypeError', message: 'Failed to fetch' },
        endedAt: record!.startedAt,
      },
    };
    await open('files.example', { state: fixtureState(), exchanges: [pageOnly] });
    expect(screen.getByTestId('page-reported').textContent).toMatch(
      /^Page-reported\. .*A page can report anything about its own calls\.$/,
    );
  });

  it("says a call recovered from the page's report after a worker stop did reach the network", async () => {
    const [record] = buildExchanges([{ url: 'http://api.example/put', response: null, outcome: 'pending' }]);
    const recovered = {
      ...record!,
      requestHeaders: [],
      interruptions: [{ from: record!.startedAt - 10, to: record!.startedAt + 500 }],
      pageFacts: {
        seen: 'page-only' as const,
        frameOrigin: FIXTURE_PAGE,
        call: {
          api: 'fetch' as const,
          url: 'http://api.example/put',
          method: 'PUT',
          mode: 'cors' as const,
          credentials: 'same-origin' as const,
          redirect: 'follow' as const,
          headers: [],
          body: true,
          streamBody: false,
          uploadListener: false,
          at: record!.startedAt,
        },
        outcome: {
          kind: 'response' as const,
          type: 'cors' as const,
          status: 200,
          redirected: false,
          url: 'http://api.example/put',
        },
        endedAt: record!.startedAt + 20,
      },
    };
    await open('api.example', { state: fixtureState(), exchanges: [recovered] });
    expect(screen.getByTestId('page-reported').textContent).toMatch(
      /^Recovered from the page's report\. The request reached the network while the extension's worker was stopped/,
    );
    fireEvent.click(screen.getByTestId('tab-headers'));
    await waitFor(() =>
      expect(screen.getByTestId('headers-tab').textContent).toMatch(
        /Request headers were not captured: the extension's worker was stopped while this request was in flight/,
      ),
    );
  });
});

describe('the What if tab', () => {
  const valueInput = (section: HTMLElement, name: string) =>
    within(section).getByRole('textbox', { name: `${name} value` }) as HTMLInputElement;

  it('applies the proposed fix, judges edits live, and goes back to the recording; nothing is sent', async () => {
    const { transport } = await open('/api/profile');
    fireEvent.click(screen.getByTestId('try-fix'));
    expect(screen.getByTestId('tab-what-if').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('what-if-verdict').textContent).toBe('Allowed');
    expect(screen.getByTestId('what-if-headline').textContent).toBe("The page's JavaScript can read this response.");
    const response = screen.getByTestId('what-if-response');
    const acao = valueInput(response, 'Access-Control-Allow-Origin');
    expect(acao.value).toBe('http://127.0.0.1:5173');
    fireEvent.input(acao, { target: { value: 'http://127.0.0.1:5173/' } });
    await waitFor(() => expect(screen.getByTestId('what-if-reason').textContent).toBe('AllowOriginMismatch'));
    expect(screen.getByTestId('what-if-headline').textContent).toMatch(/^The response allows the origin/);
    fireEvent.click(screen.getByTestId('what-if-reset'));
    await waitFor(() => expect(screen.getByTestId('what-if-reason').textContent).toBe('MissingAllowOriginHeader'));
    fireEvent.click(screen.getByTestId('what-if-apply-fix'));
    await waitFor(() => expect(screen.getByTestId('what-if-verdict').textContent).toBe('Allowed'));
    // Only the messages the panel always sends; the what-if asked the worker for nothing.
    expect(transport.sent.map((m) => m.type)).toEqual([]);
  });

  it('adds and removes headers, and edits the preflight status', async () => {
    await open('/api/session');
    fireEvent.click(screen.getByTestId('tab-what-if'));
    expect(screen.getByTestId('what-if-verdict').textContent).toBe('Allowed');
    const preflight = screen.getByTestId('what-if-preflight');
    fireEvent.input(within(preflight).getByTestId('what-if-preflight-status'), { target: { value: '403' } });
    await waitFor(() => expect(screen.getByTestId('what-if-reason').textContent).toBe('PreflightInvalidStatus'));
    fireEvent.input(within(preflight).getByTestId('what-if-preflight-status'), { target: { value: '204' } });
    fireEvent.click(within(preflight).getByRole('button', { name: 'Remove Access-Control-Allow-Methods' }));
    await waitFor(() =>
      expect(screen.getByTestId('what-if-reason').textContent).toBe('MethodDisallowedByPreflightResponse'),
    );
    fireEvent.click(within(preflight).getByTestId('what-if-preflight-add'));
    fireEvent.input(
      within(preflight)
        .getAllByRole('textbox', { name: /^Header \d+ name$/ })
        .at(-1)!,
      {
        target: { value: 'Access-Control-Allow-Methods' },
      },
    );
    fireEvent.input(valueInput(preflight, 'Access-Control-Allow-Methods'), { target: { value: 'DELETE' } });
    await waitFor(() => expect(screen.getByTestId('what-if-verdict').textContent).toBe('Allowed'));
  });

  it('is offered for CORS reads the network saw, not for failures or pending requests', async () => {
    await open('/api/down');
    expect(screen.queryByTestId('tab-what-if')).toBeNull();
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

describe('the Headers tab on thousands of headers', () => {
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`A-Many-${String(n - i).padStart(5, '0')}`, `v${i}`]));
  const scenario = () => ({
    state: fixtureState(),
    exchanges: buildExchanges([
      {
        url: 'http://localhost:7002/api/many',
        response: {
          status: 200,
          headers: { ...many(1000), 'Access-Control-Allow-Origin': 'https://elsewhere.example' },
        },
        outcome: 'failed',
      },
    ]),
  });
  const names = (section: HTMLElement) =>
    [...section.querySelectorAll('.header-row:not(.more-rows) .header-name')].map((n) => n.textContent);

  it('sorts by name, lays out the first hundred and the offending one, and more on request', async () => {
    await open('/api/many', scenario());
    fireEvent.click(screen.getByTestId('tab-headers'));
    const response = screen.getByTestId('response-headers');
    const shown = names(response);
    // 'A-Many-…' sorts before 'Access-…': the offending header is past the cut, and shown anyway.
    expect(shown).toHaveLength(101);
    expect(shown.slice(0, 3)).toEqual(['A-Many-00001', 'A-Many-00002', 'A-Many-00003']);
    expect(shown[100]).toBe('Access-Control-Allow-Origin');
    expect(response.querySelector('.highlighted .header-name')!.textContent).toBe('Access-Control-Allow-Origin');
    fireEvent.click(within(response).getByTestId('more-headers'));
    expect(names(response)).toHaveLength(301);
    // The raw view keeps wire order, in a box that renders only the lines in view.
    fireEvent.click(within(response).getByRole('checkbox', { name: 'Raw' }));
    const lines = within(response).getByTestId('virtual-text').querySelectorAll('.virtual-line');
    expect(lines.length).toBeLessThan(100);
    expect(lines[1]!.textContent).toBe('A-Many-01000: v0');
  });

  it('folds a section by its title', async () => {
    await open('/api/many', scenario());
    fireEvent.click(screen.getByTestId('tab-headers'));
    const response = screen.getByTestId('response-headers') as HTMLDetailsElement;
    expect(response.open).toBe(true);
    fireEvent.click(response.querySelector('summary')!);
    expect(response.open).toBe(false);
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

  it('says a failed preflight failed, that the request was never sent, and gives no caching advice', async () => {
    await open('/api/session');
    fireEvent.click(screen.getByTestId('tab-preflight'));
    expect(screen.getByTestId('preflight-cost').textContent).toMatch(
      /^The preflight took \d+ ms and failed, so the browser never sent the DELETE\.$/,
    );
    expect(screen.getByTestId('preflight-failure').textContent).toMatch(
      /The server answered the preflight \(OPTIONS\) with 500: a preflight needs a 2xx status/,
    );
    expect(screen.queryByTestId('max-age')).toBeNull();
    fireEvent.click(screen.getByTestId('preflight-failure-why'));
    expect(screen.getByTestId('tab-explanation').getAttribute('aria-selected')).toBe('true');
  });

  it('has a Redirects tab for a redirect the browser refused to follow', async () => {
    const API = 'http://localhost:7002';
    await open('/api/moved', {
      state: fixtureState(),
      exchanges: buildExchanges([
        {
          url: `${API}/api/moved`,
          response: { status: 302, headers: { Location: `${API}/api/new` } },
          outcome: 'failed',
        },
      ]),
    });
    expect(screen.getByTestId('failing-headers').textContent).toContain('In the redirect 1');
    fireEvent.click(screen.getByTestId('tab-redirects'));
    const hops = screen.getAllByTestId('hop');
    expect(hops).toHaveLength(1);
    expect(hops[0]!.textContent).toContain(`→ Location: ${API}/api/new`);
    expect(screen.getByTestId('hop-refused').textContent).toBe(
      'Not followed: The redirect response has no Access-Control-Allow-Origin header.',
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

  it('cut a 1 MB value with a button to show all of it in a scroll box, and show control characters', async () => {
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
    // Never laid out whole: a box that renders only the lines in view, and the whole value to copy.
    const box = within(row as HTMLElement).getByTestId('virtual-text');
    expect(box.querySelectorAll('.virtual-line').length).toBeGreaterThan(0);
    expect(box.querySelectorAll('.virtual-line').length).toBeLessThan(100);
    expect(row.textContent!.length).toBeLessThan(20_000);
    expect(within(row as HTMLElement).getByRole('button', { name: /Copy/ }).title).toBe(
      `Copy the whole value (${HUGE_VALUE_LENGTH.toLocaleString('en-US')} characters)`,
    );
    const control = [...document.querySelectorAll('.header-row')].find(
      (r) => r.querySelector('.header-name')!.textContent === 'X-Control',
    )!;
    expect(control.querySelector('.value-text')!.textContent).toBe(
      'a\\x00b\\x07c\\x1b[31mred\\x0d\\x0aInjected: yes\u202eevil',
    );
  });
});
