/** zod schemas of what the store writes and reads back; each is checked to match its model type exactly. */
import { z } from 'zod';
import { accessSchema, connectionIdSchema, grantSchema } from '../control/schemas.ts';
import type { AccessRequest, Client, ConnectionConfig, Session } from '../model.ts';
import type { AuditEntry, AuditKind } from '../audit/audit-types.ts';

const epochMs = z.int().min(0);

const grantsSchema = z.array(grantSchema);

/** A registered client (token hash only). */
export const clientSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  // SECURITY: only a sha256 hex digest fits here, so a raw token can never be stored by mistake.
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 hex digest, never a raw token'),
  createdAt: epochMs,
});

const accessOverridesSchema = z.record(z.string().min(1), accessSchema);
const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** A connection config as stored in connections.config. */
export const connectionConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('stdio'),
    id: connectionIdSchema,
    command: z.string().min(1),
    args: z.array(z.string()),
    env: z.record(z.string(), z.string()),
    cwd: z.string().min(1).optional(),
    enabled: z.boolean(),
    overrides: accessOverridesSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('remote'),
    id: connectionIdSchema,
    url: httpUrlSchema,
    enabled: z.boolean(),
    allowLoopback: z.boolean().optional(),
    overrides: accessOverridesSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('oauth'),
    id: connectionIdSchema,
    provider: z.enum(['google-drive', 'salesforce', 'snowflake', 'github']),
    clientId: z.string().min(1),
    issuer: httpUrlSchema.optional(),
    baseUrl: httpUrlSchema.optional(),
    scopes: z.array(z.string().min(1)).optional(),
    enabled: z.boolean(),
  }),
]);

/** A session row. */
export const sessionSchema = z.strictObject({
  id: z.string().min(1),
  clientId: z.string().min(1),
  task: z.string(),
  grants: grantsSchema,
  createdAt: epochMs,
  expiresAt: epochMs,
  revokedAt: epochMs.optional(),
  revokeReason: z.string().optional(),
  requestId: z.string().optional(),
  calls: z.int().min(0),
});

const triggerCallSchema = z.strictObject({ tool: z.string(), argsSummary: z.string() });

/** A request row. */
export const accessRequestSchema = z.strictObject({
  id: z.string().min(1),
  clientId: z.string().min(1),
  task: z.string(),
  grants: grantsSchema,
  minutes: z.number().positive().optional(),
  trigger: triggerCallSchema.optional(),
  createdAt: epochMs,
  lapsesAt: epochMs,
  state: z.enum(['pending', 'approved', 'denied', 'lapsed']),
  decidedAt: epochMs.optional(),
  sessionId: z.string().optional(),
});

// A Record forces this list to name every AuditKind of the contract.
const auditKinds: Record<AuditKind, true> = {
  allowed: true, denied: true, pending: true, approved: true, 'denied-by-user': true, lapsed: true,
  expired: true, revoked: true, kill: true, rearm: true, 'call-result': true,
};

// INVARIANT: a lone UTF-16 surrogate would be stored as U+FFFD and break the row's hash; such text
// (an agent can send it) is made well-formed before it is hashed.
const auditText = z.string().transform((text) => text.toWellFormed());

/** What audit.append accepts; unknown keys are dropped, so nothing outside these columns is ever stored. */
export const auditEntrySchema = z.object({
  at: epochMs,
  kind: z.enum(Object.keys(auditKinds) as [AuditKind, ...AuditKind[]]),
  clientId: auditText.optional(),
  clientName: auditText.optional(),
  connection: auditText.optional(),
  tool: auditText.optional(),
  access: accessSchema.optional(),
  sessionId: auditText.optional(),
  requestId: auditText.optional(),
  reason: auditText.optional(),
});

type Same<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? true : false;
/** Compile-time proof that each schema's output is exactly its model type (fails typecheck on drift). */
export const schemasMatchModel: [
  Same<z.infer<typeof clientSchema>, Client>,
  Same<z.infer<typeof connectionConfigSchema>, ConnectionConfig>,
  Same<z.infer<typeof sessionSchema>, Session>,
  Same<z.infer<typeof accessRequestSchema>, AccessRequest>,
  Same<z.infer<typeof auditEntrySchema>, AuditEntry>,
] = [true, true, true, true, true];
