/**
 * A town's calendar data (issue 16): its calendar settings (Alsace-Moselle public holidays) and the school
 * holiday periods imported from the ministry's dataset. SQLite and PostgreSQL through the DialectAdapter.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type { CalendarData, SchoolPeriod, SchoolZone } from '../plans/calendar.js';

export interface CalendarSettings { alsaceMoselle: boolean; schoolImportedAt: number | null; schoolSource: string | null }

export class CalendarRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  async settings(tenantId: string): Promise<CalendarSettings> {
    const { calendarSettings: c } = this.t;
    const [row] = await this.db.select().from(c).where(eq(c.tenantId, tenantId));
    return { alsaceMoselle: row?.alsaceMoselle ?? false, schoolImportedAt: row?.schoolImportedAt ?? null, schoolSource: row?.schoolSource ?? null };
  }

  async putSettings(tenantId: string, patch: { alsaceMoselle: boolean }, now: number): Promise<void> {
    const { calendarSettings: c } = this.t;
    await this.db.insert(c).values({ tenantId, alsaceMoselle: patch.alsaceMoselle, updatedAt: now })
      .onConflictDoUpdate({ target: c.tenantId, set: { alsaceMoselle: patch.alsaceMoselle, updatedAt: now } });
  }

  async schoolPeriods(tenantId: string): Promise<SchoolPeriod[]> {
    const { schoolHolidays: h } = this.t;
    const rows = await this.db.select().from(h).where(eq(h.tenantId, tenantId)).orderBy(asc(h.zone), asc(h.startDate));
    return rows.map((r) => ({ zone: r.zone as SchoolZone, description: r.description, start: r.startDate, end: r.endDate, schoolYear: r.schoolYear }));
  }

  /**
   * Replaces the periods of the school years the import covers (a file of 2026-2027 keeps 2025-2026), in one
   * transaction, and records when and from what the import came.
   */
  async importSchool(tenantId: string, periods: readonly SchoolPeriod[], source: string, now: number): Promise<void> {
    const { schoolHolidays: h, calendarSettings: c } = this.t;
    const years = [...new Set(periods.map((p) => p.schoolYear))];
    const current = await this.settings(tenantId);
    await this.adapter.transaction((tx) => [
      ...years.map((y) => tx.delete(h).where(and(eq(h.tenantId, tenantId), eq(h.schoolYear, y)))),
      ...(periods.length ? [tx.insert(h).values(periods.map((p) => ({ tenantId, zone: p.zone, startDate: p.start, endDate: p.end, description: p.description, schoolYear: p.schoolYear })))] : []),
      tx.insert(c).values({ tenantId, alsaceMoselle: current.alsaceMoselle, schoolImportedAt: now, schoolSource: source, updatedAt: now })
        .onConflictDoUpdate({ target: c.tenantId, set: { schoolImportedAt: now, schoolSource: source, updatedAt: now } }),
    ]);
  }

  async data(tenantId: string): Promise<CalendarData> {
    const [s, school] = await Promise.all([this.settings(tenantId), this.schoolPeriods(tenantId)]);
    return { alsaceMoselle: s.alsaceMoselle, school };
  }
}
