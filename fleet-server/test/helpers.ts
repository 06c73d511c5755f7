import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { build } from '../src/app.js';
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
