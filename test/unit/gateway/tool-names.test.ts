import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { exposedToolName, MAX_EXPOSED_NAME } from '../../../main/core/gateway/tool-names.ts';

test('short names are <connection>__<tool>', () => {
  assert.equal(exposedToolName('fs', 'read_file'), 'fs__read_file');
});

test('long or odd names are shortened deterministically, safe and unique', () => {
  const long = 'x'.repeat(80);
  const a = exposedToolName('github', long);
  assert.equal(a, exposedToolName('github', long));
  assert.ok(a.length <= MAX_EXPOSED_NAME);
  assert.notEqual(a, exposedToolName('github', `${long}y`));
  assert.match(exposedToolName('fs', 'read file.v2'), /^[A-Za-z0-9_-]+$/);
});

test('property: every exposed name fits clients\' 64-character limit with their prefix', () => {
  fc.assert(fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,23}$/), fc.string({ minLength: 1, maxLength: 200 }), (c, t) => {
    const name = exposedToolName(c, t);
    assert.ok(name.length <= MAX_EXPOSED_NAME);
    assert.ok(`mcp__hallpass__${name}`.length <= 64);
    assert.match(name, /^[A-Za-z0-9_-]+$/);
  }));
});
