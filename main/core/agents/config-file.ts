/**
 * Reads and writes a client's config file safely: the original stays byte-for-byte as it was unless the
 * whole new file lands (temp file in the same directory, fsync, compare-before-rename, rename).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, realpath, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Clock } from '../model.ts';
import { ConfigFileError } from './json-document.ts';

/** The file as read, and what a later write must find unchanged. */
export interface FileSnapshot {
  /** The path written: the target of a symlink, so the link survives. */
  file: string;
  exists: boolean;
  bytes: Buffer;
  text: string;
  /** Permission bits kept on rewrite (0600 for a new file: it will hold a token). */
  mode: number;
  sha256: string;
}

export interface WriteOptions {
  clock: Clock;
  /** Runs after the temp file is complete and before the final comparison (tests simulate a client rewriting the file here). */
  beforeCommit?: () => Promise<void>;
}

const MAX_BYTES = 64 * 1024 * 1024;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** sha256 hex of bytes or text. */
export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Reads a config file (absent is fine); throws a ConfigFileError for anything unsafe to edit. */
export async function readConfigFile(path: string): Promise<FileSnapshot> {
  let file: string;
  try {
    file = await realpath(path);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw fail(path, error);
    if ((await lstat(path).catch(() => undefined))?.isSymbolicLink()) throw new ConfigFileError(`${path} is a symbolic link to a missing file; fix or remove the link, nothing was changed`);
    return { file: path, exists: false, bytes: Buffer.alloc(0), text: '', mode: 0o600, sha256: sha256('') };
  }
  const stat = await lstat(file).catch((error: unknown) => { throw fail(file, error); });
  if (!stat.isFile()) throw new ConfigFileError(`${file} is not a regular file; nothing was changed`);
  if (stat.size > MAX_BYTES) throw new ConfigFileError(`${file} is larger than ${MAX_BYTES / 1024 / 1024} MB; not editing it`);
  // SECURITY: never edit another user's file (as root the rewrite would change its owner).
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) {
    throw new ConfigFileError(`${file} belongs to another user (uid ${stat.uid}); run Hallpass as that user. Nothing was changed`);
  }
  const bytes = await readFile(file).catch((error: unknown) => { throw fail(file, error); });
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new ConfigFileError(`${file} is not UTF-8 text; nothing was changed`);
  }
  return { file, exists: true, bytes, text, mode: stat.mode & 0o7777, sha256: sha256(bytes) };
}

/** Replaces the file with `text` atomically, after a timestamped backup; returns the backup's path. */
export async function writeConfigFile(snapshot: FileSnapshot, text: string, options: WriteOptions): Promise<string | undefined> {
  const { file } = snapshot;
  if (snapshot.exists && (snapshot.mode & 0o200) === 0) {
    throw new ConfigFileError(`${file} is read-only (mode ${snapshot.mode.toString(8)}); make it writable (chmod u+w) if you want Hallpass to edit it. Nothing was changed`);
  }
  await mkdir(dirname(file), { recursive: true }).catch((error: unknown) => { throw fail(dirname(file), error); });
  const backup = snapshot.exists ? await writeBackup(snapshot, options.clock) : undefined;
  const temp = join(dirname(file), `.${basename(file)}.hallpass-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeSynced(temp, Buffer.from(text, 'utf8'), snapshot.mode);
    await options.beforeCommit?.();
    await assertUnchanged(snapshot);
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    if (backup) await unlink(backup).catch(() => undefined);
    throw error instanceof ConfigFileError ? error : fail(file, error);
  }
  await syncDir(dirname(file));
  return backup;
}

/** Deletes a file Hallpass created, if it is still exactly as read. */
export async function deleteConfigFile(snapshot: FileSnapshot, options: WriteOptions): Promise<void> {
  await options.beforeCommit?.();
  await assertUnchanged(snapshot);
  await unlink(snapshot.file).catch((error: unknown) => { throw fail(snapshot.file, error); });
  await syncDir(dirname(snapshot.file));
}

/** INVARIANT: a file that changed since it was read (a running client rewrote it) is never overwritten. */
async function assertUnchanged(snapshot: FileSnapshot): Promise<void> {
  let now: Buffer | undefined;
  try {
    now = await readFile(snapshot.file);
  } catch (error) {
    if (code(error) !== 'ENOENT') throw fail(snapshot.file, error);
  }
  const same = now === undefined ? !snapshot.exists : snapshot.exists && now.equals(snapshot.bytes);
  if (!same) {
    throw new ConfigFileError(`${snapshot.file} changed while Hallpass was editing it (is the client running and rewriting it?); nothing was written. Quit the client or try again`);
  }
}

async function writeBackup(snapshot: FileSnapshot, clock: Clock): Promise<string> {
  const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 1; ; n += 1) {
    const path = `${snapshot.file}.hallpass-backup-${stamp}${n === 1 ? '' : `-${n}`}`;
    try {
      // SECURITY: the original may hold secrets (env values of servers): the backup is owner-only.
      await writeSynced(path, snapshot.bytes, 0o600, 'wx');
      return path;
    } catch (error) {
      if (code(error) !== 'EEXIST' || n > 100) throw fail(path, error);
    }
  }
}

async function writeSynced(path: string, bytes: Buffer, mode: number, flags = 'wx'): Promise<void> {
  const handle = await open(path, flags, mode & 0o777);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  // open() is subject to the umask; the rewritten file keeps exactly the original's mode.
  await chmod(path, mode & 0o7777);
}

async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r').catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function fail(path: string, error: unknown): ConfigFileError {
  const reason = code(error) === 'EACCES' || code(error) === 'EPERM' ? 'permission denied' : error instanceof Error ? error.message : String(error);
  return new ConfigFileError(`cannot edit ${path}: ${reason}; nothing was changed`);
}
