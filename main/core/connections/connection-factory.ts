/** Builds the live connection for each configured kind. */
import type { Clock, ConnectionConfig, Log } from '../model.ts';
import { assertNever } from '../model.ts';
import type { Connection } from './connection-types.ts';
import { createStdioConnection } from './stdio/stdio-connection.ts';

export interface ConnectionFactoryDeps {
  clock: Clock;
  log: Log;
  dataDir: string;
}

/** The default factory: stdio servers; remote servers and OAuth connectors are wired by their modules. */
export function createConnectionFactory(deps: ConnectionFactoryDeps): (config: ConnectionConfig) => Connection {
  return (config) => {
    switch (config.kind) {
      case 'stdio':
        return createStdioConnection(config, { clock: deps.clock, log: deps.log });
      case 'remote':
      case 'oauth':
        throw new Error(`connection "${config.id}": ${config.kind} connections are not available in this build yet`);
      default:
        return assertNever(config);
    }
  };
}
