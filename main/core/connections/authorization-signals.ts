/** How `hallpass connect` / `disconnect` tell a running Hallpass that a connection's keychain item changed:
 * a file per connection under `<data dir>/signals/`, which the running connection watches. No secret is in it. */
import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectionIdSchema } from '../control/schemas.ts';
import type { Disposable, Log } from '../model.ts';

/** The folder of signal files (owner only, like the data dir). */
function signalsDir(dataDir: string): string {
  return join(dataDir, 'signals');
}

/** Records that the authorization of `connectionId` changed (the file holds only the time). */
export async function signalAuthorizationChanged(dataDir: string, connectionId: string, now: number): Promise<void> {
  // SECURITY: the id becomes a file name: only valid connection ids, which have no separators or dots.
  const id = connectionIdSchema.parse(connectionId);
  const dir = signalsDir(dataDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, id), `${now}\n`, { mode: 0o600 });
}

/** Runs `reload` whenever the signal file of `connectionId` is written: one at a time, and once more after a run
 * that a new signal overtook (so the last write is always read). Without file watching it does nothing. */
export function watchAuthorizationSignals(dataDir: string, connectionId: string, reload: () => Promise<void>, log: Log): Disposable {
  const id = connectionIdSchema.parse(connectionId);
  let running = false;
  let again = false;
  let disposed = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await reload().catch((error: unknown) => log.warn('reloading an authorization failed', { connection: id, error: String(error) }));
      } while (again && !disposed);
    } finally {
      running = false;
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    const dir = signalsDir(dataDir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Not persistent: a watcher never keeps the process alive on its own.
    watcher = watch(dir, { persistent: false }, (_event, file) => {
      if (file === id && !disposed) void run();
    });
    watcher.on('error', (error) => log.warn('authorization signal watcher failed', { connection: id, error: error.message }));
  } catch (error) {
    log.warn('cannot watch for authorization signals; restart Hallpass after connecting', { connection: id, error: String(error) });
  }
  return {
    dispose() {
      disposed = true;
      watcher?.close();
    },
  };
}
