/** Pending approvals: open or join, wait for a person's decision, decide, lapse. */
import type { AccessRequest, Grant, RequestState, TriggerCall } from '../model.ts';
import { grantsWithin } from '../sessions/session-state.ts';

export interface OpenRequestInput {
  clientId: string;
  task: string;
  grants: Grant[];
  minutes?: number;
  trigger?: TriggerCall;
}

type Waiter = (state: RequestState) => void;

/** Requests in memory (the core persists each change); waiters are released on decision or lapse. */
export class RequestBook {
  readonly #requests = new Map<string, AccessRequest>();
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #lapseMs: number;

  constructor(lapseMs: number) {
    this.#lapseMs = lapseMs;
  }

  /** Loads a stored request (restart). */
  load(request: AccessRequest): void {
    this.#requests.set(request.id, request);
  }

  /** Joins a pending request of this client that already asks for these grants, else opens a new one. */
  openOrJoin(input: OpenRequestInput, id: string, now: number): { request: AccessRequest; joined: boolean } {
    for (const r of this.#requests.values()) {
      if (r.clientId === input.clientId && this.stateAt(r, now) === 'pending' && grantsWithin(input.grants, r.grants)) {
        return { request: r, joined: true };
      }
    }
    const request: AccessRequest = {
      id, clientId: input.clientId, task: input.task, grants: input.grants, createdAt: now,
      lapsesAt: now + this.#lapseMs, state: 'pending',
      ...(input.minutes !== undefined ? { minutes: input.minutes } : {}),
      ...(input.trigger ? { trigger: input.trigger } : {}),
    };
    this.#requests.set(id, request);
    return { request, joined: false };
  }

  /** The request with this id. */
  get(id: string): AccessRequest | undefined {
    return this.#requests.get(id);
  }

  /** Every request, oldest first. */
  all(): AccessRequest[] {
    return [...this.#requests.values()];
  }

  /** The state of a request at `now`: a pending one past `lapsesAt` reads as lapsed. */
  stateAt(r: AccessRequest, now: number): RequestState {
    return r.state === 'pending' && now >= r.lapsesAt ? 'lapsed' : r.state;
  }

  /** Records a decision (approved / denied / lapsed) and wakes every waiter. Only pending requests can be decided. */
  decide(id: string, state: Exclude<RequestState, 'pending'>, now: number, sessionId?: string): AccessRequest | undefined {
    const r = this.#requests.get(id);
    if (!r || r.state !== 'pending') return undefined;
    r.state = state;
    r.decidedAt = now;
    if (sessionId) r.sessionId = sessionId;
    const waiters = this.#waiters.get(id);
    this.#waiters.delete(id);
    for (const w of waiters ?? []) w(state);
    return r;
  }

  /** Pending requests whose lapse time has come (the caller decides them as lapsed). */
  due(now: number): AccessRequest[] {
    return this.all().filter((r) => r.state === 'pending' && now >= r.lapsesAt);
  }

  /**
   * Waits up to `ms` for a decision. Resolves with the decided state, or 'pending' on timeout or abort.
   * The timer is cleared on every path.
   */
  wait(id: string, ms: number, signal: AbortSignal): Promise<RequestState> {
    const r = this.#requests.get(id);
    if (!r) return Promise.resolve('lapsed');
    if (r.state !== 'pending') return Promise.resolve(r.state);
    return new Promise<RequestState>((resolve) => {
      let set = this.#waiters.get(id);
      if (!set) this.#waiters.set(id, (set = new Set()));
      const waiters = set;
      const finish = (state: RequestState) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        waiters.delete(waiter);
        resolve(state);
      };
      const waiter: Waiter = (state) => finish(state);
      const onAbort = () => finish('pending');
      const timer = setTimeout(() => finish('pending'), ms);
      waiters.add(waiter);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Forgets decided requests older than `before` (they stay in the store). */
  prune(before: number): void {
    for (const [id, r] of this.#requests) if (r.state !== 'pending' && (r.decidedAt ?? r.createdAt) < before) this.#requests.delete(id);
  }

  /** Number of callers waiting (tests check nothing leaks). */
  waiting(): number {
    let n = 0;
    for (const s of this.#waiters.values()) n += s.size;
    return n;
  }
}
