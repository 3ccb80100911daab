/** A client config file parsed with jsonc-parser, keeping the exact text so edits can preserve every other byte. */
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

/** Raised for a config file that cannot be edited safely; the message is fit to show as-is. */
export class ConfigFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigFileError';
  }
}

export interface JsonDocument {
  /** The full text, including a byte-order mark when the file had one. */
  text: string;
  /** The root value; undefined when the file is empty or only whitespace. */
  root: Node | undefined;
  /** The file's line ending (new text uses the same). */
  eol: '\n' | '\r\n';
}

/** Parses `text`; throws a ConfigFileError naming file, line and column for anything but clean JSON(C). */
export function parseDocument(text: string, syntax: 'json' | 'jsonc', file: string): JsonDocument {
  // A BOM is kept in the text but parsed as a space, so node offsets stay offsets into `text`.
  const scan = text.startsWith('\uFEFF') ? ` ${text.slice(1)}` : text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  if (scan.trim() === '') return { text, root: undefined, eol };
  const errors: ParseError[] = [];
  const root = parseTree(scan, errors, { disallowComments: syntax === 'json', allowTrailingComma: syntax === 'jsonc', allowEmptyContent: false });
  const first = errors[0];
  if (first || !root) {
    const at = first ? position(text, first.offset) : '';
    const what = first ? describeError(first, syntax) : 'no JSON value';
    throw new ConfigFileError(`${file}${at}: ${what}; it looks malformed or partly written. Fix it (or let the client rewrite it) and try again; nothing was changed`);
  }
  if (root.type !== 'object') throw new ConfigFileError(`${file}: the top level is ${article(root.type)}, not an object; nothing was changed`);
  const dup = findDuplicateKey(root);
  if (dup) throw new ConfigFileError(`${file}${position(text, dup.offset)}: the key "${dup.value}" appears twice in one object; which one a client uses is unclear, so nothing was changed`);
  return { text, root, eol };
}

/** The node at a JSON path, or undefined. */
export function nodeAt(doc: JsonDocument, path: readonly string[]): Node | undefined {
  return doc.root ? findNodeAtLocation(doc.root, [...path]) : undefined;
}

/** The plain value at a JSON path, or undefined. */
export function valueAt(doc: JsonDocument, path: readonly string[]): unknown {
  const node = nodeAt(doc, path);
  return node ? getNodeValue(node) : undefined;
}

/** The property node (key + value) of `key` in an object node. */
export function propertyOf(object: Node, key: string): Node | undefined {
  return object.children?.find((p) => p.children?.[0]?.value === key);
}

/** Checks every object on `path` (the container and its parents) is an object where present. */
export function checkObjectsOnPath(doc: JsonDocument, path: readonly string[], file: string): void {
  for (let i = 1; i <= path.length; i += 1) {
    const node = nodeAt(doc, path.slice(0, i));
    if (node && node.type !== 'object') {
      throw new ConfigFileError(`${file}: "${path.slice(0, i).join('.')}" is ${article(node.type)}, not an object; fix it by hand, nothing was changed`);
    }
  }
}

function findDuplicateKey(node: Node): Node | undefined {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (key && seen.has(String(key.value))) return key;
      if (key) seen.add(String(key.value));
    }
  }
  for (const child of node.children ?? []) {
    const hit = findDuplicateKey(child);
    if (hit) return hit;
  }
  return undefined;
}

function describeError(error: ParseError, syntax: 'json' | 'jsonc'): string {
  const code = printParseErrorCode(error.error);
  if (code === 'InvalidCommentToken') return 'comments are not allowed in this file (the client reads strict JSON)';
  const trailing = syntax === 'json' && (code === 'PropertyNameExpected' || code === 'ValueExpected') ? ' — a trailing comma?' : '';
  return `invalid JSON (${code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}${trailing})`;
}

function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
