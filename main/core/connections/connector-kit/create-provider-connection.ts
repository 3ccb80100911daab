/** One entry point for the gateway: an OAuth connector config in, the provider's connection out. */
import { assertNever, type OAuthConnectorConfig } from '../../model.ts';
import { createGitHubConnection } from '../github/github-connection.ts';
import { createGoogleDriveConnection } from '../google-drive/google-drive-connection.ts';
import { createSalesforceConnection } from '../salesforce/salesforce-connection.ts';
import { createSnowflakeConnection } from '../snowflake/snowflake-connection.ts';
import type { ConnectorConnection, ProviderConnectionDeps } from './create-connector-connection.ts';

/** Creates the connection of `config.provider`. */
export function createProviderConnection(config: OAuthConnectorConfig, deps: ProviderConnectionDeps): ConnectorConnection {
  switch (config.provider) {
    case 'google-drive':
      return createGoogleDriveConnection(config, deps);
    case 'salesforce':
      return createSalesforceConnection(config, deps);
    case 'snowflake':
      return createSnowflakeConnection(config, deps);
    case 'github':
      return createGitHubConnection(config, deps);
    default:
      return assertNever(config.provider);
  }
}
