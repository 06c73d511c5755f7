/**
 * Issue 17, frugal learning: the last learnt traffic profile of each controller (`TrafficProfile`), table
 * `traffic_profiles`. SQLite and PostgreSQL through the DialectAdapter.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';

export type TrafficProfileRow = Tables['trafficProfiles']['$inferSelect'];

export class TrafficProfileRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  /** Replaces the controller's profile; one sent before the stored one (`sentAt`: a redelivery) is kept out. */
  async put(row: TrafficProfileRow): Promise<boolean> {
    const { trafficProfiles: p } = this.t;
    const [current] = await this.db.select({ sentAt: p.sentAt }).from(p).where(eq(p.deviceId, row.deviceId));
    if (current && row.sentAt > 0 && current.sentAt > row.sentAt) return false;
    const { deviceId: _id, ...set } = row;
    await this.db.insert(p).values(row).onConflictDoUpdate({ target: p.deviceId, set });
    return true;
  }

  async get(tenantId: string, deviceId: string): Promise<TrafficProfileRow | undefined> {
    const { trafficProfiles: p } = this.t;
    const [row] = await this.db.select().from(p).where(and(eq(p.tenantId, tenantId), eq(p.deviceId, deviceId)));
    return row;
  }

  /** The profiles of these devices of the town (a street's members), in device order. */
  async ofDevices(tenantId: string, deviceIds: readonly string[]): Promise<TrafficProfileRow[]> {
    const { trafficProfiles: p } = this.t;
    if (deviceIds.length === 0) return [];
    const rows: TrafficProfileRow[] = [];
    // Chunks of 500 ids: well inside SQLite's and PostgreSQL's bound-parameter limits for a street of any size.
    for (let i = 0; i < deviceIds.length; i += 500) {
      rows.push(...await this.db.select().from(p)
        .where(and(eq(p.tenantId, tenantId), inArray(p.deviceId, deviceIds.slice(i, i + 500)))).orderBy(asc(p.deviceId)));
    }
    return rows;
  }
}
