/** The control token of `hallpass serve`: taken from the link's fragment, kept for this tab only. */

const KEY = 'hallpass.controlToken';
const TOKEN_SHAPE = /^[A-Za-z0-9._~+/=-]{16,512}$/;

/** The parts of the page the token lives in (injected so it can be tested). */
export interface TokenPlace {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url: string): void };
  /** sessionStorage: survives reloads of this tab, gone when the tab closes. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** True when the text looks like a control token (no spaces, sane length). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * Takes `#token=…` from the URL into this tab's storage and strips the fragment, then answers the
 * tab's token, if any.
 */
export function takeToken(place: TokenPlace): string | undefined {
  const fragment = new URLSearchParams(place.location.hash.replace(/^#/, ''));
  const fromLink = fragment.get('token');
  if (fromLink !== null) {
    // SECURITY: the token must not linger in the address bar, history or a copied link.
    place.history.replaceState(null, '', place.location.pathname + place.location.search);
    if (isTokenShaped(fromLink)) place.storage.setItem(KEY, fromLink);
  }
  const kept = place.storage.getItem(KEY);
  return kept !== null && isTokenShaped(kept) ? kept : undefined;
}

/** Keeps a token the person typed. */
export function keepToken(place: TokenPlace, token: string): void {
  place.storage.setItem(KEY, token);
}

/** Forgets the token (the server refused it). */
export function forgetToken(place: TokenPlace): void {
  place.storage.removeItem(KEY);
}
