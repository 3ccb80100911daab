/**
 * Env values of stdio servers kept in the keychain instead of the database.
 *
 * Scheme: the vault item of connection `<id>` (one item per connection) holds `{ env: { NAME: value } }`;
 * the stored StdioServerConfig keeps `env: { NAME: "hallpass-vault:NAME" }`. The stdio connection
 * resolves references just before it spawns the child, so values exist only in the keychain and in
 * the child's environment.
 */
import { z } from 'zod';
import type { Vault } from '../vault/vault-types.ts';

/** The prefix of an env value that names a secret in the connection's vault item. */
export const VAULT_REFERENCE_PREFIX = 'hallpass-vault:';

const itemSchema = z.looseObject({ env: z.record(z.string(), z.string()) });

/** The reference stored in place of env value `name`. */
export function envReference(name: string): string {
  return `${VAULT_REFERENCE_PREFIX}${name}`;
}

/** Whether any env value is a vault reference. */
export function hasEnvReferences(env: Readonly<Record<string, string>>): boolean {
  return Object.values(env).some((v) => v.startsWith(VAULT_REFERENCE_PREFIX));
}

/** Moves every env value into the vault item of `connectionId`; returns the env to store (references only). */
export async function moveEnvToVault(vault: Vault, connectionId: string, env: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const names = Object.keys(env);
  if (names.length === 0) return {};
  // SECURITY: the values go to the keychain only; the config keeps names and references.
  await vault.set(connectionId, { env: { ...env } });
  return Object.fromEntries(names.map((n) => [n, envReference(n)]));
}

/**
 * The env with every reference replaced by its value from the vault. Fails closed: a missing item or
 * value throws (the child is not started without its secrets). Plain values pass through unchanged,
 * and a config without references never touches the keychain.
 */
export async function resolveEnvReferences(vault: Vault, connectionId: string, env: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  if (!hasEnvReferences(env)) return { ...env };
  const parsed = itemSchema.safeParse(await vault.get(connectionId));
  const stored = parsed.success ? parsed.data.env : undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!value.startsWith(VAULT_REFERENCE_PREFIX)) {
      out[name] = value;
      continue;
    }
    const key = value.slice(VAULT_REFERENCE_PREFIX.length);
    const secret = stored?.[key];
    if (secret === undefined) {
      throw new Error(`the keychain has no value for env ${name} of "${connectionId}" (item "${connectionId}" in service Hallpass); set it again with \`hallpass servers add\``);
    }
    out[name] = secret;
  }
  return out;
}
