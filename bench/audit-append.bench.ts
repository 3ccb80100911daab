// Durable audit appends per second into a fresh store (DESIGN.md §9: ≥ 10,000 rows/s).
// Each append is its own IMMEDIATE transaction in WAL with synchronous=NORMAL, as in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../main/core/store/open-store.ts';

const WARMUP_ROWS = 2_000;
const DURATION_MS = 3_000;

const dir = mkdtempSync(join(tmpdir(), 'hallpass-bench-audit-'));
try {
  const store = openStore(join(dir, 'hallpass.db'));
  try {
    const entry = (i: number) => ({
      at: Date.now(),
      kind: 'allowed' as const,
      clientId: 'cli_bench',
      clientName: 'bench client',
      connection: 'files',
      tool: `read_file_${i % 16}`,
      access: 'read' as const,
      sessionId: 'ses_bench',
      reason: 'covered by session',
    });
    for (let i = 0; i < WARMUP_ROWS; i++) store.audit.append(entry(i));
    let rows = 0;
    const start = performance.now();
    while (performance.now() - start < DURATION_MS) {
      for (let i = 0; i < 100; i++) store.audit.append(entry(rows + i));
      rows += 100;
    }
    const seconds = (performance.now() - start) / 1000;
    if (!store.audit.verify().ok) throw new Error('the chain written by the benchmark does not verify');
    process.stdout.write(`${JSON.stringify({ name: 'audit-append', rowsPerSecond: Math.round(rows / seconds) })}\n`);
  } finally {
    store.dispose();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
