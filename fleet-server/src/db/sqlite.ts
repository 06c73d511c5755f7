/** SQLite adapter: better-sqlite3 in WAL mode, migrations from drizzle/sqlite applied on open. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database, { type Statement } from 'better-sqlite3';
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
  cachePreparedStatements(client);
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

/** Statements kept for reuse (distinct statement texts the server runs: well under a hundred). */
const STATEMENT_CACHE = 500;

/**
 * Drizzle prepares every statement it runs, and SQLite parsing and planning the same text again each time was
 * an eighth of the ingest cost (one energy frame is about fifteen statements). The client keeps prepared
 * statements by text and hands them out again. Drizzle reads some rows in raw mode (`stmt.raw()`) and runs a
 * statement right after preparing it, never holding one: a reused reader is set back to object rows, and a
 * statement still iterating (`busy`) is not reused.
 */
function cachePreparedStatements(client: Database.Database): void {
  const prepare = client.prepare.bind(client) as (source: string) => Statement;
  const cache = new Map<string, Statement>();
  client.prepare = ((source: string): Statement => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      if (hit.reader) hit.raw(false);
      return hit;
    }
    const st = prepare(source);
    if (!hit) {
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(source, st);
    }
    return st;
  }) as typeof client.prepare;
}
