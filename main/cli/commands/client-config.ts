/** Ready-to-paste MCP client configuration for a new client token (HTTP and stdio). */
import { launcherPath } from '../../core/paths/install-root.ts';

/** The default port of `hallpass serve` (DESIGN.md §4). */
export const DEFAULT_PORT = 4255;

export interface ClientConfig {
  mcpUrl: string;
  http: { url: string; headers: { Authorization: string } };
  stdio: { command: string; args: string[]; env: Record<string, string> };
}

/** Config for an HTTP client and for a stdio client (through `hallpass mcp`). */
export function clientConfig(token: string, port: number, dataDirOverride: string | undefined): ClientConfig {
  const mcpUrl = `http://127.0.0.1:${port}/mcp`;
  const bin = launcherPath();
  return {
    mcpUrl,
    http: { url: mcpUrl, headers: { Authorization: `Bearer ${token}` } },
    stdio: {
      // Absolute paths: desktop clients start servers with a minimal PATH.
      command: process.execPath,
      args: [bin, 'mcp'],
      // The shim must look in the same data dir as this CLI did.
      env: { HALLPASS_TOKEN: token, ...(dataDirOverride ? { HALLPASS_HOME: dataDirOverride } : {}) },
    },
  };
}

/** The human-readable text `clients add` prints (the only time the token is ever shown). */
export function clientConfigText(name: string, token: string, config: ClientConfig): string {
  const indent = (value: unknown) => JSON.stringify(value, null, 2).replaceAll('\n', '\n  ');
  return [
    `Client "${name}" added. Its token is shown only now; Hallpass keeps just a hash of it.`,
    '',
    `  ${token}`,
    '',
    'HTTP clients (Streamable HTTP; Hallpass must be running: `hallpass serve`):',
    `  URL:    ${config.http.url}`,
    `  Header: Authorization: ${config.http.headers.Authorization}`,
    '',
    `  ${indent({ mcpServers: { hallpass: { type: 'http', url: config.http.url, headers: config.http.headers } } })}`,
    '',
    'stdio clients (e.g. Claude Desktop), relayed by `hallpass mcp`:',
    '',
    `  ${indent({ mcpServers: { hallpass: config.stdio } })}`,
    '',
  ].join('\n');
}
