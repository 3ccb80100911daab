/** A connection that could not be created (bad config, unsupported kind): visible as `failed`, never callable. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Disposable } from '../model.ts';
import type { Connection } from './connection-types.ts';

/** Stands in for a connection whose factory threw, so the UI can show why. */
export function createFailedConnection(id: string, detail: string): Connection {
  let stopped = false;
  return {
    id,
    status: () => (stopped ? 'stopped' : 'failed'),
    statusDetail: () => (stopped ? undefined : detail),
    tools: () => [],
    callTool: (): Promise<CallToolResult> => Promise.reject(new Error(`connection "${id}" is not available: ${detail}`)),
    onChange: (): Disposable => ({ dispose() {} }),
    dispose() {
      stopped = true;
    },
  };
}
