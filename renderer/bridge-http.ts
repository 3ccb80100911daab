/** The bridge for `hallpass serve`: the control API over HTTP JSON, events over SSE, bearer token auth. */
import { z } from 'zod';
import { validatedBridge } from './bridge.ts';
import type { Bridge } from './bridge.ts';
import type { ControlEvent } from './contract.ts';
import { pause, sseData } from './sse-stream.ts';

/** A refusal from the control API, with its HTTP status and the server's message. */
export class BridgeError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
    this.name = 'BridgeError';
  }
}

/** How to reach the server and whom to tell about the link. */
export interface HttpBridgeOptions {
  /** e.g. `http://127.0.0.1:4255` */
  origin: string;
  token: string;
  fetch: typeof fetch;
  /** The server refused the token: the page must ask for a new one. */
  onUnauthorized: () => void;
  /** The event stream went down (false) or came (back) up (true). */
  onLink?: (up: boolean) => void;
}

/** A bridge that also owns a network stream. */
export interface HttpBridge extends Bridge {
  dispose(): void;
}

const errorBody = z.object({ error: z.string() });
const ALL_EVENTS: ControlEvent['type'][] = ['status', 'requests', 'sessions', 'connections', 'clients', 'audit'];
const BACKOFF_MS = { first: 250, max: 8000 };

/** Creates the HTTP bridge; every answer is validated by `validatedBridge`. */
export function createHttpBridge(opts: HttpBridgeOptions): HttpBridge {
  const life = new AbortController();
  const listeners = new Set<(event: ControlEvent) => void>();
  let stream: AbortController | undefined;

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, text = false): Promise<never> {
    const res = await opts.fetch(`${opts.origin}${path}`, {
      method,
      // SECURITY: the token travels only in this header, to the page's own origin.
      headers: { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      signal: life.signal,
    });
    if (res.status === 401) {
      opts.onUnauthorized();
      throw new BridgeError(401, 'The control token was refused.');
    }
    if (!res.ok) {
      const parsed = errorBody.safeParse(await res.json().catch(() => undefined));
      throw new BridgeError(res.status, parsed.success ? parsed.data.error : `HTTP ${res.status}`);
    }
    return (text ? await res.text() : await res.json()) as never;
  }

  const emit = (event: ControlEvent): void => {
    for (const listener of listeners) listener(event);
  };

  async function follow(signal: AbortSignal): Promise<void> {
    let backoff = BACKOFF_MS.first;
    while (!signal.aborted) {
      try {
        const res = await opts.fetch(`${opts.origin}/api/events`, {
          headers: { authorization: `Bearer ${opts.token}`, accept: 'text/event-stream' },
          cache: 'no-store',
          signal,
        });
        if (res.status === 401) return opts.onUnauthorized();
        if (!res.ok || !res.body) throw new BridgeError(res.status, 'event stream refused');
        opts.onLink?.(true);
        backoff = BACKOFF_MS.first;
        // Anything may have changed while we were not listening: have every screen refetch.
        for (const type of ALL_EVENTS) emit({ type });
        for await (const data of sseData(res.body)) {
          let json: unknown;
          try { json = JSON.parse(data); } catch { continue; }
          emit(json as ControlEvent); // validatedBridge checks it against the contract
        }
      } catch {
        // Network error or aborted: fall through to the backoff below.
      }
      if (signal.aborted) return;
      opts.onLink?.(false);
      await pause(backoff, signal);
      backoff = Math.min(backoff * 2, BACKOFF_MS.max);
    }
  }

  const enc = encodeURIComponent;
  const raw: Bridge = {
    status: () => call('GET', '/api/status'),
    requests: () => call('GET', '/api/requests'),
    sessions: () => call('GET', '/api/sessions'),
    connections: () => call('GET', '/api/connections'),
    clients: () => call('GET', '/api/clients'),
    approve: (id, input) => call('POST', `/api/requests/${enc(id)}/approve`, input),
    deny: (id) => call('POST', `/api/requests/${enc(id)}/deny`, {}),
    revoke: (id) => call('POST', `/api/sessions/${enc(id)}/revoke`, {}),
    extend: (id) => call('POST', `/api/sessions/${enc(id)}/extend`, {}),
    kill: () => call('POST', '/api/kill', {}),
    rearm: () => call('POST', '/api/rearm', {}),
    audit: (query) => {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
      const qs = params.toString();
      return call('GET', `/api/audit${qs ? `?${qs}` : ''}`);
    },
    auditVerify: () => call('GET', '/api/audit/verify'),
    auditExport: (format) => call('GET', `/api/audit/export?format=${enc(format)}`, undefined, true),
    addClient: (name) => call('POST', '/api/clients', { name }),
    connect: (id) => call('POST', `/api/connections/${enc(id)}/connect`, {}),
    disconnect: (id) => call('POST', `/api/connections/${enc(id)}/disconnect`, {}),
    installAgent: (input) => call('POST', '/api/agents/install', input),
    agentStatus: () => call('GET', '/api/agents'),
    onEvent: (listener) => {
      listeners.add(listener);
      if (!stream && !life.signal.aborted) {
        stream = new AbortController();
        void follow(AbortSignal.any([life.signal, stream.signal]));
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && stream) {
          stream.abort();
          stream = undefined;
        }
      };
    },
  };
  return { ...validatedBridge(raw), dispose: () => life.abort() };
}
