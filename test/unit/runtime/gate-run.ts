// Drives a real Runtime step by step (calls, request_access, approve, deny, revoke, extend, kill, rearm,
// clock, restart) and checks after each step that it did what the model says, and nothing else.
import { isDeepStrictEqual } from 'node:util';
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { Access, Client, Grant } from '../../../main/core/model.ts';
import type { AuditRow } from '../../../main/core/audit/audit-types.ts';
import type { ApproveInput } from '../../../main/core/control/schemas.ts';
import { ControlError } from '../../../main/core/control/control-types.ts';
import { approve, deny, extend, kill, rearm, revoke } from '../../../main/core/runtime/decisions.ts';
import { RevokedError } from '../../../main/core/gateway/in-flight.ts';
import { answerText, type CallArgs, type Receipt } from './downstream-double.ts';
import { disagreements, noRows } from './gate-checks.ts';
import { GateModel, grantLets, neededAccess, type ModelSession } from './gate-model.ts';
import { LAPSE_MS, openGateWorld, resultText, settle, type GateWorld } from './gate-world.ts';

/** One call (a connection tool, or hallpass__request_access) the run started. */
export interface TrackedCall {
  no: number;
  clientId: string;
  /** For tool calls: what was called and what it needs. Absent for request_access. */
  need?: { exposedName: string; args: CallArgs; connection: string; tool: string; access: Access };
  caller: AbortController;
  /** What the model said at the moment of the call. */
  start: 'allow' | 'deny' | 'ask' | 'refused';
  /** The request it waits on. */
  requestId?: string;
  receipt?: Receipt;
  sessionId?: string;
  settled: boolean;
  result?: CallToolResult;
  done: Promise<void>;
}

/** A run of steps against one world, with its model. */
export class GateRun {
  readonly world: GateWorld;
  readonly model = new GateModel();
  readonly calls: TrackedCall[] = [];
  readonly rows = noRows();
  readonly problems: string[] = [];
  readonly #afterSettle: (() => void)[] = [];
  readonly #callsBySession = new Map<string, number>();

  constructor(approvalWaitMs: number) {
    this.world = openGateWorld({ approvalWaitMs, onReceive: (receipt) => this.#received(receipt) });
  }

  /** The client with this index (0–2). */
  client(i: number): Client {
    return this.world.clients[i % this.world.clients.length]!;
  }

  /** Newest audit rows, oldest first. */
  lastRows(n: number): AuditRow[] {
    this.world.rt.flush();
    return this.world.store.audit.query({ limit: n });
  }

  #problem(text: string): void {
    this.problems.push(text);
  }

  #lastRowIs(kind: string, fields: Partial<AuditRow>, what: string): AuditRow | undefined {
    const row = this.lastRows(1)[0];
    const ok = row?.kind === kind && Object.entries(fields).every(([k, v]) => row[k as keyof AuditRow] === v);
    if (!ok) this.#problem(`INVARIANT 4: ${what} left ${JSON.stringify(row)}, expected a ${kind} row with ${JSON.stringify(fields)}`);
    return row;
  }

