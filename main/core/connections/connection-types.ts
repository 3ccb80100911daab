/** What the gateway needs from anything it fronts: stdio servers, remote servers, OAuth connectors. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ConnectionStatus, ConnectionTool, Disposable } from '../model.ts';

export interface ProgressUpdate {
  progress: number;
  total?: number;
  message?: string;
}

export interface CallOptions {
  /** Aborted on revoke / kill / agent cancellation; the connection must stop the downstream work
   * (AbortSignal to the request → MCP `notifications/cancelled` to the server). */
  signal: AbortSignal;
  /** Present when the agent asked for progress; forwards downstream progress. */
  onProgress?: (update: ProgressUpdate) => void;
}

export interface Connection extends Disposable {
  readonly id: string;
  status(): ConnectionStatus;
  /** Human-readable detail of the status (last error, restart count…); never secrets. */
  statusDetail(): string | undefined;
  /** The current tool list, access already classified. Empty until running. */
  tools(): readonly ConnectionTool[];
  /** Calls a bare tool name. Rejects on transport failure; provider/tool errors come back as `isError` results. */
  callTool(name: string, args: Record<string, unknown>, options: CallOptions): Promise<CallToolResult>;
  /** Called whenever `tools()` or `status()` changes. */
  onChange(listener: () => void): Disposable;
}
