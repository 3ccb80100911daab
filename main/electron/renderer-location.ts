/** Where the app's own renderer lives, and whether a URL or an IPC sender frame is that renderer. */
import { pathToFileURL } from 'node:url';

/** The packaged index.html (file://), or in development only, a loopback dev server. */
export type RendererLocation =
  | { kind: 'file'; indexHtml: string }
  | { kind: 'dev'; origin: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Picks the renderer location; a dev URL counts only when unpackaged and on a loopback http origin. */
export function rendererLocation(opts: { packaged: boolean; indexHtml: string; devUrl?: string | undefined }): RendererLocation {
  if (opts.packaged || !opts.devUrl) return { kind: 'file', indexHtml: opts.indexHtml };
  const url = new URL(opts.devUrl);
  // SECURITY: a development renderer may only come from this machine.
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`refusing dev renderer URL ${url.origin}: only http on 127.0.0.1, localhost or [::1]`);
  }
  return { kind: 'dev', origin: url.origin };
}

/** The URL the window loads. */
export function rendererUrl(location: RendererLocation): string {
  return location.kind === 'file' ? pathToFileURL(location.indexHtml).href : `${location.origin}/`;
}

/** True when `url` is a page of the app's own renderer (any hash or query). */
export function isRendererUrl(location: RendererLocation, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (location.kind === 'dev') return parsed.origin === location.origin;
  const own = pathToFileURL(location.indexHtml);
  return parsed.protocol === 'file:' && parsed.host === own.host && parsed.pathname === own.pathname;
}

/** The part of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** True only for the top frame of the app's own renderer; anything else (subframes, other pages, gone frames) is refused. */
export function isTrustedSender(location: RendererLocation, frame: SenderFrameLike | null | undefined): boolean {
  // SECURITY: IPC is accepted only from our own top-level page (GitHub Desktop / VS Code style sender check).
  return frame != null && frame.parent == null && isRendererUrl(location, frame.url);
}
