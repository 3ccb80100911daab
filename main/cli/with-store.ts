/** Opens the data dir's database for one command and always closes it. */
import { mkdir } from 'node:fs/promises';
import { dataFiles } from '../core/paths/data-dir.ts';
import { openStore } from '../core/store/open-store.ts';
import type { Store } from '../core/store/store-types.ts';
import type { CliContext } from './cli-context.ts';

/** Runs `fn` with the store of `ctx.dataDir` (created, mode 0700, when missing). */
export async function withStore<T>(ctx: CliContext, fn: (store: Store) => T | Promise<T>): Promise<T> {
  // SECURITY: the data dir holds token hashes, the audit log and the control token: owner only.
  await mkdir(ctx.dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(dataFiles(ctx.dataDir).db);
  try {
    return await fn(store);
  } finally {
    await store.dispose();
  }
}
