/** The texts agents get back when Hallpass does not forward a call: clear, actionable, no secrets. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { AccessRequest, Session } from '../model.ts';
import { describeGrants } from '../runtime/decisions.ts';

/** An `isError` tool result with one text block. */
export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Still waiting for a person. */
export function pendingText(r: AccessRequest): string {
  return `Waiting for approval in Hallpass: request ${r.id} asks for ${describeGrants(r.grants)} for the task "${r.task}". `
    + `The person has not answered yet. Ask them to approve it in Hallpass, then retry this call; the request stays open until ${iso(r.lapsesAt)}.`;
}

/** A person said no. */
export function deniedByUserText(r: AccessRequest): string {
  return `Access denied by the user: request ${r.id} (${describeGrants(r.grants)}) was denied in Hallpass. Do not retry unless the person asks you to.`;
}

/** The session that covered this call is over; a new request was opened. */
export function endedText(s: Session, state: 'expired' | 'revoked', r: AccessRequest): string {
  const when = state === 'expired' ? `expired at ${iso(s.expiresAt)}` : `was revoked at ${iso(s.revokedAt ?? s.expiresAt)}`;
  return `Session ${s.id} ${when}. Sessions never renew themselves: a new request ${r.id} is waiting for the person's approval in Hallpass; retry after they approve.`;
}
