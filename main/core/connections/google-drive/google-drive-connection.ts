/** The Google Drive connector: search, metadata, content (read); create, update, trash (write). */
import type { OAuthConnectorConfig } from '../../model.ts';
import {
  createConnectorConnection,
  type ConnectorConnection,
  type ProviderConnectionDeps,
} from '../connector-kit/create-connector-connection.ts';
import type { ConnectorTool } from '../connector-kit/connector-tool.ts';
import { createFileTool } from './create-file-tool.ts';
import { getFileMetadataTool } from './get-file-metadata-tool.ts';
import { googleDriveProfile } from './google-drive-profile.ts';
import { readFileContentTool } from './read-file-content-tool.ts';
import { searchFilesTool } from './search-files-tool.ts';
import { trashFileTool } from './trash-file-tool.ts';
import { updateFileTool } from './update-file-tool.ts';

/** Google Drive's tools, in listing order. */
export const googleDriveTools: readonly ConnectorTool[] = Object.freeze([
  searchFilesTool,
  getFileMetadataTool,
  readFileContentTool,
  createFileTool,
  updateFileTool,
  trashFileTool,
]);

/** Creates the connection to Google Drive (config.baseUrl overrides https://www.googleapis.com). */
export function createGoogleDriveConnection(config: OAuthConnectorConfig, deps: ProviderConnectionDeps): ConnectorConnection {
  return createConnectorConnection({ ...deps, config, profile: googleDriveProfile(config), tools: googleDriveTools });
}
