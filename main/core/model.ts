/** Domain words of DESIGN.md §1, shared by every part of the core. Plain data only. */

/** `read` or `write`; write includes destructive. */
export type Access = 'read' | 'write';

/** One grant of a session or request: a connection, an access level, optionally narrowed to tools. */
export interface Grant {
  connection: string;
  access: Access;
  /** Bare tool names of that connection (without the `<connection>__` prefix); absent = every tool. */
  tools?: string[];
}

/** A registered agent application. Only a hash of its token is ever stored. */
export interface Client {
  id: string;
  name: string;
  tokenHash: string;
  createdAt: number;
}

export type SessionState = 'active' | 'expired' | 'revoked';

/** An approved, time-boxed grant. `state` is derived from the clock at every read (see sessions/). */
export interface Session {
  id: string;
  clientId: string;
  task: string;
  grants: Grant[];
  createdAt: number;
  /** Absolute epoch ms; a session never extends itself. */
  expiresAt: number;
  revokedAt?: number;
  revokeReason?: string;
  /** The request whose approval created this session. */
  requestId?: string;
  calls: number;
}

export type RequestState = 'pending' | 'approved' | 'denied' | 'lapsed';

/** The call that opened a request, shown to the person. */
export interface TriggerCall {
  tool: string;
  /** Human-readable, truncated summary of the arguments (never secrets from Hallpass itself). */
  argsSummary: string;
}

/** A pending (or decided) approval. */
export interface AccessRequest {
  id: string;
  clientId: string;
  task: string;
  grants: Grant[];
  /** Minutes the agent asked for (request_access), if any. */
  minutes?: number;
  trigger?: TriggerCall;
  createdAt: number;
  /** When a still-pending request lapses on its own (epoch ms). */
  lapsesAt: number;
  state: RequestState;
  decidedAt?: number;
  sessionId?: string;
}

/** A downstream stdio MCP server as configured. */
export interface StdioServerConfig {
  kind: 'stdio';
  id: string;
  command: string;
  args: string[];
  /** Environment variables for the child (names and values; values never logged). */
  env: Record<string, string>;
  cwd?: string;
  enabled: boolean;
  /** Per-tool access overrides (user/IT), applied before MCP annotations. */
  overrides?: Record<string, Access>;
}

/** A remote MCP server over Streamable HTTP, OAuth-protected or not. */
export interface RemoteServerConfig {
  kind: 'remote';
  id: string;
  url: string;
  enabled: boolean;
  /** Development only: allow http:// and loopback targets (SSRF guard otherwise). */
  allowLoopback?: boolean;
  /** Per-tool access overrides (user/IT). */
  overrides?: Record<string, Access>;
}

export type OAuthProvider = 'google-drive' | 'salesforce' | 'snowflake' | 'github';

/** A built-in OAuth connector. Client ids come from the person or IT; secrets live in the keychain. */
export interface OAuthConnectorConfig {
  kind: 'oauth';
  id: string;
  provider: OAuthProvider;
  clientId: string;
  /** Authorization server issuer override (tests, enterprise instances). */
  issuer?: string;
  /** API base URL override (tests, Salesforce instances, Snowflake accounts). */
  baseUrl?: string;
  scopes?: string[];
  enabled: boolean;
}

export type ConnectionConfig = StdioServerConfig | RemoteServerConfig | OAuthConnectorConfig;

export type ConnectionStatus = 'starting' | 'running' | 'restarting' | 'stopped' | 'failed' | 'needs-auth';

/** A tool as a connection offers it, with its access class already decided. */
export interface ConnectionTool {
  /** Bare name at the connection. */
  name: string;
  title?: string;
  description?: string;
  inputSchema: Record<string, unknown>;
  outputSchema?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  access: Access;
}

/** Injected time source: epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** Injected id and secret source. */
export interface Ids {
  /** A unique, unguessable id with a readable prefix, e.g. `ses_…`. */
  id(prefix: string): string;
  /** A fresh high-entropy secret token (client tokens, control token). */
  token(): string;
}

/** Something that holds a resource and must be released. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** Structured logger. Callers never pass secrets. */
export interface Log {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
