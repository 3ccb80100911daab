// The whole test suite: lint, typecheck, then every test file under test/ with Node's test runner.
// Keychain tests need a Secret Service; test/support/keyring-session.ts starts a private one per test file.
import { spawnSync } from 'node:child_process';

function step(name: string, cmd: string, args: string[]): void {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\n${name} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}

const only = process.argv.slice(2);
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
