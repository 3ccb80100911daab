/** The small part of Drive's `q` language and `fields` masks the Google Drive fixture understands. */

/** A file as the Drive fixture stores it. */
export interface DriveFile {
  id: string;
  name: string;
  mimeType: string;
  description?: string;
  parents: string[];
  trashed: boolean;
  createdTime: string;
  modifiedTime: string;
  /** Bytes of binary/text files; undefined for folders and Google Workspace files. */
  content?: Buffer;
  /** Export formats of Google Workspace files. */
  exports?: Record<string, string>;
}

type Predicate = (file: DriveFile) => boolean;

/** Compiles a conjunction of Drive query terms; undefined when a term is not understood. */
export function compileQuery(q: string): Predicate | undefined {
  const predicates: Predicate[] = [];
  for (const raw of q.split(/\s+and\s+/i)) {
    const term = raw.trim().replace(/^\(+/, '').replace(/\)+$/, '').trim();
    const quoted = String.raw`'((?:[^'\\]|\\.)*)'`;
    const unescape = (s: string): string => s.replace(/\\(.)/g, '$1');
    let m: RegExpExecArray | null;
    if ((m = new RegExp(`^name contains ${quoted}$`).exec(term))) {
      const needle = unescape(m[1] as string).toLowerCase();
      predicates.push((f) => f.name.toLowerCase().includes(needle));
    } else if ((m = new RegExp(`^name = ${quoted}$`).exec(term))) {
      const name = unescape(m[1] as string);
      predicates.push((f) => f.name === name);
    } else if ((m = new RegExp(`^fullText contains ${quoted}$`).exec(term))) {
      const needle = unescape(m[1] as string).toLowerCase();
      predicates.push((f) => `${f.name} ${f.content?.toString('utf8') ?? ''}`.toLowerCase().includes(needle));
    } else if ((m = new RegExp(`^mimeType (=|!=) ${quoted}$`).exec(term))) {
      const [op, type] = [m[1], unescape(m[2] as string)];
      predicates.push((f) => (f.mimeType === type) === (op === '='));
    } else if ((m = new RegExp(`^${quoted} in parents$`).exec(term))) {
      const parent = unescape(m[1] as string);
      predicates.push((f) => f.parents.includes(parent));
    } else if ((m = /^trashed = (true|false)$/.exec(term))) {
      const trashed = m[1] === 'true';
      predicates.push((f) => f.trashed === trashed);
    } else {
      return undefined;
    }
  }
  return (file) => predicates.every((p) => p(file));
}

/** A parsed field mask: field name → sub-mask (undefined = whole value). */
export type FieldMask = Map<string, FieldMask | undefined>;

/** Parses masks like `nextPageToken,files(id,name,owners(displayName))`. */
export function parseFieldMask(mask: string): FieldMask {
  let i = 0;
  const parseList = (): FieldMask => {
    const out: FieldMask = new Map();
    while (i < mask.length && mask[i] !== ')') {
      const start = i;
      while (i < mask.length && !',()'.includes(mask[i] as string)) i += 1;
      const name = mask.slice(start, i).trim();
      let sub: FieldMask | undefined;
      if (mask[i] === '(') {
        i += 1;
        sub = parseList();
        i += 1;
      }
      if (name !== '') out.set(name, sub);
      if (mask[i] === ',') i += 1;
    }
    return out;
  };
  return parseList();
}

/** Keeps only the masked fields of a value (arrays are projected element by element). */
export function project(value: unknown, mask: FieldMask | undefined): unknown {
  if (mask === undefined || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => project(item, mask));
  const out: Record<string, unknown> = {};
  for (const [name, sub] of mask) {
    if (name === '*') return value;
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) out[name] = project(field, sub);
  }
  return out;
}
