/** `doctor`: per client installed / configured / reachable; for Hallpass instance, keychain and each server. */
import { access } from 'node:fs/promises';
import type { ConnectionView } from '../control/schemas.ts';
import { authenticate } from '../clients/client-tokens.ts';
import type { Store } from '../store/store-types.ts';
import { AGENT_KINDS, agentKindInfo, type AgentKind, type ConfigScope } from './agent-kinds.ts';
import { configTarget, type ConfigTarget, type PathRoots } from './config-locations.ts';
import { classifyEntry, type HallpassEndpoint } from './hallpass-entry.ts';
import { loadConfig } from './load-config.ts';
import { probeEntry, type ProbeResult } from './reachability.ts';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  status: CheckStatus;
  text: string;
  /** What to do about it. */
  fix?: string;
}

export interface DoctorSection {
  title: string;
  file?: string;
  checks: DoctorCheck[];
}

export interface DoctorReport {
  /** False when any check failed. */
  ok: boolean;
  sections: DoctorSection[];
}

export interface DoctorDeps {
  roots: PathRoots;
  /** Project files of this directory are checked too, where they exist. */
  projectDir?: string;
  /** The store of the data dir, or undefined when it has none yet. */
  store: Store | undefined;
  /** What install would write now (detects entries pointing at an old port or path). */
  endpoint: HallpassEndpoint;
  instance: { pid: number; port: number; version: string } | undefined;
  /** Undefined when the keychain answers; else what is wrong. */
  keychain(): Promise<string | undefined>;
  /** The connections as the running instance sees them. */
  connections(): Promise<ConnectionView[]>;
  probe?: (entry: unknown) => Promise<ProbeResult>;
}

/** Runs every check; never throws for a broken client file (that is a failed check). */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const sections = [await hallpassSection(deps)];
  for (const kind of AGENT_KINDS) {
    for (const scope of agentKindInfo(kind).scopes) {
      const section = await clientSection(kind, scope, deps);
      if (section) sections.push(section);
    }
  }
  return { ok: sections.every((s) => s.checks.every((c) => c.status !== 'fail')), sections };
}

async function hallpassSection(deps: DoctorDeps): Promise<DoctorSection> {
  const checks: DoctorCheck[] = [];
  const { instance } = deps;
  if (instance) checks.push({ status: 'ok', text: `instance running: pid ${instance.pid}, port ${instance.port}, version ${instance.version}` });
  else checks.push({ status: 'fail', text: 'no Hallpass instance is running', fix: 'start it: hallpass serve (or open the Hallpass app)' });
  const keychain = await deps.keychain().catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  if (keychain === undefined) checks.push({ status: 'ok', text: 'keychain reachable' });
  else checks.push({ status: 'fail', text: `keychain not reachable: ${keychain}`, fix: 'unlock the keychain (Linux: a Secret Service such as gnome-keyring must run)' });
  if (instance) {
    try {
      const connections = await deps.connections();
      if (connections.length === 0) checks.push({ status: 'warn', text: 'no servers behind Hallpass yet', fix: 'hallpass servers add NAME -- CMD…, or hallpass import <client>' });
      for (const c of connections) checks.push(connectionCheck(c));
    } catch (error) {
      checks.push({ status: 'fail', text: `cannot read the servers from the instance: ${(error as Error).message}` });
    }
  }
  return { title: 'Hallpass', checks };
}

function connectionCheck(c: ConnectionView): DoctorCheck {
  const name = `server "${c.id}" (${c.kind}, ${c.target})`;
  const detail = c.statusDetail ? `: ${c.statusDetail}` : '';
  if (!c.enabled) return { status: 'skip', text: `${name}: disabled` };
  switch (c.status) {
    case 'running':
      return { status: 'ok', text: `${name}: running, ${c.tools} tools` };
    case 'starting':
    case 'restarting':
      return { status: 'warn', text: `${name}: ${c.status}${detail}` };
    case 'needs-auth':
      return { status: 'warn', text: `${name}: needs authorization${detail}`, fix: `hallpass connect, or Connect in the Hallpass window` };
    case 'stopped':
    case 'failed':
      return { status: 'fail', text: `${name}: ${c.status}${detail}`, fix: `check the command with: hallpass servers list` };
  }
}

async function clientSection(kind: AgentKind, scope: ConfigScope, deps: DoctorDeps): Promise<DoctorSection | undefined> {
  if (scope !== 'user' && !deps.projectDir) return undefined;
  const target = configTarget(kind, scope, deps.roots, deps.projectDir);
  // Project files are reported where they exist; user configs always (installed or not).
  if (scope !== 'user' && !(await anyExists([target.file]))) return undefined;
  const title = scope === 'user' ? target.info.displayName : `${target.info.displayName} (${scope})`;
  if (!(await anyExists(target.installedPaths))) return { title, file: target.file, checks: [{ status: 'skip', text: 'not installed (no config directory)' }] };
  const checks = await entryChecks(target, kind, deps);
  // The local scope is one project's corner of ~/.claude.json: shown only when Hallpass is configured there.
  if (scope === 'local' && checks.some((c) => c.text === NOT_CONFIGURED)) return undefined;
  return { title, file: target.file, checks: [{ status: 'ok', text: 'installed' }, ...checks] };
}

const NOT_CONFIGURED = 'not configured for Hallpass';

async function entryChecks(target: ConfigTarget, kind: AgentKind, deps: DoctorDeps): Promise<DoctorCheck[]> {
  const install = `hallpass install ${kind}${target.scope === 'user' ? '' : ` --scope ${target.scope}`}`;
  let loaded;
  try {
    loaded = await loadConfig(target);
  } catch (error) {
    return [{ status: 'fail', text: (error as Error).message, fix: 'repair the file, or let the client rewrite it' }];
  }
  if (!loaded.entry) return [{ status: 'warn', text: NOT_CONFIGURED, fix: install }];
  const entry = classifyEntry(target.info.style, loaded.entryValue);
  if (entry.kind === 'foreign') return [{ status: 'fail', text: `an entry "hallpass" exists that Hallpass did not write: ${entry.reason}`, fix: 'rename or remove it, then run ' + install }];
  const client = deps.store ? authenticate(deps.store, entry.token) : undefined;
  if (!client) return [{ status: 'fail', text: 'configured, but its token is unknown to this Hallpass (client removed, or another data dir)', fix: install }];
  const checks: DoctorCheck[] = [{ status: 'ok', text: `configured as client "${client.name}"` }];
  if (!entry.upToDate(deps.endpoint)) checks.push({ status: 'warn', text: 'the entry points at another port or Hallpass path than this installation', fix: install });
  if (!deps.instance) return [...checks, { status: 'skip', text: 'reachability not checked: Hallpass is not running' }];
  const result = await (deps.probe ?? probeEntry)(loaded.entryValue);
  const how = target.info.style === 'stdio' ? 'through the hallpass mcp shim' : 'over Streamable HTTP';
  checks.push(result.ok
    ? { status: 'ok', text: `reachable ${how}: ${result.tools} tools` }
    : { status: 'fail', text: `not reachable ${how}: ${result.detail}`, fix: target.info.style === 'stdio' ? 'run the entry\'s command by hand to see its error' : install });
  return checks;
}

async function anyExists(paths: readonly string[]): Promise<boolean> {
  for (const path of paths) {
    if (await access(path).then(() => true, () => false)) return true;
  }
  return false;
}
