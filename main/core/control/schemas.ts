/** The control contract's data shapes: one zod schema each, validated on both sides of every UI bridge. */
import { z } from 'zod';

export const accessSchema = z.enum(['read', 'write']);
export const connectionIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'connection ids are [a-z][a-z0-9-]{0,23}');

export const grantSchema = z.strictObject({
  connection: connectionIdSchema,
  access: accessSchema,
  tools: z.array(z.string().min(1).max(128)).max(256).optional(),
});

/** A request as every UI sees it. */
export const requestViewSchema = z.strictObject({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  task: z.string(),
  grants: z.array(grantSchema),
  minutes: z.number().optional(),
  trigger: z.strictObject({ tool: z.string(), argsSummary: z.string() }).optional(),
  createdAt: z.number(),
  lapsesAt: z.number(),
  state: z.enum(['pending', 'approved', 'denied', 'lapsed']),
  decidedAt: z.number().optional(),
  sessionId: z.string().optional(),
  /** The longest session the person may approve, in seconds (policy maximum). */
  maxTtlSeconds: z.number(),
});
export type RequestView = z.infer<typeof requestViewSchema>;

export const sessionViewSchema = z.strictObject({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  task: z.string(),
  grants: z.array(grantSchema),
  createdAt: z.number(),
  expiresAt: z.number(),
  revokedAt: z.number().optional(),
  state: z.enum(['active', 'expired', 'revoked']),
  calls: z.number(),
  requestId: z.string().optional(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const connectionViewSchema = z.strictObject({
  id: z.string(),
  kind: z.enum(['stdio', 'remote', 'oauth']),
  /** Command line or URL, for display (never env values or tokens). */
  target: z.string(),
  enabled: z.boolean(),
  status: z.enum(['starting', 'running', 'restarting', 'stopped', 'failed', 'needs-auth']),
  statusDetail: z.string().optional(),
  tools: z.number(),
  readTools: z.number(),
  writeTools: z.number(),
  /** A sign-in started from a UI (Connect): waiting for the browser, or failed (why: in statusDetail). */
  signIn: z.enum(['waiting', 'failed']).optional(),
});
export type ConnectionView = z.infer<typeof connectionViewSchema>;

export const clientViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
});
export type ClientView = z.infer<typeof clientViewSchema>;

export const auditRowViewSchema = z.strictObject({
  seq: z.number(),
  at: z.number(),
  kind: z.string(),
  clientId: z.string().optional(),
  clientName: z.string().optional(),
  connection: z.string().optional(),
  tool: z.string().optional(),
  access: accessSchema.optional(),
  sessionId: z.string().optional(),
  requestId: z.string().optional(),
  reason: z.string().optional(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditRowView = z.infer<typeof auditRowViewSchema>;

/** What `kill()` reports. */
export const killResultSchema = z.strictObject({
  revokedSessions: z.number().int().min(0),
  abortedCalls: z.number().int().min(0),
  deniedRequests: z.number().int().min(0),
});
export type KillResult = z.infer<typeof killResultSchema>;

/** What `addClient()` returns. SECURITY: the one payload that carries a secret, shown once. */
export const addedClientSchema = z.strictObject({
  client: clientViewSchema,
  token: z.string().min(1),
  mcpUrl: z.string().url(),
});

export const statusViewSchema = z.strictObject({
  lockedDown: z.boolean(),
  version: z.string(),
  maxTtlSeconds: z.number(),
  approvalWaitSeconds: z.number(),
});
export type StatusView = z.infer<typeof statusViewSchema>;

/** POST /api/requests/{id}/approve — narrowing only; the core rejects any widening. */
export const approveInputSchema = z.strictObject({
  ttlSeconds: z.number().int().min(1),
  access: accessSchema.optional(),
  connections: z.array(connectionIdSchema).min(1).optional(),
});
export type ApproveInput = z.infer<typeof approveInputSchema>;

export const auditQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).optional(),
  client: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type AuditQueryInput = z.infer<typeof auditQuerySchema>;

export const auditVerifyViewSchema = z.strictObject({
  ok: z.boolean(),
  rows: z.number(),
  firstBad: z.strictObject({ seq: z.number(), reason: z.string() }).optional(),
});
export type AuditVerifyView = z.infer<typeof auditVerifyViewSchema>;

/** State-change events (SSE `GET /api/events`, IPC push). UIs refetch the named list on each. */
export const controlEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('requests') }),
  z.strictObject({ type: z.literal('sessions') }),
  z.strictObject({ type: z.literal('connections') }),
  z.strictObject({ type: z.literal('clients') }),
  z.strictObject({ type: z.literal('audit') }),
  z.strictObject({ type: z.literal('status') }),
]);
export type ControlEvent = z.infer<typeof controlEventSchema>;

/** POST /api/connections/{id}/connect: the provider's sign-in page, answered at once; the flow ends in the background.
 * SECURITY: the URL carries the client id, `state` and the PKCE challenge only; the verifier never leaves the core. */
export const connectResultSchema = z.strictObject({
  authorizationUrl: z.url({ protocol: /^https?$/ }),
});
export type ConnectResult = z.infer<typeof connectResultSchema>;

/** POST /api/connections/{id}/disconnect: what the provider said; the keychain item is deleted in every case. */
export const disconnectResultSchema = z.strictObject({
  revocation: z.enum(['revoked', 'not-offered', 'failed', 'nothing-stored']),
  detail: z.string().optional(),
});
export type DisconnectResult = z.infer<typeof disconnectResultSchema>;

/** The agent apps Hallpass can connect in one step. */
export const agentClientSchema = z.enum(['claude-desktop', 'cursor', 'vscode', 'claude-code']);
export type AgentClient = z.infer<typeof agentClientSchema>;

/** POST /api/agents/install. `projectDir` (an existing absolute directory) is for the project scope only. */
export const installAgentInputSchema = z.strictObject({
  client: agentClientSchema,
  scope: z.enum(['user', 'project']).optional(),
  projectDir: z.string().min(1).max(4096).refine((dir) => !dir.includes('\0'), 'no NUL characters').optional(),
  dryRun: z.boolean().optional(),
});
export type InstallAgentInput = z.infer<typeof installAgentInputSchema>;

/** What installAgent changed (or, in a dry run, would change). SECURITY: no token, only the file and a redacted diff. */
export const installAgentResultSchema = z.strictObject({
  file: z.string(),
  action: z.enum(['created', 'updated', 'unchanged']),
  /** A unified diff of the file with every header and env value shown as `***` (or "no change"). */
  plan: z.string(),
  dryRun: z.boolean(),
  /** The Hallpass client the entry belongs to. */
  clientName: z.string(),
  backup: z.string().optional(),
  warnings: z.array(z.string()),
});
export type InstallAgentResult = z.infer<typeof installAgentResultSchema>;

/** GET /api/agents: per known app, whether it is installed and configured for this Hallpass (its user config file). */
export const agentStatusViewSchema = z.strictObject({
  client: agentClientSchema,
  name: z.string(),
  scopes: z.array(z.enum(['user', 'project'])),
  file: z.string(),
  installed: z.boolean(),
  state: z.enum(['connected', 'outdated', 'not-connected', 'problem']),
  detail: z.string().optional(),
});
export type AgentStatusView = z.infer<typeof agentStatusViewSchema>;
