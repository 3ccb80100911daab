/** Validates a stdio server configuration before anything is spawned. */
import { z } from 'zod';
import { accessSchema, connectionIdSchema } from '../../control/schemas.ts';
import type { StdioServerConfig } from '../../model.ts';

// SECURITY: NUL bytes would truncate arguments at the OS boundary; env names must be plain identifiers.
const noNul = z.string().refine((s) => !s.includes('\0'), 'must not contain NUL characters');

export const stdioServerConfigSchema = z.strictObject({
  kind: z.literal('stdio'),
  id: connectionIdSchema,
  command: noNul.pipe(z.string().min(1, 'command is empty').max(4096)),
  args: z.array(noNul.pipe(z.string().max(32_768))).max(1024),
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names are letters, digits and _').max(256), noNul.pipe(z.string().max(32_768))),
  cwd: noNul.pipe(z.string().min(1).max(4096)).optional(),
  enabled: z.boolean(),
  overrides: z.record(z.string().min(1).max(256), accessSchema).optional(),
});

/** Returns the config if valid; throws an Error naming the first problem (never echoing env values). */
export function parseStdioServerConfig(config: unknown): StdioServerConfig {
  const parsed = stdioServerConfigSchema.safeParse(config);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join('.') || 'config';
  throw new Error(`invalid stdio server config at ${where}: ${issue?.message ?? 'invalid'}`);
}