  // INVARIANT 1 is checked here, synchronously, at the moment the downstream receives a call.
  #received(receipt: Receipt): void {
    const call = this.calls.find((c) => c.no === receipt.args.callNo);
    const now = this.world.clock.now();
    if (!call) return this.#problem(`a call the test never made reached ${receipt.connection}/${receipt.tool}`);
    call.receipt = receipt;
    const access = neededAccess(receipt.connection, receipt.tool, receipt.args);
    const covering = this.model.covering(call.clientId, receipt.connection, receipt.tool, access, now);
    if (!covering.length) {
      this.#problem(`INVARIANT 1: call #${call.no} of ${call.clientId} reached ${receipt.connection}/${receipt.tool} (${access}) at ${now} `
        + `${this.model.lockedDown ? 'while locked down' : 'with no active session of that client covering it'}`);
    }
    const row = this.lastRows(1)[0];
    if (row?.kind !== 'allowed' || row.clientId !== call.clientId || row.connection !== receipt.connection || row.tool !== receipt.tool
      || row.access !== access || !covering.some((s) => s.id === row.sessionId)) {
      this.#problem(`INVARIANT 4: call #${call.no} was forwarded without its allowed row under a covering session: ${JSON.stringify(row)}`);
    }
    this.rows.allowed++;
    if (row?.sessionId) {
      call.sessionId = row.sessionId;
      this.#callsBySession.set(row.sessionId, (this.#callsBySession.get(row.sessionId) ?? 0) + 1);
    }
  }

  #track(call: Omit<TrackedCall, 'settled' | 'done'>, started: () => Promise<CallToolResult>): TrackedCall {
    const tracked = call as TrackedCall;
    tracked.settled = false;
    this.calls.push(tracked);
    tracked.done = started().then((result) => {
      tracked.settled = true;
      tracked.result = result;
      this.#settled(tracked, result);
    }, (error: unknown) => {
      tracked.settled = true;
      this.#problem(`call #${tracked.no} rejected instead of answering: ${(error as Error).message}`);
    });
    return tracked;
  }

  /** Learns the request a step opened or joined, from its `pending` row, and checks what it asks. */
  #learnRequest(row: AuditRow | undefined, clientId: string, asked: Grant[]): string | undefined {
    const id = row?.kind === 'pending' ? row.requestId : undefined;
    if (!id) return undefined;
    const now = this.world.clock.now();
    const known = this.model.requests.get(id);
    const r = this.world.rt.requests.get(id);
    if (known) {
      const covers = asked.every((a) => known.grants.some((g) => g.connection === a.connection && g.tools === undefined && (g.access === 'write' || a.access === 'read')));
      if (known.clientId !== clientId || this.model.requestState(known, now) !== 'pending' || !covers) this.#problem(`joined request ${id} does not ask for ${JSON.stringify(asked)} of ${clientId}`);
    } else if (!r || r.clientId !== clientId || r.lapsesAt !== now + LAPSE_MS || !isDeepStrictEqual(r.grants, asked)) {
      this.#problem(`new request ${id} is ${JSON.stringify(r)}, expected ${clientId} asking ${JSON.stringify(asked)}`);
    } else {
      this.model.requests.set(id, { id, clientId, grants: structuredClone(r.grants), lapsesAt: r.lapsesAt, state: 'pending' });
    }
    return id;
  }

  /** Starts a connection tool call of client `i` (e.g. `files__read_file`). */
  call(i: number, exposedName: string, extra: Omit<CallArgs, 'callNo'> = {}): TrackedCall {
    const client = this.client(i);
    const [connection = '', tool = ''] = exposedName.split('__');
    const args: CallArgs = { callNo: this.world.nextCallNo(), ...extra };
    const access = neededAccess(connection, tool, args);
    const now = this.world.clock.now();
    const start = this.model.lockedDown ? 'deny' : this.model.covering(client.id, connection, tool, access, now).length ? 'allow' : 'ask';
    const ended = start === 'ask' ? this.model.lastEnded(client.id, connection, tool, access) : undefined;
    const caller = new AbortController();
    const call = this.#track({ no: args.callNo, clientId: client.id, need: { exposedName, args, connection, tool, access }, caller, start },
      () => this.world.call(client, exposedName, args, caller));
    if (start === 'allow' && !call.receipt) this.#problem(`call #${call.no} is covered now but was not forwarded at once`);
    if (start === 'deny') {
      this.rows.denied++;
      this.#lastRowIs('denied', { clientId: client.id, connection, tool, access }, `locked-down call #${call.no}`);
    }
    if (start === 'ask') {
      const last = this.lastRows(2);
      const pendingRow = last.at(-1);
      const endRow = last.length === 2 ? last[0] : undefined;
      if (ended) {
        const kind = ended.revokedAt !== undefined ? 'denied' : 'expired';
        this.rows[kind]++;
        if (endRow?.kind !== kind || endRow.sessionId !== ended.id) this.#problem(`call #${call.no} after ${ended.id} ended left ${JSON.stringify(endRow)}, expected ${kind}`);
      }
      this.rows.pending++;
      call.requestId = this.#learnRequest(pendingRow, client.id, [{ connection, access }]);
      if (!call.requestId) this.#problem(`uncovered call #${call.no} opened no request: ${JSON.stringify(pendingRow)}`);
    }
    return call;
  }

  /** Makes the same call again, as the same client. */
  retry(call: TrackedCall & { need: object }): TrackedCall {
    const { callNo: _, ...extra } = call.need.args;
    return this.call(this.world.clients.findIndex((c) => c.id === call.clientId), call.need.exposedName, extra);
  }

  /** Starts `hallpass__request_access` of client `i`. */
  requestAccess(i: number, connections: string[], access: Access, minutes?: number): TrackedCall {
    const client = this.client(i);
    const known = this.world.downstream.connections.map((c) => c.id);
    const start = !connections.every((c) => known.includes(c)) ? 'refused' : this.model.lockedDown ? 'deny' : 'ask';
    const caller = new AbortController();
    const args = { task: 'tidy the project notes', connections, access, ...(minutes ? { minutes } : {}) };
    const call = this.#track({ no: this.world.nextCallNo(), clientId: client.id, caller, start }, () => this.world.requestAccess(client, args, caller));
    if (start === 'deny') {
      this.rows.denied++;
      this.#lastRowIs('denied', { clientId: client.id }, 'request_access while locked down');
    }
    if (start === 'ask') {
      this.rows.pending++;
      const asked = [...new Set(connections)].map((connection) => ({ connection, access }));
      call.requestId = this.#learnRequest(this.lastRows(1)[0], client.id, asked);
      if (!call.requestId) this.#problem(`request_access #${call.no} opened no request`);
    }
    return call;
  }

  #settled(call: TrackedCall, result: CallToolResult): void {
    const text = resultText(result);
    const fail = (why: string) => this.#problem(`call #${call.no} (${call.start}) answered ${JSON.stringify(text)}: ${why}`);
    if (call.receipt) {
      this.rows['call-result']++;
      const { signal, args, connection, tool } = call.receipt;
      if (signal.aborted && signal.reason instanceof RevokedError) {
        if (!result.isError || !text.startsWith('Revoked:')) fail('INVARIANT 3: a call aborted by revoke/kill must tell the agent it was revoked');
      } else if (!signal.aborted || args.stubborn) {
        if (result.isError || text !== answerText(connection, tool, call.no)) fail('expected the downstream answer');
      } else if (!result.isError) fail('a cancelled call must answer isError');
      return;
    }
    if (!result.isError && !(call.need === undefined && text.startsWith('Approved:'))) fail('a call that was not forwarded must answer isError');
    if (call.start === 'deny' && !text.includes('locked down')) fail('expected the locked-down text');
    if (call.start === 'refused' && !text.startsWith('Unknown connection')) fail('expected unknown connection');
    if (text.startsWith('The person approved request')) this.rows.denied++;
    if (text.startsWith('Approved:')) {
      const id = (result.structuredContent as { sessionId?: string } | undefined)?.sessionId;
      const s = this.model.sessions.find((x) => x.id === id);
      if (!s || s.clientId !== call.clientId || this.world.rt.sessions.get(s.id)?.requestId !== call.requestId) fail('approved with a session that is not its own');
    }
  }

  /** A person approves `requestId`; `sameTick` happens right after, before any waiting call resumes. */
  approve(requestId: string, input: ApproveInput, sameTick?: 'revoke' | 'kill' | 'expire'): void {
    const now = this.world.clock.now();
    const r = this.model.requests.get(requestId);
    const grants = this.model.approval(r, input, now);
    const waiting = this.#waitingOn(requestId);
    let session;
    try {
      session = approve(this.world.rt, requestId, input);
    } catch (error) {
      if (!(error instanceof ControlError)) this.#problem(`approve threw ${String(error)}`);
      if (grants) this.#problem(`approve of ${requestId} with ${JSON.stringify(input)} was refused: ${(error as Error).message}`);
      return;
    }
    if (!grants || !r) return this.#problem(`INVARIANT 2: approve of ${requestId} with ${JSON.stringify(input)} must be refused, made ${session.id}`);
    const ms: ModelSession = { id: session.id, clientId: r.clientId, grants, createdAt: now, expiresAt: now + input.ttlSeconds * 1000 };
    this.model.sessions.push(ms);
    r.state = 'approved';
    this.rows.approved++;
    this.#lastRowIs('approved', { requestId, sessionId: session.id, clientId: r.clientId }, `approve of ${requestId}`);
    if (sameTick === 'revoke') this.revoke(session.id);
    if (sameTick === 'kill') this.kill();
    if (sameTick === 'expire') this.world.clock.set(ms.expiresAt);
    if (sameTick) return;
    this.#afterSettle.push(() => {
      for (const c of waiting) {
        const covered = c.need ? ms.grants.some((g) => grantLets(g, c.need!.connection, c.need!.tool, c.need!.access)) : true;
        if (!covered) continue;
        const fine = c.need ? c.receipt !== undefined : c.settled && resultText(c.result!).startsWith('Approved:');
        if (!fine) this.#problem(`call #${c.no} waited on ${requestId}, which was approved to cover it, but was not let through`);
      }
    });
  }

  /** A person denies `requestId`. */
  deny(requestId: string): void {
    const r = this.model.requests.get(requestId);
    const ok = r !== undefined && this.model.requestState(r, this.world.clock.now()) === 'pending';
    const waiting = this.#waitingOn(requestId);
    try {
      deny(this.world.rt, requestId);
    } catch (error) {
      if (ok) this.#problem(`deny of ${requestId} was refused: ${(error as Error).message}`);
      return;
    }
    if (!ok || !r) return this.#problem(`deny of ${requestId} must be refused`);
    r.state = 'denied';
    this.rows['denied-by-user']++;
    this.#lastRowIs('denied-by-user', { requestId, clientId: r.clientId }, `deny of ${requestId}`);
    this.#afterSettle.push(() => {
      for (const c of waiting) if (!c.settled || !resultText(c.result!).startsWith('Access denied by the user')) this.#problem(`call #${c.no} waited on denied ${requestId} and was not told`);
    });
  }

  /** Calls still waiting for a person (on `requestId`, or on any request). */
  #waitingOn(requestId?: string): TrackedCall[] {
    return this.calls.filter((c) => !c.settled && !c.receipt && c.requestId !== undefined && (requestId === undefined || c.requestId === requestId));
  }

  /** In-flight receipts not yet answered nor aborted. */
  #inFlight(): Receipt[] {
    return this.world.downstream.receipts.filter((r) => !r.answered && !r.signal.aborted);
  }

  /** A person revokes `sessionId`. */
  revoke(sessionId: string): void {
    const now = this.world.clock.now();
    const s = this.model.sessions.find((x) => x.id === sessionId);
    const ok = s !== undefined && this.model.active(s, now);
    const inFlight = this.#inFlight();
    try {
      revoke(this.world.rt, sessionId);
    } catch (error) {
      if (ok) this.#problem(`revoke of ${sessionId} was refused: ${(error as Error).message}`);
      return;
    }
    if (!ok || !s) return this.#problem(`revoke of ${sessionId} must be refused`);
    s.revokedAt = now;
    this.rows.revoked++;
    this.#lastRowIs('revoked', { sessionId, clientId: s.clientId }, `revoke of ${sessionId}`);
    for (const receipt of inFlight) {
      const mine = this.calls.find((c) => c.receipt === receipt)?.sessionId === sessionId;
      const aborted = receipt.signal.aborted && receipt.signal.reason instanceof RevokedError;
      if (mine !== aborted) this.#problem(`INVARIANT 3: revoke of ${sessionId} ${mine ? 'did not abort its' : 'aborted another session\'s'} in-flight call #${receipt.args.callNo}`);
    }
  }

  /** A person asks to extend `sessionId`: a new request, never a longer session. */
  extend(sessionId: string): void {
    const s = this.model.sessions.find((x) => x.id === sessionId);
    const ok = s !== undefined && !this.model.lockedDown;
    try {
      extend(this.world.rt, sessionId);
    } catch (error) {
      if (ok) this.#problem(`extend of ${sessionId} was refused: ${(error as Error).message}`);
      return;
    }
    if (!ok || !s) return this.#problem(`extend of ${sessionId} must be refused`);
    this.rows.pending++;
    const row = this.#lastRowIs('pending', { sessionId, clientId: s.clientId }, `extend of ${sessionId}`);
    this.#learnRequest(row, s.clientId, s.grants);
  }

  /** The kill switch. */
  kill(): void {
    const inFlight = this.#inFlight();
    const waiting = this.#waitingOn();
    kill(this.world.rt);
    this.model.kill(this.world.clock.now());
    this.rows.kill++;
    this.#lastRowIs('kill', {}, 'kill');
    for (const receipt of inFlight) {
      if (!(receipt.signal.reason instanceof RevokedError)) this.#problem(`INVARIANT 3: kill did not abort in-flight call #${receipt.args.callNo}`);
    }
    this.#afterSettle.push(() => {
      for (const c of waiting) if (!c.settled || !c.result?.isError) this.#problem(`INVARIANT 3: call #${c.no} still waits (or passed) after kill`);
    });
  }

  /** A person re-arms. */
  rearm(): void {
    const was = this.model.lockedDown;
    rearm(this.world.rt);
    this.model.lockedDown = false;
    if (!was) return;
    this.rows.rearm++;
    this.#lastRowIs('rearm', {}, 'rearm');
  }

  /** The agent cancels one of its calls. */
  cancel(call: TrackedCall): void {
    call.caller.abort();
  }

  /** Lets every continuation run, then runs the checks that wait for it. */
  async settle(): Promise<void> {
    await settle();
    for (const check of this.#afterSettle.splice(0)) check();
  }

  /** Answers every blocked call, cancels every waiting one, and waits until all have answered. */
  async quiesce(): Promise<void> {
    for (const r of this.world.downstream.receipts) r.release();
    await settle();
    for (const c of this.calls) if (!c.settled) c.caller.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, 5000); });
    await Promise.race([Promise.all(this.calls.map((c) => c.done)), timeout]);
    clearTimeout(timer);
    await this.settle();
    const stuck = this.calls.filter((c) => !c.settled).map((c) => c.no);
    if (stuck.length) this.#problem(`calls ${stuck.join(', ')} never answered`);
    if (this.world.rt.inFlight.size || this.world.rt.requests.waiting()) this.#problem('in-flight calls or waiters leaked');
  }

  /** Restart: every call answered, then a new Runtime over the reopened store. */
  async restart(): Promise<void> {
    await this.quiesce();
    this.check();
    this.world.restart();
  }

  /** Throws with every disagreement and broken promise found so far. */
  check(): void {
    const found = [...this.problems.splice(0), ...disagreements(this.world, this.model, this.rows, this.#callsBySession)];
    if (found.length) throw new Error(found.join('\n'));
  }

  /** Quiesces, checks, and releases the world. */
  async close(): Promise<void> {
    try {
      await this.quiesce();
      this.check();
    } finally {
      this.world.dispose();
    }
  }
}
