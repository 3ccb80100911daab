/** classifyAccess: overrides first, then readOnlyHint true, else write (fail closed). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { classifyAccess } from '../../../main/core/connections/access-classification.ts';

describe('classifyAccess', () => {
  it('reads only on an explicit readOnlyHint: true', () => {
    assert.equal(classifyAccess({ name: 't', annotations: { readOnlyHint: true } }), 'read');
    assert.equal(classifyAccess({ name: 't', annotations: { readOnlyHint: true, destructiveHint: true } }), 'read');
    assert.equal(classifyAccess({ name: 't' }), 'write');
    assert.equal(classifyAccess({ name: 't', annotations: {} }), 'write');
    assert.equal(classifyAccess({ name: 't', annotations: { readOnlyHint: false } }), 'write');
    assert.equal(classifyAccess({ name: 't', annotations: { destructiveHint: false } }), 'write');
    assert.equal(classifyAccess({ name: 't', annotations: { readOnlyHint: 'true' } }), 'write', 'a string is not true');
    assert.equal(classifyAccess({ name: 't', annotations: { readOnlyHint: 1 } }), 'write');
  });

  it('lets an override win either way', () => {
    assert.equal(classifyAccess({ name: 'rm', annotations: { readOnlyHint: true } }, { rm: 'write' }), 'write');
    assert.equal(classifyAccess({ name: 'save' }, { save: 'read' }), 'read');
    assert.equal(classifyAccess({ name: 'other' }, { save: 'read' }), 'write');
  });

  it('ignores inherited keys and malformed override values', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(classifyAccess({ name }, {}), 'write', name);
    }
    const polluted = Object.create({ inherited: 'read' }) as Record<string, 'read' | 'write'>;
    assert.equal(classifyAccess({ name: 'inherited' }, polluted), 'write');
    assert.equal(classifyAccess({ name: 'x' }, { x: 'admin' as 'read' }), 'write');
  });

  it('property: without an override, read ⇔ readOnlyHint === true, whatever else the annotations say', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.jsonValue()), (name, annotations) => {
        const expected = annotations.readOnlyHint === true ? 'read' : 'write';
        assert.equal(classifyAccess({ name, annotations }), expected);
      }),
    );
  });
});
