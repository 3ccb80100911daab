/** Small helpers shared by the benchmarks. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What users run: the launcher (compiled build when fresh, else sources). */
export const CLI = join(import.meta.dirname, '..', 'bin', 'hallpass.mjs');

/** Percentile of a sorted array. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Summary of latencies in ms. */
export function summarize(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return { p50: percentile(s, 50), p99: percentile(s, 99), mean: total / ms.length, perSecond: (ms.length / total) * 1000 };
}

/** A temp HALLPASS_HOME with helpers to run the CLI and a serve child in it. */
export function benchHome() {
  const home = mkdtempSync(join(tmpdir(), 'hallpass-bench-'));
  const env = { ...process.env, HALLPASS_HOME: home };
  let child: ChildProcess | undefined;
  return {
    home,
    cli(args: string[]): string {
      const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`hallpass ${args.join(' ')} failed: ${r.stderr}`);
      return r.stdout;
    },
    async serve(extra: string[] = []): Promise<{ port: number; controlToken: string; pid: number; readyMs: number }> {
      const started = performance.now();
      child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...extra], { env: { ...env, ...(process.env.BENCH_SERVE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVE_NODE_OPTIONS } : {}) }, stdio: ['ignore', 'ignore', 'inherit'] });
      const instance = join(home, 'instance.json');
      while (!existsSync(instance)) {
        if (child.exitCode !== null) throw new Error('serve exited');
        await new Promise((r) => setTimeout(r, 2));
      }
      const readyMs = performance.now() - started;
      const { port, pid } = JSON.parse(readFileSync(instance, 'utf8')) as { port: number; pid: number };
      return { port, pid, readyMs, controlToken: readFileSync(join(home, 'control.token'), 'utf8').trim() };
    },
    async close() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Calls the control API of a serve. */
export async function api(port: number, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}
