// `npm run build:node`: compiles the CLI and the core to plain JavaScript in dist/node. Running compiled
// code starts faster and uses less memory than type stripping (DESIGN.md §9), and works from an installed
// tarball (Node strips no types under node_modules). bin/hallpass.mjs uses it only while it is newer
// than every source file, so editing a source file simply runs from source again.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'dist', 'node');
rmSync(out, { recursive: true, force: true });
const tsc = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(root, 'tsconfig.node.json')], { stdio: 'inherit' });
if (tsc.status !== 0) {
  process.stderr.write(`build:node: tsc failed (exit ${tsc.status ?? tsc.signal})\n`);
  process.exit(1);
}
writeFileSync(join(out, 'built-at'), `${new Date().toISOString()}\n`);
process.stdout.write('build:node: dist/node/main/cli/index.js\n');
