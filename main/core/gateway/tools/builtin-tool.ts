/** Hallpass' own tools, shown to every client next to the connections' tools. */
import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { Runtime } from '../../runtime/runtime.ts';
import type { Caller } from '../call-tool.ts';

export interface BuiltinTool {
  definition: Tool;
  run(rt: Runtime, args: Record<string, unknown>, caller: Caller, connectionIds: readonly string[]): Promise<CallToolResult>;
}
