/** Where each client keeps its MCP config, per OS and scope. Roots are injected so tests use fixture trees. */
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { agentKindInfo, type AgentKind, type AgentKindInfo, type ConfigScope } from './agent-kinds.ts';
import { assertNever } from '../model.ts';

/** The directories the client layouts hang off. `platform` picks the layout, not the path separator. */
export interface PathRoots {
  platform: NodeJS.Platform;
  home: string;
  /** Windows `%APPDATA%` (Roaming). */
  appData: string;
  /** Linux `$XDG_CONFIG_HOME`. */
  xdgConfigHome: string;
  /** Claude Code's `$CLAUDE_CONFIG_DIR`, when set (moves ~/.claude.json there). */
  claudeConfigDir?: string;
}

/** One client config file and where, inside it, the servers live. */
export interface ConfigTarget {
  info: AgentKindInfo;
  scope: ConfigScope;
  /** Absolute path of the config file. */
  file: string;
  /** JSON path of the servers object, e.g. `['mcpServers']` or `['projects', dir, 'mcpServers']`. */
  container: string[];
  /** Any of these existing means the client is installed (or the project exists). */
  installedPaths: string[];
  /** The name of the Hallpass client this file's entry belongs to. */
  clientName: string;
  /** The project directory of a project or local scope (relative paths of its servers start there). */
  project?: string;
}

/** Roots of the current user, from the environment. */
export function rootsFromEnv(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): PathRoots {
  const home = (platform === 'win32' ? env.USERPROFILE : env.HOME) || env.HOME || homedir();
  return {
    platform,
    home,
    appData: env.APPDATA || join(home, 'AppData', 'Roaming'),
    xdgConfigHome: env.XDG_CONFIG_HOME || join(home, '.config'),
    ...(env.CLAUDE_CONFIG_DIR ? { claudeConfigDir: env.CLAUDE_CONFIG_DIR } : {}),
  };
}

/** The OS's per-user application-data directory (`Library/Application Support`, `%APPDATA%`, XDG). */
function appSupport(roots: PathRoots): string {
  if (roots.platform === 'darwin') return join(roots.home, 'Library', 'Application Support');
  if (roots.platform === 'win32') return roots.appData;
  return roots.xdgConfigHome;
}

/** The config file of `kind` in `scope`; `projectDir` is required for project and local scopes. */
export function configTarget(kind: AgentKind, scope: ConfigScope, roots: PathRoots, projectDir?: string): ConfigTarget {
  const info = agentKindInfo(kind);
  if (!info.scopes.includes(scope)) throw new Error(`${info.displayName} has no ${scope} scope: use ${info.scopes.join(' or ')}`);
  const project = scope === 'user' ? undefined : projectPath(projectDir);
  const base = { info, scope, clientName: clientNameFor(info, scope, project), ...(project ? { project } : {}) };
  switch (kind) {
    case 'claude-desktop': {
      const dir = join(appSupport(roots), 'Claude');
      return { ...base, file: join(dir, 'claude_desktop_config.json'), container: ['mcpServers'], installedPaths: [dir] };
    }
    case 'cursor': {
      if (project) return { ...base, file: join(project, '.cursor', 'mcp.json'), container: ['mcpServers'], installedPaths: [project] };
      const dir = join(roots.home, '.cursor');
      return { ...base, file: join(dir, 'mcp.json'), container: ['mcpServers'], installedPaths: [dir] };
    }
    case 'vscode': {
      if (project) return { ...base, file: join(project, '.vscode', 'mcp.json'), container: ['servers'], installedPaths: [project] };
      const dir = join(appSupport(roots), 'Code', 'User');
      return { ...base, file: join(dir, 'mcp.json'), container: ['servers'], installedPaths: [dir] };
    }
    case 'claude-code': {
      if (scope === 'project' && project) return { ...base, file: join(project, '.mcp.json'), container: ['mcpServers'], installedPaths: [project] };
      const file = join(roots.claudeConfigDir ?? roots.home, '.claude.json');
      const installedPaths = [file, join(roots.claudeConfigDir ?? roots.home, '.claude')];
      // Claude Code keys its local scope by the project's absolute path.
      if (scope === 'local' && project) return { ...base, file, container: ['projects', project, 'mcpServers'], installedPaths };
      return { ...base, file, container: ['mcpServers'], installedPaths };
    }
    default:
      return assertNever(kind);
  }
}

function projectPath(dir: string | undefined): string {
  if (!dir) throw new Error('this scope needs a project directory');
  return isAbsolute(dir) ? resolve(dir) : resolve(process.cwd(), dir);
}

/** `Cursor`, `Cursor project my-app`, `Claude Code local my-app` — within the client name rules. */
function clientNameFor(info: AgentKindInfo, scope: ConfigScope, project: string | undefined): string {
  if (scope === 'user' || !project) return info.displayName;
  const dir = basename(project).replace(/[^A-Za-z0-9 ._-]/g, '-') || 'root';
  return `${info.displayName} ${scope} ${dir}`.slice(0, 64).trimEnd();
}
