/** The control contract's implementation: views of the runtime and a person's commands. */
import type { AccessRequest, ConnectionConfig, Session } from '../model.ts';
import type { Runtime } from '../runtime/runtime.ts';
import type { Connection } from '../connections/connection-types.ts';
import { sessionState } from '../sessions/session-state.ts';
import { approve, deny, extend, kill, rearm, revoke } from '../runtime/decisions.ts';
import { createClient } from '../clients/client-tokens.ts';
import { toCsv, toJsonl } from '../audit/audit-export.ts';
import { ControlError, type Control } from './control-types.ts';
import type { ConnectionView, RequestView, SessionView } from './schemas.ts';
import type { SignIns } from './sign-in-flows.ts';
import type { AgentSetup } from './agent-setup.ts';

export interface ControlDeps {
  version: string;
  mcpUrl(): string;
  connection(id: string): Connection | undefined;
  configs(): ConnectionConfig[];
  /** Called after a client was added so the running gateway knows it at once. */
  changed(): void;
  /** Connect / Disconnect of remote and OAuth connections (only a running core has them). */
  signIns?: SignIns;
  /** Connect an agent (only a running core has it). */
  agents?: AgentSetup;
}

/** A command only the running Hallpass can carry out. */
function running<T>(part: T | undefined): T {
  if (!part) throw new ControlError(503, 'only the running Hallpass can do this');
  return part;
}

/** Builds the Control over a runtime. */
export function createControl(rt: Runtime, deps: ControlDeps): Control {
  const requestView = (r: AccessRequest): RequestView => ({
    ...r, state: rt.requests.stateAt(r, rt.clock.now()), clientName: rt.clientName(r.clientId),
    maxTtlSeconds: Math.floor(rt.settings.maxTtlMs / 1000),
  });
  const sessionView = (s: Session): SessionView => {
    const { revokeReason: _reason, ...rest } = s;
    return { ...rest, state: sessionState(s, rt.clock.now()), clientName: rt.clientName(s.clientId) };
  };
  const connectionView = (c: ConnectionConfig): ConnectionView => {
    const live = deps.connection(c.id);
    const tools = live?.tools() ?? [];
    const read = tools.filter((t) => t.access === 'read').length;
    const status = live?.status() ?? 'stopped';
    // A sign-in from a UI: waiting for the browser, or its failure until the connection runs again.
    const signIn = deps.signIns?.state(c.id);
    const failed = signIn?.state === 'failed' && status !== 'running' ? signIn : undefined;
    const detail = signIn?.state === 'waiting' ? 'waiting for the sign-in in the browser' : failed ? `sign-in failed: ${failed.detail}` : live?.statusDetail();
    return {
      id: c.id, kind: c.kind, enabled: c.enabled,
      // SECURITY: the command line and URL only; env values and tokens never leave the core.
      target: c.kind === 'stdio' ? [c.command, ...c.args].join(' ') : c.kind === 'remote' ? c.url : c.provider,
      status, ...(detail ? { statusDetail: detail } : {}),
      tools: tools.length, readTools: read, writeTools: tools.length - read,
      ...(signIn?.state === 'waiting' ? { signIn: 'waiting' as const } : failed ? { signIn: 'failed' as const } : {}),
    };
  };

  const status = () => ({
    lockedDown: rt.lockedDown(), version: deps.version,
    maxTtlSeconds: Math.floor(rt.settings.maxTtlMs / 1000), approvalWaitSeconds: Math.floor(rt.settings.approvalWaitMs / 1000),
  });

  return {
    status,
    requests: () => { rt.lapseDue(); return rt.requests.all().map(requestView); },
    sessions: () => rt.sessions.all().map(sessionView),
    connections: () => deps.configs().map(connectionView),
    clients: () => rt.store.clients.list().map(({ id, name, createdAt }) => ({ id, name, createdAt })),
    approve: (id, input) => sessionView(approve(rt, id, input)),
    deny: (id) => requestView(deny(rt, id)),
    revoke: (id) => sessionView(revoke(rt, id)),
    extend: (id) => requestView(extend(rt, id)),
    kill: () => kill(rt),
    rearm: () => { rearm(rt); return status(); },
    audit: (q) => rt.store.audit.query(q),
    auditVerify: () => rt.store.audit.verify(),
    auditExport: (format) => [...(format === 'csv' ? toCsv(rt.store.audit.all()) : toJsonl(rt.store.audit.all()))].join(''),
    addClient(name) {
      let added;
      try { added = createClient(rt.store, rt.ids, rt.clock, name); } catch (err) { throw new ControlError(400, (err as Error).message); }
      deps.changed();
      rt.emit({ type: 'clients' });
      const { id, name: n, createdAt } = added.client;
      return { client: { id, name: n, createdAt }, token: added.token, mcpUrl: deps.mcpUrl() };
    },
    connect: async (id) => running(deps.signIns).connect(id),
    disconnect: async (id) => running(deps.signIns).disconnect(id),
    installAgent: async (input) => running(deps.agents).install(input),
    agentStatus: async () => running(deps.agents).status(),
    onEvent: (listener) => rt.onEvent(listener),
  };
}
