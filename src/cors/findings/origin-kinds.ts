/** What kind of origin a header value names: serialized or not, loopback, code-hosting, which site. */
import { parseUrl } from '../origin.ts';

/** True for a serialized origin (`scheme://host[:port]`, lower-case, no default port, no slash): what ACAO must hold. */
export function isSerializedOrigin(value: string): boolean {
  const url = parseUrl(value);
  return url !== null && url.origin !== 'null' && url.origin === value;
}

export function hostnameOf(origin: string): string | null {
  return parseUrl(origin)?.hostname ?? null;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The site a host belongs to, approximated as its last two labels (IP literals and single labels
 * stand for themselves). Without the Public Suffix List `a.co.uk` and `b.co.uk` count as one site,
 * which only ever makes the session check more cautious (fewer "proven" reflections).
 */
export function siteOf(hostname: string): string {
  if (IPV4.test(hostname) || hostname.startsWith('[')) return hostname;
  const labels = hostname.split('.');
  return labels.length <= 2 ? hostname : labels.slice(-2).join('.');
}

/** Loopback hosts are "potentially trustworthy" even over http (https://w3c.github.io/webappsec-secure-contexts/#is-origin-trustworthy). */
export function isLoopbackHostname(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Playgrounds where anyone's code runs on one shared origin (CORScanner's `origins.json` third
 * parties): trusting one of these origins trusts every visitor's snippet.
 */
const SHARED_CODE_HOSTS = [
  'codepen.io',
  'cdpn.io',
  'jsfiddle.net',
  'jshell.net',
  'jsbin.com',
  'repl.it',
  'replit.com',
  'webdevout.net',
];

/** Hosts that give anyone a subdomain of their own: one origin belongs to one stranger, the domain to all of them. */
const PER_USER_CODE_HOSTS = [
  'github.io',
  'gitlab.io',
  'glitch.me',
  'repl.co',
  'replit.dev',
  'replit.app',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'herokuapp.com',
  'web.app',
  'firebaseapp.com',
  'surge.sh',
  'csb.app',
  'stackblitz.io',
];

export interface CodeHost {
  domain: string;
  /** true: everyone shares the origin; false: each user gets a subdomain. */
  shared: boolean;
}

export function codeHostOf(hostname: string): CodeHost | null {
  const within = (domain: string) => hostname === domain || hostname.endsWith(`.${domain}`);
  const shared = SHARED_CODE_HOSTS.find(within);
  if (shared) return { domain: shared, shared: true };
  const perUser = PER_USER_CODE_HOSTS.find(within);
  return perUser ? { domain: perUser, shared: false } : null;
}
