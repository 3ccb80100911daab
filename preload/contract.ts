/** The one IPC contract of the desktop bridge: channel names, zod schemas per command, the BridgeApi type. */
import { z } from 'zod';
import type { Control } from '../main/core/control/control-types.ts';
import {
  addedClientSchema, agentStatusViewSchema, approveInputSchema, auditQuerySchema, auditRowViewSchema, auditVerifyViewSchema, clientViewSchema,
  connectionIdSchema, connectionViewSchema, connectResultSchema, controlEventSchema, disconnectResultSchema,
  installAgentInputSchema, installAgentResultSchema, killResultSchema, requestViewSchema, sessionViewSchema, statusViewSchema,
} from '../main/core/control/schemas.ts';
import type { ControlEvent } from '../main/core/control/schemas.ts';

const idSchema = z.string().min(1).max(128);
const noArgs = z.tuple([]);

/** Every command of `Control` (all but onEvent): its argument tuple and its result. */
export const commands = {
  status: { args: noArgs, result: statusViewSchema },
  requests: { args: noArgs, result: z.array(requestViewSchema) },
  sessions: { args: noArgs, result: z.array(sessionViewSchema) },
  connections: { args: noArgs, result: z.array(connectionViewSchema) },
  clients: { args: noArgs, result: z.array(clientViewSchema) },
  approve: { args: z.tuple([idSchema, approveInputSchema]), result: sessionViewSchema },
  deny: { args: z.tuple([idSchema]), result: requestViewSchema },
  revoke: { args: z.tuple([idSchema]), result: sessionViewSchema },
  extend: { args: z.tuple([idSchema]), result: requestViewSchema },
  kill: { args: noArgs, result: killResultSchema },
  rearm: { args: noArgs, result: statusViewSchema },
  audit: { args: z.tuple([auditQuerySchema]), result: z.array(auditRowViewSchema) },
  auditVerify: { args: noArgs, result: auditVerifyViewSchema },
  auditExport: { args: z.tuple([z.enum(['jsonl', 'csv'])]), result: z.string() },
  addClient: { args: z.tuple([z.string().min(1).max(64)]), result: addedClientSchema },
  connect: { args: z.tuple([connectionIdSchema]), result: connectResultSchema },
  disconnect: { args: z.tuple([connectionIdSchema]), result: disconnectResultSchema },
  // SECURITY: the new client's token goes into the app's file in main; the page gets the path and a redacted diff.
  installAgent: { args: z.tuple([installAgentInputSchema]), result: installAgentResultSchema },
  agentStatus: { args: noArgs, result: z.array(agentStatusViewSchema) },
} as const;

/** A command name: every method of Control except onEvent. */
export type CommandName = keyof typeof commands;

/** The names, in a stable order (one IPC handler each). */
export const commandNames = Object.keys(commands) as CommandName[];

/** The IPC channel of one command. */
export function commandChannel(name: CommandName): `hallpass:control:${CommandName}` {
  return `hallpass:control:${name}`;
}

/** The channel main pushes ControlEvents on. */
export const EVENT_CHANNEL = 'hallpass:event';

/** Every invoke is answered with this envelope; the preload turns a failure into a rejected promise. */
export const invokeReplySchema = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ status: z.number().int(), message: z.string().max(2000) }) }),
]);
export type InvokeReply = z.infer<typeof invokeReplySchema>;

export { controlEventSchema };

/** What the preload exposes as `window.hallpass`: Control's commands, async, plus an event subscription. */
export type BridgeApi = {
  [K in CommandName]: (...args: Parameters<Control[K]>) => Promise<Awaited<ReturnType<Control[K]>>>;
} & {
  /** Subscribe to state changes; returns an unsubscribe function. */
  onEvent(listener: (event: ControlEvent) => void): () => void;
};

/** The global name of the bridge in the page (`window.hallpass`). */
export const BRIDGE_GLOBAL = 'hallpass';

// Compile-time proof that the schemas match Control exactly: arguments both ways, results from Control.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type ContractMatchesControl = Check<{
  [K in CommandName]: Same<z.infer<(typeof commands)[K]['args']>, Parameters<Control[K]>>
}[CommandName]> & Check<{
  [K in CommandName]: Awaited<ReturnType<Control[K]>> extends z.infer<(typeof commands)[K]['result']> ? true : false
}[CommandName]> & Check<Same<CommandName, Exclude<keyof Control, 'onEvent'>>>;
