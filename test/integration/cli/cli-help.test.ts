// The CLI's help texts, usage errors and exit statuses, run as a real child process (and, for the
// exhaustive help sweep, in-process through the same runCli the entry calls).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTempHome, runCli, type CliResult } from '../../support/serve-process.ts';
import { runCli as runCliInProcess } from '../../../main/cli/run-cli.ts';
import { COMMANDS } from '../../../main/cli/commands/all-commands.ts';
import { systemContext } from '../../../main/cli/cli-context.ts';
import pkg from '../../../package.json' with { type: 'json' };

const CLI_DIR = fileURLToPath(new URL('../../../main/cli/', import.meta.url));

/** One line on stderr starting `hallpass: `, nothing on stdout, no stack trace. */
function assertOneLineFailure(r: CliResult, code: number, pattern: RegExp): void {
  assert.equal(r.code, code, `exit status; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const lines = r.stderr.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, `one stderr line, got: ${r.stderr}`);
  assert.match(lines[0]!, /^hallpass: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

describe('hallpass CLI: help and usage errors', () => {
  let home: string;
  before(async () => { home = await createTempHome(); });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('prints the top help for --help, help and no arguments, listing every command', async () => {
    for (const args of [['--help'], ['help'], []]) {
      const r = await runCli(args, { home });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      for (const word of ['serve', 'mcp', 'clients', 'servers', 'sessions', 'revoke', 'kill', 'rearm', 'audit']) {
        assert.match(r.stdout, new RegExp(`^  ${word} `, 'm'), `help lists ${word}`);
      }
    }
  });

  it('gives every command, group and subcommand a --help that exits 0', async () => {
    const paths: string[][] = [];
    for (const e of COMMANDS) {
      if ('commands' in e) {
        paths.push([e.name]);
        for (const c of e.commands) paths.push(c.path.split(' '));
      } else {
        paths.push(e.path.split(' '));
      }
    }
    assert.ok(paths.length >= 15, `${paths.length} help paths`);
    for (const words of paths) {
      let out = '';
      let err = '';
      const ctx = { ...systemContext({ HALLPASS_HOME: home }), out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
      const code = await runCliInProcess([...words, '--help'], ctx);
      assert.equal(code, 0, `${words.join(' ')} --help: ${err}`);
      assert.equal(err, '');
      assert.match(out, /Usage:/, `${words.join(' ')} --help shows usage`);
      assert.match(out, new RegExp(`hallpass ${words.join(' ')}`), `${words.join(' ')} --help names itself`);
    }
    // And through a real process, with -h and `help <group> <command>`.
    const short = await runCli(['servers', 'add', '-h'], { home });
    assert.equal(short.code, 0);
    assert.match(short.stdout, /-- CMD \[ARGS…\]/);
    const viaHelp = await runCli(['help', 'clients', 'add'], { home });
    assert.equal(viaHelp.code, 0);
    assert.match(viaHelp.stdout, /clients add NAME/);
  });

  it('prints the package version', async () => {
    const r = await runCli(['--version'], { home });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `hallpass ${pkg.version}\n`);
  });

  it('rejects unknown commands with a hint, exit 2', async () => {
    assertOneLineFailure(await runCli(['frobnicate'], { home }), 2, /unknown command "frobnicate".*hallpass --help/);
    assertOneLineFailure(await runCli(['clinets', 'list'], { home }), 2, /did you mean "clients"/);
    assertOneLineFailure(await runCli(['clients', 'delete', 'x'], { home }), 2, /unknown subcommand "clients delete"/);
    assertOneLineFailure(await runCli(['clients'], { home }), 2, /needs a subcommand: add, list, remove/);
    assertOneLineFailure(await runCli(['--frob'], { home }), 2, /unknown option --frob/);
  });

  it('rejects unknown flags, missing and extra arguments, bad values, exit 2', async () => {
    assertOneLineFailure(await runCli(['clients', 'list', '--bogus'], { home }), 2, /unknown option --bogus.*hallpass clients list --help/);
    assertOneLineFailure(await runCli(['clients', 'add'], { home }), 2, /needs a client NAME/);
    assertOneLineFailure(await runCli(['clients', 'list', 'extra'], { home }), 2, /unexpected argument "extra"/);
    assertOneLineFailure(await runCli(['audit', '--limit'], { home }), 2, /option --limit needs a value/);
    assertOneLineFailure(await runCli(['audit', '--limit', 'lots'], { home }), 2, /--limit must be a whole number/);
    assertOneLineFailure(await runCli(['serve', '--port', '70000'], { home }), 2, /--port must be a whole number from 0 to 65535/);
    assertOneLineFailure(await runCli(['serve', '--approval-wait', '60'], { home }), 2, /--approval-wait must be a whole number from 0 to 59/);
    assertOneLineFailure(await runCli(['clients', 'list', '--json=yes'], { home }), 2, /does not take an argument/);
    assertOneLineFailure(await runCli(['kill', '--', 'x'], { home }), 2, /takes no arguments after --/);
  });

  it('has no approve command and no code path that approves', async () => {
    for (const args of [['approve'], ['approve', 'req_1'], ['sessions', 'approve'], ['clients', 'approve']]) {
      const r = await runCli(args, { home });
      assert.notEqual(r.code, 0, `hallpass ${args.join(' ')} must fail`);
      assert.equal(r.stdout, '');
    }
    // INVARIANT: approving happens only in Hallpass' UI: nothing in the CLI calls the approve route or function.
    const files = (await readdir(CLI_DIR, { recursive: true })).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const file of files) {
      const source = await readFile(join(CLI_DIR, file), 'utf8');
      assert.doesNotMatch(source, /\/approve|\.approve\(|\bapprove\(|import \{[^}]*\bapprove\b/, `${file} must not approve`);
    }
  });

  it('turns a broken database into one line (a stack only with HALLPASS_DEBUG=1), leaving the file untouched', async () => {
    const broken = await createTempHome();
    try {
      const garbage = 'this is not a database '.repeat(200);
      await writeFile(join(broken, 'hallpass.db'), garbage);
      assertOneLineFailure(await runCli(['clients', 'list'], { home: broken }), 1, /hallpass\.db/);
      const debug = await runCli(['clients', 'list'], { home: broken, env: { HALLPASS_DEBUG: '1' } });
      assert.equal(debug.code, 1);
      assert.match(debug.stderr, /\n\s+at /, 'stack trace with HALLPASS_DEBUG=1');
      assert.equal(await readFile(join(broken, 'hallpass.db'), 'utf8'), garbage);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
