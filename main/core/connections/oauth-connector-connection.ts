/** A built-in OAuth connector as the gateway runs it: its token source (keychain) plus its provider connection,
 * with one status that says whether the person has to connect, and what to run. */
import { assertNever, type Clock, type ConnectionStatus, type Disposable, type Log, type OAuthConnectorConfig } from '../model.ts';
import type { Vault } from '../vault/vault-types.ts';
import { watchAuthorizationSignals } from './authorization-signals.ts';
import type { ConnectorConnection } from './connector-kit/create-connector-connection.ts';
import { createProviderConnection } from './connector-kit/create-provider-connection.ts';
import { keychainUnavailableDetail, watchVault } from './keychain-vault.ts';
import { createTokenSource } from './oauth/create-token-source.ts';
import { providerSettings } from './oauth/provider-settings.ts';
import { systemTimers, type Timers } from './timers.ts';

/** What an OAuth-backed connection is built from. */
export interface AuthorizedConnectionDeps {
  vault: Vault;
  clock: Clock;
  log: Log;
  /** Where `hallpass connect` leaves its signal files. */
  dataDir: string;
  fetch?: typeof fetch;
  /** Retry timers while the keychain is unavailable. Default: the runtime's. */
  timers?: Timers;
}

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;

/** Creates the connector; it reads the keychain at once and shows `needs-auth` until the person connects. */
export function createOAuthConnectorConnection(config: OAuthConnectorConfig, deps: AuthorizedConnectionDeps): ConnectorConnection {
  const { id } = config;
  const vault = watchVault(deps.vault);
  const settings = providerSettings(config);
  const tokenSource = createTokenSource(settings, { vault, clock: deps.clock, log: deps.log, ...(deps.fetch && { fetch: deps.fetch }) });
  let inner: ConnectorConnection;
  try {
    inner = createProviderConnection(config, { tokenSource, clock: deps.clock, ...(deps.fetch && { fetch: deps.fetch }) });
  } catch (error) {
    tokenSource.dispose();
    throw error;
  }
  const listeners = new Set<() => void>();
  const emit = (): void => {
    for (const listener of listeners) {
      try {
        listener();
      } catch (error) {
        deps.log.error('connection change listener failed', { connection: id, error: String(error) });
      }
    }
  };
  // The gateway calls only running connections, so nothing else would read a keychain that came back: look again,
  // backing off, for as long as it is unavailable.
  const timers = deps.timers ?? systemTimers;
  let retryMs = RETRY_MIN_MS;
  let cancelRetry: (() => void) | undefined;
  let disposed = false;
  const keepTrying = (): void => {
    if (tokenSource.status() !== 'unavailable') {
      retryMs = RETRY_MIN_MS;
      return;
    }
    if (cancelRetry || disposed) return;
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    cancelRetry = timers.schedule(delay, () => {
      cancelRetry = undefined;
      void tokenSource.reload().then(keepTrying);
    });
  };
  const subscriptions: Disposable[] = [
    inner.onChange(emit),
    tokenSource.onChange(() => {
      keepTrying();
      emit();
    }),
    // `hallpass connect` / `disconnect` in another process changed the keychain item: read it again now.
    watchAuthorizationSignals(deps.dataDir, id, () => tokenSource.reload(), deps.log),
  ];

  const status = (): ConnectionStatus => {
    const own = inner.status();
    if (own === 'failed' || own === 'stopped') return own;
    const tokens = tokenSource.status();
    switch (tokens) {
      case 'checking': return 'starting';
      case 'ready': return 'running';
      case 'needs-auth': return 'needs-auth';
      // INVARIANT: fail closed: without the keychain there is no token, and nothing is stored anywhere else.
      case 'unavailable': return 'failed';
      default: return assertNever(tokens);
    }
  };

  const statusDetail = (): string | undefined => {
    const own = inner.status();
    if (own === 'failed' || own === 'stopped') return inner.statusDetail();
    const why = tokenSource.statusDetail() ?? 'not authorized';
    switch (tokenSource.status()) {
      case 'needs-auth':
        return `${why}; run \`hallpass connect ${id}\` (or Connect in the Hallpass window) to authorize it`;
      case 'unavailable': {
        const problem = vault.unavailable();
        return problem ? keychainUnavailableDetail(problem) : `cannot read the stored authorization: ${why}`;
      }
      default:
        return undefined;
    }
  };

  return {
    id,
    status,
    statusDetail,
    tools: () => inner.tools(),
    callTool: (name, args, options) => inner.callTool(name, args, options),
    classifyCall: (name, args) => inner.classifyCall(name, args),
    onChange(listener): Disposable {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
    async dispose() {
      disposed = true;
      cancelRetry?.();
      for (const subscription of subscriptions.splice(0)) await subscription.dispose();
      tokenSource.dispose();
      await inner.dispose();
      listeners.clear();
    },
  };
}
