/**
 * Format-preserving edits of a JSON(C) document. jsonc-parser finds the nodes; the edits touch only the
 * bytes they must (jsonc-parser's own `modify` reformats whole neighbouring lines, which would rewrite
 * the user's spacing). Insertions are pure insertions, so the exact original can be restored later.
 */
import { applyEdits, createScanner, type Edit, type Node } from 'jsonc-parser';
import { nodeAt, propertyOf, type JsonDocument } from './json-document.ts';

/** A range of the edited text (offset, length) that an insertion added. */
export interface InsertedRange {
  offset: number;
  length: number;
}

/** The result of an insertion: the new text and the ranges added to it. */
export interface Insertion {
  text: string;
  inserted: InsertedRange[];
}

// jsonc-parser SyntaxKind values (a const enum in its typings).
const COMMA = 5;
const LINE_COMMENT = 12;
const BLOCK_COMMENT = 13;
const LINE_BREAK = 14;
const TRIVIA = 15;
const EOF = 17;

/** Adds `key: value` at `path` (the path of the object that receives it), creating missing objects. */
export function insertProperty(doc: JsonDocument, path: readonly string[], key: string, value: unknown): Insertion {
  let depth = path.length;
  while (depth > 0 && !nodeAt(doc, path.slice(0, depth))) depth -= 1;
  // Wrap the value in the objects that do not exist yet: {projects: {dir: {mcpServers: {key: value}}}}.
  let wrapped: unknown = value;
  let wrappedKey = key;
  for (let i = path.length - 1; i >= depth; i -= 1) {
    wrapped = { [wrappedKey]: wrapped };
    wrappedKey = path[i]!;
  }
  const unit = indentUnit(doc);
  if (!doc.root) {
    const at = doc.text.startsWith('\uFEFF') ? 1 : 0;
    const content = `{${doc.eol}${unit}${render(wrappedKey, wrapped, unit, unit, doc.eol)}${doc.eol}}${doc.eol}`;
    return apply(doc.text, [{ offset: at, length: 0, content }]);
  }
  const target = depth === 0 ? doc.root : nodeAt(doc, path.slice(0, depth))!;
  // A one-line (minified) file stays one line.
  const edits = doc.text.includes('\n') ? insertionEdits(doc, target, wrappedKey, wrapped, unit) : compactEdits(doc.text, target, wrappedKey, wrapped);
  return apply(doc.text, edits);
}

/** Replaces the value of an existing property, keeping the layout around it. */
export function replaceValue(doc: JsonDocument, property: Node, value: unknown): string {
  const valueNode = property.children![1]!;
  const unit = indentUnit(doc);
  const old = doc.text.slice(valueNode.offset, valueNode.offset + valueNode.length);
  const content = old.includes('\n') || lineIsOwn(doc.text, property.offset)
    ? JSON.stringify(value, null, unit).split('\n').join(doc.eol + leadingSpace(doc.text, property.offset))
    : JSON.stringify(value);
  return applyEdits(doc.text, [{ offset: valueNode.offset, length: valueNode.length, content }]);
}

/** Removes property `key` of the object at `path`, with its line(s) and the comma that separated it. */
export function removeProperty(doc: JsonDocument, path: readonly string[], key: string): string {
  const object = nodeAt(doc, path);
  const prop = object && propertyOf(object, key);
  if (!object || !prop) return doc.text;
  const { text } = doc;
  const siblings = object.children!;
  const index = siblings.indexOf(prop);
  const end = prop.offset + prop.length;
  const comma = tokenAfter(text, end, COMMA);
  const edits: Edit[] = [];
  const lineStart = text.lastIndexOf('\n', prop.offset - 1) + 1;
  const lineEnd = ownLineEnd(text, comma === undefined ? end : comma + 1);
  if (text.slice(lineStart, prop.offset).trim() === '' && lineEnd !== undefined) {
    edits.push({ offset: lineStart, length: lineEnd - lineStart, content: '' });
    // The last property loses its place: the comma before it would now dangle (unless trailing commas are the style).
    const previous = siblings[index - 1];
    const previousComma = previous && comma === undefined ? tokenAfter(text, previous.offset + previous.length, COMMA) : undefined;
    if (previousComma !== undefined) edits.push({ offset: previousComma, length: 1, content: '' });
  } else if (index < siblings.length - 1) {
    const next = siblings[index + 1]!;
    edits.push({ offset: prop.offset, length: next.offset - prop.offset, content: '' });
  } else if (index > 0) {
    const previous = siblings[index - 1]!;
    const from = previous.offset + previous.length;
    edits.push({ offset: from, length: (comma === undefined ? end : comma + 1) - from, content: '' });
  } else {
    edits.push({ offset: prop.offset, length: (comma === undefined ? end : comma + 1) - prop.offset, content: '' });
  }
  return applyEdits(text, edits);
}

