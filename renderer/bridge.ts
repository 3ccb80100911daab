/** The one typed bridge every screen talks through: Electron IPC (desktop) or HTTP (`hallpass serve`). */
import { z } from 'zod';
import {
  addedClientSchema, agentStatusViewSchema, approveInputSchema, auditRowViewSchema, auditVerifyViewSchema, clientViewSchema, connectionIdSchema,
  connectionViewSchema, connectResultSchema, controlEventSchema, disconnectResultSchema, installAgentInputSchema,
  installAgentResultSchema, killResultSchema, requestViewSchema, sessionViewSchema, statusViewSchema,
} from './contract.ts';
import type { Control } from './contract.ts';

// SECURITY: the renderer runs under a CSP without 'unsafe-eval'; keep zod from even probing `new Function`.
z.config({ jitless: true });

type Command = Exclude<keyof Control, 'onEvent'>;

/** The control contract made asynchronous: the same commands as `Control`, each answering a Promise. */
export type Bridge = {
  [K in Command]: (...args: Parameters<Control[K]>) => Promise<Awaited<ReturnType<Control[K]>>>;
} & Pick<Control, 'onEvent'>;

const requestList = z.array(requestViewSchema);
const sessionList = z.array(sessionViewSchema);

/**
 * Wraps an untrusted bridge so that every answer and every event is checked against the contract.
 * SECURITY: nothing from main reaches a screen without passing its zod schema; bad input is refused
 * before it is sent.
 */
export function validatedBridge(raw: Bridge): Bridge {
  return {
    status: async () => statusViewSchema.parse(await raw.status()),
    requests: async () => requestList.parse(await raw.requests()),
    sessions: async () => sessionList.parse(await raw.sessions()),
    connections: async () => z.array(connectionViewSchema).parse(await raw.connections()),
    clients: async () => z.array(clientViewSchema).parse(await raw.clients()),
    approve: async (id, input) =>
      sessionViewSchema.parse(await raw.approve(z.string().min(1).parse(id), approveInputSchema.parse(input))),
    deny: async (id) => requestViewSchema.parse(await raw.deny(z.string().min(1).parse(id))),
    revoke: async (id) => sessionViewSchema.parse(await raw.revoke(z.string().min(1).parse(id))),
    extend: async (id) => requestViewSchema.parse(await raw.extend(z.string().min(1).parse(id))),
    kill: async () => killResultSchema.parse(await raw.kill()),
    rearm: async () => statusViewSchema.parse(await raw.rearm()),
    audit: async (query) => z.array(auditRowViewSchema).parse(await raw.audit(query)),
    auditVerify: async () => auditVerifyViewSchema.parse(await raw.auditVerify()),
    auditExport: async (format) => z.string().parse(await raw.auditExport(format)),
    addClient: async (name) => addedClientSchema.parse(await raw.addClient(z.string().trim().min(1).max(64).parse(name))),
    // SECURITY: the sign-in address must be an http(s) URL before the page ever renders it as a link.
    connect: async (id) => connectResultSchema.parse(await raw.connect(connectionIdSchema.parse(id))),
    disconnect: async (id) => disconnectResultSchema.parse(await raw.disconnect(connectionIdSchema.parse(id))),
    installAgent: async (input) => installAgentResultSchema.parse(await raw.installAgent(installAgentInputSchema.parse(input))),
    agentStatus: async () => z.array(agentStatusViewSchema).parse(await raw.agentStatus()),
    onEvent: (listener) =>
      raw.onEvent((event) => {
        const parsed = controlEventSchema.safeParse(event);
        if (parsed.success) listener(parsed.data);
      }),
  };
}

/** The desktop bridge the preload exposes as `window.hallpass`, validated; undefined outside Electron. */
export function ipcBridge(host: object): Bridge | undefined {
  const exposed: unknown = (host as { hallpass?: unknown }).hallpass;
  if (typeof exposed !== 'object' || exposed === null) return undefined;
  return validatedBridge(exposed as Bridge);
}
