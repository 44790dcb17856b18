/**
 * Values from the wire land in snippet source: each framework must run the snippet and treat every
 * such value as the literal it is. No browser sends an Origin like these, so the requests come from
 * Node's HTTP client straight to the real servers; the values are those HTTP can carry (printable
 * ASCII), chosen to be code in at least one snippet language.
 */
import type { SnippetInput } from '../../../src/cors/snippets.ts';

export const HOSTILE_ORIGINS = [
  'http://a"b\\c',
  "http://x'y",
  'http://$host',
  '~.*',
  'default',
  '\\leading-backslash',
  'http://a`${process.exit(1)}`',
  'http://a"); import os; os.system("id") #',
  'http://a; add_header X-Injected 1',
  'http://a} server { listen 1; }',
];

/** A header name may hold any token character: these mean something in JS, Python, Go, Ruby or a config file. */
export const HOSTILE_HEADER = "x-$uri`'#%!|~^*&+";

export const HOSTILE_INPUTS: SnippetInput[] = HOSTILE_ORIGINS.map((origin) => ({
  origin,
  url: 'http://localhost/r',
  credentials: true,
  methods: ['PUT'],
  headers: [HOSTILE_HEADER],
  expose: [],
}));
