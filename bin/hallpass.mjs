#!/usr/bin/env node
// Launcher for the `hallpass` command. It runs the compiled build (dist/node, made by `npm ci` through
// `prepare`) while that build is newer than every source file, else the TypeScript sources directly
// (Node 24 type stripping). On a Node older than 24 it re-runs itself with the Node 24 binary that the
// `node` dev dependency brings, or says clearly what is needed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..');

/** Newest modification time of the .ts files under a folder. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function pickEntry() {
  const compiled = join(root, 'dist', 'node', 'main', 'cli', 'index.js');
  const stamp = join(root, 'dist', 'node', 'built-at');
  const source = join(root, 'main', 'cli', 'index.ts');
  if (!existsSync(compiled) || !existsSync(stamp)) return source;
  if (!existsSync(join(root, 'main'))) return compiled; // installed without sources
  return statSync(stamp).mtimeMs >= newestSource(join(root, 'main')) ? compiled : source;
}

const entry = pickEntry();
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import(entry);
} else {
  const local = join(root, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(local)) {
    process.stderr.write(`hallpass: needs Node.js 24 or newer (this is ${process.version}); run \`npm ci\` in ${root} or install Node 24\n`);
    process.exit(1);
  }
  const child = spawn(local, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  // Ctrl+C reaches the child through the terminal's process group; SIGTERM/SIGHUP sent to this
  // launcher's pid (service managers, `kill`) are passed on so `hallpass serve` closes cleanly.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`hallpass: cannot start ${local}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
}
