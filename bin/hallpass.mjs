#!/usr/bin/env node
// Launcher for the `hallpass` command. Hallpass runs its TypeScript sources directly on Node 24
// (type stripping, node:sqlite). On an older Node it re-runs itself with the Node 24 binary that
// the `node` dev dependency brings, or says clearly what is needed.
import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(realpathSync(fileURLToPath(import.meta.url))), '..');
const entry = join(root, 'main', 'cli', 'index.ts');
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
