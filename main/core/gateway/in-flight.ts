/** Calls being forwarded right now, so revoke and kill can abort them at once (DESIGN.md §2.5). */

export interface InFlightCall {
  sessionId: string;
  clientId: string;
  controller: AbortController;
}

/** Registry of in-flight calls keyed by a per-call number. */
export class InFlight {
  readonly #calls = new Map<number, InFlightCall>();
  #next = 0;

  /** Registers a call; returns its key for `end`. */
  begin(call: InFlightCall): number {
    const key = ++this.#next;
    this.#calls.set(key, call);
    return key;
  }

  /** Unregisters a finished call. */
  end(key: number): void {
    this.#calls.delete(key);
  }

  /** Aborts every call of one session; returns how many. */
  abortSession(sessionId: string, reason: Error): number {
    let n = 0;
    for (const c of this.#calls.values()) if (c.sessionId === sessionId) { c.controller.abort(reason); n++; }
    return n;
  }

  /** Aborts every call; returns how many. */
  abortAll(reason: Error): number {
    const n = this.#calls.size;
    for (const c of this.#calls.values()) c.controller.abort(reason);
    return n;
  }

  /** How many calls are in flight. */
  get size(): number {
    return this.#calls.size;
  }
}

/** The abort reason used for revoke and kill, recognised when shaping the agent's error. */
export class RevokedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RevokedError';
  }
}
