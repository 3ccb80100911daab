/** Validation of `servers add` input: names, env pairs, tool overrides and remote URLs. */
import { connectionIdSchema } from '../../core/control/schemas.ts';
import type { Access } from '../../core/model.ts';
import { usageError } from '../cli-error.ts';

const PATH = 'servers add';

/** Checks a server name (connection id); `hallpass` is Hallpass' own prefix. */
export function serverName(name: string): string {
  if (!connectionIdSchema.safeParse(name).success) {
    throw usageError(`invalid server name "${name}": start with a lowercase letter, then lowercase letters, digits or -, at most 24 characters`, PATH);
  }
  // SECURITY: a server named "hallpass" would offer tools that look like Hallpass' own (hallpass__status…).
  if (name === 'hallpass') throw usageError('the server name "hallpass" is reserved for Hallpass\' own tools', PATH);
  return name;
}

/** Parses repeated `--env KEY=VALUE`. */
export function envPairs(pairs: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (eq === -1 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw usageError(`--env needs KEY=VALUE with a valid variable name, got "${key}"`, PATH);
    if (key in env) throw usageError(`--env ${key} is given twice`, PATH);
    env[key] = pair.slice(eq + 1);
  }
  return env;
}

/** Per-tool access overrides from `--read-only-tool` and `--write-tool`; undefined when none. */
export function toolOverrides(readTools: readonly string[], writeTools: readonly string[]): Record<string, Access> | undefined {
  const overrides: Record<string, Access> = {};
  for (const [tools, access] of [[readTools, 'read'], [writeTools, 'write']] as const) {
    for (const tool of tools) {
      if (!/^[\w.\-/]{1,128}$/.test(tool)) throw usageError(`invalid tool name "${tool}"`, PATH);
      if (tool in overrides) throw usageError(`tool "${tool}" is given more than once in --read-only-tool/--write-tool`, PATH);
      overrides[tool] = access;
    }
  }
  return Object.keys(overrides).length ? overrides : undefined;
}

/** Checks a remote server URL: https only, no credentials, loopback only when allowed. */
export function remoteUrl(raw: string, allowLoopback: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`--url "${raw}" is not a URL`, PATH);
  }
  // SECURITY: no secrets in stored config; tokens come from OAuth and live in the keychain.
  if (url.username || url.password) throw usageError('--url must not carry a user name or password', PATH);
  const protocols = allowLoopback ? ['https:', 'http:'] : ['https:'];
  if (!protocols.includes(url.protocol)) {
    throw usageError(`--url must use https${allowLoopback ? ' or http' : ' (http only with --allow-loopback, for development)'}`, PATH);
  }
  // SECURITY: SSRF guard: loopback targets only when explicitly allowed.
  if (!allowLoopback && isLoopbackHost(url.hostname)) throw usageError(`--url points at this machine (${url.hostname}); add --allow-loopback for development`, PATH);
  return url.href;
}

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1' || h === '0.0.0.0' || h === '::'
    || h.startsWith('::ffff:127.') || h === '::ffff:7f00:1';
}
