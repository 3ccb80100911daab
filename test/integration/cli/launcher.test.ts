// bin/hallpass.mjs runs the compiled build only while it is newer than every source file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const launcher = join(import.meta.dirname, '..', '..', '..', 'bin', 'hallpass.mjs');

test('the launcher picks the compiled build when fresh, the sources when they are newer or no build exists', () => {
  const root = mkdtempSync(join(tmpdir(), 'hallpass-launcher-'));
  try {
    mkdirSync(join(root, 'bin'));
    copyFileSync(launcher, join(root, 'bin', 'hallpass.mjs'));
    mkdirSync(join(root, 'main', 'cli'), { recursive: true });
    const source = join(root, 'main', 'cli', 'index.ts');
    writeFileSync(source, "const from: string = 'source'; console.log(from, process.argv.slice(2).join(' '));\n");
    const run = () => spawnSync(process.execPath, [join(root, 'bin', 'hallpass.mjs'), 'serve', '--port', '0'], { encoding: 'utf8' }).stdout.trim();
    assert.equal(run(), 'source serve --port 0', 'no build yet');

    mkdirSync(join(root, 'dist', 'node', 'main', 'cli'), { recursive: true });
    writeFileSync(join(root, 'dist', 'node', 'main', 'cli', 'index.js'), "console.log('compiled', process.argv.slice(2).join(' '));\n");
    writeFileSync(join(root, 'dist', 'node', 'built-at'), 'now\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(source, old, old);
    assert.equal(run(), 'compiled serve --port 0', 'a fresh build is used');

    const later = new Date(Date.now() + 60_000);
    utimesSync(source, later, later);
    assert.equal(run(), 'source serve --port 0', 'an edited source wins over a stale build');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
