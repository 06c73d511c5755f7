/**
 * Queries of the alarms area (issue 5): one row per alarm occurrence; at most one not-cleared alarm per
 * (device, type). Built on the same DialectAdapter as the main repository (SQLite and PostgreSQL).
 */
import { and, count, desc, eq, gte, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type AlarmRow = typeof s.alarms.$inferSelect;
export type NewAlarm = typeof s.alarms.$inferInsert;
export type AlarmState = 'open' | 'acknowledged' | 'cleared';

export interface AlarmFilter {
  tenantId: string;
  states?: readonly AlarmState[] | undefined;
  deviceId?: string | undefined;
  types?: readonly string[] | undefined;
  severity?: string | undefined;
  /** Raised at or after (ms). */
  since?: number | undefined;
  /** Page: alarms with id below this (newest first). */
  beforeId?: number | undefined;
  limit: number;
}

export class AlarmsRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  /** The alarm of (device, type) that is not cleared yet, if any. */
  async active(deviceId: string, type: string): Promise<AlarmRow | undefined> {
    const { alarms: a } = this.t;
    const [row] = await this.db.select().from(a).where(and(eq(a.deviceId, deviceId), eq(a.type, type), ne(a.state, 'cleared'))).orderBy(desc(a.id)).limit(1);
    return row;
  }

  async insert(row: NewAlarm): Promise<AlarmRow> {
    const [out] = await this.db.insert(this.t.alarms).values(row).returning();
    if (!out) throw new Error('alarm insert returned nothing');
    return out;
  }

  async update(id: number, patch: Partial<Omit<AlarmRow, 'id' | 'tenantId' | 'deviceId' | 'type'>>): Promise<void> {
    await this.db.update(this.t.alarms).set(patch).where(eq(this.t.alarms.id, id));
  }

  async get(tenantId: string, id: number): Promise<AlarmRow | undefined> {
    const { alarms: a } = this.t;
    const [row] = await this.db.select().from(a).where(and(eq(a.tenantId, tenantId), eq(a.id, id)));
    return row;
  }

  private where(f: Omit<AlarmFilter, 'limit' | 'beforeId'>): SQL | undefined {
    const { alarms: a } = this.t;
    const w: SQL[] = [eq(a.tenantId, f.tenantId)];
    if (f.states?.length) w.push(inArray(a.state, [...f.states]));
    if (f.deviceId) w.push(eq(a.deviceId, f.deviceId));
    if (f.types?.length) w.push(inArray(a.type, [...f.types]));
    if (f.severity) w.push(eq(a.severity, f.severity));
    if (f.since !== undefined) w.push(gte(a.raisedAt, f.since));
    return and(...w);
  }

  list(f: AlarmFilter): Promise<AlarmRow[]> {
    const { alarms: a } = this.t;
    const w = this.where(f);
    return this.db.select().from(a).where(f.beforeId !== undefined ? and(w, lt(a.id, f.beforeId)) : w).orderBy(desc(a.id)).limit(f.limit);
  }

  /** Counts per state for a tenant (the alarm list's summary). */
  async counts(tenantId: string): Promise<Record<AlarmState, number>> {
    const { alarms: a } = this.t;
    const rows = await this.db.select({ state: a.state, n: count() }).from(a).where(eq(a.tenantId, tenantId)).groupBy(a.state);
    const out: Record<AlarmState, number> = { open: 0, acknowledged: 0, cleared: 0 };
    for (const r of rows) if (r.state in out) out[r.state as AlarmState] = Number(r.n);
    return out;
  }
}
