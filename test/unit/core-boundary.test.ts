import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const core = join(root, 'main', 'core');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (p.endsWith('.ts')) yield p;
  }
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

test('main/core never imports electron, the shell, the preload or the renderer — directly or through its own imports', () => {
  const problems: string[] = [];
  let walked = 0;
  for (const file of files(core)) {
    walked++;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec === 'electron' || spec.startsWith('electron/')) problems.push(`${relative(root, file)} imports ${spec}`);
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        // package.json (the version) is data, not code.
        if (!target.startsWith(core) && target !== join(root, 'package.json')) problems.push(`${relative(root, file)} reaches outside main/core: ${spec}`);
      }
    }
  }
  assert.ok(walked > 20, `walked ${walked} core files`);
  assert.deepEqual(problems, []);
});
