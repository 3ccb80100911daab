/** The connections table: one JSON config per connection, checked on write and on read. */
import type { ConnectionConfig } from '../model.ts';
import type { Store } from './store-types.ts';
import { connectionConfigSchema } from './row-schemas.ts';
import { StoreDataError } from './store-errors.ts';
import { checked, parseJsonColumn, type SqlRow, type StoreContext } from './store-rows.ts';

/** Builds `store.connections` over prepared statements. */
export function connectionsRepo(ctx: StoreContext): Store['connections'] {
  const { db } = ctx;
  // SECURITY: env values of stdio servers live in this JSON for now; the file is owner-only (0600).
  const put = db.prepare('INSERT INTO connections (id, config) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config');
  const all = db.prepare('SELECT id, config FROM connections ORDER BY id');
  const get = db.prepare('SELECT id, config FROM connections WHERE id = ?');
  const remove = db.prepare('DELETE FROM connections WHERE id = ?');
  const read = (row: SqlRow): ConnectionConfig => {
    const id = String(row.id);
    const config = checked(ctx, 'connections', id, connectionConfigSchema, parseJsonColumn(ctx, 'connections', id, 'config', row.config));
    if (config.id !== id) throw new StoreDataError(ctx.file, 'connections', id, `holds the config of "${config.id}"`);
    return config;
  };

  return {
    put(config) {
      const c = checked(ctx, 'connections', String(config.id), connectionConfigSchema, config);
      put.run(c.id, JSON.stringify(c));
    },
    list: () => all.all().map(read),
    get(id) {
      const row = get.get(id);
      return row ? read(row) : undefined;
    },
    remove: (id) => remove.run(id).changes > 0,
  };
}
