/**
 * An in-memory Bridge: a test double of the UI's boundary with main. It keeps lists, applies commands
 * the way the contract describes, records every call and emits events like main does.
 */
import type { Bridge } from '../../../../renderer/bridge.ts';
import type {
  AgentStatusView, AuditRowView, AuditVerifyView, ClientView, ConnectionView, ControlEvent, InstallAgentResult, RequestView, SessionView, StatusView,
} from '../../../../renderer/contract.ts';
import { statusView } from './views.ts';

/** The fake's whole state. */
export interface FakeState {
  status: StatusView;
  requests: RequestView[];
  sessions: SessionView[];
  connections: ConnectionView[];
  clients: ClientView[];
  audit: AuditRowView[];
  verify: AuditVerifyView;
  /** The agent apps `agentStatus` reports (not an event of main: the UI asks for it). */
  agents: AgentStatusView[];
}

/** The fake and its test-facing controls. */
export interface FakeBridge extends Bridge {
  readonly state: FakeState;
  readonly calls: { method: string; args: unknown[] }[];
  /** Replaces parts of the state and emits the matching events, as main would. */
  put(patch: Partial<FakeState>): void;
  /** Makes the next call of `method` fail with `message`. */
  failNext(method: string, message: string): void;
  listenerCount(): number;
}

