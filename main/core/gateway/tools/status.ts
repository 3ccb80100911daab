/** `hallpass__status`: what the agent may do right now and for how long. */
import type { BuiltinTool } from './builtin-tool.ts';
import { describeGrants, } from '../../runtime/decisions.ts';
import { sessionState } from '../../sessions/session-state.ts';

/** The status tool. */
export const statusTool: BuiltinTool = {
  definition: {
    name: 'hallpass__status',
    title: 'Access status (Hallpass)',
    description: 'Shows your active Hallpass sessions (what you may use and until when) and your pending requests.',
    inputSchema: { type: 'object', properties: {}, additionalProperties: false },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async run(rt, _args, caller) {
    rt.lapseDue();
    const now = rt.clock.now();
    const sessions = rt.sessions.forClient(caller.client.id).filter((s) => sessionState(s, now) === 'active')
      .map((s) => ({ id: s.id, task: s.task, grants: s.grants, expiresAt: new Date(s.expiresAt).toISOString(), secondsLeft: Math.floor((s.expiresAt - now) / 1000) }));
    const pending = rt.requests.all().filter((r) => r.clientId === caller.client.id && rt.requests.stateAt(r, now) === 'pending')
      .map((r) => ({ id: r.id, task: r.task, grants: r.grants }));
    const lines = [
      rt.lockedDown() ? 'Hallpass is LOCKED DOWN by the kill switch: nothing can be used until a person re-arms it.' : '',
      sessions.length ? 'Active sessions:' : 'No active session: every tool call needs a person\'s approval.',
      ...sessions.map((s) => `- ${s.id} "${s.task}": ${describeGrants(s.grants)}, ${s.secondsLeft}s left (until ${s.expiresAt})`),
      ...(pending.length ? ['Pending requests:', ...pending.map((r) => `- ${r.id} "${r.task}": ${describeGrants(r.grants)}`)] : []),
    ].filter(Boolean);
    return { content: [{ type: 'text', text: lines.join('\n') }], structuredContent: { lockedDown: rt.lockedDown(), sessions, pending } };
  },
};
