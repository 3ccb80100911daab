/** The `hallpass` entry Hallpass writes into a client's file, in that client's shape, and how to recognise it. */
import { isDeepStrictEqual } from 'node:util';
import { assertNever } from '../model.ts';
import type { EntryStyle } from './agent-kinds.ts';

/** How clients reach Hallpass: the Streamable HTTP URL, and the stdio shim for stdio-only clients. */
export interface HallpassEndpoint {
  /** `http://127.0.0.1:<port>/mcp`. */
  url: string;
  shim: {
    /** Absolute path of a Node 24 binary (desktop clients start servers with a minimal PATH). */
    command: string;
    /** Absolute path of bin/hallpass.mjs, then `mcp`. */
    args: string[];
    /** Extra variables besides the token (HALLPASS_HOME when the data dir is not the default). */
    env: Record<string, string>;
  };
}

/** The entry for `style`, carrying `token`. */
export function hallpassEntry(style: EntryStyle, endpoint: HallpassEndpoint, token: string): Record<string, unknown> {
  const headers = { Authorization: `Bearer ${token}` };
  switch (style) {
    case 'stdio':
      return { command: endpoint.shim.command, args: [...endpoint.shim.args], env: { HALLPASS_TOKEN: token, ...endpoint.shim.env } };
    case 'http':
      return { type: 'http', url: endpoint.url, headers };
    case 'http-untyped':
      return { url: endpoint.url, headers };
    default:
      return assertNever(style);
  }
}

/** What an existing `hallpass` entry is. */
export type ExistingEntry =
  /** Written by Hallpass (only keys Hallpass writes, a token where Hallpass puts it). */
  | { kind: 'ours'; token: string; upToDate: (endpoint: HallpassEndpoint) => boolean }
  /** Something else by that name; never overwritten. */
  | { kind: 'foreign'; reason: string };

const ALLOWED_KEYS: Record<EntryStyle, readonly string[]> = {
  stdio: ['command', 'args', 'env', 'type'],
  http: ['type', 'url', 'headers'],
  'http-untyped': ['type', 'url', 'headers'],
};

/** Classifies the value found under the `hallpass` name. */
export function classifyEntry(style: EntryStyle, value: unknown): ExistingEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'foreign', reason: 'it is not an object' };
  const entry = value as Record<string, unknown>;
  const unknown = Object.keys(entry).filter((k) => !ALLOWED_KEYS[style].includes(k));
  if (unknown.length > 0) return { kind: 'foreign', reason: `it has keys Hallpass does not write (${unknown.join(', ')})` };
  const token = style === 'stdio' ? stdioToken(entry) : httpToken(entry);
  if (!token) return { kind: 'foreign', reason: style === 'stdio' ? 'it does not run the Hallpass shim with HALLPASS_TOKEN' : 'it has no "Authorization: Bearer …" header' };
  // jsonc-parser builds null-prototype objects: compare plain copies.
  const plain: unknown = JSON.parse(JSON.stringify(entry));
  return { kind: 'ours', token, upToDate: (endpoint) => isDeepStrictEqual(plain, hallpassEntry(style, endpoint, token)) };
}

/** The client token an entry carries, whatever its style (doctor reads entries of every client). */
export function entryToken(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entry = value as Record<string, unknown>;
  return stdioToken(entry) ?? httpToken(entry);
}

function stdioToken(entry: Record<string, unknown>): string | undefined {
  const env = entry.env;
  if (typeof env !== 'object' || env === null) return undefined;
  const token = (env as Record<string, unknown>).HALLPASS_TOKEN;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

function httpToken(entry: Record<string, unknown>): string | undefined {
  const headers = entry.headers;
  if (typeof headers !== 'object' || headers === null || typeof entry.url !== 'string') return undefined;
  const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const match = typeof auth === 'string' ? /^Bearer (\S+)$/.exec(auth) : null;
  return match?.[1];
}
