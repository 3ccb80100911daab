/**
 * The hot path of DESIGN.md §9: a plain 2025-era `tools/call` of a connection tool, without a progress
 * token, answered as one JSON response without building a per-request SDK server and transport.
 * Anything else (initialize, lists, Hallpass' own tools, progress, batches, 2026-era envelopes,
 * anything unusual) goes to the SDK's handler unchanged.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import type { Client } from '../model.ts';
import type { Gateway } from '../gateway/gateway.ts';

const cancelled = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.literal('notifications/cancelled'),
  params: z.object({ requestId: z.union([z.string(), z.number()]) }),
});

const plainCall = z.strictObject({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number().int()]),
  method: z.literal('tools/call'),
  params: z.strictObject({ name: z.string().min(1).max(256), arguments: z.record(z.string(), z.unknown()).optional() }),
});

/** 2025-era protocol versions the fast path answers; newer (envelope) revisions go to the SDK. */
const LEGACY_VERSION = /^2025-\d\d-\d\d$|^2024-\d\d-\d\d$/;

/** A JSON-RPC response body when the fast path handled the call, else undefined. */
export async function tryFastCall(gateway: Gateway, client: Client, headers: IncomingHttpHeaders, body: Buffer, signal: AbortSignal): Promise<string | undefined> {
  const version = headers['mcp-protocol-version'];
  if (typeof version === 'string' && !LEGACY_VERSION.test(version)) return undefined;
  if (headers['mcp-session-id'] !== undefined) return undefined;
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) return undefined;
  if (!String(headers.accept ?? '').includes('application/json')) return undefined;
  if (body[0] !== 0x7b) return undefined; // a single object, not a batch
  let parsed: z.infer<typeof plainCall>;
  try {
    const json: unknown = JSON.parse(body.toString('utf8'));
    const r = plainCall.safeParse(json);
    if (!r.success) {
      // A stateless 2025-era cancellation arrives on its own request: abort the call it names, then let the SDK answer.
      const c = cancelled.safeParse(json);
      if (c.success) gateway.cancel(client, c.data.params.requestId);
      return undefined;
    }
    parsed = r.data;
  } catch {
    return undefined;
  }
  if (!gateway.isConnectionTool(parsed.params.name)) return undefined;
  // INVARIANT: the same gate as every other path: gateway.call authorizes at the moment of the call.
  try {
    const result = await gateway.call(client, parsed.params.name, parsed.params.arguments ?? {}, { client, signal }, parsed.id);
    return JSON.stringify({ jsonrpc: '2.0', id: parsed.id, result });
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -32603;
    return JSON.stringify({ jsonrpc: '2.0', id: parsed.id, error: { code, message: (err as Error).message } });
  }
}
