/** One OS keychain item through @napi-rs/keyring, with every failure turned into a VaultUnavailableError. */
import { AsyncEntry } from '@napi-rs/keyring';
import { VaultUnavailableError } from './vault-types.ts';

/** Raw access to one keychain item's bytes (UTF-8 text). */
export interface KeyringItem {
  read(): Promise<string | undefined>;
  write(text: string): Promise<void>;
  remove(): Promise<boolean>;
}

/** What a person can do about it, per platform. */
export function keychainAdvice(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Unlock the login keychain (Keychain Access) and allow Hallpass to use it, then try again.';
  if (platform === 'win32') return 'Check that Windows Credential Manager is available for your account, then try again.';
  return 'Start and unlock a Secret Service provider (GNOME Keyring or KWallet; on a headless machine run Hallpass under `dbus-run-session` with `gnome-keyring-daemon --unlock`), then try again.';
}

/** Opens the item `service`/`account`. On Linux it is pinned to the Secret Service: no fallback to the kernel keyring. */
export function keyringItem(service: string, account: string, platform: NodeJS.Platform): KeyringItem {
  const fail = (action: string, error: unknown): VaultUnavailableError => {
    const reason = error instanceof Error ? error.message : String(error);
    return new VaultUnavailableError(
      `The OS keychain could not ${action} the item "${account}@${service}" (${reason}). ` +
        `Hallpass keeps OAuth tokens only in the OS keychain and never stores them in plain text. ${keychainAdvice(platform)}`,
      { cause: error },
    );
  };
  const entry = (action: string): AsyncEntry => {
    try {
      // SECURITY: pin the Secret Service on Linux; the kernel keyring would silently lose tokens at reboot
      // and is not what a person sees in Seahorse. Requiring a store that is missing throws instead of falling back.
      return new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
    } catch (error) {
      throw fail(action, error);
    }
  };
  return {
    async read() {
      try {
        const bytes = await entry('read').getSecret();
        return bytes === null ? undefined : Buffer.from(bytes).toString('utf8');
      } catch (error) {
        throw error instanceof VaultUnavailableError ? error : fail('read', error);
      }
    },
    async write(text) {
      try {
        // Bytes, not setPassword: Windows would store a password as UTF-16 and halve the room under its 2,560-byte cap.
        await entry('write').setSecret(Buffer.from(text, 'utf8'));
      } catch (error) {
        throw error instanceof VaultUnavailableError ? error : fail('write', error);
      }
    },
    async remove() {
      try {
        return await entry('delete').deleteCredential();
      } catch (error) {
        throw error instanceof VaultUnavailableError ? error : fail('delete', error);
      }
    },
  };
}
