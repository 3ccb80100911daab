/** Connect and Disconnect from a UI: the sign-in of a remote MCP server or an OAuth connector, run in the core with
 * the browser opened here, its address answered at once, and the running connection told when the tokens are stored. */
import { signalAuthorizationChanged } from '../connections/authorization-signals.ts';
import type { Connection } from '../connections/connection-types.ts';
import type { DisconnectOAuthResult } from '../connections/oauth/disconnect-oauth.ts';
import type { BrowserOpener } from '../connections/oauth/system-browser.ts';
import { assertNever, type Clock, type ConnectionConfig, type Disposable, type Log, type OAuthConnectorConfig, type RemoteServerConfig } from '../model.ts';
import type { Vault } from '../vault/vault-types.ts';
import { ControlError } from './control-types.ts';
import type { ConnectResult, DisconnectResult } from './schemas.ts';

export interface SignInDeps {
  dataDir: string;
  vault: Vault;
  clock: Clock;
  log: Log;
  /** Shows the sign-in page (serve and desktop: the system browser; tests: a stand-in). */
  opener: BrowserOpener;
  config(id: string): ConnectionConfig | undefined;
  connection(id: string): Connection | undefined;
  /** The connections list changed (a sign-in started, ended or failed). */
  changed(): void;
  /** How long a sign-in waits for the browser (default 5 minutes). */
  timeoutMs?: number;
  /** How long, after the tokens are stored, to wait for the connection to pick them up (default 10 s). */
  settleMs?: number;
}

/** The sign-in of one connection as a UI sees it. */
export type SignInState = { state: 'waiting' } | { state: 'failed'; detail: string };

export interface SignIns extends Disposable {
  connect(connectionId: string): Promise<ConnectResult>;
  disconnect(connectionId: string): Promise<DisconnectResult>;
  state(connectionId: string): SignInState | undefined;
}

type Authorizable = RemoteServerConfig | OAuthConnectorConfig;

