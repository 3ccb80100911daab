/** Builds the page's BridgeApi on top of an ipcRenderer-like channel, validating both directions with zod. */
import type { ControlEvent } from '../main/core/control/schemas.ts';
import { commandChannel, commandNames, commands, controlEventSchema, EVENT_CHANNEL, invokeReplySchema } from './contract.ts';
import type { BridgeApi, CommandName } from './contract.ts';

/** The part of Electron's ipcRenderer the bridge uses (injected so it runs in plain Node tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Calls one command: checks the arguments, unwraps the reply envelope, validates the result. */
async function call(ipc: IpcRendererLike, name: CommandName, args: unknown[]): Promise<unknown> {
  const spec = commands[name];
  const parsedArgs = spec.args.safeParse(args);
  if (!parsedArgs.success) throw new Error(`hallpass.${name}: invalid arguments`);
  const reply = invokeReplySchema.safeParse(await ipc.invoke(commandChannel(name), ...parsedArgs.data));
  if (!reply.success) throw new Error(`hallpass.${name}: malformed reply from the main process`);
  if (!reply.data.ok) throw new Error(reply.data.error.message);
  // SECURITY: the page only ever sees values that match the contract's strict schemas.
  const result = spec.result.safeParse(reply.data.value);
  if (!result.success) throw new Error(`hallpass.${name}: reply does not match the contract`);
  return result.data;
}

/** The API exposed to the page: named actions only, never ipcRenderer itself. */
export function createBridgeApi(ipc: IpcRendererLike): BridgeApi {
  const api: Record<string, unknown> = {};
  for (const name of commandNames) {
    api[name] = (...args: unknown[]) => call(ipc, name, args);
  }
  api.onEvent = (listener: (event: ControlEvent) => void): (() => void) => {
    const onMessage = (_event: unknown, payload: unknown): void => {
      const parsed = controlEventSchema.safeParse(payload);
      if (parsed.success) listener(parsed.data);
    };
    ipc.on(EVENT_CHANNEL, onMessage);
    return () => { ipc.removeListener(EVENT_CHANNEL, onMessage); };
  };
  return api as BridgeApi;
}
