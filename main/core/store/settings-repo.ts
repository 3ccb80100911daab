/** The settings table: plain string key/value pairs. */
import type { Store } from './store-types.ts';
import type { StoreContext } from './store-rows.ts';

/** Builds `store.settings` over prepared statements. */
export function settingsRepo({ db }: StoreContext): Store['settings'] {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => (get.get(key) as { value: string } | undefined)?.value,
    set(key, value) {
      set.run(key, value);
    },
  };
}
