/**
 * What an install added to a client file, kept in the store's settings so uninstall can restore the
 * file byte-for-byte. Holds offsets and a hash only: never a token or any content of the file.
 */
import { z } from 'zod';
import type { Store } from '../store/store-types.ts';
import type { InsertedRange } from './json-edits.ts';

const recordSchema = z.strictObject({
  clientId: z.string().min(1),
  /** sha256 of the file right after the install wrote it. */
  afterSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The ranges the install inserted; null when it replaced something (then uninstall edits structurally). */
  inserted: z.array(z.strictObject({ offset: z.int().min(0), length: z.int().min(0) })).max(8).nullable(),
  /** The install created the file. */
  createdFile: z.boolean(),
  /** How many leading keys of the container path existed before; objects below were created by the install. */
  existingDepth: z.int().min(0).max(8),
});

export type InstallRecord = z.infer<typeof recordSchema>;

function key(file: string, container: readonly string[]): string {
  return `agents.install:${JSON.stringify([file, ...container])}`;
}

/** The record for a file and container, or undefined (also for a damaged one: uninstall then edits structurally). */
export function readInstallRecord(store: Store, file: string, container: readonly string[]): InstallRecord | undefined {
  const raw = store.settings.get(key(file, container));
  if (!raw) return undefined;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Saves the record of an install. */
export function writeInstallRecord(store: Store, file: string, container: readonly string[], record: InstallRecord): void {
  store.settings.set(key(file, container), JSON.stringify(recordSchema.parse(record)));
}

/** Forgets the record (the settings table has no delete: an empty value means none). */
export function clearInstallRecord(store: Store, file: string, container: readonly string[]): void {
  if (store.settings.get(key(file, container))) store.settings.set(key(file, container), '');
}

/** The text with every inserted range removed (valid only when the text's hash is `afterSha256`). */
export function removeInserted(text: string, inserted: readonly InsertedRange[]): string {
  let out = text;
  for (const range of [...inserted].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, range.offset) + out.slice(range.offset + range.length);
  }
  return out;
}
