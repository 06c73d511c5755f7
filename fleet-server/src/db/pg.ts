/** PostgreSQL adapter: node-postgres pool, tables in a configurable schema, migrations from drizzle/pg. */
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.pg.js';
import type * as sqliteSchema from './schema.sqlite.js';
import { DrizzleRepository, type Db, type DialectAdapter } from './drizzle-repository.js';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle/pg', import.meta.url));

const quoteIdent = (id: string): string => `"${id.replace(/"/g, '""')}"`;

/**
 * Connects, creates `schemaName` if missing, points every pooled connection's search_path at it and
 * migrates. The migration journal lives in the same schema, so a schema is self-contained (tests drop it).
 */
export async function openPostgres(url: string, schemaName = 'public'): Promise<DrizzleRepository> {
  // jit = off for every connection (issue 14): this server runs short OLTP statements and bounded reads; the only
  // statements whose estimated cost reaches jit_above_cost (100,000) are whole-town reads (a count or the facets of
  // 100,000 lights, a report over the per-device rollups), and for those compiling took 0.3–4.6 s, longer than
  // running them. Set per query, it needed a transaction per read (BEGIN, SET LOCAL, COMMIT: three more round trips).
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schemaName} -c jit=off` });
  try {
    await pool.query(`create schema if not exists ${quoteIdent(schemaName)}`);
    const pgDb = drizzle(pool, { schema });
    await migrate(pgDb, { migrationsFolder: MIGRATIONS, migrationsSchema: schemaName });
    // schema.pg.ts mirrors schema.sqlite.ts with identical row types, so the repository is written once
    // against the SQLite-typed builders (see drizzle-repository.ts).
    const db = pgDb as unknown as Db;
    const adapter: DialectAdapter = {
      dialect: 'postgres',
      db,
      tables: schema as unknown as typeof sqliteSchema,
      transaction: async (build) => {
        await pgDb.transaction(async (tx) => {
          for (const q of build(tx as unknown as Db)) await q;
        });
      },
      ping: async () => { await pool.query('select 1'); },
      close: async () => { await pool.end(); },
    };
    return new DrizzleRepository(adapter);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}
