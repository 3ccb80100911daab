/** Connection ids for imported servers: the client's name, sanitised to `[a-z][a-z0-9-]{0,23}`, collisions numbered. */

const MAX = 24;

/** Ids that never go to an imported server (Hallpass' own tools are `hallpass__…`). */
const RESERVED = new Set(['hallpass']);

/** `My Server.v2` → `my-server-v2`; `42` → `s-42`. */
export function sanitizeConnectionId(name: string): string {
  let id = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!/^[a-z]/.test(id)) id = `s-${id}`.replace(/-+$/, '');
  return id.slice(0, MAX).replace(/-+$/, '');
}

/** Hands out unique ids: sanitised names, numbered `-2`, `-3`… when taken. */
export function idAllocator(taken: Iterable<string>): (name: string) => string {
  const used = new Set([...taken, ...RESERVED]);
  return (name) => {
    const base = sanitizeConnectionId(name);
    let id = base;
    for (let n = 2; used.has(id); n += 1) {
      const suffix = `-${n}`;
      id = `${base.slice(0, MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    used.add(id);
    return id;
  };
}
