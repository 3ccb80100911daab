/**
 * `import`: move the MCP servers a client already uses behind Hallpass. They become Hallpass connections
 * (env values into the keychain), leave the client's file, and the `hallpass` entry takes their place.
 */
import type { ConnectionConfig } from '../model.ts';
import type { Store } from '../store/store-types.ts';
import type { Vault } from '../vault/vault-types.ts';
import { writeConfigFile } from './config-file.ts';
import type { ConfigTarget } from './config-locations.ts';
import { idAllocator } from './connection-ids.ts';
import { moveEnvToVault } from './env-references.ts';
import { hallpassEntry } from './hallpass-entry.ts';
import { claimClient, entryOwner, installWarnings, recordInstall, TOKEN_PLACEHOLDER, withEntry, type AgentDeps, type EntryOwner } from './install-agent.ts';
import { ConfigFileError, parseDocument, valueAt } from './json-document.ts';
import { removeProperty } from './json-edits.ts';
import { loadConfig, parseLoaded, type LoadedConfig } from './load-config.ts';
import { classifyServers, type ServerCandidate } from './server-entries.ts';

/** What import would do: the servers found, each importable or not, and who the entry belongs to. */
export interface ImportPlan {
  loaded: LoadedConfig;
  owner: EntryOwner;
  candidates: ServerCandidate[];
  warnings: string[];
}

export interface ImportReport {
  file: string;
  clientName: string;
  imported: { name: string; id: string; kind: ConnectionConfig['kind']; envNames: string[] }[];
  skipped: { name: string; reason: string }[];
  backup?: string;
}

/** Reads the client's servers; `only` limits the import to those names. */
export async function planImport(target: ConfigTarget, deps: Pick<AgentDeps, 'store' | 'endpoint'>, only: readonly string[] = []): Promise<ImportPlan> {
  const loaded = await loadConfig(target);
  const owner = entryOwner(loaded, deps);
  const servers = JSON.parse(JSON.stringify(valueAt(loaded.doc, target.container) ?? {})) as Record<string, unknown>;
  const missing = only.filter((name) => !(name in servers));
  if (missing.length > 0) throw new ConfigFileError(`${loaded.snapshot.file} has no server named ${missing.map((n) => `"${n}"`).join(', ')}`);
  const all = classifyServers(servers, idAllocator(deps.store.connections.list().map((c) => c.id)), target.project);
  const candidates = only.length > 0 ? all.filter((c) => only.includes(c.name)) : all;
  return { loaded, owner, candidates, warnings: installWarnings(loaded) };
}

/** The file with the imported servers removed and the `hallpass` entry in place. */
export function importedText(plan: ImportPlan, token: string, endpoint: AgentDeps['endpoint']): ReturnType<typeof withEntry> {
  const { loaded } = plan;
  const { target, snapshot } = loaded;
  let text = loaded.doc.text;
  for (const c of plan.candidates) {
    if (c.importable) text = removeProperty(parseDocument(text, target.info.syntax, snapshot.file), target.container, c.name);
  }
  return withEntry(parseLoaded(target, snapshot, text), hallpassEntry(target.info.style, endpoint, token));
}

/** A dry run: the file before and after (secrets still in it: redact before showing). */
export function previewImport(plan: ImportPlan, endpoint: AgentDeps['endpoint']): { before: string; after: string } {
  return { before: plan.loaded.doc.text, after: importedText(plan, plan.owner.existing?.token ?? TOKEN_PLACEHOLDER, endpoint).text };
}

/** Registers the importable servers, moves env values into the vault, then rewrites the file; all or nothing. */
export async function applyImport(plan: ImportPlan, deps: AgentDeps & { vault: Vault }): Promise<ImportReport> {
  const { loaded } = plan;
  const importable = plan.candidates.filter((c): c is Extract<ServerCandidate, { importable: true }> => c.importable);
  const skipped = plan.candidates.flatMap((c) => (c.importable ? [] : [{ name: c.name, reason: c.reason }]));
  const claim = claimClient(loaded, plan.owner, deps);
  const undo: (() => Promise<unknown>)[] = [async () => claim.undo()];
  try {
    for (const c of importable) {
      await register(c.config, deps.store, deps.vault, undo);
    }
    const written = importedText(plan, claim.token, deps.endpoint);
    const changed = written.text !== loaded.doc.text;
    const backup = changed ? await writeConfigFile(loaded.snapshot, written.text, { clock: deps.clock, beforeCommit: deps.beforeCommit }) : undefined;
    if (changed) recordInstall(loaded, deps.store, claim.client.id, written);
    return {
      file: loaded.snapshot.file,
      clientName: claim.client.name,
      imported: importable.map((c) => ({ name: c.name, id: c.config.id, kind: c.config.kind, envNames: c.config.kind === 'stdio' ? Object.keys(c.config.env) : [] })),
      skipped,
      ...(backup ? { backup } : {}),
    };
  } catch (error) {
    // INVARIANT: a failed import leaves no connection, no keychain item and no client behind.
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

async function register(config: ConnectionConfig, store: Store, vault: Vault, undo: (() => Promise<unknown>)[]): Promise<void> {
  if (config.kind === 'stdio' && Object.keys(config.env).length > 0) {
    undo.push(() => vault.delete(config.id));
    // SECURITY: env values go to the keychain; the database keeps names and references only.
    const env = await moveEnvToVault(vault, config.id, config.env);
    config = { ...config, env };
  }
  undo.push(async () => store.connections.remove(config.id));
  store.connections.put(config);
}
