// `npm run build:mcpb`: the Claude Desktop extension dist/hallpass.mcpb — a zip with manifest.json (MCPB 0.3),
// server/index.mjs (the `hallpass mcp` shim bundled by Vite into one file for Claude Desktop's own Node) and
// icon.png. `--out FILE` writes elsewhere (tests). The zip is reproducible: fixed entry dates and order.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { build } from 'vite';
import { ENTRY_POINT, hallpassManifest } from '../mcpb/manifest.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const flag = process.argv.indexOf('--out');
const out = flag > 0 && process.argv[flag + 1] ? resolve(process.argv[flag + 1]!) : join(root, 'dist', 'hallpass.mcpb');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
// Zip entries carry this date, so the same sources give the same bytes.
const date = new Date(Number(process.env.SOURCE_DATE_EPOCH ?? 1_767_225_600) * 1000);

const stage = mkdtempSync(join(tmpdir(), 'hallpass-mcpb-'));
try {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: join(root, 'main', 'cli', 'agents', 'mcpb-entry.ts'),
      outDir: stage,
      emptyOutDir: true,
      target: 'node18',
      minify: false,
      sourcemap: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'index.mjs', codeSplitting: false } },
    },
  });
  const server = join(stage, 'index.mjs');
  if (!existsSync(server)) throw new Error(`vite did not produce ${server}`);
  const icon = join(root, 'build', 'icon.png');
  const withIcon = existsSync(icon);
  const zip = new JSZip();
  const add = (name: string, data: Buffer | string) => zip.file(name, data, { date, unixPermissions: 0o644, createFolders: false });
  add('manifest.json', `${JSON.stringify(hallpassManifest(version, withIcon), null, 2)}\n`);
  add(ENTRY_POINT, readFileSync(server));
  if (withIcon) add('icon.png', readFileSync(icon));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  process.stdout.write(`build:mcpb: ${out} (${(bytes.length / 1024).toFixed(0)} KiB, Hallpass ${version})\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
