// Cold start of `hallpass serve` to ready (instance.json written) and its idle RSS (DESIGN.md §9: ≤ 500 ms / ≤ 80 MB).
import { readFileSync } from 'node:fs';
import { benchHome } from './bench-util.ts';

const runs: number[] = [];
let rssMb = 0;
for (let i = 0; i < 5; i++) {
  const h = benchHome();
  const { readyMs, pid } = await h.serve();
  runs.push(readyMs);
  if (i === 4) {
    await new Promise((r) => setTimeout(r, 3000));
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    rssMb = Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
  }
  await h.close();
}
runs.sort((a, b) => a - b);
console.log(JSON.stringify({ name: 'serve-startup', coldStartMedianMs: Math.round(runs[2]!), coldStartRunsMs: runs.map(Math.round), idleRssMb: +rssMb.toFixed(1), budget: { coldStartMs: 500, idleRssMb: 80 } }));
