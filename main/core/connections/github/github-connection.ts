/** The GitHub connector: issues, pull requests and file contents (read); new issues and comments (write). */
import type { OAuthConnectorConfig } from '../../model.ts';
import {
  createConnectorConnection,
  type ConnectorConnection,
  type ProviderConnectionDeps,
} from '../connector-kit/create-connector-connection.ts';
import type { ConnectorTool } from '../connector-kit/connector-tool.ts';
import { createCommentTool } from './create-comment-tool.ts';
import { createIssueTool } from './create-issue-tool.ts';
import { getFileContentsTool } from './get-file-contents-tool.ts';
import { getIssueTool } from './get-issue-tool.ts';
import { getPullRequestTool } from './get-pull-request-tool.ts';
import { githubProfile } from './github-profile.ts';
import { listIssuesTool } from './list-issues-tool.ts';
import { listPullRequestsTool } from './list-pull-requests-tool.ts';
import { searchIssuesTool } from './search-issues-tool.ts';

/** GitHub's tools, in listing order. */
export const githubTools: readonly ConnectorTool[] = Object.freeze([
  searchIssuesTool,
  listIssuesTool,
  getIssueTool,
  listPullRequestsTool,
  getPullRequestTool,
  getFileContentsTool,
  createIssueTool,
  createCommentTool,
]);

/** Creates the connection to github.com, or to the Enterprise Server at config.baseUrl. */
export function createGitHubConnection(config: OAuthConnectorConfig, deps: ProviderConnectionDeps): ConnectorConnection {
  return createConnectorConnection({ ...deps, config, profile: githubProfile(config), tools: githubTools });
}
