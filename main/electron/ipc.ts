/** The control contract over Electron IPC: one handler per command, sender-checked and zod-validated both ways. */
import { ControlError } from '../core/control/control-types.ts';
import type { Control } from '../core/control/control-types.ts';
import type { ControlEvent } from '../core/control/schemas.ts';
import type { Disposable, Log } from '../core/model.ts';
import { commandChannel, commandNames, commands, EVENT_CHANNEL } from '../../preload/contract.ts';
import type { CommandName, InvokeReply } from '../../preload/contract.ts';
import type { SenderFrameLike } from './renderer-location.ts';

/** The part of an IPC invoke event the handlers read. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  control: Control;
  /** The sender check (see renderer-location.ts). */
  isTrustedSender(frame: SenderFrameLike | null): boolean;
  log: Log;
}

function failure(status: number, message: string): InvokeReply {
  return { ok: false, error: { status, message } };
}

/** Answers one invoke: sender check, argument check, the Control call, result check. Never throws. */
export async function answerInvoke(deps: IpcDeps, name: CommandName, event: InvokeEventLike, args: unknown[]): Promise<InvokeReply> {
  const channel = commandChannel(name);
  if (!deps.isTrustedSender(event.senderFrame)) {
    // SECURITY: forged or foreign senders are refused and logged (the URL only, never the arguments).
    deps.log.warn('ipc: refused a message from an untrusted sender', { channel, senderUrl: event.senderFrame?.url ?? null });
    return failure(403, 'untrusted sender');
  }
  const spec = commands[name];
  const parsed = spec.args.safeParse(args);
  if (!parsed.success) {
    deps.log.warn('ipc: refused invalid arguments', { channel, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`) });
    return failure(400, `invalid arguments for ${name}`);
  }
  let value: unknown;
  try {
    // The contract's compile-time check (ContractMatchesControl) proves parsed.data fits Control[name].
    value = await (deps.control[name] as (...a: readonly unknown[]) => unknown).apply(deps.control, parsed.data);
  } catch (error) {
    if (error instanceof ControlError) return failure(error.status, error.message);
    deps.log.error('ipc: command failed', { channel, error: error instanceof Error ? error.message : String(error) });
    return failure(500, `${name} failed`);
  }
  // SECURITY: strict result schemas mean nothing beyond the contract (no token hashes, no OAuth tokens) reaches the page.
  // The add-client token is the one deliberate exception: it is part of addedClientSchema because it is shown once.
  const result = spec.result.safeParse(value);
  if (!result.success) {
    deps.log.error('ipc: result does not match the contract; withheld', { channel });
    return failure(500, `${name} failed`);
  }
  return { ok: true, value: result.data };
}

/** Registers one handler per command; dispose removes them all. */
export function registerControlIpc(deps: IpcDeps): Disposable {
  for (const name of commandNames) {
    deps.ipcMain.handle(commandChannel(name), (event, ...args) => answerInvoke(deps, name, event, args));
  }
  return {
    dispose() {
      for (const name of commandNames) deps.ipcMain.removeHandler(commandChannel(name));
    },
  };
}

/** The part of a window's webContents events are pushed to. */
export interface EventTargetLike {
  isDestroyed(): boolean;
  send(channel: string, event: ControlEvent): void;
}

/** Pushes every Control event to the renderer while it exists; returns the unsubscribe. */
export function forwardControlEvents(control: Control, target: () => EventTargetLike | undefined): Disposable {
  const unsubscribe = control.onEvent((event) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
  return { dispose: unsubscribe };
}
