/** Rails (or any Rack app) with rack-cors, outermost in the middleware stack. */
import { rubyString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function rails(s: SnippetInput): string {
  const list = (values: string[]) => `[${values.map(rubyString).join(', ')}]`;
  // rack-cors compares an http(s) string exactly but turns any other string into a pattern; a
  // lambda keeps such a value (only a hand-made request sends one) an exact comparison.
  const origin = /^https?:\/\//.test(s.origin)
    ? rubyString(s.origin)
    : `->(origin, _env) { origin == ${rubyString(s.origin)} }`;
  return [
    ...preamble('rails', '#', [
      'config/initializers/cors.rb. insert_before 0 makes rack-cors the outermost middleware: it answers',
      'preflights before authentication (a before_action, Devise, Warden) runs, and adds the headers to the',
      `responses of Rails' exception handling too: ${ERROR_PATH}`,
      'A plain Rack app: put `use Rack::Cors do ... end` with the same block first in config.ru.',
    ]),
    `Rails.application.config.middleware.insert_before 0, Rack::Cors do`,
    `  allow do`,
    `    origins ${origin} # the allow-list, compared exactly`,
    `    resource "*",`,
    `      headers: ${list(s.headers)},`,
    `      methods: ${list(allowedMethods(s).map((m) => m.toLowerCase()))},`,
    ...(s.expose.length ? [`      expose: ${list(s.expose)},`] : []),
    ...(s.credentials ? [`      credentials: true,`] : []),
    `      max_age: ${MAX_AGE_SECONDS}`,
    `  end`,
    `end`,
  ].join('\n');
}