/** Creates a fake bridge on an injected clock. */
export function createFakeBridge(now: () => number, initial: Partial<FakeState> = {}): FakeBridge {
  const state: FakeState = {
    status: statusView(), requests: [], sessions: [], connections: [], clients: [], audit: [],
    verify: { ok: true, rows: 0 }, agents: [], ...initial,
  };
  const calls: { method: string; args: unknown[] }[] = [];
  const failures = new Map<string, string>();
  const listeners = new Set<(event: ControlEvent) => void>();
  let seq = 0;
  const emit = (...types: ControlEvent['type'][]): void => {
    for (const type of types) for (const l of listeners) l({ type });
  };
  const record = async (method: string, args: unknown[]): Promise<void> => {
    calls.push({ method, args });
    await Promise.resolve();
    const failure = failures.get(method);
    if (failure !== undefined) {
      failures.delete(method);
      throw new Error(failure);
    }
  };
  const find = <T extends { id: string }>(list: T[], id: string): T => {
    const found = list.find((x) => x.id === id);
    if (!found) throw new Error(`unknown id ${id}`);
    return found;
  };
  const replace = <T extends { id: string }>(list: T[], item: T): T[] => list.map((x) => (x.id === item.id ? item : x));

  return {
    state,
    calls,
    put(patch) {
      Object.assign(state, patch);
      emit(...(Object.keys(patch) as (keyof FakeState)[]).filter((k) => k !== 'agents').map((k) => (k === 'verify' ? 'audit' : k)));
    },
    failNext: (method, message) => void failures.set(method, message),
    listenerCount: () => listeners.size,
    status: async () => (await record('status', []), structuredClone(state.status)),
    requests: async () => (await record('requests', []), structuredClone(state.requests)),
    sessions: async () => (await record('sessions', []), structuredClone(state.sessions)),
    connections: async () => (await record('connections', []), structuredClone(state.connections)),
    clients: async () => (await record('clients', []), structuredClone(state.clients)),
    async approve(id, input) {
      await record('approve', [id, input]);
      const request = find(state.requests, id);
      const kept = request.grants.filter((g) => !input.connections || input.connections.includes(g.connection));
      const session: SessionView = {
        id: `ses_${++seq}`, clientId: request.clientId, clientName: request.clientName, task: request.task,
        grants: kept.map((g) => (input.access === 'read' ? { ...g, access: 'read' as const } : g)),
        createdAt: now(), expiresAt: now() + input.ttlSeconds * 1000, state: 'active', calls: 0, requestId: id,
      };
      state.requests = replace(state.requests, { ...request, state: 'approved', decidedAt: now(), sessionId: session.id });
      state.sessions = [...state.sessions, session];
      emit('requests', 'sessions');
      return session;
    },
    async deny(id) {
      await record('deny', [id]);
      const denied: RequestView = { ...find(state.requests, id), state: 'denied', decidedAt: now() };
      state.requests = replace(state.requests, denied);
      emit('requests');
      return denied;
    },
    async revoke(id) {
      await record('revoke', [id]);
      const revoked: SessionView = { ...find(state.sessions, id), state: 'revoked', revokedAt: now() };
      state.sessions = replace(state.sessions, revoked);
      emit('sessions');
      return revoked;
    },
    async extend(id) {
      await record('extend', [id]);
      const s = find(state.sessions, id);
      const request: RequestView = {
        id: `req_${++seq}`, clientId: s.clientId, clientName: s.clientName, task: s.task, grants: s.grants,
        createdAt: now(), lapsesAt: now() + 300_000, state: 'pending', maxTtlSeconds: state.status.maxTtlSeconds,
      };
      state.requests = [...state.requests, request];
      emit('requests');
      return request;
    },
    async kill() {
      await record('kill', []);
      const active = state.sessions.filter((s) => s.state === 'active').length;
      const pending = state.requests.filter((r) => r.state === 'pending').length;
      state.sessions = state.sessions.map((s) => (s.state === 'active' ? { ...s, state: 'revoked', revokedAt: now() } : s));
      state.requests = state.requests.map((r) => (r.state === 'pending' ? { ...r, state: 'denied', decidedAt: now() } : r));
      state.status = { ...state.status, lockedDown: true };
      emit('status', 'sessions', 'requests');
      return { revokedSessions: active, abortedCalls: 0, deniedRequests: pending };
    },
    async rearm() {
      await record('rearm', []);
      state.status = { ...state.status, lockedDown: false };
      emit('status');
      return state.status;
    },
    async audit(query) {
      await record('audit', [query]);
      const rows = state.audit.filter((r) => (query.since === undefined || r.at >= query.since) && (query.client === undefined || r.clientId === query.client));
      return structuredClone(rows.slice(-(query.limit ?? rows.length)));
    },
    auditVerify: async () => (await record('auditVerify', []), structuredClone(state.verify)),
    async auditExport(format) {
      await record('auditExport', [format]);
      return format === 'jsonl' ? state.audit.map((r) => JSON.stringify(r)).join('\n') : `seq,kind\n${state.audit.map((r) => `${r.seq},${r.kind}`).join('\n')}`;
    },
    async addClient(name) {
      await record('addClient', [name]);
      const client: ClientView = { id: `cli_${++seq}`, name, createdAt: now() };
      state.clients = [...state.clients, client];
      emit('clients');
      return { client, token: `hp_faketoken${seq}xxxxxxxxxxxxxxxx`, mcpUrl: 'http://127.0.0.1:4255/mcp' };
    },
    async connect(id) {
      await record('connect', [id]);
      const c = find(state.connections, id);
      if (c.kind === 'stdio') throw new Error(`"${id}" is a local (stdio) server; it needs no sign-in`);
      state.connections = replace(state.connections, { ...c, signIn: 'waiting', statusDetail: 'waiting for the sign-in in the browser' });
      emit('connections');
      return { authorizationUrl: `https://accounts.example.com/o/oauth2/auth?client_id=hallpass&state=s${++seq}` };
    },
    async disconnect(id) {
      await record('disconnect', [id]);
      const c = find(state.connections, id);
      state.connections = replace(state.connections, { ...c, status: 'needs-auth', statusDetail: 'not connected yet; connect it', tools: 0, readTools: 0, writeTools: 0 });
      emit('connections');
      return { revocation: 'revoked' };
    },
    async installAgent(input) {
      await record('installAgent', [input]);
      const agent = state.agents.find((a) => a.client === input.client);
      if (!agent) throw new Error(`unknown agent ${input.client}`);
      const file = input.scope === 'project' ? `${input.projectDir}/.cursor/mcp.json` : agent.file;
      const unchanged = agent.state === 'connected' && input.scope !== 'project';
      const result: InstallAgentResult = {
        file, dryRun: input.dryRun === true, clientName: agent.name, warnings: [], action: unchanged ? 'unchanged' : 'created',
        plan: unchanged ? `${file}: no change` : `--- ${file} (now)\n+++ ${file} (after)\n@@ -1,1 +1,3 @@\n+  "hallpass": {\n+    "url": "http://127.0.0.1:4255/mcp",\n+    "headers": { "Authorization": "Bearer ***" }\n`,
      };
      if (!input.dryRun && !unchanged) {
        state.agents = state.agents.map((a) => (a.client === input.client ? { ...a, state: 'connected' } : a));
        state.clients = [...state.clients, { id: `cli_${++seq}`, name: agent.name, createdAt: now() }];
        emit('clients');
        return { ...result, backup: `${file}.hallpass-backup-20250115T100000Z` };
      }
      return result;
    },
    agentStatus: async () => (await record('agentStatus', []), structuredClone(state.agents)),
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
