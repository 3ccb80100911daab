/** The gated call (DESIGN.md §3 "Call"): authorize now, else ask a person and wait, then forward. */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Client } from '../model.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { CatalogEntry } from './tool-catalog.ts';
import type { ProgressUpdate } from '../connections/connection-types.ts';
import { evaluate } from '../authz/evaluate.ts';
import { RevokedError } from './in-flight.ts';
import { deniedByUserText, endedText, errorResult, pendingText } from './tool-results.ts';
import { summarizeArgs } from './args-summary.ts';

/** Who is calling and how to talk back to them. */
export interface Caller {
  client: Client;
  /** Aborted when the agent cancels or disconnects. */
  signal: AbortSignal;
  /** Present when the agent gave a progress token. */
  progress?: (update: ProgressUpdate) => void;
}

/** A connection that decides access per call (e.g. SQL) exposes this. */
interface CallClassifier {
  classifyCall?(tool: string, args: Record<string, unknown>): 'read' | 'write';
}

/** Runs one `tools/call` of a connection tool through the gate. */
export async function callGatedTool(rt: Runtime, entry: CatalogEntry, args: Record<string, unknown>, caller: Caller): Promise<CallToolResult> {
  const { connection, tool } = entry;
  const classifier = connection as CallClassifier;
  let access = tool.access;
  if (classifier.classifyCall) {
    // SECURITY: a connector that classifies per call (e.g. SQL) decides; any failure counts as write.
    try { access = classifier.classifyCall(tool.name, args) === 'read' ? 'read' : 'write'; } catch { access = 'write'; }
  }
  const call = { clientId: caller.client.id, connection: connection.id, tool: tool.name, access };
  const auditBase = { clientId: call.clientId, connection: call.connection, tool: call.tool, access };

  // INVARIANT: the decision uses the clock at the moment of the call, never a timer.
  let decision = evaluate(call, rt.sessions.forClientConnection(call.clientId, call.connection), rt.clock.now(), rt.lockedDown());
  if (decision.effect === 'deny') {
    rt.audit({ ...auditBase, kind: 'denied', reason: decision.reasons.join('; ') });
    return errorResult(`Denied by Hallpass: ${decision.reasons.join('; ')}.`);
  }
  if (decision.effect === 'ask') {
    const ended = decision.ended;
    const task = ended?.session.task ?? `use ${connection.id} (${access})`;
    const { request, joined } = rt.openRequest({
      clientId: call.clientId, task, grants: [{ connection: connection.id, access }],
      trigger: { tool: `${connection.id}__${tool.name}`, argsSummary: summarizeArgs(args) },
    });
    if (ended) rt.audit({ ...auditBase, kind: ended.state === 'expired' ? 'expired' : 'denied', sessionId: ended.session.id, requestId: request.id, reason: `session ${ended.state}` });
    rt.audit({ ...auditBase, kind: 'pending', requestId: request.id, reason: joined ? 'joined a pending request' : 'request opened' });
    const state = await waitWithProgress(rt, request.id, caller);
    const r = rt.requests.get(request.id) ?? request;
    if (rt.lockedDown()) return errorResult('Denied by Hallpass: the kill switch was pulled; nothing can be used until a person re-arms Hallpass.');
    if (state === 'denied') return errorResult(deniedByUserText(r));
    if (state !== 'approved') return errorResult(ended ? endedText(ended.session, ended.state, r) : pendingText(r));
    decision = evaluate(call, rt.sessions.forClientConnection(call.clientId, call.connection), rt.clock.now(), rt.lockedDown());
    if (decision.effect === 'ask' && decision.ended?.state === 'revoked' && decision.ended.session.requestId === r.id) {
      return errorResult(`Request ${r.id} was approved, but its session ${decision.ended.session.id} was revoked right away by the person.`);
    }
    if (decision.effect !== 'allow') {
      rt.audit({ ...auditBase, kind: 'denied', requestId: r.id, reason: `approved scope does not cover this call: ${decision.reasons.join('; ')}` });
      return errorResult(`The person approved request ${r.id} with a narrower scope that does not cover this call (${connection.id}/${tool.name}, ${access}).`);
    }
  }
  return forward(rt, entry, args, caller, decision.session.id, access);
}

async function forward(rt: Runtime, entry: CatalogEntry, args: Record<string, unknown>, caller: Caller, sessionId: string, access: 'read' | 'write'): Promise<CallToolResult> {
  const { connection, tool } = entry;
  const session = rt.sessions.get(sessionId)!;
  const auditBase = { clientId: caller.client.id, connection: connection.id, tool: tool.name, access, sessionId };
  session.calls++;
  rt.markSessionDirty(sessionId);
  rt.audit({ ...auditBase, kind: 'allowed' });
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(caller.signal.reason);
  caller.signal.addEventListener('abort', onCallerAbort, { once: true });
  const key = rt.inFlight.begin({ sessionId, clientId: caller.client.id, controller });
  try {
    if (caller.signal.aborted) controller.abort(caller.signal.reason);
    // INVARIANT: one last look at the clock as the call leaves: an expiry (or revocation) that fell inside
    // the bookkeeping since the decision (microseconds) still refuses the call.
    if (rt.clock.now() >= session.expiresAt || session.revokedAt !== undefined) {
      rt.audit({ ...auditBase, kind: 'expired', reason: 'the session ended at the moment of admission' });
      return errorResult(`Session ${session.id} ended just as this call arrived (${new Date(session.revokedAt ?? session.expiresAt).toISOString()}); a person must approve a new session.`);
    }
    const result = await connection.callTool(tool.name, args, {
      signal: controller.signal,
      ...(caller.progress ? { onProgress: caller.progress } : {}),
    });
    if (controller.signal.reason instanceof RevokedError) throw controller.signal.reason;
    // The outcome row is not a decision (the 'allowed' row above is, written before the call left): it
    // joins the rows committed together right after this tick, keeping one commit off each call's path.
    rt.auditSoon({ ...auditBase, kind: 'call-result', reason: result.isError ? 'error' : 'ok' });
    return result;
  } catch (err) {
    const reason = controller.signal.reason;
    if (reason instanceof RevokedError) {
      // The agent hears at once; the outcome row follows right after (the revoke/kill decision is already audited).
      rt.auditSoon({ ...auditBase, kind: 'call-result', reason: `aborted: ${reason.message}` });
      return errorResult(`Revoked: ${reason.message}. The call was aborted.`);
    }
    const message = (err as Error).message;
    rt.auditSoon({ ...auditBase, kind: 'call-result', reason: caller.signal.aborted ? 'cancelled by the agent' : `failed: ${message.slice(0, 200)}` });
    return errorResult(`The call to ${connection.id} failed: ${message}`);
  } finally {
    rt.inFlight.end(key);
    caller.signal.removeEventListener('abort', onCallerAbort);
  }
}

const PROGRESS_EVERY_MS = 2_000;

/** Waits for the person up to approvalWait, telling the agent it is waiting when it asked for progress. */
async function waitWithProgress(rt: Runtime, requestId: string, caller: Caller) {
  const started = rt.clock.now();
  const tick = () => caller.progress?.({ progress: Math.round((rt.clock.now() - started) / 1000), message: 'Waiting for a person to approve this in Hallpass' });
  tick();
  const timer = caller.progress ? setInterval(tick, PROGRESS_EVERY_MS) : undefined;
  try {
    return await rt.requests.wait(requestId, rt.settings.approvalWaitMs, caller.signal);
  } finally {
    if (timer) clearInterval(timer);
  }
}
