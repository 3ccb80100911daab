// The store shared between processes: a writer killed with SIGKILL loses no committed row, and a
// writer waits for another process' lock instead of failing.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { openStore } from '../../../main/core/store/open-store.ts';
import { tempDir } from './store-test-kit.ts';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

/** Starts a fixture with the same Node; it is killed (and awaited) when the test ends. */
function start(t: TestContext, name: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, [fixture(name), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closed;
  });
  return child;
}

/** Resolves with every complete stdout line once `enough` says so; rejects on early exit or timeout. */
function readLines(child: ChildProcess, enough: (lines: string[]) => boolean, onData?: () => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const lines: string[] = [];
    let partial = '';
    let done = false;
    let stderr = '';
    const timer = setTimeout(() => {
      done = true;
      reject(new Error(`fixture too slow (${lines.length} lines); stderr: ${stderr}`));
    }, 30_000);
    child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (done) return;
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      lines.push(...parts);
      onData?.();
      if (enough(lines)) {
        done = true;
        clearTimeout(timer);
        resolve(lines);
      }
    });
    child.once('exit', (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      reject(new Error(`fixture exited early (${code ?? signal}); stderr: ${stderr}`));
    });
  });
}

/** Sends SIGKILL and resolves once the process is gone and its pipes are closed. */
function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('close', () => resolve());
    child.kill('SIGKILL');
  });
}

test('SIGKILL of a process appending in a loop loses no committed row; the chain verifies', async (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  const store = openStore(file);
  t.after(() => store.dispose());
  const committedByChild: number[] = [];
  let parentRows = 0;
  for (let round = 0; round < 3; round++) {
    const child = start(t, 'append-loop.ts', [file]);
    // The parent appends too while the child runs, so the two contend for the write lock.
    const lines = await readLines(child, (l) => l.length >= 300, () => {
      store.audit.append({ at: Date.now(), kind: 'allowed', clientId: 'cli_parent', reason: 'parent' });
      parentRows += 1;
    });
    await killed(child);
    committedByChild.push(...lines.map(Number));
  }
  const rows = [...store.audit.all()];
  const bySeq = new Map(rows.map((row) => [row.seq, row]));
  for (const seq of committedByChild) assert.equal(bySeq.get(seq)?.clientId, 'cli_child', `row ${seq} survived`);
  assert.equal(rows.filter((row) => row.clientId === 'cli_parent').length, parentRows);
  assert.deepEqual(store.audit.verify(), { ok: true, rows: rows.length });
  // The store still appends after the crashes.
  assert.equal(store.audit.append({ at: 1, kind: 'rearm' }).seq, rows.length + 1);
});

test('a write waits for another process holding the lock instead of failing', async (t) => {
  const file = join(tempDir(t), 'hallpass.db');
  const store = openStore(file);
  t.after(() => store.dispose());
  const holder = start(t, 'hold-write-lock.ts', [file, '400']);
  await readLines(holder, (lines) => lines.includes('locked'));
  // Blocks in SQLite's busy handler until the holder commits (without busy_timeout: SQLITE_BUSY now).
  const row = store.audit.append({ at: 1, kind: 'kill', reason: 'while locked' });
  assert.equal(row.seq, 1);
  assert.equal(store.settings.get('held-by'), 'fixture', "the holder's transaction committed first");
});

test('processes creating and writing one new database at the same moment all succeed', async (t) => {
  const file = join(tempDir(t), 'home', 'hallpass.db');
  const children = Array.from({ length: 4 }, () => start(t, 'append-loop.ts', [file, '25']));
  const exits = await Promise.all(children.map((child) => new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))));
  assert.deepEqual(exits, [0, 0, 0, 0]);
  const store = openStore(file);
  t.after(() => store.dispose());
  assert.deepEqual(store.audit.verify(), { ok: true, rows: 100 });
});