function insertionEdits(doc: JsonDocument, object: Node, key: string, value: unknown, unit: string): Edit[] {
  const { text, eol } = doc;
  const open = object.offset;
  const close = object.offset + object.length - 1;
  const children = object.children ?? [];
  const last = children.at(-1);
  if (!last) {
    const inner = text.slice(open + 1, close);
    const outer = leadingSpace(text, open);
    const body = render(key, value, unit, outer + unit, eol);
    // After any comments left inside, so they stay above the new entry.
    if (inner.includes('\n')) return [{ offset: open + 1 + inner.trimEnd().length, length: 0, content: `${eol}${outer}${unit}${body}` }];
    return [{ offset: open + 1, length: 0, content: `${eol}${outer}${unit}${body}${eol}${outer}` }];
  }
  const first = children[0]!;
  const lastEnd = last.offset + last.length;
  const trailingComma = tokenAfter(text, lastEnd, COMMA);
  // A one-line object stays one line.
  if (!text.slice(open, first.offset).includes('\n')) return compactEdits(text, object, key, value);
  const indent = leadingSpace(text, last.offset);
  const body = render(key, value, unit, indent, eol);
  const afterLast = trailingComma === undefined ? lastEnd : trailingComma + 1;
  const lineEnd = endOfLine(text, afterLast);
  // Insert at the end of the last property's line (after any comment on it), unless `}` shares that line.
  const at = close < lineEnd ? afterLast : lineEnd;
  const line = `${eol}${indent}${body}${trailingComma === undefined ? '' : ','}`;
  if (trailingComma !== undefined) return [{ offset: at, length: 0, content: line }];
  if (at === lastEnd) return [{ offset: lastEnd, length: 0, content: `,${line}` }];
  return [{ offset: lastEnd, length: 0, content: ',' }, { offset: at, length: 0, content: line }];
}

/** Inserts `"key": value` on the object's own line, in the spacing its first property uses. */
function compactEdits(text: string, object: Node, key: string, value: unknown): Edit[] {
  const first = object.children?.[0];
  const last = object.children?.at(-1);
  const space = first && /":\s/.test(text.slice(first.offset, first.offset + first.length)) ? ' ' : '';
  const property = `${JSON.stringify(key)}:${space}${JSON.stringify(value)}`;
  if (!last) return [{ offset: object.offset + 1, length: 0, content: property }];
  const lastEnd = last.offset + last.length;
  const trailingComma = tokenAfter(text, lastEnd, COMMA);
  if (trailingComma === undefined) return [{ offset: lastEnd, length: 0, content: `,${space}${property}` }];
  return [{ offset: trailingComma + 1, length: 0, content: `${space}${property},` }];
}

function apply(text: string, edits: Edit[]): Insertion {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let shift = 0;
  const inserted = sorted.map((e) => {
    const range = { offset: e.offset + shift, length: e.content.length };
    shift += e.content.length - e.length;
    return range;
  });
  return { text: applyEdits(text, sorted), inserted };
}

/** `"key": <value>` with the value pretty-printed and its lines indented by `indent`. */
function render(key: string, value: unknown, unit: string, indent: string, eol: string): string {
  return `${JSON.stringify(key)}: ${JSON.stringify(value, null, unit).split('\n').join(eol + indent)}`;
}

/** The file's indentation unit: the indentation of the first indented property, else two spaces. */
function indentUnit(doc: JsonDocument): string {
  const root = doc.root;
  const first = root?.type === 'object' ? root.children?.[0] : undefined;
  if (first && lineIsOwn(doc.text, first.offset)) {
    const own = leadingSpace(doc.text, first.offset).slice(leadingSpace(doc.text, root!.offset).length);
    if (own.length > 0) return own;
  }
  return '  ';
}

function leadingSpace(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}

function lineIsOwn(text: string, offset: number): boolean {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(start, offset).replace(/^\uFEFF/, '').trim() === '';
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  if (nl === -1) return text.length;
  return text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset of a `kind` token right after `from` (only whitespace and comments between), else undefined. */
function tokenAfter(text: string, from: number, kind: number): number | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  for (let token = scanner.scan(); ; token = scanner.scan()) {
    if (token === kind) return scanner.getTokenOffset();
    if (token !== TRIVIA && token !== LINE_BREAK && token !== LINE_COMMENT && token !== BLOCK_COMMENT) return undefined;
  }
}

/** If only spaces and one line comment follow `from` up to the line break, the offset after that break. */
function ownLineEnd(text: string, from: number): number | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(from);
  for (let token = scanner.scan(); ; token = scanner.scan()) {
    if (token === LINE_BREAK) return scanner.getTokenOffset() + scanner.getTokenLength();
    if (token === EOF) return text.length;
    if (token !== TRIVIA && token !== LINE_COMMENT) return undefined;
  }
}
