/** What the agent commands share: which client file, and the endpoint its entry points at. */
import { access } from 'node:fs/promises';
import { AGENT_KINDS, agentKindInfo, parseAgentKind, parseScope } from '../../core/agents/agent-kinds.ts';
import { configTarget, rootsFromEnv, type ConfigTarget } from '../../core/agents/config-locations.ts';
import type { HallpassEndpoint } from '../../core/agents/hallpass-entry.ts';
import type { CliContext } from '../cli-context.ts';
import { CliError, usageError } from '../cli-error.ts';
import { flagOption, stringOption, type OptionSpec, type OptionValues } from '../command-spec.ts';
import { clientConfig, DEFAULT_PORT } from '../commands/client-config.ts';
import { findInstance } from '../instance.ts';

/** Options every agent command takes to pick the file. */
export const TARGET_OPTIONS: Record<string, OptionSpec> = {
  scope: { type: 'string', value: 'SCOPE', help: 'user (default), project (.cursor/, .vscode/, .mcp.json) or local (Claude Code, per project in ~/.claude.json)' },
  project: { type: 'string', value: 'DIR', help: 'the project directory for project/local scope (default: the current directory)' },
};

export const CLIENT_NAMES = AGENT_KINDS.join('|');

/** The config file named by `<client> [--scope] [--project]`. */
export function targetFromArgs(ctx: CliContext, path: string, word: string, values: OptionValues): ConfigTarget {
  let kind;
  let scope;
  try {
    kind = parseAgentKind(word);
    scope = parseScope(kind, stringOption(values, 'scope') ?? 'user');
  } catch (error) {
    throw usageError((error as Error).message, path);
  }
  const project = stringOption(values, 'project');
  if (project && scope === 'user') throw usageError('--project needs --scope project or --scope local', path);
  return configTarget(kind, scope, rootsFromEnv(ctx.env), project ?? process.cwd());
}

/** Refuses a user-scope target whose client is not installed, unless --force. */
export async function requireInstalled(target: ConfigTarget, values: OptionValues): Promise<void> {
  if (target.scope !== 'user' || flagOption(values, 'force')) return;
  for (const path of target.installedPaths) {
    if (await access(path).then(() => true, () => false)) return;
  }
  throw new CliError(`${agentKindInfo(target.info.kind).displayName} does not seem to be installed here (no ${target.installedPaths[0]}); install it first, or pass --force to write ${target.file} anyway`);
}

/** How entries reach this Hallpass: the running instance's port (else the default), and this checkout's shim. */
export function currentEndpoint(ctx: CliContext): HallpassEndpoint {
  const port = findInstance(ctx.dataDir)?.port ?? DEFAULT_PORT;
  const config = clientConfig('', port, ctx.env.HALLPASS_HOME);
  const { HALLPASS_TOKEN: _token, ...env } = config.stdio.env;
  return { url: config.mcpUrl, shim: { command: config.stdio.command, args: config.stdio.args, env } };
}

/** "Restart …" advice after a change. */
export function restartHint(target: ConfigTarget): string {
  const name = target.info.displayName;
  if (target.info.kind === 'claude-desktop') return `Quit and reopen ${name} to load the change.`;
  if (target.info.kind === 'claude-code') return `Start a new ${name} session (or run /mcp) to load the change.`;
  return `Reload ${name}'s MCP servers (or restart it) to load the change.`;
}
