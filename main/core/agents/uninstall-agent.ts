/** `uninstall`: remove exactly what install added (byte-identical when nothing else changed) and the client. */
import { authenticate } from '../clients/client-tokens.ts';
import type { Clock } from '../model.ts';
import type { Store } from '../store/store-types.ts';
import { HALLPASS_ENTRY } from './agent-kinds.ts';
import { deleteConfigFile, writeConfigFile } from './config-file.ts';
import type { ConfigTarget } from './config-locations.ts';
import { classifyEntry } from './hallpass-entry.ts';
import { clearInstallRecord, readInstallRecord, removeInserted, type InstallRecord } from './install-record.ts';
import { ConfigFileError, nodeAt, parseDocument } from './json-document.ts';
import { removeProperty } from './json-edits.ts';
import { loadConfig, type LoadedConfig } from './load-config.ts';

export interface UninstallDeps {
  store: Store;
  clock: Clock;
  beforeCommit?: () => Promise<void>;
}

export interface UninstallReport {
  file: string;
  /** `absent`: there was no Hallpass entry; `restored`: the exact pre-install bytes; `edited`: the entry was cut out. */
  action: 'absent' | 'restored' | 'edited' | 'deleted' | 'planned';
  /** The Hallpass client removed with it, if any. */
  removedClient?: string;
  backup?: string;
  preview?: { before: string; after: string | undefined };
}

/** Removes Hallpass from one client config file and removes its Hallpass client. */
export async function uninstallAgent(target: ConfigTarget, deps: UninstallDeps, options: { dryRun?: boolean } = {}): Promise<UninstallReport> {
  const { store } = deps;
  const loaded = await loadConfig(target);
  const record = readInstallRecord(store, target.file, target.container);
  const existing = loaded.entry ? classifyEntry(target.info.style, loaded.entryValue) : undefined;
  if (existing?.kind === 'foreign') {
    throw new ConfigFileError(`${loaded.snapshot.file}: the entry "${HALLPASS_ENTRY}" was not written by Hallpass (${existing.reason}); left as it is`);
  }
  const client = (existing && authenticate(store, existing.token)) ?? (record ? store.clients.list().find((c) => c.id === record.clientId) : undefined);
  const file = loaded.snapshot.file;
  const after = loaded.entry ? withoutEntry(loaded, record) : loaded.doc.text;
  if (options.dryRun) return { file, action: 'planned', ...(client ? { removedClient: client.name } : {}), preview: { before: loaded.doc.text, after } };
  let action: UninstallReport['action'] = 'absent';
  let backup: string | undefined;
  if (after === undefined) {
    await deleteConfigFile(loaded.snapshot, { clock: deps.clock, beforeCommit: deps.beforeCommit });
    action = 'deleted';
  } else if (after !== loaded.doc.text) {
    backup = await writeConfigFile(loaded.snapshot, after, { clock: deps.clock, beforeCommit: deps.beforeCommit });
    action = exactRestore(loaded, record) ? 'restored' : 'edited';
  }
  if (client) store.clients.remove(client.id);
  clearInstallRecord(store, target.file, target.container);
  return { file, action, ...(client ? { removedClient: client.name } : {}), ...(backup ? { backup } : {}) };
}

function exactRestore(loaded: LoadedConfig, record: InstallRecord | undefined): record is InstallRecord & { inserted: NonNullable<InstallRecord['inserted']> } {
  return !!record?.inserted && record.afterSha256 === loaded.snapshot.sha256;
}

/** The text without the entry; undefined when the file should go (install created it and nothing else is in it). */
function withoutEntry(loaded: LoadedConfig, record: InstallRecord | undefined): string | undefined {
  if (exactRestore(loaded, record)) {
    // INVARIANT: the file is exactly as install left it, so removing what it inserted restores the original bytes.
    const text = removeInserted(loaded.doc.text, record.inserted);
    return record.createdFile && text === '' ? undefined : text;
  }
  const { target, snapshot } = loaded;
  let text = removeProperty(loaded.doc, target.container, HALLPASS_ENTRY);
  // Objects the install created (recorded), now empty, go too: innermost first.
  const depth = record?.existingDepth ?? target.container.length;
  for (let i = target.container.length; i > depth; i -= 1) {
    const doc = parseDocument(text, target.info.syntax, snapshot.file);
    const node = nodeAt(doc, target.container.slice(0, i));
    if (!node || (node.children?.length ?? 0) > 0) break;
    text = removeProperty(doc, target.container.slice(0, i - 1), target.container[i - 1]!);
  }
  if (record?.createdFile) {
    const doc = parseDocument(text, target.info.syntax, snapshot.file);
    if (doc.root && (doc.root.children?.length ?? 0) === 0 && !/\/[/*]/.test(text)) return undefined;
  }
  return text;
}
