/** Applies the window policy to live Electron objects: navigation, window.open, webviews, CSP header, permissions. */
import type { Disposable, Log } from '../core/model.ts';
import { isRendererUrl } from './renderer-location.ts';
import type { RendererLocation } from './renderer-location.ts';
import { contentSecurityPolicy, safeExternalUrl } from './window-policy.ts';

type Listener = (event: { preventDefault(): void; url?: string }) => void;

/** The part of Electron's WebContents the guard touches. */
export interface GuardedContentsLike {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate' | 'will-attach-webview', listener: Listener): unknown;
  removeListener(event: 'will-navigate' | 'will-attach-webview', listener: Listener): unknown;
}

export interface GuardDeps {
  location: RendererLocation;
  /** Electron's shell.openExternal. */
  openExternal(url: string): Promise<void>;
  log: Log;
}

/** Opens a link in the OS browser only after validation; logs and drops anything else. */
export function openExternalIfSafe(deps: GuardDeps, raw: string): boolean {
  const url = safeExternalUrl(raw);
  if (!url) {
    deps.log.warn('refused to open a link that is not a plain https URL', { scheme: raw.split(':', 1)[0]?.slice(0, 20) });
    return false;
  }
  deps.openExternal(url).catch((error: unknown) => deps.log.warn('could not open link', { error: String(error) }));
  return true;
}

/** Denies window.open, navigation away from the renderer and webviews; https links go to the OS browser. */
export function guardWebContents(contents: GuardedContentsLike, deps: GuardDeps): Disposable {
  // SECURITY: no new windows, ever; a valid https link opens in the person's browser instead.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(deps, url);
    return { action: 'deny' };
  });
  const onNavigate: Listener = (event) => {
    const url = event.url ?? '';
    if (isRendererUrl(deps.location, url)) return;
    // SECURITY: the window never leaves the app's own renderer.
    event.preventDefault();
    openExternalIfSafe(deps, url);
  };
  const onAttachWebview: Listener = (event) => event.preventDefault();
  contents.on('will-navigate', onNavigate);
  contents.on('will-attach-webview', onAttachWebview);
  return {
    dispose() {
      contents.removeListener('will-navigate', onNavigate);
      contents.removeListener('will-attach-webview', onAttachWebview);
    },
  };
}

type HeadersCallback = (response: { responseHeaders?: Record<string, string[]> }) => void;
type HeadersListener = (details: { responseHeaders?: Record<string, string[]> }, callback: HeadersCallback) => void;

/** The part of Electron's Session the guard touches. */
export interface GuardedSessionLike {
  webRequest: { onHeadersReceived(listener: HeadersListener | null): void };
  setPermissionRequestHandler(handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean) | null): void;
}

/** Permissions the renderer may use: writing to the clipboard (copying a new client's config). */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/** True when the renderer itself asks for an allowed permission. */
export function permissionAllowed(location: RendererLocation, permission: string, requestingUrl: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isRendererUrl(location, requestingUrl);
}

/** Adds the CSP header to every response of the session and denies every permission but the allowed few. */
export function guardSession(session: GuardedSessionLike, location: RendererLocation): Disposable {
  const csp = contentSecurityPolicy(location);
  // SECURITY: the CSP rides on every response of this session, file:// included (meta tags can be removed, headers cannot).
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionAllowed(location, permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => permissionAllowed(location, permission, details.requestingUrl));
  return {
    dispose() {
      session.webRequest.onHeadersReceived(null);
      session.setPermissionRequestHandler(null);
      session.setPermissionCheckHandler(null);
    },
  };
}
