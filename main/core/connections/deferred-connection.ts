/** A connection whose implementation loads on first use, so a core pays only for the kinds it runs. */
import type { ConnectionStatus, ConnectionTool, Disposable } from '../model.ts';
import type { CallOptions, Connection } from './connection-types.ts';

/** Shows `starting` until `load` resolves, then delegates everything; a failed load shows as `failed`. */
export function deferredConnection(id: string, load: () => Promise<Connection>): Connection {
  let inner: Connection | undefined;
  let failure: string | undefined;
  let disposed = false;
  let innerSubscription: Disposable | undefined;
  const listeners = new Set<() => void>();
  const notify = () => { for (const l of listeners) l(); };
  const loading = load().then(
    (connection) => {
      if (disposed) return void connection.dispose();
      inner = connection;
      innerSubscription = connection.onChange(notify);
      notify();
    },
    (error: unknown) => {
      failure = `failed to load: ${error instanceof Error ? error.message : String(error)}`;
      notify();
    },
  );
  return {
    id,
    status: (): ConnectionStatus => inner?.status() ?? (failure ? 'failed' : 'starting'),
    statusDetail: () => inner?.statusDetail() ?? failure,
    tools: (): readonly ConnectionTool[] => inner?.tools() ?? [],
    async callTool(name: string, args: Record<string, unknown>, options: CallOptions) {
      await loading;
      if (!inner) throw new Error(`connection "${id}" is not available: ${failure ?? 'stopped'}`);
      return inner.callTool(name, args, options);
    },
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => { listeners.delete(listener); } };
    },
    async dispose() {
      disposed = true;
      listeners.clear();
      await loading;
      innerSubscription?.dispose();
      await inner?.dispose();
    },
    // Per-call classification (e.g. SQL connectors) passes through once loaded; otherwise the tool's own
    // class; nothing loaded or unknown tool: write (fail closed).
    classifyCall(tool: string, args: Record<string, unknown>): 'read' | 'write' {
      const classify = (inner as { classifyCall?: (t: string, a: Record<string, unknown>) => 'read' | 'write' } | undefined)?.classifyCall;
      if (classify) return classify.call(inner, tool, args);
      return inner?.tools().find((t) => t.name === tool)?.access ?? 'write';
    },
  } as Connection;
}