/** Creates the flows of one core; dispose cancels every sign-in still waiting. */
export function createSignIns(deps: SignInDeps): SignIns {
  const waiting = new Map<string, { abort: AbortController; finished: Promise<void> }>();
  const failures = new Map<string, string>();
  const settling = new Set<() => void>();
  let disposed = false;
  const changed = (): void => {
    if (!disposed) deps.changed();
  };

  const authorizable = (id: string): Authorizable => {
    const config = deps.config(id);
    if (!config) throw new ControlError(404, `no connection named "${id}"`);
    if (config.kind === 'stdio') throw new ControlError(400, `"${id}" is a local (stdio) server; it needs no sign-in`);
    return config;
  };

  /** Resolves once the running connection shows the outcome (running or failed), or after settleMs. */
  const settled = (id: string): Promise<void> =>
    new Promise<void>((resolve) => {
      const live = deps.connection(id);
      if (!live) return resolve();
      const done = (): void => {
        clearTimeout(timer);
        subscription.dispose();
        settling.delete(done);
        resolve();
      };
      const timer = setTimeout(done, deps.settleMs ?? 10_000);
      const subscription = live.onChange(() => {
        if (live.status() === 'running' || live.status() === 'failed') done();
      });
      settling.add(done);
      // Signed in again while it ran: nothing will change that the person has to wait for.
      if (live.status() === 'running') done();
    });

  const run = async (config: Authorizable, opener: BrowserOpener, signal: AbortSignal): Promise<{ authorized: boolean }> => {
    const flow = { vault: deps.vault, clock: deps.clock, log: deps.log, opener, signal, timeoutMs: deps.timeoutMs ?? 300_000 };
    // Loaded on first use: a core without remote or OAuth connections never pays for the OAuth code.
    switch (config.kind) {
      case 'remote':
        return (await import('../connections/remote/connect-remote.ts')).connectRemote(config, flow);
      case 'oauth': {
        const [{ connectOAuth }, { providerSettings }] = await Promise.all([import('../connections/oauth/connect-oauth.ts'), import('../connections/oauth/provider-settings.ts')]);
        await connectOAuth(providerSettings(config), flow);
        return { authorized: true };
      }
      default:
        return assertNever(config);
    }
  };

  const revoke = async (config: Authorizable): Promise<DisconnectOAuthResult> => {
    const keychain = { vault: deps.vault, log: deps.log };
    switch (config.kind) {
      case 'remote':
        return (await import('../connections/remote/disconnect-remote.ts')).disconnectRemote(config, keychain);
      case 'oauth': {
        const [{ disconnectOAuth }, { providerSettings }] = await Promise.all([import('../connections/oauth/disconnect-oauth.ts'), import('../connections/oauth/provider-settings.ts')]);
        return disconnectOAuth(providerSettings(config), keychain);
      }
      default:
        return assertNever(config);
    }
  };

  return {
    async connect(id) {
      const config = authorizable(id);
      if (disposed) throw new ControlError(503, 'Hallpass is stopping');
      if (waiting.has(id)) throw new ControlError(409, `a sign-in for "${id}" is already waiting for the browser; finish it there, or wait until it times out`);
      const page = Promise.withResolvers<URL>();
      const opener: BrowserOpener = async (url) => {
        page.resolve(url);
        try {
          await deps.opener(url);
        } catch (error) {
          // Headless serve has no browser: the window shows the address as a link and the flow keeps waiting for it.
          deps.log.warn('could not open a browser for a sign-in; the Hallpass window shows the link', { connection: id, error: errorText(error) });
        }
      };
      const abort = new AbortController();
      const flow = run(config, opener, abort.signal);
      const finished = flow.then(
        async ({ authorized }) => {
          if (disposed) return;
          // The running connection watches this signal and reads the keychain again (as after `hallpass connect`).
          await signalAuthorizationChanged(deps.dataDir, id, deps.clock.now());
          if (authorized) await settled(id);
          deps.log.info('sign-in finished', { connection: id, authorized });
        },
      ).catch((error: unknown) => {
        if (abort.signal.aborted) return;
        // SECURITY: flow errors are written for people and scrubbed of codes, tokens and secrets (describeOAuthError).
        failures.set(id, errorText(error));
        deps.log.warn('sign-in failed', { connection: id, error: errorText(error) });
      }).finally(() => {
        waiting.delete(id);
        changed();
      });
      failures.delete(id);
      waiting.set(id, { abort, finished });
      changed();
      const first = await Promise.race([page.promise.then((url) => ({ url })), flow.then((result) => ({ result }), (error: unknown) => ({ error }))]);
      if ('url' in first) return { authorizationUrl: first.url.href };
      if ('error' in first) throw new ControlError(502, `could not start the sign-in of "${id}": ${errorText(first.error)}`);
      throw new ControlError(400, first.result.authorized
        ? `"${id}" was authorized without a sign-in page; it is connected`
        : `"${id}" did not ask for a sign-in; it runs without one`);
    },

    async disconnect(id) {
      const config = authorizable(id);
      if (waiting.has(id)) throw new ControlError(409, `a sign-in for "${id}" is waiting for the browser; finish it first, or wait until it times out`);
      let result: DisconnectOAuthResult;
      try {
        result = await revoke(config);
      } catch (error) {
        throw new ControlError(502, `could not disconnect "${id}": ${errorText(error)}`);
      }
      failures.delete(id);
      await signalAuthorizationChanged(deps.dataDir, id, deps.clock.now());
      changed();
      return { revocation: result.revocation, ...(result.detail !== undefined && { detail: result.detail }) };
    },

    state(id) {
      if (waiting.has(id)) return { state: 'waiting' };
      const detail = failures.get(id);
      return detail === undefined ? undefined : { state: 'failed', detail };
    },

    async dispose() {
      disposed = true;
      for (const done of settling) done(); // each removes itself: safe while iterating a Set
      const flows = [...waiting.values()];
      for (const flow of flows) flow.abort.abort();
      await Promise.all(flows.map((flow) => flow.finished));
    },
  };
}

/** One line, bounded: errors of the flows are already written for people. */
function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
