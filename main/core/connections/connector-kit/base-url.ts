/** API base URLs: which ones a connector may send a token to, and how request URLs are built from them. */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** The result of checking a base URL: a normalised URL, or a reason it is refused. */
export type BaseUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Accepts https URLs, and plain http only to loopback (tests, local development).
 * No credentials, query or fragment: the base is an origin plus an optional path prefix.
 */
export function checkBaseUrl(raw: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` };
  }
  // SECURITY: tokens travel only over TLS, except to this machine's own loopback interface.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, reason: `API base URL must use https (http is allowed only for loopback): ${url.origin}` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'API base URL must not contain credentials' };
  if (url.search !== '' || url.hash !== '') return { ok: false, reason: 'API base URL must not contain a query or fragment' };
  return { ok: true, url };
}

/** Query values; undefined entries are left out. */
export type QueryParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** Joins base + path + query; the result always stays on the base's origin. */
export function buildUrl(base: URL, path: string, query?: QueryParams): URL {
  if (!path.startsWith('/')) throw new Error(`request path must start with "/": ${path}`);
  // The base path without its trailing slash ("https://h/api/v3/" and "https://h" both work).
  const url = new URL(`${base.origin}${base.pathname.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  // INVARIANT: a path can never move a request (and its bearer token) to another origin.
  if (url.origin !== base.origin) throw new Error('request path left the API origin');
  return url;
}

/** Percent-encodes one path segment (ids, names) so it cannot add segments or a query. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
