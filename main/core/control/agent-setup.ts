/** "Connect an agent" from a UI: `hallpass install` for Claude Desktop, Cursor, VS Code and Claude Code, and a cheap
 * per-app status. The entry's token goes from the core straight into the app's file; a UI sees the path and a redacted diff. */
import { access, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AGENT_KINDS, agentKindInfo, type AgentKind } from '../agents/agent-kinds.ts';
import { configTarget, type ConfigTarget, type PathRoots } from '../agents/config-locations.ts';
import type { HallpassEndpoint } from '../agents/hallpass-entry.ts';
import { authenticate } from '../clients/client-tokens.ts';
import type { Clock, Ids } from '../model.ts';
import { launcherPath } from '../paths/install-root.ts';
import { resolveDataDir } from '../paths/data-dir.ts';
import type { Store } from '../store/store-types.ts';
import { ControlError } from './control-types.ts';
import type { AgentStatusView, InstallAgentInput, InstallAgentResult } from './schemas.ts';

export interface AgentSetupDeps {
  store: Store;
  ids: Ids;
  clock: Clock;
  /** Where the apps keep their config files (tests: a fixture home). */
  roots: PathRoots;
  /** What entries point at: this instance's MCP URL and the stdio shim. */
  endpoint(): HallpassEndpoint;
  /**
   * Whether this process can name a Node that runs the stdio shim. Inside Electron it cannot (the app's
   * binary is not Node: RunAsNode is fused off), so stdio-only apps get the .mcpb extension instead.
   * Default: true outside Electron.
   */
  stdioShimAvailable?: boolean;
  /** A client was created (or replaced). */
  clientsChanged(): void;
}

export interface AgentSetup {
  install(input: InstallAgentInput): Promise<InstallAgentResult>;
  status(): Promise<AgentStatusView[]>;
}

/** The endpoint of this process: its MCP URL, and this Node running bin/hallpass.mjs with the data dir when not the default. */
export function defaultAgentEndpoint(dataDir: string, mcpUrl: () => string): () => HallpassEndpoint {
  const defaultDir = resolveDataDir({ ...process.env, HALLPASS_HOME: '' });
  return () => ({
    url: mcpUrl(),
    shim: { command: process.execPath, args: [launcherPath(), 'mcp'], env: dataDir === defaultDir ? {} : { HALLPASS_HOME: dataDir } as Record<string, string> },
  });
}

