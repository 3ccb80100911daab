/** Decides whether a downstream tool reads or writes (DESIGN.md §1), failing closed to write. */
import type { Tool } from '@modelcontextprotocol/client';
import type { Access, ConnectionTool } from '../model.ts';

/** Per-tool access set by a user or IT, keyed by bare tool name. */
export type AccessOverrides = Readonly<Record<string, Access>>;

/** Override first, then `readOnlyHint: true` means read; anything else (absent, false, malformed) is write. */
export function classifyAccess(tool: { name: string; annotations?: Readonly<Record<string, unknown>> }, overrides?: AccessOverrides): Access {
  // SECURITY: own keys only, so a tool named "constructor" or "__proto__" cannot pick up an inherited value.
  if (overrides && Object.hasOwn(overrides, tool.name)) {
    const forced = overrides[tool.name];
    if (forced === 'read' || forced === 'write') return forced;
  }
  // INVARIANT: only an explicit boolean `true` reads; `destructiveHint` never makes anything read (fail closed).
  return tool.annotations?.readOnlyHint === true ? 'read' : 'write';
}

/** A downstream MCP tool as the gateway keeps it: schemas and annotations unchanged, access decided. */
export function toConnectionTool(tool: Tool, overrides?: AccessOverrides): ConnectionTool {
  return {
    name: tool.name,
    ...(tool.title !== undefined && { title: tool.title }),
    ...(tool.description !== undefined && { description: tool.description }),
    inputSchema: tool.inputSchema as Record<string, unknown>,
    ...(tool.outputSchema !== undefined && { outputSchema: tool.outputSchema as Record<string, unknown> }),
    ...(tool.annotations !== undefined && { annotations: tool.annotations as Record<string, unknown> }),
    access: classifyAccess({ name: tool.name, annotations: tool.annotations }, overrides),
  };
}
