// A test double of the downstream boundary: three in-memory connections that record every call they
// receive (clock time, tool, args, the abort signal) and answer at once or only when the test says so.
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Access, Clock, ConnectionTool } from '../../../main/core/model.ts';
import type { CallOptions, Connection } from '../../../main/core/connections/connection-types.ts';

/** What the test puts in every call's arguments so a receipt can be traced to the call that made it. */
export interface CallArgs extends Record<string, unknown> {
  callNo: number;
  /** SQL text for `db__query` (classified per call). */
  sql?: string;
  /** A `slow` call that ignores its abort signal and answers only when released. */
  stubborn?: boolean;
}

/** One call as the downstream received it. */
export interface Receipt {
  /** Clock time at the moment the downstream received the call. */
  at: number;
  connection: string;
  tool: string;
  args: CallArgs;
  signal: AbortSignal;
  /** Whether the downstream has answered (or rejected) this call. */
  answered: boolean;
  /** Answers a `slow` call now (no-op once answered). */
  release(): void;
}

/** The text a downstream answers call `callNo` with. */
export function answerText(connection: string, tool: string, callNo: number): string {
  return `${connection}/${tool} #${callNo}`;
}

/** The connections of the double and every call they received, in order. */
export interface Downstream {
  connections: Connection[];
  receipts: Receipt[];
}

const schema = { type: 'object' };
const tool = (name: string, access: Access): ConnectionTool => ({ name, inputSchema: schema, access });

/** Builds `files` (answers at once), `db` (one tool classified per call by its SQL) and `slow` (blocks). */
export function createDownstream(clock: Clock, onReceive: (receipt: Receipt) => void): Downstream {
  const receipts: Receipt[] = [];
  const receive = (connection: string, name: string, args: Record<string, unknown>, options: CallOptions, blocks: boolean) =>
    new Promise<CallToolResult>((resolve, reject) => {
      const answer = () => resolve({ content: [{ type: 'text', text: answerText(connection, name, Number(args.callNo)) }] });
      const receipt: Receipt = {
        at: clock.now(), connection, tool: name, args: args as CallArgs, signal: options.signal, answered: false,
        release() {
          if (receipt.answered) return;
          receipt.answered = true;
          answer();
        },
      };
      receipts.push(receipt);
      onReceive(receipt);
      if (!blocks) return receipt.release();
      options.signal.addEventListener('abort', () => {
        if (receipt.answered || receipt.args.stubborn) return;
        receipt.answered = true;
        reject(options.signal.reason); // what a real client transport does on abort
      }, { once: true });
    });
  const connection = (id: string, tools: ConnectionTool[], blocks: boolean, extra: object = {}): Connection => ({
    id,
    status: () => 'running',
    statusDetail: () => undefined,
    tools: () => tools,
    callTool: (name, args, options) => receive(id, name, args, options, blocks),
    onChange: () => ({ dispose() {} }),
    dispose() {},
    ...extra,
  });
  const classifyCall = (_tool: string, args: Record<string, unknown>): Access => {
    const sql = String(args.sql ?? '');
    if (sql.includes('boom')) throw new Error('cannot parse this SQL');
    return sql.startsWith('select ') ? 'read' : 'write';
  };
  return {
    receipts,
    connections: [
      connection('files', [tool('read_file', 'read'), tool('write_file', 'write')], false),
      // The static class says read: only the per-call classification can tell a write.
      connection('db', [tool('query', 'read')], false, { classifyCall }),
      connection('slow', [tool('fetch', 'read'), tool('mutate', 'write')], true),
    ],
  };
}
