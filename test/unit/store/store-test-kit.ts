// Shared pieces of the store tests: temp dirs that are always removed, file hashes, sample rows.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import type { AccessRequest, Client, Session } from '../../../main/core/model.ts';

/** A fresh temp dir, removed when the test ends. */
export function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'hallpass-store-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** sha256 of a file's bytes. */
export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** The names in a dir, sorted. */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A client with a well-formed token hash. */
export function sampleClient(n: number): Client {
  return { id: `cli_${n}`, name: `client ${n}`, tokenHash: createHash('sha256').update(`token ${n}`).digest('hex'), createdAt: 1_000 + n };
}

/** An active session of `clientId`. */
export function sampleSession(id: string, clientId: string, createdAt = 2_000): Session {
  return {
    id, clientId, task: 'tidy the repo', createdAt, expiresAt: createdAt + 900_000, calls: 0, requestId: `req_${id}`,
    grants: [{ connection: 'files', access: 'read' }, { connection: 'git', access: 'write', tools: ['commit'] }],
  };
}

/** A pending request of `clientId`. */
export function sampleRequest(id: string, clientId: string, createdAt = 3_000): AccessRequest {
  return {
    id, clientId, task: 'read the notes', createdAt, lapsesAt: createdAt + 300_000, state: 'pending',
    grants: [{ connection: 'files', access: 'read' }], trigger: { tool: 'files__read_file', argsSummary: '{"path":"notes.md"}' },
  };
}
