import { verifiedAgainst } from '../../../src/cors/verified-versions.ts';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildExchange } from '../../../src/devtools/panel/fixtures/build-exchange.ts';
import { SCENARIOS } from '../../../src/devtools/panel/fixtures/scenarios.ts';
import { codeSpan, DETAILED_LIMIT, escapeText, toMarkdown } from '../../../src/shared/markdown.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

// Rendered as GitHub would: raw HTML allowed, URLs linkified. Escaping must hold even then.
const md = new MarkdownIt({ html: true, linkify: true });
const meta = { pageUrl: 'http://127.0.0.1:5173/', generatedAt: Date.UTC(2026, 0, 2, 3, 4, 5) };

/** Elements a ticket renderer would create from the output. */
function elements(html: string): string[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)\b/gi)].map((m) => m[1]!.toLowerCase());
}

const SAFE_ELEMENTS = new Set([
  'h3',
  'h4',
  'p',
  'code',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'blockquote',
  'pre',
  'ul',
  'li',
  'a',
]);

describe('toMarkdown', () => {
  it('summarizes the counts and lists what needs attention', () => {
    const text = toMarkdown(demoRecords(), meta);
    expect(text).toMatch(/^### CORS: 7 of 14 cross-origin requests blocked/);
    expect(text).toContain('14 exchanges · 7 blocked · 1 with findings · 2026-01-02T03:04:05.000Z');
    const html = md.render(text);
    // Header row + 7 blocked + 1 failed + 1 with findings.
    expect(html.match(/<tr>/g)).toHaveLength(10);
    expect(text).toContain('#### 1. `GET http://localhost:7002/api/profile`');
    expect(text).toContain('Access-Control-Allow-Methods: PUT');
    expect(text).toContain(
      `in your app module, before authentication and the routes (verified against ${verifiedAgainst('express')}):`,
    );
    expect(text).toContain('Snippets for 19 other stacks are in the panel and the JSON report.');
  });

  it('renders hostile values as text only, even with raw HTML allowed', () => {
    const records = SCENARIOS.hostile!().exchanges;
    const html = md.render(
      toMarkdown(records, {
        ...meta,
        pageUrl: 'http://x/<script>alert(1)</script>',
        filter: '<img src=x onerror=alert(2)>',
      }),
    );
    const created = new Set(elements(html));
    for (const tag of created) expect(SAFE_ELEMENTS).toContain(tag);
    expect(html).not.toMatch(/<img|<script|<b>/i);
    expect(html).toContain('&lt;img src=x onerror=');
  });

  it('keeps a | in a value inside its table cell', () => {
    const piped = buildExchange(
      { url: 'http://localhost:7002/a|b', response: { status: 200, headers: {} }, outcome: 'failed' },
      1,
    );
    const html = md.render(toMarkdown([piped], meta));
    const row = html.split('<tr>')[2]!;
    expect(row.match(/<td/g)).toHaveLength(5);
    expect(row).toContain('GET http://localhost:7002/a|b');
  });

  it('details at most DETAILED_LIMIT blocked exchanges and says how many more', () => {
    const many = Array.from({ length: DETAILED_LIMIT + 3 }, (_, i) =>
      buildExchange(
        { url: `http://localhost:7002/x${i}`, response: { status: 200, headers: {} }, outcome: 'failed' },
        i + 1,
      ),
    );
    const text = toMarkdown(many, meta);
    expect(text.match(/^#### /gm)).toHaveLength(DETAILED_LIMIT);
    expect(text).toContain('…and 3 more blocked exchanges');
  });

  it('says so when nothing needs attention', () => {
    expect(toMarkdown([demoRecords()[0]!], meta)).toContain(
      'No exchange was blocked, failed, unfinished or has findings.',
    );
  });
});

describe('codeSpan and escapeText', () => {
  it.each(['plain', 'a`b', '``x``', '`lead', 'trail`', ' x ', ' lead', '   '])(
    'a code span holds %j exactly',
    (value) => {
      const html = md.renderInline(codeSpan(value));
      expect(html).toBe(
        `<code>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</code>`,
      );
    },
  );

  it('names an empty value instead of writing an empty span', () => {
    expect(md.renderInline(codeSpan(''))).toBe('(empty)');
  });

  it('shows control characters instead of breaking lines', () => {
    expect(codeSpan('a\nb')).toBe('`a\\x0ab`');
    expect(escapeText('a\r\nb')).not.toMatch(/[\r\n]/);
  });

  it('escaped text renders as the same text', () => {
    const value = '*bold* _em_ [link](javascript:alert(1)) <i>x</i> # h | t ~s~ &amp;';
    expect(md.renderInline(escapeText(value))).toBe(
      value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
    );
  });
});
