// A throwaway app root laid out like the real one (dist/electron, dist/renderer, build icons, package.json,
// node_modules linked), so specs that run the compiled main process never race the in-place build.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..', '..');

/** Builds main + preload into `dir`, copies (or builds) the renderer and icons; returns the path of main.js. */
export function prepareAppRoot(dir: string): string {
  const build = spawnSync(process.execPath, ['build/build-electron.ts', '--out-dir', join(dir, 'dist', 'electron')], { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 });
  assert.equal(build.status, 0, build.stderr);
  if (existsSync(join(repoRoot, 'dist', 'renderer', 'index.html'))) {
    cpSync(join(repoRoot, 'dist', 'renderer'), join(dir, 'dist', 'renderer'), { recursive: true });
  } else {
    const vite = join(repoRoot, 'node_modules', '.bin', 'vite');
    const renderer = spawnSync(vite, ['build', '--config', 'renderer/vite.config.ts', '--outDir', join(dir, 'dist', 'renderer')], { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 });
    assert.equal(renderer.status, 0, renderer.stderr);
  }
  cpSync(join(repoRoot, 'build', 'tray'), join(dir, 'build', 'tray'), { recursive: true });
  cpSync(join(repoRoot, 'build', 'icon.png'), join(dir, 'build', 'icon.png'));
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'junction');
  return join(dir, 'dist', 'electron', 'main', 'electron', 'main.js');
}
