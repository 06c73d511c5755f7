/**
 * Queries of the plans area (issue 4): named plans, group settings (decree category, zone, activity
 * hours, assigned plan and priority), extra group memberships, and the tenant's luminaire model
 * catalogue. Built on the same DialectAdapter as the main repository, so it runs on SQLite and PostgreSQL.
 */
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { DialectAdapter, Db, Pending, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type PlanMetaRow = typeof s.planMeta.$inferSelect;
export type GroupSettingsRow = typeof s.groupSettings.$inferSelect;
export type LuminaireModelRow = typeof s.luminaireModels.$inferSelect;
export type PlanVersionRow = typeof s.plans.$inferSelect;

export class PlansRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  // ---- named plans and versions

  async createPlan(tenantId: string, name: string, description: string | null, body: Record<string, unknown>, now: number): Promise<{ id: number; version: number }> {
    const { plans, planMeta } = this.t;
    const [last] = await this.db.select({ id: max(plans.id) }).from(plans).where(eq(plans.tenantId, tenantId));
    const [lastMeta] = await this.db.select({ id: max(planMeta.planId) }).from(planMeta).where(eq(planMeta.tenantId, tenantId));
    const id = Math.max(Number(last?.id ?? 0), Number(lastMeta?.id ?? 0)) + 1;
    await this.adapter.transaction((tx) => [
      tx.insert(planMeta).values({ tenantId, planId: id, name, description, createdAt: now, updatedAt: now }),
      tx.insert(plans).values({ tenantId, id, version: 1, body, createdAt: now }),
    ]);
    return { id, version: 1 };
  }

  async addVersion(tenantId: string, planId: number, body: Record<string, unknown>, now: number): Promise<number> {
    const { plans, planMeta } = this.t;
    const [last] = await this.db.select({ v: max(plans.version) }).from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId)));
    const version = Number(last?.v ?? 0) + 1;
    await this.adapter.transaction((tx) => [
      tx.insert(plans).values({ tenantId, id: planId, version, body, createdAt: now }),
      tx.update(planMeta).set({ updatedAt: now }).where(and(eq(planMeta.tenantId, tenantId), eq(planMeta.planId, planId))),
    ]);
    return version;
  }

  async renamePlan(tenantId: string, planId: number, patch: { name?: string; description?: string | null }, now: number): Promise<void> {
    const { planMeta } = this.t;
    await this.db.update(planMeta).set({ ...patch, updatedAt: now }).where(and(eq(planMeta.tenantId, tenantId), eq(planMeta.planId, planId)));
  }

  async getPlanMeta(tenantId: string, planId: number): Promise<PlanMetaRow | undefined> {
    const { planMeta } = this.t;
    const [row] = await this.db.select().from(planMeta).where(and(eq(planMeta.tenantId, tenantId), eq(planMeta.planId, planId)));
    return row;
  }

  listPlanMeta(tenantId: string): Promise<PlanMetaRow[]> {
    const { planMeta } = this.t;
    return this.db.select().from(planMeta).where(eq(planMeta.tenantId, tenantId)).orderBy(asc(planMeta.planId));
  }

  /** Latest version number of each plan id of a tenant. */
  async latestVersions(tenantId: string): Promise<Map<number, number>> {
    const { plans } = this.t;
    const rows = await this.db.select({ id: plans.id, v: max(plans.version) }).from(plans).where(eq(plans.tenantId, tenantId)).groupBy(plans.id);
    return new Map(rows.map((r) => [Number(r.id), Number(r.v)]));
  }

  async getVersion(tenantId: string, planId: number, version?: number): Promise<PlanVersionRow | undefined> {
    const { plans } = this.t;
    const where = version === undefined ? and(eq(plans.tenantId, tenantId), eq(plans.id, planId)) : and(eq(plans.tenantId, tenantId), eq(plans.id, planId), eq(plans.version, version));
    const [row] = await this.db.select().from(plans).where(where).orderBy(desc(plans.version)).limit(1);
    return row;
  }

  async listVersions(tenantId: string, planId: number): Promise<Array<{ version: number; createdAt: number }>> {
    const { plans } = this.t;
    return this.db.select({ version: plans.version, createdAt: plans.createdAt }).from(plans)
      .where(and(eq(plans.tenantId, tenantId), eq(plans.id, planId))).orderBy(asc(plans.version));
  }

  // ---- groups

  listGroupSettings(tenantId: string): Promise<GroupSettingsRow[]> {
    const { groupSettings } = this.t;
    return this.db.select().from(groupSettings).where(eq(groupSettings.tenantId, tenantId)).orderBy(asc(groupSettings.groupId));
  }

  async getGroupSettings(tenantId: string, groupId: string): Promise<GroupSettingsRow | undefined> {
    const { groupSettings } = this.t;
    const [row] = await this.db.select().from(groupSettings).where(and(eq(groupSettings.tenantId, tenantId), eq(groupSettings.groupId, groupId)));
    return row;
  }

  /** Creates the group if needed and upserts its settings. */
  async putGroupSettings(row: GroupSettingsRow): Promise<void> {
    const { groups, groupSettings } = this.t;
    const { tenantId, groupId, updatedAt, ...rest } = row;
    await this.adapter.transaction((tx) => [
      tx.insert(groups).values({ tenantId, id: groupId, createdAt: updatedAt }).onConflictDoNothing(),
      tx.insert(groupSettings).values(row).onConflictDoUpdate({ target: [groupSettings.tenantId, groupSettings.groupId], set: { ...rest, updatedAt } }),
    ]);
  }

  /** Adds and removes memberships (a light may belong to several groups); creates the group if needed. */
  async editMembers(tenantId: string, groupId: string, add: readonly string[], remove: readonly string[], now: number): Promise<void> {
    const { groups, groupMembers } = this.t;
    await this.adapter.transaction((tx) => {
      const q: Pending[] = [tx.insert(groups).values({ tenantId, id: groupId, createdAt: now }).onConflictDoNothing()];
      for (let i = 0; i < add.length; i += 400) {
        q.push(tx.insert(groupMembers).values(add.slice(i, i + 400).map((deviceId) => ({ tenantId, groupId, deviceId }))).onConflictDoNothing());
      }
      for (let i = 0; i < remove.length; i += 400) {
        q.push(tx.delete(groupMembers).where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId), inArray(groupMembers.deviceId, remove.slice(i, i + 400)))));
      }
      return q;
    });
  }

  // ---- luminaire models

  listModels(tenantId: string): Promise<LuminaireModelRow[]> {
    const { luminaireModels: m } = this.t;
    return this.db.select().from(m).where(eq(m.tenantId, tenantId)).orderBy(asc(m.id));
  }

  async getModel(tenantId: string, id: string): Promise<LuminaireModelRow | undefined> {
    const { luminaireModels: m } = this.t;
    const [row] = await this.db.select().from(m).where(and(eq(m.tenantId, tenantId), eq(m.id, id)));
    return row;
  }

  async putModel(row: typeof s.luminaireModels.$inferInsert): Promise<void> {
    const { luminaireModels: m } = this.t;
    const { tenantId: _t, id: _i, ...rest } = row;
    await this.db.insert(m).values(row).onConflictDoUpdate({ target: [m.tenantId, m.id], set: rest });
  }

  async deleteModel(tenantId: string, id: string): Promise<boolean> {
    const { luminaireModels: m } = this.t;
    const rows = await this.db.delete(m).where(and(eq(m.tenantId, tenantId), eq(m.id, id))).returning({ id: m.id });
    return rows.length > 0;
  }
}
