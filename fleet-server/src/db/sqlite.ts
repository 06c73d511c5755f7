/** SQLite adapter: better-sqlite3 in WAL mode, migrations from drizzle/sqlite applied on open. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.sqlite.js';
import { DrizzleRepository, type DialectAdapter, type Pending } from './drizzle-repository.js';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle/sqlite', import.meta.url));

/** Opens (creating if needed) the SQLite database at `file` (or `:memory:`) and migrates it. */
export function openSqlite(file: string): DrizzleRepository {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = new Database(file);
  // WAL: readers never block the writer; NORMAL sync is durable across process crashes in WAL mode
  // (https://www.sqlite.org/pragma.html#pragma_synchronous).
  client.pragma('journal_mode = WAL');
  client.pragma('synchronous = NORMAL');
  client.pragma('busy_timeout = 5000');
  const db = drizzle(client, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  const adapter: DialectAdapter = {
    dialect: 'sqlite',
    db,
    tables: schema,
    // better-sqlite3 transactions are synchronous: run each built query with `.run()` inside one.
    transaction: async (build) => {
      db.transaction((tx) => {
        for (const q of build(tx) as Array<Pending & { run(): unknown }>) q.run();
      });
    },
    ping: async () => { client.prepare('select 1').get(); },
    close: async () => { if (client.open) client.close(); },
  };
  return new DrizzleRepository(adapter);
}
