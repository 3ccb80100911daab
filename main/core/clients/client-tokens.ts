/** Client identity: tokens are shown once, only their hash is stored. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Client, Clock, Ids } from '../model.ts';
import type { Store } from '../store/store-types.ts';

export const CLIENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

/** sha256 hex of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Creates and stores a client; returns the one-time token. Throws on a bad or taken name. */
export function createClient(store: Store, ids: Ids, clock: Clock, name: string): { client: Client; token: string } {
  if (!CLIENT_NAME_PATTERN.test(name)) {
    throw new Error(`invalid client name "${name}": use letters, digits, space, . _ - (max 64), starting with a letter or digit`);
  }
  if (store.clients.byName(name)) throw new Error(`a client named "${name}" already exists`);
  const token = `hp_${ids.token()}`;
  // SECURITY: only the hash is stored; the token is returned to be shown once.
  const client: Client = { id: ids.id('cli'), name, tokenHash: hashToken(token), createdAt: clock.now() };
  store.clients.add(client);
  return { client, token };
}

/** Finds the client a presented token belongs to, or undefined. */
export function authenticate(store: Store, token: string | undefined): Client | undefined {
  if (!token || token.length > 256) return undefined;
  return store.clients.byTokenHash(hashToken(token));
}
