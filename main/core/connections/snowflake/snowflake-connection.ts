/** The Snowflake connector: one `query` tool whose access is decided per statement. */
import type { OAuthConnectorConfig } from '../../model.ts';
import {
  createConnectorConnection,
  type ConnectorConnection,
  type ProviderConnectionDeps,
} from '../connector-kit/create-connector-connection.ts';
import type { ConnectorTool } from '../connector-kit/connector-tool.ts';
import { queryTool } from './query-tool.ts';
import { snowflakeProfile } from './snowflake-profile.ts';

/** Snowflake's tools. `query` lists as write; `classifyCall` says read for read-only SQL. */
export const snowflakeTools: readonly ConnectorTool[] = Object.freeze([queryTool]);

/** Creates the connection to one Snowflake account (base URL: config.baseUrl, else the issuer's origin). */
export function createSnowflakeConnection(config: OAuthConnectorConfig, deps: ProviderConnectionDeps): ConnectorConnection {
  return createConnectorConnection({ ...deps, config, profile: snowflakeProfile(config), tools: snowflakeTools });
}
