/** Where this Hallpass is installed: the folder holding bin/hallpass.mjs (from sources or from dist/node alike). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Walks up from this file to the folder that has bin/hallpass.mjs. */
export function installRoot(from: string = import.meta.dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'bin', 'hallpass.mjs'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find bin/hallpass.mjs above ${from}`);
  }
}

/** Absolute path of the `hallpass` launcher. */
export function launcherPath(): string {
  return join(installRoot(), 'bin', 'hallpass.mjs');
}
