/** Dry-run output: unified diffs, with every env and header value hidden. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { redactSecrets } from '../../../main/core/agents/redact-config.ts';
import { unifiedDiff } from '../../../main/core/agents/text-diff.ts';

/** Applies a unified diff's hunks to `before` (to check the diff says exactly what changed). */
function patch(before: string, diff: string): string {
  const a = before.split('\n');
  const out: string[] = [];
  let at = 0;
  const lines = diff.split('\n').slice(2);
  for (let i = 0; i < lines.length; i += 1) {
    const head = /^@@ -(\d+),\d+ \+\d+,\d+ @@$/.exec(lines[i]!);
    if (!head) continue;
    const start = Number(head[1]) - 1;
    out.push(...a.slice(at, start));
    at = start;
    for (i += 1; i < lines.length && !lines[i]!.startsWith('@@'); i += 1) {
      const line = lines[i]!;
      if (line === '') continue;
      if (line[0] !== '+') at += 1;
      if (line[0] !== '-') out.push(line.slice(1));
    }
    i -= 1;
  }
  return [...out, ...a.slice(at)].join('\n');
}

describe('unifiedDiff', () => {
  test('an example', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\ni\n';
    assert.equal(unifiedDiff(before, after, { fromLabel: 'x', toLabel: 'y', context: 1 }), '--- x\n+++ y\n@@ -3,3 +3,3 @@\n c\n-d\n+D\n e\n@@ -8,2 +8,3 @@\n h\n+i\n \n');
    assert.equal(unifiedDiff(before, before, { fromLabel: 'x', toLabel: 'y' }), '');
  });

  test('applying the diff to the old text gives the new text', () => {
    const text = fc.array(fc.constantFrom('{', '}', '"a": 1,', '"b": 2', '  x', ''), { maxLength: 30 }).map((l) => l.join('\n'));
    fc.assert(fc.property(text, text, (before, after) => {
      const diff = unifiedDiff(before, after, { fromLabel: 'a', toLabel: 'b' });
      assert.equal(diff === '' ? before : patch(before, diff), after);
    }), { numRuns: 300 });
  });
});

describe('redactSecrets', () => {
  test('env and header values become ***, names and everything else stay', () => {
    const text = '{\n  // c\n  "servers": {\n    "a": { "command": "x", "args": ["--v"], "env": { "API_KEY": "sk-1", "N": "2" } },\n    "h": { "url": "https://h", "headers": { "Authorization": "Bearer hp_abc", "X-Key": "k" } },\n  }\n}\n';
    assert.equal(redactSecrets(text), '{\n  // c\n  "servers": {\n    "a": { "command": "x", "args": ["--v"], "env": { "API_KEY": "***", "N": "***" } },\n    "h": { "url": "https://h", "headers": { "Authorization": "Bearer ***", "X-Key": "***" } },\n  }\n}\n');
  });

  test('nested anywhere (Claude Code keeps servers per project)', () => {
    const text = '{"projects":{"/p":{"mcpServers":{"s":{"env":{"T":"secret"}}}}}}';
    assert.equal(redactSecrets(text), '{"projects":{"/p":{"mcpServers":{"s":{"env":{"T":"***"}}}}}}');
  });
});
