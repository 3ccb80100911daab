// `servers remove` takes the server's keychain item with it, so a later server of the same name inherits nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { createKeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import { keyringSession } from '../../support/keyring-session.ts';
import { createTempHome, runCli } from '../../support/serve-process.ts';

const keyring = await keyringSession(import.meta.filename);

describe('hallpass servers remove and the keychain', { skip: keyring ? false : 'needs Linux with gnome-keyring (a real Secret Service)' }, () => {
  let home = '';
  before(async () => { home = await createTempHome(); });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('deletes the tokens of a removed remote server, and leaves plain stdio servers\' keychain alone', async () => {
    const vault = createKeyringVault({ dataDir: home });
    assert.equal((await runCli(['servers', 'add', 'remote-one', '--url', 'https://mcp.example.com/mcp'], { home })).code, 0);
    await vault.set('remote-one', { tokens: { accessToken: 'at-secret-value', refreshToken: 'rt-secret-value' } });
    assert.equal(keyring!.search('service', 'Hallpass').length, 1);

    const removed = await runCli(['servers', 'remove', 'remote-one'], { home });
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Deleted its keychain item/);
    assert.equal(await vault.get('remote-one'), undefined);
    assert.equal(keyring!.search('service', 'Hallpass').length, 0);

    assert.equal((await runCli(['servers', 'add', 'plain', '--', 'node', 'server.js'], { home })).code, 0);
    const plain = await runCli(['servers', 'remove', 'plain'], { home });
    assert.equal(plain.code, 0);
    assert.doesNotMatch(plain.stdout, /keychain/);
  });
});
