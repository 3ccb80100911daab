// `npm run build:electron`: compiles the main process with tsc (dist/electron/main/…) and bundles the
// sandboxed preload with Vite (dist/electron/preload.cjs). Electron then runs plain JavaScript, so it does
// not depend on Node's type stripping being on inside Electron. `--out-dir DIR` builds elsewhere (tests).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function step(label: string, command: string, args: string[]): void {
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.status !== 0) {
    process.stderr.write(`build:electron: ${label} failed (exit ${run.status ?? run.signal})\n`);
    process.exit(1);
  }
}

const flag = process.argv.indexOf('--out-dir');
const outDir = flag > 0 && process.argv[flag + 1] ? resolve(process.argv[flag + 1]!) : join(root, 'dist', 'electron');

rmSync(outDir, { recursive: true, force: true });
step('tsc (main process)', bin('tsc'), ['-p', 'tsconfig.electron.json', '--outDir', outDir]);
step('vite (preload)', bin('vite'), ['build', '--config', 'preload/vite.config.ts', '--outDir', outDir]);
for (const file of [join(outDir, 'main', 'electron', 'main.js'), join(outDir, 'preload.cjs')]) {
  if (!existsSync(file)) {
    process.stderr.write(`build:electron: ${file} was not produced\n`);
    process.exit(1);
  }
}
process.stdout.write(`build:electron: ${outDir} has main/electron/main.js and preload.cjs\n`);
