/**
 * Issue 14: what the ingest batches are written with (energy-batch.ts, state-batch.ts): on SQLite prepared multi-row
 * `VALUES` lists of a few sizes; on PostgreSQL array literals for `UNNEST`, and the batch's transaction.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as pgSchema from '../db/schema.pg.js';
import type { Db } from '../db/drizzle-repository.js';

/** Rows per multi-row statement at most (SQLite binds at most 32,766 values: 256 records of 12 columns fit). */
export const CHUNK = 256;

/**
 * A multi-row statement run over flat values: chunks of CHUNK rows, then the rest in statements of the powers of two
 * it is made of (a batch of 50 rows: 32 + 16 + 2), each size prepared once — a few statements per table and batch,
 * and few sizes to prepare (a statement of hundreds of placeholders takes about a millisecond to prepare).
 */
export class MultiRow {
  private readonly stmts = new Map<number, Database.Statement>();
  constructor(private readonly db: Database.Database, private readonly head: string, private readonly cols: number, private readonly tail: string, private readonly returning: boolean) {}

  /** Runs `rows` rows whose values are `values` (rows × cols, in column order); returns the rows RETURNING gave. */
  run(values: readonly unknown[], rows: number): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < rows;) {
      const left = rows - i;
      const size = left >= CHUNK ? CHUNK : 2 ** Math.floor(Math.log2(left));
      const st = this.stmt(size);
      const args = size === rows ? values : values.slice(i * this.cols, (i + size) * this.cols);
      if (this.returning) for (const r of st.all(args)) out.push(r);
      else st.run(args);
      i += size;
    }
    return out;
  }

  private stmt(n: number): Database.Statement {
    let st = this.stmts.get(n);
    if (!st) {
      const row = `(${Array.from({ length: this.cols }, () => '?').join(', ')})`;
      st = this.db.prepare(`${this.head} values ${Array.from({ length: n }, () => row).join(', ')} ${this.tail}`);
      this.stmts.set(n, st);
    }
    return st;
  }
}

/**
 * PostgreSQL array literals, built here rather than by node-postgres's generic conversion (a batch of 32-record
 * frames passes tens of thousands of values): numbers as they print, text quoted and escaped, null as NULL.
 */
export function pgArray(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    if (i) out += ',';
    const v = values[i];
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v === 'number' || typeof v === 'boolean') out += String(v);
    else out += `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  }
  return `${out}}`;
}

/** PostgreSQL errors worth running the same transaction again for: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

/** The drizzle instance of each pooled connection, for statements of a batch that go through the repositories. */
const drizzleOf = new WeakMap<pg.PoolClient, Db>();

/** drizzle on `client` (the transaction's connection), made once per connection. */
export function drizzleOn(client: pg.PoolClient): Db {
  let db = drizzleOf.get(client);
  if (!db) drizzleOf.set(client, db = drizzle(client, { schema: pgSchema }) as unknown as Db);
  return db;
}

/**
 * Runs `fn` in one transaction on a connection of `pool` (BEGIN … COMMIT, ROLLBACK on a failure), again up to
 * `attempts` times in all when PostgreSQL chose it as a deadlock victim or failed it on serialization. A connection
 * whose ROLLBACK failed is not returned to the pool.
 */
export async function pgTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('begin');
      const out = await fn(client);
      await client.query('commit');
      return out;
    } catch (err) {
      await client.query('rollback').catch(() => { broken = true; });
      if (attempt < attempts && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
