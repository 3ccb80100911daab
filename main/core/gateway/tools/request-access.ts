/** `hallpass__request_access`: an agent states its task up front and asks for a session. */
import { z } from 'zod';
import type { BuiltinTool } from './builtin-tool.ts';
import { errorResult, deniedByUserText, pendingText } from '../tool-results.ts';
import { describeGrants } from '../../runtime/decisions.ts';
import { sessionState } from '../../sessions/session-state.ts';

const input = z.strictObject({
  task: z.string().trim().min(3).max(500),
  connections: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,23}$/)).min(1).max(32),
  access: z.enum(['read', 'write']),
  minutes: z.number().int().min(1).max(24 * 60).optional(),
});

/** The request_access tool. */
export const requestAccessTool: BuiltinTool = {
  definition: {
    name: 'hallpass__request_access',
    title: 'Request access (Hallpass)',
    description: 'Ask the person for a time-boxed session before starting a task: state the task, the connections '
      + '(the part before "__" in tool names) and the access needed (read, or write which includes read). '
      + 'Waits briefly for the person to approve in Hallpass; if still pending, retry your tool call after they approve.',
    inputSchema: z.toJSONSchema(input) as never,
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(rt, args, caller, connectionIds) {
    const parsed = input.safeParse(args);
    if (!parsed.success) return errorResult(`Invalid arguments: ${z.prettifyError(parsed.error)}`);
    const { task, connections, access, minutes } = parsed.data;
    const unknown = connections.filter((c) => !connectionIds.includes(c));
    if (unknown.length) return errorResult(`Unknown connection(s): ${unknown.join(', ')}. Known: ${connectionIds.join(', ') || 'none'}.`);
    if (rt.lockedDown()) {
      rt.audit({ kind: 'denied', clientId: caller.client.id, reason: 'request_access while locked down' });
      return errorResult('Denied by Hallpass: it is locked down by the kill switch; a person must re-arm it.');
    }
    const grants = [...new Set(connections)].map((connection) => ({ connection, access }));
    const { request, joined } = rt.openRequest({ clientId: caller.client.id, task, grants, ...(minutes ? { minutes } : {}) });
    rt.audit({ kind: 'pending', clientId: caller.client.id, requestId: request.id, reason: `${joined ? 'joined' : 'requested'}: ${describeGrants(grants)}` });
    const state = await rt.requests.wait(request.id, rt.settings.approvalWaitMs, caller.signal);
    const r = rt.requests.get(request.id) ?? request;
    if (state === 'denied') return errorResult(deniedByUserText(r));
    if (state !== 'approved' || !r.sessionId) return errorResult(pendingText(r));
    const session = rt.sessions.get(r.sessionId);
    if (!session || sessionState(session, rt.clock.now()) !== 'active') return errorResult(`Request ${r.id} was approved but its session is no longer active.`);
    return {
      content: [{ type: 'text', text: `Approved: session ${session.id} grants ${describeGrants(session.grants)} until ${new Date(session.expiresAt).toISOString()}.` }],
      structuredContent: { sessionId: session.id, grants: session.grants, expiresAt: new Date(session.expiresAt).toISOString() },
    };
  },
};
