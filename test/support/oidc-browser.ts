// Stands in for the person's browser: follows the authorization URL through the test AS's login and consent
// (with cookies, like a browser) and then requests the loopback callback, optionally tampered with.

export interface HttpBrowser {
  /** Inject as the BrowserOpener. */
  open(url: URL): Promise<void>;
  /** Every authorization URL opened (to inspect the request parameters). */
  opened: URL[];
  /** The loopback callback as delivered, and the page the app answered with. */
  callbacks: { url: URL; status: number; body: string }[];
  /** Resolves when every `open` has finished (the app's answer page read). */
  idle(): Promise<void>;
}

/** `tamper` may rewrite the callback URL (wrong state, wrong iss…) before it is delivered. */
export function createHttpBrowser(options: { tamper?: (callback: URL) => URL; maxHops?: number } = {}): HttpBrowser {
  const cookies = new Map<string, string>();
  const opened: URL[] = [];
  const callbacks: HttpBrowser['callbacks'] = [];
  const running: Promise<unknown>[] = [];

  const get = async (url: URL): Promise<Response> => {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(15_000) });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    return response;
  };

  const open = async (start: URL): Promise<void> => {
    opened.push(start);
    let url = start;
    for (let hop = 0; hop < (options.maxHops ?? 20); hop++) {
      const response = await get(url);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`the authorization server answered ${response.status} at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin === start.origin) {
        url = next;
        continue;
      }
      // Left the authorization server: this is the redirect back to the app.
      const delivered = options.tamper ? options.tamper(next) : next;
      const answer = await fetch(delivered, { signal: AbortSignal.timeout(15_000) });
      callbacks.push({ url: delivered, status: answer.status, body: await answer.text() });
      return;
    }
    throw new Error('too many redirects');
  };

  return {
    opened,
    callbacks,
    open(start) {
      const run = open(start);
      running.push(run.catch(() => {}));
      return run;
    },
    idle: async () => void (await Promise.all(running)),
  };
}
