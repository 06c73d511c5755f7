/**
 * Migration 0016_downlinks_fire_and_forget (issue 14, downlink bookkeeping) on a database the older server filled: the
 * database is migrated up to 0015 from a copy of the migration folder without 0016, then given the rows the older
 * server wrote — an EnergyAck and a TimeSync per frame (`ack_status` none) beside configs and commands (pending, acked)
 * — and the repository opens it and applies 0016: the EnergyAck and TimeSync rows are gone, the others untouched.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { dropPgSchema, migrationsBefore, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const MIGRATION = '0016_downlinks_fire_and_forget';


// [device, seq, kind, summary, ack_status]
const OLD_ROWS: Array<[string, number, string, string, string]> = [
  ['SRL-1', 1, 'time_sync', 'uplink 1', 'none'],
  ['SRL-1', 2, 'config', 'config:1', 'ok'],
  ['SRL-1', 3, 'energy_ack', 'acked 4', 'none'],
  ['SRL-1', 4, 'energy_ack', 'acked 8', 'none'],
  ['SRL-1', 5, 'set_override', 'override:1', 'pending'],
  ['SRL-2', 1, 'time_sync', 'uplink 1', 'none'],
  ['SRL-2', 2, 'plan', 'plan:1:1', 'rejected'],
];
const insertSql = (ph: (i: number) => string) =>
  `insert into downlinks (device_id, seq, tenant_id, kind, summary, sent_at, ack_status) values (${[1, 2, 3, 4, 5, 6, 7].map(ph).join(', ')})`;
const params = ([d, seq, kind, summary, ack]: (typeof OLD_ROWS)[number]) => [d, seq, 'sarlat', kind, summary, 1_000_000 + seq, ack];

async function checkMigrated(repo: DrizzleRepository): Promise<void> {
  const kinds = async (id: string) => (await repo.listDownlinks(id, 50)).map((d) => [d.seq, d.kind, d.ackStatus]);
  expect(await kinds('SRL-1')).toEqual([[5, 'set_override', 'pending'], [2, 'config', 'ok']]);
  expect(await kinds('SRL-2')).toEqual([[2, 'plan', 'rejected']]);
}

describe(`migration ${MIGRATION}`, () => {
  const schema = uniqueSchema();
  afterAll(() => dropPgSchema(schema));

  it('SQLite: the EnergyAck and TimeSync rows go, the acknowledged downlinks stay', async () => {
    const file = path.join(tempDir('migr-db-'), 'fleet.sqlite');
    const client = new Database(file);
    migrateSqlite(drizzleSqlite(client), { migrationsFolder: migrationsBefore('sqlite', MIGRATION) });
    const insert = client.prepare(insertSql(() => '?'));
    for (const r of OLD_ROWS) insert.run(...params(r));
    client.close();
    const repo = openSqlite(file);
    try {
      await checkMigrated(repo);
    } finally {
      await repo.close();
    }
  });

  it('PostgreSQL: the EnergyAck and TimeSync rows go, the acknowledged downlinks stay', async () => {
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 2, options: `-c search_path=${schema}` });
    try {
      await pool.query(`create schema if not exists "${schema}"`);
      await migratePg(drizzlePg(pool), { migrationsFolder: migrationsBefore('pg', MIGRATION), migrationsSchema: schema });
      for (const r of OLD_ROWS) await pool.query(insertSql((i) => `$${i}`), params(r));
    } finally {
      await pool.end();
    }
    const repo = await openPostgres(TEST_PG_URL, schema);
    try {
      await checkMigrated(repo);
    } finally {
      await repo.close();
    }
  });
});
