/** Validates a remote MCP server configuration before anything is requested. */
import { z } from 'zod';
import { accessSchema, connectionIdSchema } from '../../control/schemas.ts';
import type { RemoteServerConfig } from '../../model.ts';

export const remoteServerConfigSchema = z.strictObject({
  kind: z.literal('remote'),
  id: connectionIdSchema,
  url: z.string().url().max(2048).refine((u) => /^https?:\/\//i.test(u), 'the URL must be http(s)'),
  enabled: z.boolean(),
  allowLoopback: z.boolean().optional(),
  overrides: z.record(z.string().min(1).max(128), accessSchema).optional(),
});

/** Returns the config if valid; throws an Error naming the first problem. */
export function parseRemoteServerConfig(config: unknown): RemoteServerConfig {
  const parsed = remoteServerConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'config';
    throw new Error(`invalid remote server config at ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const url = new URL(parsed.data.url);
  // SECURITY: http only for development targets; checkUrl enforces the address side on every request.
  if (url.protocol === 'http:' && parsed.data.allowLoopback !== true) throw new Error(`invalid remote server config at url: remote servers must use https`);
  if (url.username || url.password) throw new Error('invalid remote server config at url: no credentials in the URL; Hallpass authorizes with OAuth');
  return parsed.data;
}
