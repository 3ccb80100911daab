// The keychain vault against a real Secret Service (a private GNOME Keyring under dbus-run-session).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { keyringSession } from '../../support/keyring-session.ts';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import { VaultUnavailableError } from '../../../main/core/vault/vault-types.ts';

const keyring = await keyringSession(import.meta.filename);
const skip = keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)';
const dataDir = mkdtempSync(join(tmpdir(), 'hallpass-vault-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

const vault = createKeyringVault({ dataDir });
const small = { accessToken: 'at-small-7f3a9c2e51', refreshToken: 'rt-small-0b8d44e6a2', expiresAt: 1_900_000_000_000 };
/** Over the 2 KiB threshold: envelope-encrypted. */
const large = { accessToken: `at-large-${'x'.repeat(3000)}-end`, refreshToken: 'rt-large-5c1e99d0b7', scope: 'a b c' };
const sealedFiles = (): string[] => readdirSync(join(dataDir, 'vault')).filter((n) => n.endsWith('.sealed'));

describe('keyring vault (Secret Service)', { skip }, () => {
  test('round trip: the item is stored, visible to secret-tool under service Hallpass, and deleted', async () => {
    await vault.set('github', small);
    assert.deepEqual(await vault.get('github'), small);
    const items = keyring!.search('service', 'Hallpass');
    assert.equal(items.length, 1);
    const [item] = items;
    assert.match(item!.label, /github/);
    assert.match(item!.label, /Hallpass/);
    assert.equal(item!.attributes.service, 'Hallpass');
    assert.deepEqual(JSON.parse(item!.secret), { v: 1, kind: 'inline', secret: small });
    assert.equal(await vault.delete('github'), true);
    assert.equal(await vault.get('github'), undefined);
    assert.equal(await vault.delete('github'), false);
    assert.equal(keyring!.search('service', 'Hallpass').length, 0);
  });

  test('a large value is envelope-encrypted: key in the keychain, ciphertext in a 0600 file', async () => {
    await vault.set('drive', large);
    assert.deepEqual(await vault.get('drive'), large);
    const [item] = keyring!.search('service', 'Hallpass');
    const stored = JSON.parse(item!.secret) as { kind: string; key: string; file: string };
    assert.equal(stored.kind, 'sealed');
    assert.ok(item!.secret.length < 300, 'the keychain item holds only the key and a file name');
    assert.ok(!item!.secret.includes('rt-large'));
    const files = sealedFiles();
    assert.deepEqual(files, [stored.file]);
    const path = join(dataDir, 'vault', stored.file);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(statSync(join(dataDir, 'vault')).mode & 0o777, 0o700);
    const onDisk = readFileSync(path, 'utf8');
    for (const plain of ['rt-large-5c1e99d0b7', 'xxxxxxxx', Buffer.from('rt-large-5c1e99d0b7').toString('base64')]) assert.ok(!onDisk.includes(plain));

    // Rewriting replaces the file (fresh key, fresh name); shrinking back to inline removes it.
    await vault.set('drive', { ...large, refreshToken: 'rt-large-rotated-1' });
    assert.equal(sealedFiles().length, 1);
    assert.notEqual(sealedFiles()[0], stored.file);
    await vault.set('drive', small);
    assert.deepEqual(sealedFiles(), []);
    assert.deepEqual(await vault.get('drive'), small);

    await vault.set('drive', large);
    assert.equal(await vault.delete('drive'), true);
    assert.deepEqual(sealedFiles(), []);
    assert.equal(keyring!.search('service', 'Hallpass').length, 0);
  });

  test('a tampered ciphertext is refused, never half-read', async () => {
    await vault.set('snowflake', large);
    const [file] = sealedFiles();
    const path = join(dataDir, 'vault', file!);
    const sealed = JSON.parse(readFileSync(path, 'utf8')) as { data: string };
    const bytes = Buffer.from(sealed.data, 'base64url');
    bytes[10] = bytes[10]! ^ 1;
    writeFileSync(path, JSON.stringify({ ...sealed, data: bytes.toString('base64url') }));
    await assert.rejects(vault.get('snowflake'), VaultUnavailableError);
    await vault.delete('snowflake');
  });

  test('accounts are connection ids (no path tricks)', async () => {
    for (const bad of ['../x', 'A', 'a/b', 'a.b', '', 'x'.repeat(30)]) await assert.rejects(vault.set(bad, small), /invalid vault account/);
  });

  // Last in this file: the keyring stays locked for the rest of the run (nothing here can answer an unlock prompt).
  test('a locked keychain fails closed: VaultUnavailableError and nothing written to disk', async () => {
    await vault.set('salesforce', small);
    keyring!.lock();
    await assert.rejects(vault.get('salesforce'), (error: unknown) => error instanceof VaultUnavailableError && /never stores them in plain text/.test(error.message));
    await assert.rejects(vault.set('salesforce', large), VaultUnavailableError);
    await assert.rejects(vault.set('other', small), VaultUnavailableError);
    assert.deepEqual(sealedFiles(), []);
  });
});

describe('keyring vault without a Secret Service', { skip: process.platform === 'linux' ? false : 'Linux only' }, () => {
  test('VaultUnavailableError with advice, and no plaintext (or any file) on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallpass-novault-'));
    try {
      const moduleUrl = pathToFileURL(join(import.meta.dirname, '../../../main/core/vault/keyring-vault.ts')).href;
      const code = `
        const { createKeyringVault } = await import(${JSON.stringify(moduleUrl)});
        const vault = createKeyringVault({ dataDir: ${JSON.stringify(dir)} });
        const out = [];
        for (const op of [() => vault.set('github', { refreshToken: 'rt-nobus-3f9a' }), () => vault.set('github', { big: 'rt-nobus-3f9a'.repeat(400) }), () => vault.get('github'), () => vault.delete('github')]) {
          try { await op(); out.push('ok'); } catch (e) { out.push(e.name + ': ' + e.message); }
        }
        console.log(JSON.stringify(out));`;
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/hallpass-test-bus' },
      });
      assert.equal(r.status, 0, r.stderr);
      const results = JSON.parse(r.stdout.trim()) as string[];
      assert.equal(results.length, 4);
      for (const line of results) {
        assert.match(line, /^VaultUnavailableError: /);
        assert.match(line, /Secret Service/);
        assert.match(line, /never stores them in plain text/);
        assert.ok(!line.includes('rt-nobus'));
      }
      assert.deepEqual(readdirSync(dir), [], 'nothing at all was written to the data dir');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
