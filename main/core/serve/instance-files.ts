/** instance.json and control.token: how the CLI, the shim and the web UI find the running instance. */
import { existsSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import type { InstanceInfo } from '../paths/data-dir.ts';

const instanceSchema = z.object({ pid: z.number().int().positive(), port: z.number().int().min(1).max(65535), socket: z.string(), version: z.string() });

/** Reads instance.json; undefined when absent, unreadable, malformed or its process is gone. */
export function readLiveInstance(path: string): InstanceInfo | undefined {
  if (!existsSync(path)) return undefined;
  let info: InstanceInfo;
  try {
    info = instanceSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
  try {
    process.kill(info.pid, 0);
    return info;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? info : undefined;
  }
}

/** Writes a small file atomically with owner-only permissions. */
export function writePrivateFile(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Removes instance.json if it still names this process. */
export function removeInstanceFile(path: string, pid: number): void {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as { pid?: number };
    if (info.pid === pid) rmSync(path, { force: true });
  } catch {
    // already gone or unreadable: nothing of ours to remove
  }
}
