/** Builds the live connection for each configured kind: stdio servers (env secrets from the keychain), remote MCP
 * servers and built-in OAuth connectors (tokens from the keychain). */
import { resolveEnvReferences } from '../agents/env-references.ts';
import type { Clock, ConnectionConfig, Log } from '../model.ts';
import { assertNever } from '../model.ts';
import type { Vault } from '../vault/vault-types.ts';
import type { Connection } from './connection-types.ts';
import { lazyKeychainVault } from './keychain-vault.ts';
import type { AuthorizedConnectionDeps } from './oauth-connector-connection.ts';
import { createStdioConnection } from './stdio/stdio-connection.ts';
import { deferredConnection } from './deferred-connection.ts';

export interface ConnectionFactoryDeps {
  clock: Clock;
  log: Log;
  dataDir: string;
  /** Where OAuth tokens and stdio env secrets live. Default: the OS keychain, loaded on first use (no keychain → the
   * connections that need it fail closed; the others run). */
  vault?: Vault;
  /** HTTP for remote servers, authorization servers and provider APIs. Default: the runtime's fetch. */
  fetch?: typeof fetch;
}

/** The default factory. A config it cannot build throws; the manager shows that connection as `failed`. */
export function createConnectionFactory(deps: ConnectionFactoryDeps): (config: ConnectionConfig) => Connection {
  const shared: AuthorizedConnectionDeps = {
    vault: deps.vault ?? lazyKeychainVault(deps.dataDir),
    clock: deps.clock,
    log: deps.log,
    dataDir: deps.dataDir,
    ...(deps.fetch && { fetch: deps.fetch }),
  };
  return (config) => {
    switch (config.kind) {
      case 'stdio':
        // Env values kept in the keychain (`hallpass-vault:NAME`) are read just before each start.
        return createStdioConnection(config, { clock: deps.clock, log: deps.log, resolveEnv: (id, env) => resolveEnvReferences(shared.vault, id, env) });
      // Remote and OAuth code (SDK auth, oauth4webapi, connectors) loads only when such a connection exists.
      case 'remote':
        return deferredConnection(config.id, async () => (await import('./remote-server-connection.ts')).createRemoteServerConnection(config, shared));
      case 'oauth':
        return deferredConnection(config.id, async () => (await import('./oauth-connector-connection.ts')).createOAuthConnectorConnection(config, shared));
      default:
        return assertNever(config);
    }
  };
}
