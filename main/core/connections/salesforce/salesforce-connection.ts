/** The Salesforce connector: SOQL, describe, get (read); create, update (write). */
import type { OAuthConnectorConfig } from '../../model.ts';
import {
  createConnectorConnection,
  type ConnectorConnection,
  type ProviderConnectionDeps,
} from '../connector-kit/create-connector-connection.ts';
import type { ConnectorTool } from '../connector-kit/connector-tool.ts';
import { createRecordTool } from './create-record-tool.ts';
import { describeObjectTool } from './describe-object-tool.ts';
import { getRecordTool } from './get-record-tool.ts';
import { salesforceProfile } from './salesforce-profile.ts';
import { soqlQueryTool } from './soql-query-tool.ts';
import { updateRecordTool } from './update-record-tool.ts';

/** Salesforce's tools, in listing order. */
export const salesforceTools: readonly ConnectorTool[] = Object.freeze([
  soqlQueryTool,
  describeObjectTool,
  getRecordTool,
  createRecordTool,
  updateRecordTool,
]);

/** Creates the connection to one Salesforce org (instance URL from the token response unless config.baseUrl). */
export function createSalesforceConnection(config: OAuthConnectorConfig, deps: ProviderConnectionDeps): ConnectorConnection {
  return createConnectorConnection({
    ...deps,
    config,
    profile: salesforceProfile(config, deps.tokenSource),
    tools: salesforceTools,
  });
}
