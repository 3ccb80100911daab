/** Command lines of the real downstream MCP servers the tests and benchmarks run (no npx: direct node entries). */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StdioServerConfig } from '../../main/core/model.ts';

const require = createRequire(import.meta.url);

/** Absolute path of a file inside an installed package (resolved through its package.json). */
function packageFile(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** `@modelcontextprotocol/server-everything` in stdio mode. */
export function everythingServerConfig(id = 'everything', extra: Partial<StdioServerConfig> = {}): StdioServerConfig {
  const entry = packageFile('@modelcontextprotocol/server-everything', 'dist/index.js');
  return { kind: 'stdio', id, command: process.execPath, args: [entry, 'stdio'], env: {}, enabled: true, ...extra };
}

/** `@modelcontextprotocol/server-filesystem` allowed to touch `dir` only. */
export function filesystemServerConfig(id: string, dir: string, extra: Partial<StdioServerConfig> = {}): StdioServerConfig {
  const entry = packageFile('@modelcontextprotocol/server-filesystem', 'dist/index.js');
  return { kind: 'stdio', id, command: process.execPath, args: [entry, dir], env: {}, enabled: true, ...extra };
}

/** The fixture server of test/support/downstream-fixture-server.ts (runtime tool changes, grandchildren, cancellation log). */
export function fixtureServerConfig(id = 'fixture', extra: Partial<StdioServerConfig> = {}): StdioServerConfig {
  const entry = join(dirname(fileURLToPath(import.meta.url)), 'downstream-fixture-server.ts');
  return { kind: 'stdio', id, command: process.execPath, args: [entry], env: {}, enabled: true, ...extra };
}
