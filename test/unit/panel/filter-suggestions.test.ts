import { describe, expect, it } from 'vitest';
import { suggest } from '../../../src/devtools/panel/core/filter-suggestions.ts';
import { demoRecords } from '../../fixtures/exchanges/demo-records.ts';

const records = demoRecords();
const at = (query: string) => suggest(query, query.length, records);

describe('filter suggestions', () => {
  it('offers keys for a word being typed', () => {
    expect(at('pre')).toEqual({ from: 0, to: 3, items: ['preflight:'] });
    expect(at('method:PUT -st')).toEqual({ from: 12, to: 14, items: ['status-code:'] });
  });

  it("offers a key's fixed values, then the values seen in the log", () => {
    expect(at('cors:b')?.items).toEqual(['cors:blocked']);
    expect(at('method:')?.items).toEqual(['method:DELETE', 'method:GET', 'method:POST', 'method:PUT']);
    expect(at('status-code:4')?.items).toEqual(['status-code:403']);
    expect(at('domain:')?.items).toEqual(['domain:127.0.0.1', 'domain:localhost']);
    expect(at('reason:Allow')?.items).toEqual(['reason:AllowOriginMismatch']);
    // Only the reasons the log holds: one that matches nothing is no suggestion.
    expect(at('reason:')?.items).toEqual([
      'reason:AllowOriginMismatch',
      'reason:HeaderDisallowedByPreflightResponse',
      'reason:MethodDisallowedByPreflightResponse',
      'reason:MissingAllowOriginHeader',
      'reason:PreflightInvalidStatus',
      'reason:WildcardOriginNotAllowed',
    ]);
    expect(at('reason:Disallowed')).toBeNull();
  });

  it('replaces only the word under the caret', () => {
    const query = 'cors:blocked meth -domain:x';
    expect(suggest(query, 17, records)).toEqual({ from: 13, to: 17, items: ['method:'] });
    expect(suggest('-dom', 4, records)).toEqual({ from: 1, to: 4, items: ['domain:'] });
  });

  it('stays quiet for nothing typed, a regex, a finished value or an unknown key', () => {
    expect(at('')).toBeNull();
    expect(at('cors:blocked ')).toBeNull();
    expect(at('/api')).toBeNull();
    expect(at('cors:blocked')).toBeNull();
    expect(at('zzz:')).toBeNull();
  });
});
