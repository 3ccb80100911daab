/** The agent clients Hallpass can connect in one step, and how each one's MCP config file is shaped. */

export const AGENT_KINDS = ['claude-desktop', 'cursor', 'vscode', 'claude-code'] as const;

/** A supported agent client. */
export type AgentKind = (typeof AGENT_KINDS)[number];

/**
 * Where a client keeps the config: `user` (every project), `project` (a file in the project, often
 * committed), `local` (Claude Code only: per project, but in the user's private ~/.claude.json).
 */
export type ConfigScope = 'user' | 'project' | 'local';

/**
 * How the Hallpass entry looks in a client's file:
 * `stdio` runs the `hallpass mcp` shim; `http` is `{type: "http", url, headers}`;
 * `http-untyped` is `{url, headers}` (Cursor infers Streamable HTTP from `url`).
 */
export type EntryStyle = 'stdio' | 'http' | 'http-untyped';

/** Static facts about one client. */
export interface AgentKindInfo {
  kind: AgentKind;
  displayName: string;
  /** `jsonc` allows comments and trailing commas (VS Code, Cursor); `json` is strict. */
  syntax: 'json' | 'jsonc';
  style: EntryStyle;
  /** The key of the object that maps server names to entries. */
  serversKey: 'mcpServers' | 'servers';
  scopes: readonly ConfigScope[];
}

const INFO: Record<AgentKind, AgentKindInfo> = {
  'claude-desktop': { kind: 'claude-desktop', displayName: 'Claude Desktop', syntax: 'json', style: 'stdio', serversKey: 'mcpServers', scopes: ['user'] },
  cursor: { kind: 'cursor', displayName: 'Cursor', syntax: 'jsonc', style: 'http-untyped', serversKey: 'mcpServers', scopes: ['user', 'project'] },
  vscode: { kind: 'vscode', displayName: 'VS Code', syntax: 'jsonc', style: 'http', serversKey: 'servers', scopes: ['user', 'project'] },
  'claude-code': { kind: 'claude-code', displayName: 'Claude Code', syntax: 'json', style: 'http', serversKey: 'mcpServers', scopes: ['user', 'project', 'local'] },
};

/** The name of the entry Hallpass writes into every client's file. */
export const HALLPASS_ENTRY = 'hallpass';

/** Facts about a client kind. */
export function agentKindInfo(kind: AgentKind): AgentKindInfo {
  return INFO[kind];
}

/** Parses a client name from the command line, or throws a message listing the valid ones. */
export function parseAgentKind(word: string): AgentKind {
  const hit = AGENT_KINDS.find((k) => k === word);
  if (!hit) throw new Error(`unknown agent client "${word}": use one of ${AGENT_KINDS.join(', ')}`);
  return hit;
}

/** Parses a scope word, checking the client has it. */
export function parseScope(kind: AgentKind, word: string): ConfigScope {
  const info = INFO[kind];
  const hit = info.scopes.find((s) => s === word);
  if (!hit) throw new Error(`${info.displayName} has no "${word}" scope: use ${info.scopes.join(' or ')}`);
  return hit;
}
