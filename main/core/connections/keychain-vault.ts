/** The vault as connections use it: the OS keychain loaded on first use, and whether it last failed. */
import { VaultUnavailableError, type Vault } from '../vault/vault-types.ts';

/** The OS keychain vault. Its native module loads on the first operation, so a machine without a keychain still
 * serves stdio servers; remote and OAuth connections then fail closed with VaultUnavailableError (never plain text). */
export function lazyKeychainVault(dataDir: string): Vault {
  let loading: Promise<Vault> | undefined;
  const load = (): Promise<Vault> =>
    (loading ??= import('../vault/keyring-vault.ts').then(
      (module) => module.createKeyringVault({ dataDir }),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new VaultUnavailableError(`the OS keychain module could not be loaded (${reason}); Hallpass keeps OAuth tokens only in the OS keychain, never in plain text`, { cause: error });
      },
    ));
  return {
    get: async (account) => (await load()).get(account),
    set: async (account, secret) => (await load()).set(account, secret),
    delete: async (account) => (await load()).delete(account),
  };
}

/** A vault that remembers its last keychain failure (for a connection's status). */
export interface WatchedVault extends Vault {
  /** The keychain's refusal of the last operation; undefined once an operation succeeds. */
  unavailable(): VaultUnavailableError | undefined;
}

/** Wraps `vault` for one connection. */
export function watchVault(vault: Vault): WatchedVault {
  let problem: VaultUnavailableError | undefined;
  const track = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      const result = await op();
      problem = undefined;
      return result;
    } catch (error) {
      if (error instanceof VaultUnavailableError) problem = error;
      throw error;
    }
  };
  return {
    get: (account) => track(() => vault.get(account)),
    set: (account, secret) => track(() => vault.set(account, secret)),
    delete: (account) => track(() => vault.delete(account)),
    unavailable: () => problem,
  };
}

/** The status detail of a connection whose keychain refused: says so first, then why and what to do. */
export function keychainUnavailableDetail(problem: VaultUnavailableError): string {
  return `keychain unavailable: ${problem.message}`;
}
