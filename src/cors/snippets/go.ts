/** Go net/http: a middleware around the whole mux, with a recover so a panic still answers with CORS headers. */
import { goString } from '../snippet-literals.ts';
import { allowedMethods, ERROR_PATH, MAX_AGE_SECONDS, preamble, type SnippetInput } from './common.ts';

export function go(s: SnippetInput): string {
  const set = (indent: string, name: string, value: string) =>
    `${indent}w.Header().Set(${goString(name)}, ${goString(value)})`;
  const inner = '\t\t\t';
  const innermost = '\t\t\t\t';
  return [
    ...preamble('go', '//', [
      'A file of your main package (after its package line). Make it the outermost handler, outside',
      'authentication: http.ListenAndServe(addr, withCORS(mux)). It answers OPTIONS preflights itself (204):',
      `they never carry cookies or Authorization. ${ERROR_PATH} A panicking handler`,
      'becomes a 500 with the headers: net/http would otherwise drop the connection, which the browser reports as a CORS error.',
    ]),
    `import (`,
    `\t"log"`,
    `\t"net/http"`,
    `)`,
    ``,
    `var corsAllowedOrigins = map[string]bool{`,
    `\t${goString(s.origin)}: true,`,
    `}`,
    ``,
    `func withCORS(next http.Handler) http.Handler {`,
    `\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {`,
    `\t\torigin := r.Header.Get("Origin")`,
    `\t\tw.Header().Add("Vary", "Origin")`,
    `\t\tallowed := corsAllowedOrigins[origin]`,
    `\t\tif allowed {`,
    `${inner}w.Header().Set("Access-Control-Allow-Origin", origin)`,
    ...(s.credentials ? [set(inner, 'Access-Control-Allow-Credentials', 'true')] : []),
    ...(s.expose.length ? [set(inner, 'Access-Control-Expose-Headers', s.expose.join(', '))] : []),
    `\t\t}`,
    `\t\tif r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {`,
    `\t\t\tif allowed {`,
    set(innermost, 'Access-Control-Allow-Methods', allowedMethods(s).join(', ')),
    ...(s.headers.length ? [set(innermost, 'Access-Control-Allow-Headers', s.headers.join(', '))] : []),
    set(innermost, 'Access-Control-Max-Age', String(MAX_AGE_SECONDS)),
    `\t\t\t}`,
    `\t\t\tw.WriteHeader(http.StatusNoContent)`,
    `\t\t\treturn`,
    `\t\t}`,
    `\t\tdefer func() {`,
    `\t\t\tif err := recover(); err != nil {`,
    `\t\t\t\tif err == http.ErrAbortHandler {`,
    `\t\t\t\t\tpanic(err)`,
    `\t\t\t\t}`,
    `\t\t\t\tlog.Printf("panic serving %s: %v", r.URL.Path, err)`,
    `\t\t\t\thttp.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)`,
    `\t\t\t}`,
    `\t\t}()`,
    `\t\tnext.ServeHTTP(w, r)`,
    `\t})`,
    `}`,
  ].join('\n');
}
