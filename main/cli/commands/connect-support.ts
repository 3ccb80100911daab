/** What `connect`, `connect add` and `disconnect` share: the keychain, a terminal log, the browser, the running instance. */
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { signalAuthorizationChanged } from '../../core/connections/authorization-signals.ts';
import { lazyKeychainVault } from '../../core/connections/keychain-vault.ts';
import { systemBrowserOpener, type BrowserOpener } from '../../core/connections/oauth/system-browser.ts';
import { connectionViewSchema, type ConnectionView } from '../../core/control/schemas.ts';
import type { ConnectionConfig, Log } from '../../core/model.ts';
import type { Vault } from '../../core/vault/vault-types.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError } from '../cli-error.ts';
import { controlApi, findInstance } from '../instance.ts';
import { withStore } from '../with-store.ts';

/** The OS keychain of this data dir (fails closed with a clear message where there is none). */
export function cliVault(ctx: CliContext): Vault {
  return lazyKeychainVault(ctx.dataDir);
}

/** Warnings of the core's OAuth code, as one stderr line each; info lines are for the daemon's log only. */
export function cliLog(ctx: CliContext): Log {
  const line = (msg: string, fields?: Record<string, unknown>) => {
    const why = typeof fields?.error === 'string' ? ` (${fields.error})` : '';
    ctx.err(`hallpass: warning: ${msg}${why}\n`);
  };
  return { info() {}, warn: line, error: line };
}

/** Prints the authorization address (for machines without a browser) and opens it where a browser can be opened. */
export function terminalOpener(ctx: CliContext): BrowserOpener {
  const open = systemBrowserOpener();
  return async (url) => {
    ctx.out(`Authorize Hallpass in your browser. If no browser opens, open this address on this machine:\n  ${url.href}\n`);
    try {
      await open(url);
    } catch {
      // Headless: the printed address is the way; the flow keeps waiting for the browser's answer.
      ctx.err('hallpass: could not open a browser here; open the address above yourself.\n');
    }
  };
}

/** The configured connection `id`, or a one-line error that says where to look. */
export async function configuredConnection(ctx: CliContext, id: string): Promise<ConnectionConfig> {
  const config = await withStore(ctx, (store) => store.connections.get(id));
  if (!config) throw new CliError(`no connection named "${id}" (see \`hallpass servers list\`)`);
  return config;
}

/** Tells a running Hallpass to read the keychain item of `id` again, waits until it shows `expected`, and says so. */
export async function tellRunningInstance(ctx: CliContext, id: string, expected: ConnectionView['status']): Promise<void> {
  await signalAuthorizationChanged(ctx.dataDir, id, ctx.clock.now());
  const instance = findInstance(ctx.dataDir);
  if (!instance) {
    ctx.out('Hallpass is not running; it uses this when it starts.\n');
    return;
  }
  let view: ConnectionView | undefined;
  try {
    const api = await controlApi(ctx.dataDir, instance);
    const deadline = ctx.clock.now() + 10_000;
    for (;;) {
      view = (await api.call('GET', '/api/connections', z.array(connectionViewSchema))).find((c) => c.id === id);
      if (!view || view.status === expected || view.status === 'failed' || ctx.clock.now() > deadline) break;
      await delay(200);
    }
  } catch (error) {
    ctx.err(`hallpass: the running Hallpass (pid ${instance.pid}) did not answer (${(error as Error).message}); it picks this up on the next call.\n`);
    return;
  }
  if (!view) ctx.out(`The running Hallpass (pid ${instance.pid}) does not run "${id}" (is it enabled?).\n`);
  else ctx.out(`The running Hallpass (pid ${instance.pid}) shows "${id}" as ${view.status}${view.statusDetail ? `: ${view.statusDetail}` : ''}.\n`);
}
