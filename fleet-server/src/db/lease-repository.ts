/**
 * Named leases (table `leases`), timed on the database's clock so that instances whose clocks disagree — or
 * that run on a virtual clock, as in tests and the demo — still agree on who holds a lease and until when.
 *
 * Taking and renewing are the same statement, atomic on both dialects:
 *   INSERT … ON CONFLICT (name) DO UPDATE SET holder = me, expires_at = now + ttl
 *     WHERE leases.expires_at < now OR leases.holder = me  RETURNING …
 * A row comes back only if the lease was free, expired or already ours. Releasing deletes our row only.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';

export interface LeaseState {
  /** True when `holder` (the caller) holds the lease now. */
  held: boolean;
  /** Expiry on the database's clock (ms), when held. */
  expiresAt?: number;
  /** Since when the caller has held it without interruption (database clock, ms), when held. */
  acquiredAt?: number;
}

export class LeaseRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  /** The database's clock in milliseconds since the epoch, as an SQL expression. */
  dbNow(): SQL {
    return this.adapter.dialect === 'postgres'
      ? sql`(extract(epoch from clock_timestamp()) * 1000)::bigint`
      : sql`cast(round((julianday('now') - 2440587.5) * 86400000) as integer)`;
  }

  /** Takes the lease if it is free or expired, or renews it if `holder` holds it; for `ttlMs` from now. */
  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseState> {
    const { leases } = this.t;
    const now = this.dbNow();
    const ttl = Math.round(ttlMs);
    const rows = await this.db.insert(leases)
      .values({ name, holder, expiresAt: sql`${now} + ${sql.raw(String(ttl))}`, acquiredAt: now })
      .onConflictDoUpdate({
        target: leases.name,
        set: {
          holder,
          expiresAt: sql`${now} + ${sql.raw(String(ttl))}`,
          acquiredAt: sql`case when ${leases.holder} = ${holder} then ${leases.acquiredAt} else ${now} end`,
        },
        setWhere: sql`${leases.expiresAt} < ${now} or ${leases.holder} = ${holder}`,
      })
      .returning({ holder: leases.holder, expiresAt: leases.expiresAt, acquiredAt: leases.acquiredAt });
    const row = rows[0];
    if (!row || row.holder !== holder) return { held: false };
    return { held: true, expiresAt: Number(row.expiresAt), acquiredAt: Number(row.acquiredAt) };
  }

  /** Gives the lease up (only if `holder` holds it), so another instance can take it at once. */
  async release(name: string, holder: string): Promise<void> {
    const { leases } = this.t;
    await this.db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
  }

  /** Who holds the lease now (undefined when free or expired). */
  async holder(name: string): Promise<{ holder: string; expiresAt: number } | undefined> {
    const { leases } = this.t;
    const [row] = await this.db.select({ holder: leases.holder, expiresAt: leases.expiresAt }).from(leases)
      .where(and(eq(leases.name, name), sql`${leases.expiresAt} >= ${this.dbNow()}`));
    return row ? { holder: row.holder, expiresAt: Number(row.expiresAt) } : undefined;
  }

  /** An SQL condition true while `holder` holds the lease (fences writes of an instance that lost it). */
  heldBy(name: string, holder: string): SQL {
    const { leases } = this.t;
    return sql`exists (select 1 from ${leases} where ${leases.name} = ${name} and ${leases.holder} = ${holder} and ${leases.expiresAt} >= ${this.dbNow()})`;
  }
}
