/** Envelope encryption for keychain items too large for the OS (Windows caps an item at 2,560 bytes). */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The sealed file's contents: ciphertext only; the key stays in the keychain item. */
export const sealedFileSchema = z.strictObject({
  v: z.literal(1),
  alg: z.literal('A256GCM'),
  iv: z.base64url(),
  tag: z.base64url(),
  data: z.base64url(),
});
export type SealedFile = z.infer<typeof sealedFileSchema>;

/** A fresh random data key (one per write, never reused). */
export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** Encrypts `plaintext` with AES-256-GCM; `aad` binds the ciphertext to its item (service, account, file). */
export function seal(plaintext: string, key: Buffer, aad: string): SealedFile {
  if (key.length !== KEY_BYTES) throw new Error('envelope key must be 32 bytes');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, alg: 'A256GCM', iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') };
}

/** Decrypts and authenticates; throws when the key, the AAD or a single byte of the file is wrong. */
export function open(sealed: SealedFile, key: Buffer, aad: string): string {
  if (key.length !== KEY_BYTES) throw new Error('envelope key must be 32 bytes');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64url'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]).toString('utf8');
}
