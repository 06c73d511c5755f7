/**
 * The inventory's model (migration 0015): cabinets and their circuits, poles, luminaires on poles, and which
 * controller served which luminaire from when to when (`controller_assignments`).
 *
 * `inventory` stays what the reads join (device list, map, energy baselines and per-town rollup triggers, plans,
 * exports): one row per controller ever commissioned, its current pole and luminaire copied in, `retired_at` set
 * once it stops serving. Commissioning writes both in one transaction (DrizzleRepository.commission); the
 * model is the history, `inventory` the present (docs/architecture.md, "The inventory").
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DialectAdapter, Db, Pending, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type CabinetRow = typeof s.cabinets.$inferSelect;
export type CircuitRow = typeof s.circuits.$inferSelect;
export type PoleRow = typeof s.poles.$inferSelect;
export type LuminaireRow = typeof s.luminaires.$inferSelect;
export type AssignmentRow = typeof s.controllerAssignments.$inferSelect;

/** Why a controller stopped serving its luminaire. */
export type EndReason = 'replaced' | 'decommissioned' | 'pole_decommissioned' | 'moved';

export class InventoryRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  // ---- cabinets and circuits

  listCabinets(tenantId: string, withDecommissioned = false): Promise<CabinetRow[]> {
    const { cabinets: c } = this.t;
    return this.db.select().from(c).where(and(eq(c.tenantId, tenantId), withDecommissioned ? undefined : isNull(c.decommissionedAt))).orderBy(asc(c.id));
  }

  async getCabinet(tenantId: string, id: string): Promise<CabinetRow | undefined> {
    const { cabinets: c } = this.t;
    const [row] = await this.db.select().from(c).where(and(eq(c.tenantId, tenantId), eq(c.id, id)));
    return row;
  }

  async putCabinet(row: CabinetRow): Promise<void> {
    const { cabinets: c } = this.t;
    const { tenantId: _t, id: _i, createdAt: _c, ...rest } = row;
    await this.db.insert(c).values(row).onConflictDoUpdate({ target: [c.tenantId, c.id], set: rest });
  }

  listCircuits(tenantId: string, cabinetId?: string): Promise<CircuitRow[]> {
    const { circuits: c } = this.t;
    return this.db.select().from(c).where(and(eq(c.tenantId, tenantId), cabinetId === undefined ? undefined : eq(c.cabinetId, cabinetId)))
      .orderBy(asc(c.cabinetId), asc(c.id));
  }

  async getCircuit(tenantId: string, cabinetId: string, id: string): Promise<CircuitRow | undefined> {
    const { circuits: c } = this.t;
    const [row] = await this.db.select().from(c).where(and(eq(c.tenantId, tenantId), eq(c.cabinetId, cabinetId), eq(c.id, id)));
    return row;
  }

  async putCircuit(row: CircuitRow): Promise<void> {
    const { circuits: c } = this.t;
    await this.db.insert(c).values(row).onConflictDoUpdate({ target: [c.tenantId, c.cabinetId, c.id], set: { name: row.name, updatedAt: row.updatedAt } });
  }

  /** Deletes a circuit no pole uses; false when it is absent, or used (`inUse` then counts the poles). */
  async deleteCircuit(tenantId: string, cabinetId: string, id: string): Promise<{ deleted: boolean; inUse: number }> {
    const { circuits: c, poles: p } = this.t;
    const [used] = await this.db.select({ n: sql<number>`count(*)` }).from(p)
      .where(and(eq(p.tenantId, tenantId), eq(p.cabinetId, cabinetId), eq(p.circuitId, id), isNull(p.decommissionedAt)));
    const inUse = Number(used?.n ?? 0);
    if (inUse > 0) return { deleted: false, inUse };
    const rows = await this.db.delete(c).where(and(eq(c.tenantId, tenantId), eq(c.cabinetId, cabinetId), eq(c.id, id))).returning({ id: c.id });
    return { deleted: rows.length > 0, inUse: 0 };
  }

  /** Poles (in service) per cabinet and circuit of a tenant. */
  async poleCounts(tenantId: string): Promise<Map<string, number>> {
    const { poles: p } = this.t;
    const rows = await this.db.select({ cabinetId: p.cabinetId, circuitId: p.circuitId, n: sql<number>`count(*)` }).from(p)
      .where(and(eq(p.tenantId, tenantId), isNull(p.decommissionedAt))).groupBy(p.cabinetId, p.circuitId);
    const out = new Map<string, number>();
    for (const r of rows) {
      if (r.cabinetId === null) continue;
      out.set(r.cabinetId, (out.get(r.cabinetId) ?? 0) + Number(r.n));
      if (r.circuitId !== null) out.set(`${r.cabinetId}/${r.circuitId}`, Number(r.n));
    }
    return out;
  }

  // ---- poles and luminaires

  listPoles(tenantId: string, f: { cabinetId?: string | undefined; circuitId?: string | undefined; withDecommissioned?: boolean } = {}): Promise<PoleRow[]> {
    const { poles: p } = this.t;
    return this.db.select().from(p).where(and(
      eq(p.tenantId, tenantId),
      f.withDecommissioned ? undefined : isNull(p.decommissionedAt),
      f.cabinetId === undefined ? undefined : eq(p.cabinetId, f.cabinetId),
      f.circuitId === undefined ? undefined : eq(p.circuitId, f.circuitId),
    )).orderBy(asc(p.id));
  }

  async getPole(tenantId: string, id: string): Promise<PoleRow | undefined> {
    const { poles: p } = this.t;
    const [row] = await this.db.select().from(p).where(and(eq(p.tenantId, tenantId), eq(p.id, id)));
    return row;
  }

  async getPoles(tenantId: string, ids: readonly string[]): Promise<Map<string, PoleRow>> {
    const { poles: p } = this.t;
    const out = new Map<string, PoleRow>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.db.select().from(p).where(and(eq(p.tenantId, tenantId), inArray(p.id, ids.slice(i, i + 500))))) out.set(r.id, r);
    }
    return out;
  }

  async putPole(row: PoleRow): Promise<void> {
    const { poles: p } = this.t;
    const { tenantId: _t, id: _i, createdAt: _c, ...rest } = row;
    await this.db.insert(p).values(row).onConflictDoUpdate({ target: [p.tenantId, p.id], set: rest });
  }

  /** Luminaires of the given poles (removed ones too when asked), by pole. */
  async luminairesOf(tenantId: string, poleIds: readonly string[], withRemoved = false): Promise<Map<string, LuminaireRow[]>> {
    const { luminaires: l } = this.t;
    const out = new Map<string, LuminaireRow[]>();
    for (let i = 0; i < poleIds.length; i += 500) {
      const rows = await this.db.select().from(l).where(and(eq(l.tenantId, tenantId), inArray(l.poleId, poleIds.slice(i, i + 500)), withRemoved ? undefined : isNull(l.removedAt)))
        .orderBy(asc(l.installedAt), asc(l.id));
      for (const r of rows) {
        const list = out.get(r.poleId);
        if (list) list.push(r); else out.set(r.poleId, [r]);
      }
    }
    return out;
  }

  async luminaireIdsTaken(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const { luminaires: l } = this.t;
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await this.db.select({ id: l.id }).from(l).where(and(eq(l.tenantId, tenantId), inArray(l.id, ids.slice(i, i + 500))))) out.add(r.id);
    }
    return out;
  }

  async updateLuminaire(tenantId: string, id: string, patch: Partial<Pick<LuminaireRow, 'modelId' | 'nominalPowerW' | 'cctK' | 'installedAt'>>, now: number): Promise<void> {
    const { luminaires: l } = this.t;
    await this.db.update(l).set({ ...patch, updatedAt: now }).where(and(eq(l.tenantId, tenantId), eq(l.id, id)));
  }

  // ---- controller assignments

  /** The open assignment of each given controller (at most one each). */
  async openAssignments(deviceIds: readonly string[]): Promise<Map<string, AssignmentRow>> {
    const { controllerAssignments: a } = this.t;
    const out = new Map<string, AssignmentRow>();
    for (let i = 0; i < deviceIds.length; i += 500) {
      for (const r of await this.db.select().from(a).where(and(inArray(a.deviceId, deviceIds.slice(i, i + 500)), isNull(a.toAt)))) out.set(r.deviceId, r);
    }
    return out;
  }

  /** The installer's note on a controller's open assignment (commissioning: what they saw on the pole). */
  async noteAssignment(deviceId: string, note: string): Promise<void> {
    const { controllerAssignments: a } = this.t;
    await this.db.update(a).set({ note }).where(and(eq(a.deviceId, deviceId), isNull(a.toAt)));
  }

  /** Assignments of the given poles, oldest first (open ones have `toAt` null). */
  async assignmentsOfPoles(tenantId: string, poleIds: readonly string[], openOnly = false): Promise<AssignmentRow[]> {
    const { controllerAssignments: a } = this.t;
    const out: AssignmentRow[] = [];
    for (let i = 0; i < poleIds.length; i += 500) {
      out.push(...await this.db.select().from(a).where(and(eq(a.tenantId, tenantId), inArray(a.poleId, poleIds.slice(i, i + 500)), openOnly ? isNull(a.toAt) : undefined))
        .orderBy(asc(a.fromAt), asc(a.id)));
    }
    return out;
  }

  /**
   * Retires controllers in one transaction: their open assignments end (`reason`, and who took over), their
   * inventory rows are marked retired (kept: their past energy keeps its baseline) and their group memberships go.
   * Optionally the pole is decommissioned and its luminaires removed at the same instant.
   */
  async retire(tenantId: string, retire: ReadonlyArray<{ deviceId: string; reason: EndReason; replacedBy?: string | undefined }>, now: number,
    pole?: { id: string; decommission: true }): Promise<void> {
    const { controllerAssignments: a, inventory: inv, groupMembers: gm, poles: p, luminaires: l } = this.t;
    await this.adapter.transaction((tx) => {
      const q: Pending[] = [];
      for (const r of retire) {
        q.push(tx.update(a).set({ toAt: now, endReason: r.reason, replacedBy: r.replacedBy ?? null }).where(and(eq(a.deviceId, r.deviceId), isNull(a.toAt))));
        q.push(tx.update(inv).set({ retiredAt: now, updatedAt: now }).where(and(eq(inv.deviceId, r.deviceId), eq(inv.tenantId, tenantId))));
        q.push(tx.delete(gm).where(and(eq(gm.tenantId, tenantId), eq(gm.deviceId, r.deviceId))));
      }
      if (pole) {
        q.push(tx.update(p).set({ decommissionedAt: now, updatedAt: now }).where(and(eq(p.tenantId, tenantId), eq(p.id, pole.id))));
        q.push(tx.update(l).set({ removedAt: now, updatedAt: now }).where(and(eq(l.tenantId, tenantId), eq(l.poleId, pole.id), isNull(l.removedAt))));
      }
      return q;
    });
  }

  /** A retired marker for a controller that was never commissioned (so it leaves the town's lists). */
  async retireUncommissioned(tenantId: string, deviceId: string, now: number): Promise<void> {
    const { inventory: inv } = this.t;
    await this.db.insert(inv).values({ deviceId, tenantId, installedAt: now, updatedAt: now, retiredAt: now })
      .onConflictDoUpdate({ target: inv.deviceId, set: { retiredAt: now, updatedAt: now } });
  }

  /**
   * The statements writing poles without a controller and their luminaires (an inventory import), to run in the
   * commissioning's transaction (DrizzleRepository.commission's `extra`): the rows as they are to be, whole.
   */
  poleWrites(tx: Db, tenantId: string, poles: readonly PoleRow[], lums: readonly LuminaireRow[]): Pending[] {
    const { poles: p, luminaires: l } = this.t;
    const q: Pending[] = [];
    for (let i = 0; i < poles.length; i += 200) {
      q.push(tx.insert(p).values(poles.slice(i, i + 200).map((x) => ({ ...x, tenantId }))).onConflictDoUpdate({
        target: [p.tenantId, p.id],
        set: { lat: sql.raw('excluded.lat'), lon: sql.raw('excluded.lon'), street: sql.raw('excluded.street'), heightM: sql.raw('excluded.height_m'),
          cabinetId: sql.raw('excluded.cabinet_id'), circuitId: sql.raw('excluded.circuit_id'), updatedAt: sql.raw('excluded.updated_at') },
      }));
    }
    for (let i = 0; i < lums.length; i += 200) {
      q.push(tx.insert(l).values(lums.slice(i, i + 200).map((x) => ({ ...x, tenantId }))).onConflictDoUpdate({
        target: [l.tenantId, l.id],
        set: { modelId: sql.raw('excluded.model_id'), nominalPowerW: sql.raw('excluded.nominal_power_w'), cctK: sql.raw('excluded.cct_k'),
          installedAt: sql.raw('excluded.installed_at'), updatedAt: sql.raw('excluded.updated_at') },
      }));
    }
    return q;
  }

  /** Group ids of a controller. */
  async groupsOf(tenantId: string, deviceId: string): Promise<string[]> {
    const { groupMembers: gm } = this.t;
    const rows = await this.db.select({ g: gm.groupId }).from(gm).where(and(eq(gm.tenantId, tenantId), eq(gm.deviceId, deviceId))).orderBy(asc(gm.groupId));
    return rows.map((r) => r.g);
  }

  async addMemberships(tenantId: string, deviceId: string, groupIds: readonly string[]): Promise<void> {
    if (groupIds.length === 0) return;
    const { groupMembers: gm } = this.t;
    await this.db.insert(gm).values(groupIds.map((groupId) => ({ tenantId, groupId, deviceId }))).onConflictDoNothing();
  }

  /** Daily energy rows of a controller between two local days (inclusive). */
  async energyDays(tenantId: string, deviceId: string, fromDay: string, toDay: string): Promise<Array<{ day: string; energyMwh: number; burningS: number; durationS: number; records: number }>> {
    const { energyDaily: e } = this.t;
    const rows = await this.db.select({ day: e.day, energyMwh: e.energyMwh, burningS: e.burningS, durationS: e.durationS, records: e.records }).from(e)
      .where(and(eq(e.tenantId, tenantId), eq(e.deviceId, deviceId), sql`${e.day} >= ${fromDay}`, sql`${e.day} <= ${toDay}`)).orderBy(asc(e.day));
    return rows.map((r) => ({ day: r.day, energyMwh: Number(r.energyMwh), burningS: Number(r.burningS), durationS: Number(r.durationS), records: Number(r.records) }));
  }

  /** Alarms of a controller raised in [fromMs, toMs) (toMs null: up to now). */
  async alarmsOf(tenantId: string, deviceId: string, fromMs: number, toMs: number | null): Promise<Array<typeof s.alarms.$inferSelect>> {
    const { alarms: al } = this.t;
    return this.db.select().from(al).where(and(eq(al.tenantId, tenantId), eq(al.deviceId, deviceId), sql`${al.raisedAt} >= ${fromMs}`,
      toMs === null ? undefined : sql`${al.raisedAt} < ${toMs}`)).orderBy(asc(al.raisedAt), asc(al.id));
  }
}
