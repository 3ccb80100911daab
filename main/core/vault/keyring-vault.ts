/** The production vault: one OS keychain item per connection; large items envelope-encrypted with the key in the item. */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { newDataKey, open, seal, sealedFileSchema } from './envelope.ts';
import { keyringItem, type KeyringItem } from './keyring-entry.ts';
import { assertVaultAccount, vaultSecretSchema, VaultUnavailableError, type Vault, type VaultSecret } from './vault-types.ts';

export interface KeyringVaultOptions {
  /** The data dir; envelope-encrypted items keep their ciphertext in `<dataDir>/vault/` (mode 0600). */
  dataDir: string;
  /** Keychain service name. Default `Hallpass`. */
  service?: string;
  /** Items whose JSON exceeds this many UTF-8 bytes are envelope-encrypted. Default 2,048 (Windows caps items at 2,560). */
  envelopeThresholdBytes?: number;
  platform?: NodeJS.Platform;
}

const SEALED_FILE = /^[a-z][a-z0-9-]{0,23}\.[A-Za-z0-9_-]{22}\.sealed$/;

/** What the keychain item itself holds: the secret, or the data key and the name of the file with the ciphertext. */
const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ v: z.literal(1), kind: z.literal('inline'), secret: vaultSecretSchema }),
  z.strictObject({ v: z.literal(1), kind: z.literal('sealed'), key: z.base64url(), file: z.string().regex(SEALED_FILE) }),
]);
type Item = z.infer<typeof itemSchema>;

/** Creates the keychain-backed vault. Nothing touches the keychain until the first call. */
export function createKeyringVault(options: KeyringVaultOptions): Vault {
  const service = options.service ?? 'Hallpass';
  const threshold = options.envelopeThresholdBytes ?? 2048;
  const platform = options.platform ?? process.platform;
  const dir = join(options.dataDir, 'vault');
  /** Operations on one account run one after another, so envelope files never race. */
  const queues = new Map<string, Promise<unknown>>();

  const serial = <T>(account: string, op: () => Promise<T>): Promise<T> => {
    try {
      assertVaultAccount(account);
    } catch (error) {
      return Promise.reject(error);
    }
    const previous = queues.get(account) ?? Promise.resolve();
    const next = previous.then(op, op);
    const settled = next.catch(() => {});
    queues.set(account, settled);
    void settled.then(() => {
      if (queues.get(account) === settled) queues.delete(account);
    });
    return next;
  };

  const aad = (account: string, file: string): string => `${service}\0${account}\0${file}`;

  const readItem = async (item: KeyringItem, account: string): Promise<Item | undefined> => {
    const text = await item.read();
    if (text === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const result = itemSchema.safeParse(parsed);
    // Fail closed: an item Hallpass cannot read is never guessed at. Connecting again replaces it.
    if (!result.success) throw new VaultUnavailableError(`The keychain item "${account}@${service}" is not in a format Hallpass understands; connect "${account}" again to replace it.`);
    return result.data;
  };

  /** Removes envelope files of `account` except `keep` (left behind by a crash between file and item writes). */
  const sweep = async (account: string, keep?: string): Promise<void> => {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith(`${account}.`) && n !== keep && (SEALED_FILE.test(n) || n.endsWith('.tmp'))).map((n) => rm(join(dir, n), { force: true })));
  };

  const writeSealed = async (account: string, text: string): Promise<Extract<Item, { kind: 'sealed' }>> => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const file = `${account}.${randomBytes(16).toString('base64url')}.sealed`;
    const key = newDataKey();
    const sealed = seal(text, key, aad(account, file));
    const tmp = join(dir, `${file}.tmp`);
    // SECURITY: ciphertext only, owner-only file; the key goes to the keychain item, never to disk.
    await writeFile(tmp, JSON.stringify(sealed), { mode: 0o600, flag: 'wx' });
    await rename(tmp, join(dir, file));
    return { v: 1, kind: 'sealed', key: key.toString('base64url'), file };
  };

  return {
    get: (account) =>
      serial(account, async () => {
        const item = await readItem(keyringItem(service, account, platform), account);
        if (!item) return undefined;
        if (item.kind === 'inline') return item.secret as VaultSecret;
        let text: string;
        try {
          const sealed = sealedFileSchema.parse(JSON.parse(await readFile(join(dir, item.file), 'utf8')));
          text = open(sealed, Buffer.from(item.key, 'base64url'), aad(account, item.file));
        } catch (error) {
          throw new VaultUnavailableError(`The encrypted part of the keychain item "${account}@${service}" is missing or damaged (${join(dir, item.file)}); connect "${account}" again.`, { cause: error });
        }
        return vaultSecretSchema.parse(JSON.parse(text)) as VaultSecret;
      }),
    set: (account, secret) =>
      serial(account, async () => {
        const checked = vaultSecretSchema.parse(secret);
        const entry = keyringItem(service, account, platform);
        const inline = JSON.stringify({ v: 1, kind: 'inline', secret: checked });
        // INVARIANT: the keychain must answer before anything is written to disk; no keychain, no file.
        await entry.read();
        if (Buffer.byteLength(inline, 'utf8') <= threshold) {
          await entry.write(inline);
          await sweep(account);
          return;
        }
        const item = await writeSealed(account, JSON.stringify(checked));
        try {
          await entry.write(JSON.stringify(item));
        } catch (error) {
          await rm(join(dir, item.file), { force: true });
          throw error;
        }
        await sweep(account, item.file);
      }),
    delete: (account) =>
      serial(account, async () => {
        const removed = await keyringItem(service, account, platform).remove();
        await sweep(account);
        return removed;
      }),
  };
}
