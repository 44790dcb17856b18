/**
 * String literals for the languages the server snippets are written in. Every value comes from the
 * wire (an Origin, a header name, a URL), so none is trusted: printable ASCII is kept, each
 * language's own specials are escaped, and everything else becomes a code-point escape, so a value
 * can never end its literal or comment and become code.
 */

const PRINTABLE_ASCII = /^[\x20-\x7e]$/;
const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

/** `"…"` with `"`, `\` and the language's other `specials` backslash-escaped, the rest of non-printable-ASCII by `escape`. */
function quoted(value: string, escape: (cp: number) => string, specials = ''): string {
  let out = '"';
  for (const ch of value) {
    if (ch === '"' || ch === '\\' || specials.includes(ch)) out += `\\${ch}`;
    else if (PRINTABLE_ASCII.test(ch)) out += ch;
    else out += escape(ch.codePointAt(0)!);
  }
  return `${out}"`;
}

/** A JavaScript string literal (ES2015 `\u{…}` for astral code points; lone surrogates stay as they are). */
export function jsString(value: string): string {
  return quoted(value, (cp) => (cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\u{${hex(cp, 1)}}`));
}

/** A Python 3 str literal (not raw, not an f-string). */
export function pyString(value: string): string {
  return quoted(value, (cp) =>
    cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`,
  );
}

/** A Go interpreted string literal. Go strings are UTF-8 and cannot hold a lone surrogate: it becomes U+FFFD. */
export function goString(value: string): string {
  return quoted(value, (cp) => (isSurrogate(cp) ? '\\uFFFD' : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`));
}

/**
 * A Ruby double-quoted string literal: `#` is escaped so `#{…}` cannot interpolate. Ruby strings are
 * UTF-8 and cannot hold a lone surrogate: it becomes U+FFFD.
 */
export function rubyString(value: string): string {
  return quoted(value, (cp) => (isSurrogate(cp) ? '\\u{FFFD}' : `\\u{${hex(cp, 1)}}`), '#');
}

/**
 * A Java string literal. Java translates `\uXXXX` before it reads the source (JLS 3.3), so a `\u000a`
 * would end the line: control characters are written as octal escapes, which it does not translate.
 */
export function javaString(value: string): string {
  const utf16 = (cp: number) =>
    String.fromCodePoint(cp)
      .split('')
      .map((unit) => `\\u${hex(unit.charCodeAt(0), 4)}`)
      .join('');
  // Three octal digits always, so a digit that follows is not read as part of the escape.
  return quoted(value, (cp) => (cp < 0x80 ? `\\${cp.toString(8).padStart(3, '0')}` : utf16(cp)));
}

/** A C# regular string literal (`\U` for astral code points; lone surrogates stay as they are). */
export function csharpString(value: string): string {
  return quoted(value, (cp) => (cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`));
}

/** A JSON string, ASCII only (what the AWS CLI reads from a file), via JSON.stringify. */
export function jsonString(value: string): string {
  return JSON.stringify(value).replace(/[^\x20-\x7e]/g, (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`);
}

/**
 * The body of a regular expression that matches `value` and nothing else in RE2 (Caddy), PCRE
 * (Apache) and Python's `re`: letters, digits, `-`, `:` and `/` stay, a dot is `\.`, and every
 * other character is `\xHH`, so the quoting rules of the configuration language around it never
 * meet a quote, a backslash pair or a `$`. Printable ASCII only; callers check with `printableAscii`.
 */
export function regexLiteral(value: string): string {
  return [...value]
    .map((ch) => (/[A-Za-z0-9:/-]/.test(ch) ? ch : ch === '.' ? '\\.' : `\\x${hex(ch.charCodeAt(0), 2)}`))
    .join('');
}

/** True when every character of every value is printable ASCII (what config languages can spell). */
export function printableAscii(...values: string[]): boolean {
  return values.every((v) => /^[\x20-\x7e]*$/.test(v));
}

/**
 * A serialized http(s) origin as browsers send it: scheme, host, optional port, nothing else. Some
 * libraries compare such strings exactly but read anything else as a pattern or reject it, so the
 * snippets write any other value (only a hand-made request can carry one) as an anchored pattern.
 */
export function isPlainOrigin(value: string): boolean {
  return /^https?:\/\/(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(value);
}

/** Text for a line comment in any snippet language: one line, printable ASCII, bounded. */
export function commentText(value: string, max = 200): string {
  const flat = [...value].map((ch) => (PRINTABLE_ASCII.test(ch) ? ch : '?')).join('');
  return flat.length > max ? `${flat.slice(0, max)}...` : flat;
}

/**
 * nginx has no escapes beyond `\"`, `\'`, `\\`, `\t`, `\r` and `\n` (ngx_conf_file.c
 * ngx_conf_read_token), and no escape at all for `$`, which starts a variable in add_header values.
 * So nginx values are limited to printable ASCII; anything else is refused (null) by the callers.
 */
export function nginxWritable(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/** The variable a snippet declares (with `geo`, whose values are not scripts) to hold a literal `$`. */
export const NGINX_DOLLAR_VARIABLE = 'cors_dollar';

/** A quoted value for a directive that expands variables (add_header): `$` is spelled `${cors_dollar}`. */
export function nginxValue(value: string): string {
  const escaped = value.replace(/["\\]/g, (c) => `\\${c}`).replace(/\$/g, `\${${NGINX_DOLLAR_VARIABLE}}`);
  return `"${escaped}"`;
}

/**
 * A quoted `map` source value matched literally. A leading `~` would make it a regular expression
 * and `default`/`include`/`hostnames`/`volatile` are keywords; ngx_http_map_module strips one
 * leading backslash, which turns all of them back into plain strings.
 */
export function nginxMapKey(value: string): string {
  const literal =
    /^[~\\]/.test(value) || ['default', 'include', 'hostnames', 'volatile'].includes(value) ? `\\${value}` : value;
  return `"${literal.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
