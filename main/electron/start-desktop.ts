// `npm start`: builds and runs the desktop app where the Electron binary exists; otherwise says what to do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the Electron binary is (the `electron` package's own rules), or why there is none. */
export function findElectronBinary(opts: {
  root: string;
  env: NodeJS.ProcessEnv;
  exists(path: string): boolean;
  read(path: string): string | undefined;
}): { found: true; path: string } | { found: false; reason: string } {
  const pkg = join(opts.root, 'node_modules', 'electron');
  if (!opts.exists(join(pkg, 'package.json'))) return { found: false, reason: 'the electron package is not installed' };
  const relative = opts.read(join(pkg, 'path.txt'))?.trim();
  const override = opts.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, relative || 'electron');
    return opts.exists(path) ? { found: true, path } : { found: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary at ${path}` };
  }
  if (!relative) return { found: false, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  const path = join(pkg, 'dist', relative);
  return opts.exists(path) ? { found: true, path } : { found: false, reason: `the Electron binary is missing at ${path}` };
}

/** The message for a machine without Electron. */
export function missingElectronMessage(reason: string): string {
  return [
    `Hallpass desktop cannot start: ${reason}.`,
    '',
    'To get the Electron binary (needs network access to GitHub releases):',
    '  npm i electron          (or: node node_modules/electron/install.js)',
    '  or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 build.',
    '',
    'The same UI runs in a browser without Electron:',
    '  npm run serve           then open the link it prints',
    '',
  ].join('\n');
}

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const electron = findElectronBinary({
    root, env: process.env, exists: existsSync,
    read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  });
  if (!electron.found) {
    process.stderr.write(missingElectronMessage(electron.reason));
    process.exit(1);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const builds = existsSync(join(root, 'dist', 'renderer', 'index.html')) ? ['build:electron'] : ['build:renderer', 'build:electron'];
  for (const script of builds) {
    if (spawnSync(npm, ['run', '--silent', script], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status !== 0) process.exit(1);
  }
  const child = spawn(electron.path, [join(root, 'dist', 'electron', 'main', 'electron', 'main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (import.meta.main) main();
