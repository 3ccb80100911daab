// `hallpass servers add|list|remove` as a real child process against a temp data dir.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createTempHome, runCli } from '../../support/serve-process.ts';

const SECRET = 'sk-live-not-for-listing-123';

interface Listed { id: string; kind: string; enabled: boolean; command?: string; args?: string[]; envKeys?: string[]; url?: string; allowLoopback?: boolean; overrides?: Record<string, string>; cwd?: string }

describe('hallpass servers', () => {
  let home: string;
  const list = async () => JSON.parse((await runCli(['servers', 'list', '--json'], { home })).stdout) as Listed[];
  before(async () => { home = await createTempHome(); });
  after(async () => { await rm(home, { recursive: true, force: true }); });

  it('adds a stdio server with its command, args, env and tool overrides kept exactly', async () => {
    const r = await runCli([
      'servers', 'add', 'files', '--env', `API_KEY=${SECRET}`, '--env', 'EMPTY=', '--read-only-tool', 'search', '--write-tool', 'move_file',
      '--', 'npx', '-y', '@modelcontextprotocol/server-filesystem', '--flag=value', 'a dir with spaces', '--help',
    ], { home });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Added server "files" \(stdio\)/);
    assert.match(r.stdout, /files__<tool>/);
    const [files] = await list();
    assert.deepEqual(files, {
      id: 'files', kind: 'stdio', enabled: true, command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '--flag=value', 'a dir with spaces', '--help'],
      envKeys: ['API_KEY', 'EMPTY'], overrides: { search: 'read', move_file: 'write' },
    });
  });

  it('never shows environment values when listing', async () => {
    for (const args of [['servers', 'list'], ['servers', 'list', '--json']]) {
      const r = await runCli(args, { home });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(!r.stdout.includes(SECRET), `${args.join(' ')} leaks an env value`);
      assert.match(r.stdout, /API_KEY/);
    }
  });

  it('adds remote servers: https, or http and loopback only with --allow-loopback', async () => {
    assert.equal((await runCli(['servers', 'add', 'remote-a', '--url', 'https://mcp.example.com/mcp'], { home })).code, 0);
    const dev = await runCli(['servers', 'add', 'dev', '--url', 'http://127.0.0.1:9/mcp', '--allow-loopback', '--read-only-tool', 'get'], { home });
    assert.equal(dev.code, 0, dev.stderr);
    const byId = Object.fromEntries((await list()).map((s) => [s.id, s]));
    assert.deepEqual(byId['remote-a'], { id: 'remote-a', kind: 'remote', enabled: true, url: 'https://mcp.example.com/mcp' });
    assert.deepEqual(byId.dev, { id: 'dev', kind: 'remote', enabled: true, url: 'http://127.0.0.1:9/mcp', allowLoopback: true, overrides: { get: 'read' } });
    const text = await runCli(['servers', 'list'], { home });
    assert.match(text.stdout, /^NAME +KIND +ENABLED +TARGET/m);
    assert.match(text.stdout, /^remote-a +remote +yes +https:\/\/mcp\.example\.com\/mcp$/m);
  });

  it('refuses bad input with one line, exit 2, and stores nothing', async () => {
    const before = await list();
    const cases: [string[], RegExp][] = [
      [['servers', 'add', 'Bad', '--', 'x'], /invalid server name "Bad"/],
      [['servers', 'add', '1st', '--', 'x'], /invalid server name/],
      [['servers', 'add', 'under_score', '--', 'x'], /invalid server name/],
      [['servers', 'add', 'a'.repeat(25), '--', 'x'], /invalid server name/],
      [['servers', 'add', 'hallpass', '--', 'x'], /reserved/],
      [['servers', 'add', 'nocmd'], /give the server command after --/],
      [['servers', 'add', 'nocmd', '--'], /give the server command after --/],
      [['servers', 'add', 'plain', '--url', 'http://example.com/mcp'], /--url must use https/],
      [['servers', 'add', 'local', '--url', 'https://localhost:8443/mcp'], /--allow-loopback/],
      [['servers', 'add', 'local', '--url', 'https://127.0.0.2/mcp'], /--allow-loopback/],
      [['servers', 'add', 'creds', '--url', 'https://me:pw@example.com/mcp'], /user name or password/],
      [['servers', 'add', 'notaurl', '--url', 'example dot com'], /is not a URL/],
      [['servers', 'add', 'ftp', '--url', 'ftp://example.com/', '--allow-loopback'], /https or http/],
      [['servers', 'add', 'both', '--url', 'https://example.com/mcp', '--', 'x'], /either --url or -- CMD/],
      [['servers', 'add', 'envurl', '--url', 'https://example.com/mcp', '--env', 'A=1'], /for stdio servers/],
      [['servers', 'add', 'loopstdio', '--allow-loopback', '--', 'x'], /--allow-loopback is for --url only/],
      [['servers', 'add', 'badenv', '--env', 'NOEQUALS', '--', 'x'], /--env needs KEY=VALUE/],
      [['servers', 'add', 'badenv', '--env', '1X=2', '--', 'x'], /--env needs KEY=VALUE/],
      [['servers', 'add', 'dupenv', '--env', 'A=1', '--env', 'A=2', '--', 'x'], /given twice/],
      [['servers', 'add', 'both-ways', '--read-only-tool', 't', '--write-tool', 't', '--', 'x'], /more than once/],
      [['servers', 'add', 'x', 'y', '--', 'x'], /unexpected argument "y"/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(args, { home });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
      assert.match(r.stderr, pattern, args.join(' '));
    }
    assert.deepEqual(await list(), before);
  });

  it('refuses a name that exists (exit 1) and removes servers', async () => {
    const dup = await runCli(['servers', 'add', 'files', '--', 'other'], { home });
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, /^hallpass: a server named "files" already exists/);
    assert.equal((await list()).find((s) => s.id === 'files')?.command, 'npx', 'the first one is untouched');

    for (const id of ['files', 'remote-a', 'dev']) assert.equal((await runCli(['servers', 'remove', id], { home })).code, 0);
    assert.deepEqual(await list(), []);
    assert.match((await runCli(['servers', 'list'], { home })).stdout, /No servers yet/);
    const unknown = await runCli(['servers', 'remove', 'files'], { home });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^hallpass: no server named "files"/);
  });
});
