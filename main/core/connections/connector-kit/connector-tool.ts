/** A connector tool as data + one function: name, zod input, exact access class, `run`. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Access, Clock, ConnectionTool } from '../../model.ts';
import type { ProgressUpdate } from '../connection-types.ts';
import type { ApiClient } from './api-client.ts';
import type { Sleep } from './sleep.ts';

/** What a tool's `run` gets besides its validated arguments. */
export interface ToolContext {
  /** Authenticated, retrying, bounded HTTP to the provider. The tool never sees a token. */
  api: ApiClient;
  /** Aborted on revoke / kill / cancellation / dispose. */
  signal: AbortSignal;
  clock: Clock;
  sleep: Sleep;
  /** Forwards progress to the agent when it asked for progress; a no-op otherwise. */
  progress(update: ProgressUpdate): void;
}

/** One tool of a connector. `S` is its zod input schema. */
export interface ConnectorTool<S extends z.ZodType = z.ZodType> {
  /** Bare name at the connection, snake_case. */
  name: string;
  title: string;
  description: string;
  input: S;
  /** The tool's class as listed. A tool with `classify` lists its most dangerous class (write). */
  access: Access;
  /** Per-call class for tools whose access depends on the arguments (Snowflake SQL). */
  classify?(args: z.output<S>): Access;
  run(args: z.output<S>, ctx: ToolContext): Promise<CallToolResult>;
}

/** Declares a tool, keeping its argument types; the definition is frozen. */
export function defineTool<S extends z.ZodType>(tool: ConnectorTool<S>): ConnectorTool<S> {
  return Object.freeze(tool);
}

/** The listing form of a tool: JSON Schema from zod 4, annotations agreeing with the access class. */
export function toConnectionTool(tool: ConnectorTool): ConnectionTool {
  const { $schema: _ignored, ...inputSchema } = z.toJSONSchema(tool.input, { io: 'input' }) as Record<string, unknown>;
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema,
    annotations: { title: tool.title, readOnlyHint: tool.access === 'read', openWorldHint: true },
    access: tool.access,
  };
}

/** A successful result carrying JSON for the agent. */
export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** A successful plain-text result. */
export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

/** A tool error the agent can read and act on. */
export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
