/**
 * Migration 0006_uplink_order on a database that already holds events (SQLite and PostgreSQL): the database is
 * migrated up to 0005 from a copy of the migration folder without 0006, events are written as the older server
 * stored them — one of them twice, as a redelivery accepted after another instance set the device's seq back —
 * then the repository opens it and applies 0006. The copy stored twice is gone; the same event_seq repeated by
 * a reboot hours later, or of another device, or of the other transition, stays; old rows (no uplink order)
 * never conflict, and new ones are unique per device and uplink order.
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
import { AlarmsRepository } from '../src/db/alarms-repository.js';
import { dropPgSchema, migrationsBefore, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const MIGRATION = '0006_uplink_order';


// Rows as the server before 0006 stored them: [device, event_seq, active, received_at].
const H = 3_600_000;
const OLD_ROWS: Array<[string, number, boolean, number]> = [
  ['d1', 3, true, 1_000_000],
  ['d1', 3, true, 1_000_000 + 20_000], // the same event stored again 20 s later: a redelivery
  ['d1', 3, true, 1_000_000 + 2 * H], // event_seq 3 again after a reboot, 2 h later: another event
  ['d1', 3, false, 1_000_000 + 30_000], // the clear, not a copy
  ['d2', 3, true, 1_000_000 + 10_000], // another device
];
const insertSql = (ph: (i: number) => string) =>
  `insert into device_events (device_id, tenant_id, event_seq, type, active, time, value, detail, received_at) values (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(ph).join(', ')})`;
const params = ([device, eventSeq, active, receivedAt]: [string, number, boolean, number], dialect: 'sqlite' | 'pg') =>
  [device, 'town', eventSeq, 7, dialect === 'sqlite' ? (active ? 1 : 0) : active, 0, 0, 'no valid time', receivedAt];

async function checkMigrated(repo: DrizzleRepository): Promise<void> {
  const d1 = await repo.listEvents('d1', 10);
  expect(d1.map((e) => [e.active, e.receivedAt]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([
    [true, 1_000_000], [false, 1_000_000 + 30_000], [true, 1_000_000 + 2 * H],
  ]);
  expect(await repo.listEvents('d2', 10)).toHaveLength(1);
  expect(d1.every((e) => e.uplinkOrd === 0)).toBe(true);
  // Old rows have no order and never conflict; new rows are unique per device and uplink order.
  const events = new AlarmsRepository(repo.adapter);
  const ev = { deviceId: 'd1', tenantId: 'town', eventSeq: 3, type: 7, active: true, time: 0, value: 0, detail: 'no valid time', receivedAt: 1_000_000 };
  expect((await events.recordEvent({ ...ev, uplinkSeq: 0 })).stored).toBe(true);
  expect((await events.recordEvent({ ...ev, uplinkSeq: 0 })).stored).toBe(true);
  expect((await events.recordEvent({ ...ev, uplinkSeq: 41 })).stored).toBe(true);
  expect((await events.recordEvent({ ...ev, uplinkSeq: 41 })).stored).toBe(false);
  expect(await repo.listEvents('d1', 10)).toHaveLength(6);
}

describe(`migration ${MIGRATION} on existing events`, () => {
  const schema = uniqueSchema();
  afterAll(() => dropPgSchema(schema));

  it('SQLite: removes the copies stored twice, keeps the rest', async () => {
    const file = path.join(tempDir('migr-db-'), 'fleet.sqlite');
    const client = new Database(file);
    migrateSqlite(drizzleSqlite(client), { migrationsFolder: migrationsBefore('sqlite', MIGRATION) });
    const insert = client.prepare(insertSql(() => '?'));
    for (const r of OLD_ROWS) insert.run(...params(r, 'sqlite'));
    client.close();
    const repo = openSqlite(file);
    try {
      await checkMigrated(repo);
    } finally {
      await repo.close();
    }
  });

  it('PostgreSQL: removes the copies stored twice, keeps the rest', async () => {
    const pool = new pg.Pool({ connectionString: TEST_PG_URL, max: 2, options: `-c search_path=${schema}` });
    try {
      await pool.query(`create schema if not exists "${schema}"`);
      await migratePg(drizzlePg(pool), { migrationsFolder: migrationsBefore('pg', MIGRATION), migrationsSchema: schema });
      for (const r of OLD_ROWS) await pool.query(insertSql((i) => `$${i}`), params(r, 'pg'));
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
