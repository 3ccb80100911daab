/** The vault: where OAuth token sets and client secrets live (the OS keychain). Nothing else ever holds them at rest. */
import { z } from 'zod';
import { connectionIdSchema } from '../control/schemas.ts';

/** A JSON value as stored in the vault. */
export type VaultJson = string | number | boolean | null | VaultJson[] | { [key: string]: VaultJson };

/** What one vault item holds: a JSON object (a token set, client registration, client secret…). */
export type VaultSecret = { [key: string]: VaultJson };

/** One keychain item per connection, keyed by the connection id. */
export interface Vault {
  /** The stored secret, or undefined when there is none. Throws VaultUnavailableError when the keychain cannot be read. */
  get(account: string): Promise<VaultSecret | undefined>;
  /** Stores (replaces) the secret. Throws VaultUnavailableError rather than ever writing it anywhere in plain text. */
  set(account: string, secret: VaultSecret): Promise<void>;
  /** Removes the item; true when there was one. */
  delete(account: string): Promise<boolean>;
}

/** Vault accounts are connection ids, which also keeps them safe as file-name parts. */
export const vaultAccountSchema = connectionIdSchema;

/** Checks an account name before it reaches the keychain or the file system. */
export function assertVaultAccount(account: string): void {
  // SECURITY: the account becomes part of a file name for envelope-encrypted items; no separators, no dots.
  if (!vaultAccountSchema.safeParse(account).success) throw new Error(`invalid vault account "${String(account).slice(0, 40)}": connection ids are [a-z][a-z0-9-]{0,23}`);
}

/** The OS keychain is missing, locked or refused access. Hallpass then stores nothing (never plain text). */
export class VaultUnavailableError extends Error {
  constructor(detail: string, options?: { cause?: unknown }) {
    super(detail, options);
    this.name = 'VaultUnavailableError';
  }
}

/** The shape of a JSON object read back from a keychain item (validated, never trusted). */
export const vaultJsonSchema: z.ZodType<VaultJson> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(vaultJsonSchema), z.record(z.string(), vaultJsonSchema)]),
);
export const vaultSecretSchema = z.record(z.string(), vaultJsonSchema);
