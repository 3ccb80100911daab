/** The MCP servers a client already has, read from its file and sorted into importable and not. */
import { z } from 'zod';
import type { ConnectionConfig } from '../model.ts';
import { connectionConfigSchema } from '../store/row-schemas.ts';
import { HALLPASS_ENTRY } from './agent-kinds.ts';

/** One existing server: importable as a Hallpass connection, or left in place with the reason why. */
export type ServerCandidate =
  | { name: string; importable: true; config: ConnectionConfig; ignoredKeys: string[] }
  | { name: string; importable: false; reason: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const noNul = z.string().refine((s) => !s.includes('\0'), 'contains a NUL character');

const stdioEntry = z.looseObject({
  type: z.literal('stdio').optional(),
  command: noNul.pipe(z.string().min(1)),
  args: z.array(noNul).optional(),
  env: z.record(z.string().regex(ENV_NAME, 'env names are letters, digits and _'), noNul).optional(),
  cwd: noNul.pipe(z.string().min(1)).optional(),
  disabled: z.boolean().optional(),
});

const remoteEntry = z.looseObject({
  type: z.enum(['http', 'streamable-http', 'streamableHttp', 'sse']).optional(),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  disabled: z.boolean().optional(),
});

/** A valid id that stands in while the entry is validated. */
const PENDING = 'pending';

const KNOWN_KEYS = new Set(['type', 'command', 'args', 'env', 'cwd', 'url', 'headers', 'disabled']);

/**
 * Sorts the entries of a servers object. `id(name)` allocates the connection id; `projectDir` becomes
 * the working directory of project-scoped stdio servers (their relative paths are relative to it).
 */
export function classifyServers(servers: Record<string, unknown>, id: (name: string) => string, projectDir: string | undefined): ServerCandidate[] {
  return Object.entries(servers)
    .filter(([name]) => name !== HALLPASS_ENTRY)
    .map(([name, value]) => classify(name, value, id, projectDir));
}

function classify(name: string, value: unknown, id: (name: string) => string, projectDir: string | undefined): ServerCandidate {
  const skip = (reason: string): ServerCandidate => ({ name, importable: false, reason });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return skip('the entry is not an object');
  const entry = value as Record<string, unknown>;
  if ('envFile' in entry) return skip('it loads variables from an envFile, which Hallpass does not read; move them into "env" first');
  if (JSON.stringify(entry).includes('${')) return skip('it uses ${…} variables that only the client can fill in');
  const ignoredKeys = Object.keys(entry).filter((k) => !KNOWN_KEYS.has(k));
  let config: ConnectionConfig;
  if ('command' in entry) {
    const parsed = stdioEntry.safeParse(entry);
    if (!parsed.success) return skip(`it is not a valid stdio entry (${describe(parsed.error)})`);
    const e = parsed.data;
    const cwd = e.cwd ?? projectDir;
    config = { kind: 'stdio', id: PENDING, command: e.command, args: e.args ?? [], env: e.env ?? {}, ...(cwd ? { cwd } : {}), enabled: e.disabled !== true };
  } else if ('url' in entry) {
    const parsed = remoteEntry.safeParse(entry);
    if (!parsed.success) return skip(`it is not a valid remote entry (${describe(parsed.error)})`);
    const e = parsed.data;
    if (e.type === 'sse') return skip('it uses the legacy SSE transport; Hallpass fronts Streamable HTTP servers');
    if (e.headers && Object.keys(e.headers).length > 0) {
      return skip('it sends its own headers (an API key?), which Hallpass remote connections do not carry; it stays in the client');
    }
    const target = remoteTarget(e.url);
    if (typeof target === 'string') return skip(target);
    config = { kind: 'remote', id: PENDING, url: e.url, enabled: e.disabled !== true, ...(target.loopback ? { allowLoopback: true } : {}) };
  } else {
    return skip('it has neither "command" nor "url"');
  }
  const valid = connectionConfigSchema.safeParse(config);
  if (!valid.success) return skip(`Hallpass cannot store it (${describe(valid.error)})`);
  // Ids are handed out only to servers that will be imported, so numbering has no gaps.
  return { name, importable: true, config: { ...config, id: id(name) }, ignoredKeys };
}

/** https anywhere; http only to this machine. Returns the reason when neither. */
function remoteTarget(raw: string): { loopback: boolean } | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'its url is not a valid URL';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.');
  if (url.protocol === 'https:') return { loopback };
  // SECURITY: plain http only to loopback (the remote connection's SSRF guard allows it only when flagged).
  if (url.protocol === 'http:' && loopback) return { loopback };
  return `its url uses ${url.protocol.replace(':', '')} to another machine; Hallpass connects to remote servers over https only`;
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.map(String).join('.') || 'entry'}: ${issue.message}` : 'invalid';
}
