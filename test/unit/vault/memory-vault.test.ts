import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';

test('memory vault: set/get/delete copy values and validate accounts', async () => {
  const vault = createMemoryVaultForTests();
  const secret = { tokens: { accessToken: 'a' } };
  await vault.set('github', secret);
  secret.tokens.accessToken = 'changed';
  assert.deepEqual(await vault.get('github'), { tokens: { accessToken: 'a' } });
  assert.deepEqual(vault.accounts(), ['github']);
  assert.equal(await vault.delete('github'), true);
  assert.equal(await vault.get('github'), undefined);
  await assert.rejects(vault.get('../etc'), /invalid vault account/);
});
