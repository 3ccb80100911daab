/** Format-preserving edits, checked as properties over generated documents in many styles. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { removeInserted } from '../../../main/core/agents/install-record.ts';
import { parseDocument } from '../../../main/core/agents/json-document.ts';
import { insertProperty, removeProperty } from '../../../main/core/agents/json-edits.ts';

const key = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'hallpass' && k !== '__proto__');
const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(key, leaf, { maxKeys: 3 }));
const servers = fc.dictionary(key, value, { maxKeys: 5 });
const style = fc.record({
  unit: fc.constantFrom('  ', '    ', '\t', ''),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
});

/** Renders a document the way editors and clients write them: pretty in any indent/EOL, or minified. */
function render(doc: unknown, s: { unit: string; eol: string; bom: boolean; finalEol: boolean }): string {
  const body = JSON.stringify(doc, null, s.unit || undefined).replaceAll('\n', s.eol);
  return `${s.bom ? '\uFEFF' : ''}${body}${s.finalEol && s.unit ? s.eol : ''}`;
}

function plain(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}

/** fast-check builds null-prototype dictionaries: compare plain copies. */
function same(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

const ENTRY = { type: 'http', url: 'http://127.0.0.1:4255/mcp', headers: { Authorization: 'Bearer hp_x' } };

describe('insertProperty', () => {
  test('adds exactly the entry, keeps every other value, and its recorded ranges restore the original bytes', () => {
    fc.assert(
      fc.property(servers, fc.boolean(), style, (mcp, withContainer, s) => {
        const original = render(withContainer ? { other: 1, mcpServers: mcp } : { other: 1 }, s);
        const doc = parseDocument(original, 'json', 'f.json');
        const { text, inserted } = insertProperty(doc, ['mcpServers'], 'hallpass', ENTRY);
        assert.deepEqual(plain(text), same({ other: 1, mcpServers: { ...(withContainer ? mcp : {}), hallpass: ENTRY } }));
        assert.equal(text.startsWith('\uFEFF'), s.bom);
        if (s.eol === '\r\n') assert.ok(!/[^\r]\n/.test(text), 'no bare LF in a CRLF file');
        if (s.unit === '') assert.ok(!text.includes('\n'), 'a minified file stays one line');
        assert.equal(removeInserted(text, inserted), original);
        // The text outside the inserted ranges is the original, byte for byte.
        assert.ok(inserted.every((r) => r.length > 0));
      }),
      { numRuns: 300 },
    );
  });

  test('creates missing parents, and a blank file becomes a document', () => {
    const doc = parseDocument('{\n  "projects": {}\n}\n', 'json', 'f');
    const { text } = insertProperty(doc, ['projects', '/w/app', 'mcpServers'], 'hallpass', ENTRY);
    assert.deepEqual(plain(text), { projects: { '/w/app': { mcpServers: { hallpass: ENTRY } } } });
    const blank = insertProperty(parseDocument('', 'json', 'f'), ['servers'], 'hallpass', { a: 1 });
    assert.equal(blank.text, '{\n  "servers": {\n    "hallpass": {\n      "a": 1\n    }\n  }\n}\n');
  });

  test('JSONC: a comment after the last entry stays with it, trailing-comma style is kept', () => {
    const original = '{\n  "servers": {\n    "a": {"command": "x"} // the a server\n  }\n}\n';
    const { text } = insertProperty(parseDocument(original, 'jsonc', 'f'), ['servers'], 'hallpass', { b: 1 });
    assert.equal(text, '{\n  "servers": {\n    "a": {"command": "x"}, // the a server\n    "hallpass": {\n      "b": 1\n    }\n  }\n}\n');
    const trailing = '{\n  "servers": {\n    "a": 1,\n  },\n}\n';
    const t2 = insertProperty(parseDocument(trailing, 'jsonc', 'f'), ['servers'], 'hallpass', 2).text;
    assert.equal(t2, '{\n  "servers": {\n    "a": 1,\n    "hallpass": 2,\n  },\n}\n');
  });
});

describe('removeProperty', () => {
  test('removes one key and its separator, leaving valid JSON with every other value', () => {
    fc.assert(
      fc.property(servers.filter((m) => Object.keys(m).length > 0), style, fc.nat(), (mcp, s, pick) => {
        const keys = Object.keys(mcp);
        const victim = keys[pick % keys.length]!;
        const text = removeProperty(parseDocument(render({ mcpServers: mcp, z: true }, s), 'json', 'f'), ['mcpServers'], victim);
        const { [victim]: _gone, ...rest } = mcp;
        assert.deepEqual(plain(text), same({ mcpServers: rest, z: true }));
      }),
      { numRuns: 300 },
    );
  });

  test('undoes an insertion into a non-empty object exactly, even without a record', () => {
    fc.assert(
      fc.property(servers.filter((m) => Object.keys(m).length > 0), style, (mcp, s) => {
        const original = render({ mcpServers: mcp }, s);
        const { text } = insertProperty(parseDocument(original, 'json', 'f'), ['mcpServers'], 'hallpass', ENTRY);
        assert.equal(removeProperty(parseDocument(text, 'json', 'f'), ['mcpServers'], 'hallpass'), original);
      }),
      { numRuns: 200 },
    );
  });

  test('a trailing comment on the removed line goes with it; comments elsewhere stay', () => {
    const original = '{\n  "servers": {\n    // keep me\n    "a": 1, // about a\n    "b": 2\n  }\n}\n';
    assert.equal(removeProperty(parseDocument(original, 'jsonc', 'f'), ['servers'], 'a'), '{\n  "servers": {\n    // keep me\n    "b": 2\n  }\n}\n');
    assert.equal(removeProperty(parseDocument(original, 'jsonc', 'f'), ['servers'], 'b'), '{\n  "servers": {\n    // keep me\n    "a": 1 // about a\n  }\n}\n');
  });
});
