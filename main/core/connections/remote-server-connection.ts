/** A remote MCP server as the gateway runs it: reconnects when `hallpass connect` stored new tokens, and says
 * plainly when the keychain is what stops it. */
import type { Disposable, RemoteServerConfig } from '../model.ts';
import { watchAuthorizationSignals } from './authorization-signals.ts';
import { keychainUnavailableDetail, watchVault } from './keychain-vault.ts';
import type { AuthorizedConnectionDeps } from './oauth-connector-connection.ts';
import { createRemoteConnection, type RemoteConnection } from './remote/remote-connection.ts';

/** Creates the remote connection; it starts connecting at once. */
export function createRemoteServerConnection(config: RemoteServerConfig, deps: AuthorizedConnectionDeps): RemoteConnection {
  const vault = watchVault(deps.vault);
  const inner = createRemoteConnection(config, { vault, clock: deps.clock, log: deps.log, ...(deps.fetch && { fetch: deps.fetch }) });
  // `hallpass connect` / `disconnect` in another process changed the keychain item: connect again with it.
  const signals = watchAuthorizationSignals(deps.dataDir, config.id, () => inner.reconnect(), deps.log);

  return {
    id: inner.id,
    status: () => inner.status(),
    statusDetail() {
      const problem = inner.status() === 'failed' ? vault.unavailable() : undefined;
      return problem ? keychainUnavailableDetail(problem) : inner.statusDetail();
    },
    tools: () => inner.tools(),
    callTool: (name, args, options) => inner.callTool(name, args, options),
    reconnect: () => inner.reconnect(),
    onChange: (listener): Disposable => inner.onChange(listener),
    async dispose() {
      signals.dispose();
      await inner.dispose();
    },
  };
}
