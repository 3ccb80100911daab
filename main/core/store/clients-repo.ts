/** The clients table: agent applications and the sha256 of their tokens (never the tokens). */
import type { Client } from '../model.ts';
import type { Store } from './store-types.ts';
import { clientSchema } from './row-schemas.ts';
import { checked, write, type SqlRow, type StoreContext } from './store-rows.ts';

const COLUMNS = 'id, name, token_hash AS tokenHash, created_at AS createdAt';

/** Builds `store.clients` over prepared statements. */
export function clientsRepo(ctx: StoreContext): Store['clients'] {
  const { db } = ctx;
  const insert = db.prepare('INSERT INTO clients (id, name, token_hash, created_at) VALUES (?, ?, ?, ?)');
  const all = db.prepare(`SELECT ${COLUMNS} FROM clients ORDER BY created_at, rowid`);
  const byTokenHash = db.prepare(`SELECT ${COLUMNS} FROM clients WHERE token_hash = ?`);
  const byName = db.prepare(`SELECT ${COLUMNS} FROM clients WHERE name = ?`);
  const removeById = db.prepare('DELETE FROM clients WHERE id = ?');
  const removeByName = db.prepare('DELETE FROM clients WHERE name = ?');
  // STRICT columns already guarantee the scalar types; this only drops the null prototype.
  const toClient = (row: SqlRow | undefined): Client | undefined => (row ? ({ ...row } as unknown as Client) : undefined);

  return {
    add(client) {
      const c = checked(ctx, 'clients', client.id, clientSchema, client);
      write(ctx, 'clients', c.id, () => insert.run(c.id, c.name, c.tokenHash, c.createdAt));
    },
    list: () => all.all().map((row) => toClient(row) as Client),
    byTokenHash: (hash) => toClient(byTokenHash.get(hash)),
    byName: (name) => toClient(byName.get(name)),
    remove(idOrName) {
      // An id wins over a name, so a client named like another's id cannot shadow it.
      if (removeById.run(idOrName).changes > 0) return true;
      return removeByName.run(idOrName).changes > 0;
    },
  };
}
