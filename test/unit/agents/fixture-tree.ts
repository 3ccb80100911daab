/** Copies a fixture config tree (test/fixtures/agent-configs) into a temp dir and gives its path roots. */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import type { PathRoots } from '../../../main/core/agents/config-locations.ts';
import type { HallpassEndpoint } from '../../../main/core/agents/hallpass-entry.ts';
import type { Clock, Ids } from '../../../main/core/model.ts';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/agent-configs/', import.meta.url));

export type FixturePlatform = 'darwin' | 'win32' | 'linux';

export interface FixtureTree extends AsyncDisposable {
  dir: string;
  roots: PathRoots;
  /** The copied project directory (`webapp`). */
  project: string;
}

/** A fresh copy of the fixture home of `platform` plus the project tree. */
export async function fixtureTree(platform: FixturePlatform): Promise<FixtureTree> {
  const dir = await mkdtemp(join(tmpdir(), `hallpass-agents-${platform}-`));
  await cp(join(FIXTURES, platform), dir, { recursive: true });
  await cp(join(FIXTURES, 'project'), join(dir, 'projects'), { recursive: true });
  const home = join(dir, 'home');
  return {
    dir,
    project: join(dir, 'projects', 'webapp'),
    roots: { platform, home, appData: join(home, 'AppData', 'Roaming'), xdgConfigHome: join(home, '.config') },
    [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }),
  };
}

/** sha256 of a file's bytes, or `absent`. */
export async function fileHash(path: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch {
    return 'absent';
  }
}

/** A deterministic clock and id source for tests. */
export function testClockAndIds(start = Date.UTC(2026, 0, 15, 9, 30, 0)): { clock: Clock & { advance(ms: number): void }; ids: Ids } {
  let now = start;
  let n = 0;
  return {
    clock: { now: () => now, advance: (ms) => void (now += ms) },
    ids: { id: (prefix) => `${prefix}_${(n += 1).toString().padStart(6, '0')}`, token: () => `tok${(n += 1).toString().padStart(40, '0')}` },
  };
}

/** The endpoint install writes (a fixed port and shim path, as the CLI would compute them). */
export const TEST_ENDPOINT: HallpassEndpoint = {
  url: 'http://127.0.0.1:4255/mcp',
  shim: { command: '/opt/node24/bin/node', args: ['/opt/hallpass/bin/hallpass.mjs', 'mcp'], env: {} },
};
