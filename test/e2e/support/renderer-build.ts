/** Makes sure dist/renderer (what `hallpass serve` serves) is built from the current renderer sources. */
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { build } from 'vite';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = join(ROOT, 'renderer');
const INDEX = join(ROOT, 'dist', 'renderer', 'index.html');
const LOCK = join(ROOT, 'dist', '.renderer-build.lock');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSource(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

const builtAt = (): Promise<number> => stat(INDEX).then((s) => s.mtimeMs, () => 0);

/** Builds the renderer when dist is missing or older than a source; one builder at a time across test files. */
export async function ensureRendererBuilt(): Promise<void> {
  if ((await builtAt()) >= (await newestSource(SOURCES))) return;
  await mkdir(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      if (waited > 60_000) throw new Error(`renderer build lock ${LOCK} held for a minute; remove it if no build runs`);
      await sleep(100);
    }
  }
  try {
    if ((await builtAt()) < (await newestSource(SOURCES))) {
      await build({ configFile: join(SOURCES, 'vite.config.ts'), logLevel: 'error' });
    }
  } finally {
    await rmdir(LOCK);
  }
}
