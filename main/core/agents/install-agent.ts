/** `install`: register the client in Hallpass and write its `hallpass` entry, idempotently and atomically. */
import { authenticate, createClient } from '../clients/client-tokens.ts';
import type { Client, Clock, Ids } from '../model.ts';
import type { Store } from '../store/store-types.ts';
import { HALLPASS_ENTRY } from './agent-kinds.ts';
import { sha256, writeConfigFile } from './config-file.ts';
import { classifyEntry, hallpassEntry, type HallpassEndpoint } from './hallpass-entry.ts';
import { readInstallRecord, writeInstallRecord } from './install-record.ts';
import { ConfigFileError } from './json-document.ts';
import { insertProperty, replaceValue, type InsertedRange } from './json-edits.ts';
import { existingDepth, loadConfig, type LoadedConfig } from './load-config.ts';
import type { ConfigTarget } from './config-locations.ts';

export interface AgentDeps {
  store: Store;
  ids: Ids;
  clock: Clock;
  endpoint: HallpassEndpoint;
  /** Runs just before the final compare-and-rename (tests simulate a client rewriting the file). */
  beforeCommit?: () => Promise<void>;
}

export interface InstallReport {
  file: string;
  clientName: string;
  /** `unchanged`: the entry was present, valid and current, nothing was written. */
  action: 'unchanged' | 'written' | 'planned';
  client: 'reused' | 'created';
  backup?: string;
  warnings: string[];
  /** Dry run only: the file before and after (a placeholder stands for a token not yet created). */
  preview?: { before: string; after: string };
}

/** Shown in a dry run where the new client's token would go. */
export const TOKEN_PLACEHOLDER = '<token created on install>';

/** Who the entry belongs to: the client of a valid existing entry, or one to create. */
export interface EntryOwner {
  /** The client whose valid token the file already holds. */
  existing?: { client: Client; token: string; upToDate: boolean };
  /** The name a new client would get. */
  newName: string;
}

/** Checks the existing `hallpass` entry (a foreign one is an error) and finds its client. */
export function entryOwner(loaded: LoadedConfig, deps: Pick<AgentDeps, 'store' | 'endpoint'>): EntryOwner {
  const { target } = loaded;
  const found = loaded.entry ? classifyEntry(target.info.style, loaded.entryValue) : undefined;
  if (found?.kind === 'foreign') {
    throw new ConfigFileError(`${loaded.snapshot.file}: an entry named "${HALLPASS_ENTRY}" exists that Hallpass did not write (${found.reason}); rename or remove it, then try again. Nothing was changed`);
  }
  const client = found ? authenticate(deps.store, found.token) : undefined;
  return {
    ...(found && client ? { existing: { client, token: found.token, upToDate: found.upToDate(deps.endpoint) } } : {}),
    newName: freeName(deps.store, target.clientName),
  };
}

/** The owner's client and token, creating the client when needed; `undo` removes what was created. */
export function claimClient(loaded: LoadedConfig, owner: EntryOwner, deps: AgentDeps): { client: Client; token: string; created: boolean; undo: () => void } {
  if (owner.existing) return { ...owner.existing, created: false, undo: () => {} };
  const { target } = loaded;
  const previous = readInstallRecord(deps.store, target.file, target.container);
  // A recorded client whose entry is gone or no longer valid belongs to nothing any more.
  if (previous) deps.store.clients.remove(previous.clientId);
  const { client, token } = createClient(deps.store, deps.ids, deps.clock, freeName(deps.store, target.clientName));
  return { client, token, created: true, undo: () => void deps.store.clients.remove(client.id) };
}

/** The edit that puts `entry` into the loaded file: a pure insertion, or a replacement of the old value. */
export function withEntry(loaded: LoadedConfig, entry: Record<string, unknown>): { text: string; inserted: InsertedRange[] | null } {
  if (loaded.entry) return { text: replaceValue(loaded.doc, loaded.entry, entry), inserted: null };
  return insertProperty(loaded.doc, loaded.target.container, HALLPASS_ENTRY, entry);
}

/** Records what the write added, so uninstall can take exactly that out again. */
export function recordInstall(loaded: LoadedConfig, store: Store, clientId: string, written: { text: string; inserted: InsertedRange[] | null }): void {
  const { target } = loaded;
  const previous = readInstallRecord(store, target.file, target.container);
  writeInstallRecord(store, target.file, target.container, {
    clientId,
    afterSha256: sha256(Buffer.from(written.text, 'utf8')),
    inserted: written.inserted,
    createdFile: written.inserted ? !loaded.snapshot.exists : (previous?.createdFile ?? false),
    existingDepth: written.inserted ? existingDepth(loaded) : (previous?.existingDepth ?? target.container.length),
  });
}

/** Installs Hallpass into one client config file. */
export async function installAgent(target: ConfigTarget, deps: AgentDeps, options: { dryRun?: boolean } = {}): Promise<InstallReport> {
  const loaded = await loadConfig(target);
  const owner = entryOwner(loaded, deps);
  const style = target.info.style;
  const base = { file: loaded.snapshot.file, warnings: installWarnings(loaded) };
  if (owner.existing?.upToDate) return { ...base, clientName: owner.existing.client.name, action: 'unchanged', client: 'reused' };
  if (options.dryRun) {
    const after = withEntry(loaded, hallpassEntry(style, deps.endpoint, owner.existing?.token ?? TOKEN_PLACEHOLDER)).text;
    const clientName = owner.existing?.client.name ?? owner.newName;
    return { ...base, clientName, action: 'planned', client: owner.existing ? 'reused' : 'created', preview: { before: loaded.doc.text, after } };
  }
  const claim = claimClient(loaded, owner, deps);
  const written = withEntry(loaded, hallpassEntry(style, deps.endpoint, claim.token));
  let backup: string | undefined;
  try {
    backup = await writeConfigFile(loaded.snapshot, written.text, { clock: deps.clock, beforeCommit: deps.beforeCommit });
  } catch (error) {
    claim.undo();
    throw error;
  }
  recordInstall(loaded, deps.store, claim.client.id, written);
  return { ...base, clientName: claim.client.name, action: 'written', client: claim.created ? 'created' : 'reused', ...(backup ? { backup } : {}) };
}

/** `name`, or `name 2`, `name 3`… whichever no client has yet. */
export function freeName(store: Store, name: string): string {
  if (!store.clients.byName(name)) return name;
  for (let n = 2; ; n += 1) {
    const candidate = `${name.slice(0, 60)} ${n}`;
    if (!store.clients.byName(candidate)) return candidate;
  }
}

/** Things the person should know about where the token goes. */
export function installWarnings(loaded: LoadedConfig): string[] {
  const warnings: string[] = [];
  const { snapshot, target } = loaded;
  if (snapshot.exists && (snapshot.mode & 0o077) !== 0) {
    warnings.push(`${snapshot.file} is readable by other users (mode ${snapshot.mode.toString(8)}) and holds a Hallpass token once connected; consider chmod 600`);
  }
  if (target.scope === 'project') {
    warnings.push(`${snapshot.file} is a project file that is often committed; it holds a Hallpass token once connected, so keep it out of version control (or use the user scope)`);
  }
  return warnings;
}
