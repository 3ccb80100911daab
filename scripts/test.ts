// The whole test suite: lint, typecheck, then every test file under test/ with Node's test runner.
// Real peers need system programs: Chromium (renderer e2e) and a Secret Service (gnome-keyring under a
// private D-Bus session, started per test file by test/support/keyring-session.ts). Missing ones are
// installed with apt-get where that is possible (root on Debian/Ubuntu), else named with the command.
import { spawnSync } from 'node:child_process';

const SYSTEM_NEEDS: Record<string, string> = {
  chromium: 'chromium', 'dbus-run-session': 'dbus', 'gnome-keyring-daemon': 'gnome-keyring', 'secret-tool': 'libsecret-tools',
};

function ensureSystemPrograms(): void {
  if (process.platform !== 'linux') return;
  const has = (program: string) => spawnSync('sh', ['-c', `command -v ${program}`]).status === 0;
  const missing = [...new Set(Object.entries(SYSTEM_NEEDS).filter(([program]) => !has(program)).map(([, pkg]) => pkg))];
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')} dbus-x11`;
  if (process.getuid?.() === 0 && has('apt-get')) {
    process.stdout.write(`\n== installing test prerequisites: ${missing.join(', ')}\n`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    if (spawnSync('sh', ['-c', command], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0) return;
  }
  process.stdout.write(`\nThe tests need ${missing.join(', ')}; install them first: sudo ${command}\n`);
  process.exit(1);
}

function step(name: string, cmd: string, args: string[]): void {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n${name} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

const only = process.argv.slice(2);
ensureSystemPrograms();
if (only.length === 0) {
  step('lint', 'oxlint', ['-c', '.oxlintrc.json', '--deny-warnings', 'main', 'preload', 'renderer', 'test', 'bench', 'scripts', 'build', 'mcpb']);
  step('typecheck', 'tsc', ['-p', 'tsconfig.json', '--noEmit']);
}
const globs = only.length > 0 ? only : [
  'test/unit/**/*.test.ts',
  'test/integration/**/*.test.ts',
  'test/e2e/**/*.test.ts',
  'test/electron/**/*.test.ts',
];
step('tests', process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...globs]);
