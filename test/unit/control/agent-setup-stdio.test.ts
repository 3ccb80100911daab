import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgentSetup } from '../../../main/core/control/agent-setup.ts';
import { openStore } from '../../../main/core/store/open-store.ts';
import { randomIds, systemClock } from '../../../main/core/defaults.ts';

function setup(stdioShimAvailable: boolean) {
  const home = mkdtempSync(join(tmpdir(), 'hallpass-agent-setup-'));
  const xdg = join(home, '.config');
  mkdirSync(join(xdg, 'Claude'), { recursive: true });
  const store = openStore(':memory:');
  const agents = createAgentSetup({
    store, ids: randomIds, clock: systemClock, stdioShimAvailable, clientsChanged() {},
    roots: { platform: 'linux', home, appData: join(home, 'AppData'), xdgConfigHome: xdg },
    endpoint: () => ({ url: 'http://127.0.0.1:4255/mcp', shim: { command: '/usr/bin/node', args: ['/opt/hallpass/bin/hallpass.mjs', 'mcp'], env: {} } }),
  });
  return { agents, file: join(xdg, 'Claude', 'claude_desktop_config.json'), done: () => { store.dispose(); rmSync(home, { recursive: true, force: true }); } };
}

test('where no Node can run the stdio shim (inside Electron), Claude Desktop gets no entry that could not start', async () => {
  const s = setup(false);
  try {
    await assert.rejects(s.agents.install({ client: 'claude-desktop' }), (err: Error & { status?: number }) => {
      assert.equal(err.status, 409);
      assert.match(err.message, /\.mcpb/);
      return true;
    });
    assert.equal(existsSync(s.file), false, 'nothing written');
  } finally {
    s.done();
  }
});

test('where the shim can run, Claude Desktop gets its stdio entry', async () => {
  const s = setup(true);
  try {
    const result = await s.agents.install({ client: 'claude-desktop' });
    assert.equal(result.action, 'created');
    assert.equal(existsSync(s.file), true);
  } finally {
    s.done();
  }
});
