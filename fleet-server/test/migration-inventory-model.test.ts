/**
 * Migration 0015_inventory_model on a database holding today's inventory (SQLite and PostgreSQL): the database is
 * migrated up to 0014 from a copy of the migration folder without 0015, inventory rows are written as the older
 * server stored them — two on one pole reference, one without a reference — then the repository opens it and
 * applies 0015. Each row becomes a luminaire with its controller's assignment since its commissioning; rows sharing
 * a pole reference share the pole; a row without one gets `P-<device id>`; the inventory rows point at them and
 * still read as before.
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
import { InventoryRepository } from '../src/db/inventory-repository.js';
import { dropPgSchema, migrationsBefore, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const MIGRATION = '0015_inventory_model';


// [device, pole_ref, lat, lon, model, power, installed_at]
const OLD_ROWS: Array<[string, string | null, number, number, string | null, number | null, number]> = [
  ['SRL-0001', 'P-17', 44.8901, 1.2169, 'ECO-36', 36, 1_000_000],
  ['SRL-0002', 'P-17', 44.8901, 1.2169, 'ECO-36', 36, 2_000_000], // a second head on the same pole
  ['SRL-0003', null, 44.8905, 1.2175, null, 50, 3_000_000],
];
const insertSql = (ph: (i: number) => string) =>
  `insert into inventory (device_id, tenant_id, pole_ref, lat, lon, luminaire_model, nominal_power_w, installed_at, updated_at) values (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(ph).join(', ')})`;
const params = ([d, pole, lat, lon, model, w, at]: (typeof OLD_ROWS)[number]) => [d, 'sarlat', pole, lat, lon, model, w, at, at];

async function checkMigrated(repo: DrizzleRepository): Promise<void> {
  const store = new InventoryRepository(repo.adapter);
  const poles = await store.listPoles('sarlat');
  expect(poles.map((p) => [p.id, p.lat, p.lon])).toEqual([['P-17', 44.8901, 1.2169], ['P-SRL-0003', 44.8905, 1.2175]]);
  const lums = await store.luminairesOf('sarlat', ['P-17', 'P-SRL-0003']);
  expect(lums.get('P-17')?.map((l) => [l.id, l.modelId, l.nominalPowerW, l.installedAt])).toEqual([['L-SRL-0001', 'ECO-36', 36, 1_000_000], ['L-SRL-0002', 'ECO-36', 36, 2_000_000]]);
  expect(lums.get('P-SRL-0003')?.map((l) => l.id)).toEqual(['L-SRL-0003']);
  const open = await store.openAssignments(['SRL-0001', 'SRL-0002', 'SRL-0003']);
  expect([...open.values()].map((a) => [a.deviceId, a.poleId, a.luminaireId, a.fromAt]).sort()).toEqual([
    ['SRL-0001', 'P-17', 'L-SRL-0001', 1_000_000], ['SRL-0002', 'P-17', 'L-SRL-0002', 2_000_000], ['SRL-0003', 'P-SRL-0003', 'L-SRL-0003', 3_000_000],
  ]);
  const inv = await repo.listInventory('sarlat');
  expect(inv.map((i) => [i.deviceId, i.poleRef, i.poleId, i.luminaireId, i.retiredAt])).toEqual([
    ['SRL-0001', 'P-17', 'P-17', 'L-SRL-0001', null], ['SRL-0002', 'P-17', 'P-17', 'L-SRL-0002', null], ['SRL-0003', null, 'P-SRL-0003', 'L-SRL-0003', null],
  ]);
}

describe(`migration ${MIGRATION} on an existing inventory`, () => {
  const schema = uniqueSchema();
  afterAll(() => dropPgSchema(schema));

  it('SQLite: a pole per pole reference, a luminaire and an assignment per row', async () => {
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

  it('PostgreSQL: a pole per pole reference, a luminaire and an assignment per row', async () => {
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
