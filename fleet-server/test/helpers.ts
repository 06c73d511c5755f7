import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { authedInject, type Inject } from '../src/testing.js';

/** PostgreSQL used by the tests (trust auth on this machine); override with TEST_DATABASE_URL. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export function tempDir(prefix = 'fleet-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A schema name unique to this run, for PostgreSQL tests; drop it with dropPgSchema. */
export function uniqueSchema(): string {
  return `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export async function dropPgSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

/** Occupies a free port on 127.0.0.1 and returns it with a release function. */
export async function occupyPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return { port, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * Polls `check` until it returns a truthy value or `timeoutMs` (real time) passes; then fails naming `what` and,
 * when given, what `seen()` says of the state it waited on. The default limit is generous (a loaded machine):
 * the wait ends as soon as the condition holds.
 */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 30_000, what = 'condition', seen?: () => unknown): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) {
      const state = seen ? `; saw ${JSON.stringify(await seen())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${state}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * An app on a fresh SQLite data directory at the fixed time `now`, with the towns `sarlat` and `domme` created by
 * a platform admin (`admin`), for the issue 15 route tests (commissioning, import, exports).
 */
export async function twoTownsApp(now: number): Promise<{ app: FastifyInstance; admin: Inject; as: (tenant: string, role: 'viewer' | 'installer' | 'manager' | 'admin') => Promise<Inject> }> {
  const app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => now });
  const admin = await authedInject(app);
  for (const t of ['sarlat', 'domme']) {
    const r = await admin({ method: 'POST', url: '/api/tenants', payload: { id: t, name: t } });
    if (r.statusCode !== 200) throw new Error(`town ${t}: ${r.statusCode} ${r.body}`);
  }
  return { app, admin, as: (tenant, role) => authedInject(app, { tenant, role }) };
}

/** mulberry32: a small seeded generator, so a failure can be replayed (tests print their seed). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows of a raw query on either dialect, comparable: numbers as numbers (PostgreSQL bigints come as strings), booleans as 0/1. */
export async function sqlRows(repo: DrizzleRepository, text: string): Promise<Array<Record<string, unknown>>> {
  const q = sql.raw(text);
  const got = repo.dialect === 'sqlite'
    ? (repo.adapter.db as unknown as { all(q: unknown): Array<Record<string, unknown>> }).all(q)
    : (await (repo.adapter.db as unknown as { execute(q: unknown): Promise<{ rows: Array<Record<string, unknown>> }> }).execute(q)).rows;
  return got.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : typeof v === 'boolean' ? Number(v) : v])));
}

/** A copy of the migration folder `drizzle/<dialect>` whose journal stops before `tag`: a database as it was before it. */
export function migrationsBefore(dialect: 'sqlite' | 'pg', tag: string): string {
  const dir = path.join(tempDir('migr-'), dialect);
  fs.cpSync(path.join(DRIZZLE_DIR, dialect), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at <= 0) throw new Error(`migration ${tag} is not in ${dialect}'s journal (or is the first)`);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}
const DRIZZLE_DIR = fileURLToPath(new URL('../drizzle', import.meta.url));
