/** The one tool list every client sees: every tool of every running connection plus Hallpass' own. */
import type { Tool } from '@modelcontextprotocol/server';
import type { ConnectionTool } from '../model.ts';
import type { Connection } from '../connections/connection-types.ts';
import { exposedToolName } from './tool-names.ts';

export interface CatalogEntry {
  connection: Connection;
  tool: ConnectionTool;
}

export interface Catalog {
  /** The `tools/list` payload, stable order (connection id, then tool name; Hallpass' tools first). */
  tools: Tool[];
  /** Exposed name → connection tool. */
  byName: Map<string, CatalogEntry>;
}

/** Builds the catalog from the connections and the built-in tools. Input schemas pass through unchanged. */
export function buildCatalog(connections: readonly Connection[], builtins: readonly Tool[]): Catalog {
  const byName = new Map<string, CatalogEntry>();
  const tools: Tool[] = [...builtins];
  const sorted = [...connections].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const connection of sorted) {
    const own = [...connection.tools()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const tool of own) {
      const name = exposedToolName(connection.id, tool.name);
      if (byName.has(name)) continue; // deterministic: the first (sorted) wins a collision
      byName.set(name, { connection, tool });
      tools.push({
        name,
        ...(tool.title !== undefined ? { title: tool.title } : {}),
        ...(tool.description !== undefined ? { description: tool.description } : {}),
        inputSchema: tool.inputSchema as Tool['inputSchema'],
        ...(tool.outputSchema !== undefined ? { outputSchema: tool.outputSchema as Tool['outputSchema'] } : {}),
        ...(tool.annotations !== undefined ? { annotations: tool.annotations as Tool['annotations'] } : {}),
      });
    }
  }
  return { tools, byName };
}
