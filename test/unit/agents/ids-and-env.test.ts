/** Connection ids for imported servers, and env values kept in the vault by reference. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { idAllocator, sanitizeConnectionId } from '../../../main/core/agents/connection-ids.ts';
import { moveEnvToVault, resolveEnvReferences } from '../../../main/core/agents/env-references.ts';
import { connectionIdSchema } from '../../../main/core/control/schemas.ts';
import { createMemoryVaultForTests } from '../../../main/core/vault/memory-vault.ts';

describe('connection ids', () => {
  test('examples', () => {
    assert.equal(sanitizeConnectionId('brave-search'), 'brave-search');
    assert.equal(sanitizeConnectionId('My Server.v2'), 'my-server-v2');
    assert.equal(sanitizeConnectionId('42'), 's-42');
    assert.equal(sanitizeConnectionId('Café_Notes'), 'cafe-notes');
    assert.equal(sanitizeConnectionId('@modelcontextprotocol/server-filesystem'), 'modelcontextprotocol-ser');
    const next = idAllocator(['github']);
    assert.deepEqual(['github', 'GitHub', 'hallpass', 'a-very-long-server-name-indeed'].map(next), ['github-2', 'github-3', 'hallpass-2', 'a-very-long-server-name']);
    assert.equal(next('a-very-long-server-name-indeed'), 'a-very-long-server-nam-2');
  });

  test('every name gets a valid id, unique among those handed out', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }), (names, taken) => {
        const validTaken = taken.map(sanitizeConnectionId);
        const ids = names.map(idAllocator(validTaken));
        for (const id of ids) assert.ok(connectionIdSchema.safeParse(id).success, id);
        assert.equal(new Set([...ids, ...validTaken]).size, ids.length + new Set(validTaken).size);
      }),
      { numRuns: 300 },
    );
  });
});

describe('env references', () => {
  test('values move to one vault item per connection; the config keeps references; resolution restores them', async () => {
    const vault = createMemoryVaultForTests();
    const env = { API_KEY: 'sk-live-123', REGION: 'eu' };
    const refs = await moveEnvToVault(vault, 'weather', env);
    assert.deepEqual(refs, { API_KEY: 'hallpass-vault:API_KEY', REGION: 'hallpass-vault:REGION' });
    assert.deepEqual(await vault.get('weather'), { env });
    assert.deepEqual(await resolveEnvReferences(vault, 'weather', { ...refs, PLAIN: 'x' }), { ...env, PLAIN: 'x' });
  });

  test('fails closed when the keychain lost a value, and never touches it without references', async () => {
    const vault = createMemoryVaultForTests();
    await assert.rejects(resolveEnvReferences(vault, 'weather', { API_KEY: 'hallpass-vault:API_KEY' }), /keychain has no value for env API_KEY of "weather"/);
    const unavailable = { ...vault, get: () => Promise.reject(new Error('keychain locked')) };
    assert.deepEqual(await resolveEnvReferences(unavailable, 'plain', { A: '1' }), { A: '1' });
    await assert.rejects(resolveEnvReferences(unavailable, 'x', { A: 'hallpass-vault:A' }), /keychain locked/);
  });
});
