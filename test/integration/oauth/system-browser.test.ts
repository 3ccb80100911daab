// The system browser is opened without a shell: the URL arrives as one argv item, metacharacters untouched.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { browserCommand, systemBrowserOpener } from '../../../main/core/connections/oauth/system-browser.ts';
import { waitUntil } from '../../support/downstream-helpers.ts';

test('the opener command per platform takes the URL as its last argument', () => {
  assert.deepEqual(browserCommand('linux'), { command: 'xdg-open', args: [] });
  assert.deepEqual(browserCommand('darwin'), { command: 'open', args: [] });
  assert.deepEqual(browserCommand('win32'), { command: 'rundll32', args: ['url.dll,FileProtocolHandler'] });
});

test('xdg-open receives the URL as a single argument; nothing a shell would interpret runs', { skip: process.platform === 'win32' ? 'POSIX only' : false }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-opener-'));
  const previous = process.env.PATH;
  try {
    // A stand-in xdg-open/open that records its arguments, one per line.
    const script = `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${join(dir, 'argv')}"\n`;
    for (const name of ['xdg-open', 'open']) {
      writeFileSync(join(dir, name), script);
      chmodSync(join(dir, name), 0o755);
    }
    process.env.PATH = `${dir}:${previous ?? ''}`;
    const marker = join(dir, 'pwned');
    const url = new URL(`https://as.example.com/authorize?state=a&x=$(touch ${marker})&y=;touch%20${marker}&z=\`touch ${marker}\``);
    await systemBrowserOpener()(url);
    await waitUntil(() => existsSync(join(dir, 'argv')) && readFileSync(join(dir, 'argv'), 'utf8').endsWith('\n'), 'the opener to run');
    assert.deepEqual(readFileSync(join(dir, 'argv'), 'utf8').split('\n').filter(Boolean), [url.href]);
    assert.equal(existsSync(marker), false);
  } finally {
    process.env.PATH = previous;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('only web URLs are opened; a missing opener says what to do', async () => {
  await assert.rejects(systemBrowserOpener()(new URL('file:///etc/passwd')), /refusing to open a file: URL/);
  await assert.rejects(systemBrowserOpener()(new URL('javascript:alert(1)')), /refusing to open a javascript: URL/);
  const previous = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    await assert.rejects(systemBrowserOpener('linux')(new URL('https://as.example.com/authorize')), /could not open the browser.*open this address yourself: https:\/\/as\.example\.com\/authorize/);
  } finally {
    process.env.PATH = previous;
  }
});
