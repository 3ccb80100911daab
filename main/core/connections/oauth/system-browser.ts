/** Opens a URL in the person's own browser without a shell: the URL is one argv item, never parsed by a shell. */
import { spawn } from 'node:child_process';

/** Shows the person the authorization page. Injected, so tests drive the flow over HTTP instead. */
export type BrowserOpener = (url: URL) => Promise<void>;

/** The command that opens a URL on each platform, with the URL as the last argument. */
export function browserCommand(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  if (platform === 'win32') return { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] };
  return { command: 'xdg-open', args: [] };
}

/** The default opener: `xdg-open` / `open` / `rundll32 url.dll,FileProtocolHandler`, detached, no shell. */
export function systemBrowserOpener(platform: NodeJS.Platform = process.platform): BrowserOpener {
  return (url) =>
    new Promise<void>((resolve, reject) => {
      // SECURITY: only web pages; a file:, javascript: or custom-scheme URL would hand control to another program.
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return reject(new Error(`refusing to open a ${url.protocol} URL in the browser`));
      const { command, args } = browserCommand(platform);
      const child = spawn(command, [...args, url.href], { shell: false, stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', (error) => reject(new Error(`could not open the browser (${command}: ${error.message}); open this address yourself: ${url.href}`)));
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
}

/** Never resolves; rejects when opening the browser failed. Raced against the callback; a late failure changes nothing. */
export function failureOf(opening: Promise<void>): Promise<never> {
  const failure = opening.then(() => new Promise<never>(() => {}));
  failure.catch(() => {});
  return failure;
}
