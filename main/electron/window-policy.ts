/** The window's security policy as plain values: BrowserWindow options, the CSP, which external links may open. */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { RendererLocation } from './renderer-location.ts';

/** BrowserWindow options: an isolated, sandboxed renderer without Node, hidden until its first paint. */
export function windowOptions(opts: { preload: string; icon?: string | undefined; devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Hallpass',
    autoHideMenuBar: true,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      preload: opts.preload,
      // SECURITY: the page gets no Node, runs in Chromium's sandbox, and sees only the preload's named actions.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: opts.devTools,
    },
  };
}

const STRICT_DIRECTIVES = [
  "default-src 'none'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
];

/** The Content-Security-Policy of the renderer. Packaged: scripts and styles from the app only, no network at all. */
export function contentSecurityPolicy(location: RendererLocation): string {
  if (location.kind === 'file') {
    // SECURITY: no inline or eval'd script, no connections: the page talks to main through the preload only.
    return ["script-src 'self'", "style-src 'self'", "connect-src 'none'", ...STRICT_DIRECTIVES].join('; ');
  }
  // Development only (never packaged): Vite's dev server injects inline styles and a preamble, and uses a websocket.
  const ws = location.origin.replace(/^http/, 'ws');
  return ["script-src 'self' 'unsafe-inline'", "style-src 'self' 'unsafe-inline'", `connect-src 'self' ${ws}`, ...STRICT_DIRECTIVES].join('; ');
}

/** The URL to hand to the OS browser, or undefined: https only, no credentials, a host, bounded length. */
export function safeExternalUrl(raw: string): string | undefined {
  if (raw.length > 2048) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  // SECURITY: never hand file:, javascript:, custom schemes or credential-bearing URLs to the OS.
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  return url.href;
}
