/** How connection tools are named to agents: `<connection>__<tool>`, short enough for any client. */
import { createHash } from 'node:crypto';

/**
 * Longest exposed name. Clients cap tool names at 64 characters including their own prefix
 * (Claude Code shows `mcp__<server>__<tool>`; `mcp__hallpass__` is 15), so we keep 64 − 15.
 */
export const MAX_EXPOSED_NAME = 49;
const SAFE = /^[A-Za-z0-9_-]+$/;

/** The deterministic exposed name of a connection's tool. */
export function exposedToolName(connection: string, tool: string): string {
  const plain = `${connection}__${tool}`;
  if (plain.length <= MAX_EXPOSED_NAME && SAFE.test(tool)) return plain;
  // Shorten (or sanitise) deterministically: readable head + 8 hex of the full name's hash.
  const hash = createHash('sha256').update(plain).digest('hex').slice(0, 8);
  const cleaned = plain.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${cleaned.slice(0, MAX_EXPOSED_NAME - 9)}_${hash}`;
}
