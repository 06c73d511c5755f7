/**
 * Issue 17: the last `LuminaireReport` of each controller (what its DALI-2 / D4i driver says of the luminaire, and
 * the driver's latest energy and diagnostics), table `luminaire_d4i`. SQLite and PostgreSQL through the DialectAdapter.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';

export type LuminaireD4iRow = Tables['luminaireD4i']['$inferSelect'];

export class LuminaireD4iRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  /** Replaces the controller's report (a report older than the stored one, by `readAt`, is kept out: redelivery). */
  async put(row: LuminaireD4iRow): Promise<boolean> {
    const { luminaireD4i: d } = this.t;
    const [current] = await this.db.select({ readAt: d.readAt, receivedAt: d.receivedAt }).from(d).where(eq(d.deviceId, row.deviceId));
    if (current && row.readAt !== null && current.readAt !== null && row.readAt < current.readAt) return false;
    const { deviceId: _id, ...set } = row;
    await this.db.insert(d).values(row).onConflictDoUpdate({ target: d.deviceId, set });
    return true;
  }

  async get(tenantId: string, deviceId: string): Promise<LuminaireD4iRow | undefined> {
    const { luminaireD4i: d } = this.t;
    const [row] = await this.db.select().from(d).where(and(eq(d.tenantId, tenantId), eq(d.deviceId, deviceId)));
    return row;
  }

  /** The town's reports by device id (`deviceIds`: only those). */
  async byDevice(tenantId: string, deviceIds?: readonly string[]): Promise<Map<string, LuminaireD4iRow>> {
    const { luminaireD4i: d } = this.t;
    if (deviceIds && deviceIds.length === 0) return new Map();
    const where = deviceIds ? and(eq(d.tenantId, tenantId), inArray(d.deviceId, [...deviceIds])) : eq(d.tenantId, tenantId);
    const rows = await this.db.select().from(d).where(where).orderBy(asc(d.deviceId));
    return new Map(rows.map((r) => [r.deviceId, r]));
  }
}
