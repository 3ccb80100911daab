/** Which authorization-server URLs Hallpass talks to or opens in a browser: https, or http on loopback in development. */

/** Hostnames that always mean this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** Throws unless `url` is https, or http to a loopback host while `allowInsecureLoopback` is set. */
export function assertEndpointAllowed(raw: string | URL, what: string, allowInsecureLoopback: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`the ${what} is not a valid URL`);
  }
  if (url.username || url.password) throw new Error(`the ${what} must not carry credentials`);
  if (url.protocol === 'https:') return url;
  // SECURITY: tokens and codes never travel in clear text, except to this machine in development and tests.
  if (url.protocol === 'http:' && allowInsecureLoopback && isLoopbackHostname(url.hostname)) return url;
  throw new Error(`the ${what} must use https (got ${url.protocol}//${url.host})`);
}
