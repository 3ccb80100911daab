// A real core (createCore, real SQLite in a temp dir) with a hand-moved clock, for the shell's tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../main/core/index.ts';
import type { Core } from '../../../main/core/index.ts';
import type { Grant } from '../../../main/core/model.ts';

export interface TestCore {
  core: Core;
  dataDir: string;
  advance(ms: number): void;
  now(): number;
  /** Registers a client and opens a pending request for it, as a gated call would. */
  pendingRequest(task?: string, grants?: Grant[]): { clientId: string; requestId: string };
  dispose(): Promise<void>;
}

export async function startTestCore(): Promise<TestCore> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallpass-shell-'));
  let now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const core = await createCore({ dataDir, clock: { now: () => now }, sweepMs: 60_000 });
  let clients = 0;
  return {
    core,
    dataDir,
    advance: (ms) => { now += ms; },
    now: () => now,
    pendingRequest(task = 'Summarise the open issues', grants = [{ connection: 'files', access: 'read' }]) {
      const added = core.control.addClient(`agent-${++clients}`);
      const { request } = core.runtime.openRequest({ clientId: added.client.id, task, grants, trigger: { tool: 'files__read_file', argsSummary: 'path: "README.md"' } });
      return { clientId: added.client.id, requestId: request.id };
    },
    async dispose() {
      await core.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
