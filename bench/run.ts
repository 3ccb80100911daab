// `npm run bench`: runs every bench/*.bench.ts in its own process and prints a summary against DESIGN.md §9.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const results: unknown[] = [];
for (const file of files) {
  process.stdout.write(`\n== ${file}\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 300_000 });
  process.stdout.write(r.stdout);
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('{')) { try { results.push(JSON.parse(line)); } catch { /* not a result line */ } }
  }
  if (r.status !== 0) process.stdout.write(`(${file} exited ${r.status ?? r.signal})\n`);
}
process.stdout.write(`\n== summary\n${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
