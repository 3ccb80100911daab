/** The keychain item of an OAuth connector: its token set and, where a provider insists, its client secret. */
import type * as oauth from 'oauth4webapi';
import { z } from 'zod';
import type { Vault } from '../../vault/vault-types.ts';

export const storedTokensSchema = z.strictObject({
  accessToken: z.string().min(1),
  tokenType: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** Epoch ms; absent when the provider gave no `expires_in` (e.g. GitHub OAuth apps). */
  expiresAt: z.number().optional(),
  scope: z.string().optional(),
  /** Non-secret token-response fields the connector asked to keep (e.g. Salesforce `instance_url`). */
  extras: z.record(z.string(), z.string()),
  obtainedAt: z.number(),
  issuer: z.string(),
});
export type StoredTokens = z.infer<typeof storedTokensSchema>;

const recordSchema = z.strictObject({
  kind: z.literal('oauth'),
  clientSecret: z.string().min(1).optional(),
  tokens: storedTokensSchema.optional(),
});
export type OAuthRecord = z.infer<typeof recordSchema>;

/** Reads the item; an absent item is an empty record. A malformed one is refused (connect again to replace it). */
export async function readOAuthRecord(vault: Vault, connectionId: string): Promise<OAuthRecord> {
  const raw = await vault.get(connectionId);
  if (raw === undefined) return { kind: 'oauth' };
  const parsed = recordSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the keychain item of "${connectionId}" does not hold an OAuth grant; connect it again`);
  return parsed.data;
}

/** Writes the record, or deletes the item when nothing is left in it. */
export async function writeOAuthRecord(vault: Vault, connectionId: string, record: OAuthRecord): Promise<void> {
  if (record.clientSecret === undefined && record.tokens === undefined) {
    await vault.delete(connectionId);
    return;
  }
  await vault.set(connectionId, recordSchema.parse(record));
}

/** Stores the client secret a provider insists on (from the person or IT), keeping any token set. */
export async function storeClientSecret(vault: Vault, connectionId: string, clientSecret: string): Promise<void> {
  const record = await readOAuthRecord(vault, connectionId);
  await writeOAuthRecord(vault, connectionId, { ...record, clientSecret: z.string().min(1).max(4096).parse(clientSecret) });
}

/** Turns a token response into what is stored; keeps the previous refresh token when the provider sent none (no rotation). */
export function toStoredTokens(response: oauth.TokenEndpointResponse, previous: StoredTokens | undefined, keep: readonly string[], issuer: string, now: number): StoredTokens {
  const extras: Record<string, string> = { ...previous?.extras };
  for (const name of keep) {
    const value = response[name];
    if (typeof value === 'string') extras[name] = value;
  }
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const scope = response.scope ?? previous?.scope;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(refreshToken !== undefined && { refreshToken }),
    ...(typeof response.expires_in === 'number' && { expiresAt: now + response.expires_in * 1000 }),
    ...(scope !== undefined && { scope }),
    extras,
    obtainedAt: now,
    issuer,
  };
}
