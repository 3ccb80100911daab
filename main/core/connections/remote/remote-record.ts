/** The keychain item of a remote MCP server: its OAuth client registration and token set (as the SDK hands them over). */
import type { StoredOAuthClientInformation, StoredOAuthTokens } from '@modelcontextprotocol/client';
import { z } from 'zod';
import type { Vault, VaultSecret } from '../../vault/vault-types.ts';

const tokensSchema = z.looseObject({ access_token: z.string().min(1), token_type: z.string(), refresh_token: z.string().optional(), expires_in: z.number().optional() });
const clientSchema = z.looseObject({ client_id: z.string().min(1) });

const recordSchema = z.strictObject({
  kind: z.literal('remote'),
  client: clientSchema.optional(),
  tokens: tokensSchema.optional(),
  /** When the token set was saved (epoch ms): with `expires_in`, when it expires. */
  savedAt: z.number().optional(),
});

export interface RemoteRecord {
  kind: 'remote';
  client?: StoredOAuthClientInformation;
  tokens?: StoredOAuthTokens;
  savedAt?: number;
}

/** Reads the item; absent → an empty record; malformed → refused (connect again to replace it). */
export async function readRemoteRecord(vault: Vault, connectionId: string): Promise<RemoteRecord> {
  const raw = await vault.get(connectionId);
  if (raw === undefined) return { kind: 'remote' };
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the keychain item of "${connectionId}" does not hold a remote server authorization; connect it again`);
  return parsed.data as RemoteRecord;
}

/** Writes the record (plain JSON: undefined fields dropped), or deletes the item when it is empty. */
export async function writeRemoteRecord(vault: Vault, connectionId: string, record: RemoteRecord): Promise<void> {
  if (!record.client && !record.tokens) {
    await vault.delete(connectionId);
    return;
  }
  await vault.set(connectionId, JSON.parse(JSON.stringify(record)) as VaultSecret);
}
