/** An in-memory vault for unit tests only: production code never constructs one (no plain-text fallback). */
import { assertVaultAccount, vaultSecretSchema, type Vault, type VaultSecret } from './vault-types.ts';

/** A vault whose items live in this object's memory. FOR UNIT TESTS ONLY. */
export function createMemoryVaultForTests(): Vault & { accounts(): string[] } {
  const items = new Map<string, string>();
  return {
    async get(account) {
      assertVaultAccount(account);
      const text = items.get(account);
      return text === undefined ? undefined : (vaultSecretSchema.parse(JSON.parse(text)) as VaultSecret);
    },
    async set(account, secret) {
      assertVaultAccount(account);
      // Stored as JSON text, so callers can never mutate what is "in the keychain" through a shared reference.
      items.set(account, JSON.stringify(vaultSecretSchema.parse(secret)));
    },
    async delete(account) {
      assertVaultAccount(account);
      return items.delete(account);
    },
    accounts: () => [...items.keys()],
  };
}