/** Creates the agent actions of one core; installs run one at a time. */
export function createAgentSetup(deps: AgentSetupDeps): AgentSetup {
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => {});
    return next;
  };

  const target = async (input: InstallAgentInput): Promise<ConfigTarget> => {
    const scope = input.scope ?? 'user';
    if (scope === 'user' && input.projectDir !== undefined) throw new ControlError(400, 'a project directory goes with the project scope only');
    if (scope === 'project') {
      const dir = input.projectDir;
      if (!dir || !isAbsolute(dir)) throw new ControlError(400, 'the project scope needs the absolute path of the project directory');
      if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new ControlError(400, `${dir} is not an existing directory`);
    }
    let found: ConfigTarget;
    try {
      found = configTarget(input.client, scope, deps.roots, input.projectDir);
    } catch (error) {
      throw new ControlError(400, (error as Error).message);
    }
    if (scope === 'user' && !(await anyExists(found.installedPaths))) {
      throw new ControlError(409, `${found.info.displayName} does not seem to be installed here (no ${found.installedPaths[0]}); install it first`);
    }
    return found;
  };

  const install = async (input: InstallAgentInput): Promise<InstallAgentResult> => {
    const [{ installAgent }, { loadConfig }, { ConfigFileError }] = await Promise.all([
      import('../agents/install-agent.ts'), import('../agents/load-config.ts'), import('../agents/json-document.ts'),
    ]);
    // SECURITY/INVARIANT: never write an entry that cannot run; a broken entry would look connected and fail later.
    if (agentKindInfo(input.client).style === 'stdio' && !(deps.stdioShimAvailable ?? process.versions.electron === undefined)) {
      throw new ControlError(409, `${agentKindInfo(input.client).displayName} starts Hallpass through its stdio shim, which needs Node.js: install the Hallpass extension (.mcpb, built with \`npm run build:mcpb\`) in ${agentKindInfo(input.client).displayName}, or run \`hallpass install ${input.client}\` from a command line`);
    }
    const where = await target(input);
    const agentDeps = { store: deps.store, ids: deps.ids, clock: deps.clock, endpoint: deps.endpoint() };
    try {
      const hadEntry = (await loadConfig(where)).entry !== undefined;
      const plan = await installAgent(where, agentDeps, { dryRun: true });
      const base = { file: plan.file, dryRun: input.dryRun === true, warnings: plan.warnings };
      if (plan.action === 'unchanged') return { ...base, action: 'unchanged', plan: `${plan.file}: no change`, clientName: plan.clientName };
      // SECURITY: the preview may hold an existing entry's token: only its redacted diff leaves the core.
      const diff = await redactedDiff(plan.file, plan.preview);
      const action = hadEntry ? 'updated' : 'created';
      if (input.dryRun) return { ...base, action, plan: diff, clientName: plan.clientName };
      const done = await installAgent(where, agentDeps);
      if (done.client === 'created') deps.clientsChanged();
      return {
        ...base, action: done.action === 'unchanged' ? 'unchanged' : action, plan: done.action === 'unchanged' ? `${done.file}: no change` : diff,
        clientName: done.clientName, warnings: done.warnings, ...(done.backup !== undefined && { backup: done.backup }),
      };
    } catch (error) {
      if (error instanceof ConfigFileError) throw new ControlError(409, error.message);
      throw error;
    }
  };

  return {
    install: (input) => serialized(() => install(input)),
    async status() {
      const views: AgentStatusView[] = [];
      for (const kind of AGENT_KINDS) views.push(await statusOf(kind, deps));
      return views;
    },
  };
}

async function statusOf(kind: AgentKind, deps: AgentSetupDeps): Promise<AgentStatusView> {
  const info = agentKindInfo(kind);
  const where = configTarget(kind, 'user', deps.roots);
  const base = { client: kind, name: info.displayName, scopes: info.scopes.filter((s): s is 'user' | 'project' => s !== 'local'), file: where.file, installed: await anyExists(where.installedPaths) };
  const [{ loadConfig }, { classifyEntry }] = await Promise.all([import('../agents/load-config.ts'), import('../agents/hallpass-entry.ts')]);
  let loaded;
  try {
    loaded = await loadConfig(where);
  } catch (error) {
    return { ...base, state: 'problem', detail: (error as Error).message };
  }
  if (!loaded.entry) return { ...base, state: 'not-connected' };
  const entry = classifyEntry(info.style, loaded.entryValue);
  // SECURITY: the entry's token is only compared here (hashed), never returned.
  if (entry.kind === 'foreign') return { ...base, state: 'problem', detail: `an entry named "hallpass" exists that Hallpass did not write (${entry.reason})` };
  if (!authenticate(deps.store, entry.token)) return { ...base, state: 'problem', detail: 'its Hallpass entry holds a token this Hallpass does not know (client removed, or another data dir); connect it again' };
  return entry.upToDate(deps.endpoint()) ? { ...base, state: 'connected' } : { ...base, state: 'outdated', detail: 'its entry points at another port or Hallpass path; connect it again' };
}

async function redactedDiff(file: string, preview: { before: string; after: string } | undefined): Promise<string> {
  const [{ redactSecrets }, { unifiedDiff }] = await Promise.all([import('../agents/redact-config.ts'), import('../agents/text-diff.ts')]);
  if (!preview) return `${file}: no change`;
  return unifiedDiff(redactSecrets(preview.before), redactSecrets(preview.after), { fromLabel: `${file} (now)`, toLabel: `${file} (after)` }) || `${file}: no change`;
}

async function anyExists(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    if (await access(path).then(() => true, () => false)) return true;
  }
  return false;
}
