/** Reads and parses one client config file, checking its shape before anything is decided. */
import { getNodeValue, type Node } from 'jsonc-parser';
import { HALLPASS_ENTRY } from './agent-kinds.ts';
import { readConfigFile, type FileSnapshot } from './config-file.ts';
import type { ConfigTarget } from './config-locations.ts';
import { checkObjectsOnPath, nodeAt, parseDocument, propertyOf, type JsonDocument } from './json-document.ts';

export interface LoadedConfig {
  target: ConfigTarget;
  snapshot: FileSnapshot;
  doc: JsonDocument;
  /** The servers object, when present. */
  container: Node | undefined;
  /** The `hallpass` property (key + value), when present. */
  entry: Node | undefined;
  /** The plain value of the `hallpass` entry. */
  entryValue: unknown;
}

/** Loads `target`'s file (absent reads as empty); throws ConfigFileError for anything unsafe. */
export async function loadConfig(target: ConfigTarget): Promise<LoadedConfig> {
  const snapshot = await readConfigFile(target.file);
  return parseLoaded(target, snapshot);
}

/** Parses a snapshot already read (and re-parses edited text in the same way). */
export function parseLoaded(target: ConfigTarget, snapshot: FileSnapshot, text = snapshot.text): LoadedConfig {
  const doc = parseDocument(text, target.info.syntax, snapshot.file);
  checkObjectsOnPath(doc, target.container, snapshot.file);
  const container = nodeAt(doc, target.container);
  const entry = container ? propertyOf(container, HALLPASS_ENTRY) : undefined;
  const valueNode = entry?.children?.[1];
  return { target, snapshot, doc, container, entry, entryValue: valueNode ? getNodeValue(valueNode) : undefined };
}

/** How many leading keys of the container path exist in the document. */
export function existingDepth(loaded: LoadedConfig): number {
  const path = loaded.target.container;
  let depth = 0;
  while (depth < path.length && nodeAt(loaded.doc, path.slice(0, depth + 1))) depth += 1;
  return depth;
}
