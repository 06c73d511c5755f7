/**
 * The repository, written once over drizzle's query builders, which have the same shape for SQLite and
 * PostgreSQL. The PostgreSQL tables are typed as their SQLite twins (schema.pg.ts mirrors schema.sqlite.ts
 * column for column, with identical inferred row types); only transactions differ per dialect, so the
 * dialect adapter supplies them. Only statements both dialects accept are used here: `ON CONFLICT`,
 * `RETURNING`, `excluded.<column>`.
 */
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema.sqlite.js';
import type {
  Commissioning, DesiredPatch, DesiredRow, DevicePatch, DeviceRow, DownlinkRow, EventRow, GroupSummary,
  InventoryRow, NewDownlink, NewEnergy, NewEvent, NewState, PlacementWrite, PlanRow, Repository, StateRow, TenantRow,
  TenantSummary,
} from './repository.js';

export type Db = BetterSQLite3Database<typeof schema>;
export type Tables = typeof schema;

/** A query built but not yet run; the adapter decides how (sync inside a SQLite transaction, awaited in PG). */
export type Pending = PromiseLike<unknown>;

export interface DialectAdapter {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  readonly tables: Tables;
  /** Runs the queries `build` creates on the transaction handle, all or nothing. */
  transaction(build: (tx: Db) => Pending[]): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Rows per multi-row statement: stays below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const CHUNK = 400;

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** `excluded.<column>`: the row proposed for insertion, in an upsert (SQLite and PostgreSQL syntax agree). */
const excluded = (column: string) => sql.raw(`excluded.${column}`);

/** A query drizzle built once with placeholders (`sql.placeholder(name)`), run with each call's values. */
export interface Prepared {
  /** Resolves with what the unprepared query resolves with (rows, or the driver's run result). */
  execute(values?: Record<string, unknown>): unknown;
}

/** Statement names for PostgreSQL (node-postgres prepares a named statement once per connection). */
let preparedNames = 0;
/** Distinct prepared shapes kept per repository; beyond it queries are built per call as before. */
const PREPARED_LIMIT = 500;

/**
 * Prepared queries of the receive path. Every frame a device sends runs a handful of statements (about
 * twelve for an EnergyReport), and building a query with drizzle (not running it) was about half of the CPU
 * of a frame. These are built once per shape with placeholders and run with the call's values. Outside
 * transactions only: on PostgreSQL a prepared query belongs to the pool, not to a transaction's client.
 */
export class PreparedQueries {
  readonly #adapter: DialectAdapter;
  readonly #cache = new Map<string, Prepared>();
  constructor(adapter: DialectAdapter) { this.#adapter = adapter; }

  /** The query `build` makes, prepared once under `key` (which must name its shape), or undefined when full. */
  get(key: string, build: () => unknown): Prepared | undefined {
    let p = this.#cache.get(key);
    if (p) return p;
    if (this.#cache.size >= PREPARED_LIMIT) return undefined;
    const q = build() as { prepare(name?: string): Prepared };
    p = this.#adapter.dialect === 'sqlite' ? q.prepare() : q.prepare(`sl_q${++preparedNames}`);
    this.#cache.set(key, p);
    return p;
  }
}

/** Placeholders named after `keys` (an insert's values or an update's set). */
export function placeholders(keys: readonly string[]): Record<string, ReturnType<typeof sql.placeholder>> {
  const out: Record<string, ReturnType<typeof sql.placeholder>> = {};
  for (const k of keys) out[k] = sql.placeholder(k);
  return out;
}

/** Keys of `o` whose value is defined (drizzle leaves undefined values out of inserts and updates). */
export function definedKeys(o: object): string[] {
  return Object.keys(o).filter((k) => (o as Record<string, unknown>)[k] !== undefined);
}

export class DrizzleRepository implements Repository {
  readonly dialect: 'sqlite' | 'postgres';
  private readonly db: Db;
  private readonly t: Tables;
  private readonly prepared: PreparedQueries;

  /** Public so that area repositories (e.g. plans-repository.ts) run on the same connection and dialect. */
  constructor(readonly adapter: DialectAdapter) {
    this.dialect = adapter.dialect;
    this.db = adapter.db;
    this.t = adapter.tables;
    this.prepared = new PreparedQueries(adapter);
  }

  ping(): Promise<void> { return this.adapter.ping(); }
  close(): Promise<void> { return this.adapter.close(); }

  async ensureTenant(id: string, now: number): Promise<void> {
    await this.db.insert(this.t.tenants).values({ id, createdAt: now }).onConflictDoNothing();
  }

  async getTenant(id: string): Promise<TenantRow | undefined> {
    const [row] = await this.db.select().from(this.t.tenants).where(eq(this.t.tenants.id, id));
    return row;
  }

  async listTenants(): Promise<TenantSummary[]> {
    const { tenants, devices, inventory } = this.t;
    const rows = await this.db.select().from(tenants).orderBy(asc(tenants.id));
    const seen = await this.db.select({ tenantId: devices.tenantId, n: count() }).from(devices).where(this.inService(devices.id)).groupBy(devices.tenantId);
    const inv = await this.db.select({ tenantId: inventory.tenantId, n: count() }).from(inventory).where(isNull(inventory.retiredAt)).groupBy(inventory.tenantId);
    const bySeen = new Map(seen.map((r) => [r.tenantId, r.n]));
    const byInv = new Map(inv.map((r) => [r.tenantId, r.n]));
    // A device can be registered, commissioned or both; the larger count is a cheap lower bound of the union.
    return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, deviceCount: Math.max(bySeen.get(r.id) ?? 0, byInv.get(r.id) ?? 0) }));
  }

  async getDevice(id: string): Promise<DeviceRow | undefined> {
    const { devices } = this.t;
    const q = this.prepared.get('getDevice', () => this.db.select().from(devices).where(eq(devices.id, sql.placeholder('id'))));
    const [row] = (q ? await q.execute({ id }) : await this.db.select().from(devices).where(eq(devices.id, id))) as DeviceRow[];
    return row;
  }

  async ensureDevice(tenantId: string, id: string, now: number): Promise<DeviceRow> {
    await this.db.insert(this.t.devices).values({ id, tenantId, firstSeen: now, lastSeen: now }).onConflictDoNothing();
    const row = await this.getDevice(id);
    if (!row) throw new Error(`device ${id} vanished after insert`);
    return row;
  }

  async updateDevice(id: string, patch: DevicePatch): Promise<void> {
    const keys = definedKeys(patch);
    if (keys.length === 0) return;
    const { devices } = this.t;
    // One prepared statement per set of columns (each frame kind updates its own fixed set).
    const q = this.prepared.get(`updateDevice:${keys.join(',')}`, () =>
      this.db.update(devices).set(placeholders(keys)).where(eq(devices.id, sql.placeholder('__id'))));
    if (q) await q.execute({ ...patch, __id: id });
    else await this.db.update(devices).set(patch).where(eq(devices.id, id));
  }

  listDevices(tenantId: string): Promise<DeviceRow[]> {
    const { devices } = this.t;
    // In service: a retired controller (its row kept for its history) is no target of a campaign or a commissioning.
    return this.db.select().from(devices).where(and(eq(devices.tenantId, tenantId), this.inService(devices.id))).orderBy(asc(devices.id));
  }

  /** Not a retired controller (replaced or decommissioned: kept for history, out of counts and lists). */
  private inService(col: typeof this.t.devices.id) {
    return sql`${col} not in (select r.device_id from inventory r where r.retired_at is not null)`;
  }

  async countDevices(): Promise<{ known: number; online: number }> {
    const { devices } = this.t;
    const [known] = await this.db.select({ n: count() }).from(devices).where(this.inService(devices.id));
    const [online] = await this.db.select({ n: count() }).from(devices).where(and(eq(devices.online, true), this.inService(devices.id)));
    return { known: known?.n ?? 0, online: online?.n ?? 0 };
  }

  async countDevicesByTenant(): Promise<Map<string, { known: number; online: number }>> {
    const { devices } = this.t;
    const known = await this.db.select({ tenantId: devices.tenantId, n: count() }).from(devices).where(this.inService(devices.id)).groupBy(devices.tenantId);
    const online = await this.db.select({ tenantId: devices.tenantId, n: count() }).from(devices).where(and(eq(devices.online, true), this.inService(devices.id))).groupBy(devices.tenantId);
    const out = new Map(known.map((r) => [r.tenantId, { known: Number(r.n), online: 0 }]));
    for (const r of online) {
      const c = out.get(r.tenantId);
      if (c) c.online = Number(r.n);
    }
    return out;
  }

  async raiseDownlinkSeq(id: string, floor: number): Promise<void> {
    const { devices } = this.t;
    await this.db.update(devices).set({ lastDownlinkSeq: floor }).where(and(eq(devices.id, id), lt(devices.lastDownlinkSeq, floor)));
  }

  async setDownlinkSeq(id: string, seq: number): Promise<void> {
    const { devices } = this.t;
    await this.db.update(devices).set({ lastDownlinkSeq: seq }).where(eq(devices.id, id));
  }

  async nextDownlinkSeq(id: string): Promise<number> {
    const { devices } = this.t;
    const build = (key: unknown) => this.db.update(devices)
      .set({ lastDownlinkSeq: sql`${devices.lastDownlinkSeq} + 1` })
      .where(eq(devices.id, key as string))
      .returning({ seq: devices.lastDownlinkSeq });
    const q = this.prepared.get('nextDownlinkSeq', () => build(sql.placeholder('id')));
    const [row] = (q ? await q.execute({ id }) : await build(id)) as Array<{ seq: number }>;
    if (!row) throw new Error(`unknown device ${id}`);
    return Number(row.seq);
  }

  async deviceTenants(ids: readonly string[]): Promise<Map<string, string>> {
    const { devices, inventory } = this.t;
    const out = new Map<string, string>();
    for (const part of chunks(ids, 1000)) {
      const inv = await this.db.select({ id: inventory.deviceId, tenantId: inventory.tenantId }).from(inventory).where(inArray(inventory.deviceId, part));
      for (const r of inv) out.set(r.id, r.tenantId);
      const dev = await this.db.select({ id: devices.id, tenantId: devices.tenantId }).from(devices).where(inArray(devices.id, part));
      for (const r of dev) out.set(r.id, r.tenantId);
    }
    return out;
  }

  async getInventory(deviceId: string): Promise<InventoryRow | undefined> {
    const { inventory } = this.t;
    const q = this.prepared.get('getInventory', () => this.db.select().from(inventory).where(eq(inventory.deviceId, sql.placeholder('id'))));
    const [row] = (q ? await q.execute({ id: deviceId }) : await this.db.select().from(inventory).where(eq(inventory.deviceId, deviceId))) as InventoryRow[];
    return row;
  }

  listInventory(tenantId: string): Promise<InventoryRow[]> {
    const { inventory } = this.t;
    // In service only: a retired controller's row stays for its history (migration 0015), not as a light of the town.
    return this.db.select().from(inventory).where(and(eq(inventory.tenantId, tenantId), isNull(inventory.retiredAt))).orderBy(asc(inventory.deviceId));
  }

  async commission(tenantId: string, rows: readonly Commissioning[], now: number, extra?: (tx: never) => Pending[]): Promise<void> {
    const { groups, groupMembers, inventory, desired, poles, luminaires, controllerAssignments } = this.t;
    const groupIds = [...new Set(rows.map((r) => r.inventory.groupId).filter((g): g is string => !!g))];
    const placed = rows.filter((r): r is Commissioning & { placement: PlacementWrite } => r.placement !== undefined);
    const deviceIds = rows.map((r) => r.inventory.deviceId);
    await this.adapter.transaction((tx) => {
      const q: Pending[] = [];
      for (const part of chunks(groupIds)) {
        q.push(tx.insert(groups).values(part.map((id) => ({ tenantId, id, createdAt: now }))).onConflictDoNothing());
      }
      for (const part of chunks(rows)) {
        q.push(tx.insert(inventory).values(part.map((r) => ({ ...r.inventory, tenantId, updatedAt: now }))).onConflictDoUpdate({
          target: inventory.deviceId,
          set: {
            poleRef: excluded('pole_ref'), lat: excluded('lat'), lon: excluded('lon'), groupId: excluded('group_id'),
            luminaireModel: excluded('luminaire_model'), nominalPowerW: excluded('nominal_power_w'),
            cctK: excluded('cct_k'), updatedAt: excluded('updated_at'),
            poleId: excluded('pole_id'), luminaireId: excluded('luminaire_id'), retiredAt: null,
          },
        }));
        q.push(tx.insert(desired).values(part.map((r) => ({
          deviceId: r.inventory.deviceId, tenantId, config: r.desired.config, configVersion: r.desired.configVersion, updatedAt: now,
        }))).onConflictDoUpdate({
          target: desired.deviceId,
          set: { config: excluded('config'), configVersion: excluded('config_version'), updatedAt: excluded('updated_at') },
        }));
      }
      // The inventory's model: poles, luminaires, and the controllers' assignments (a move ends the old one first).
      // Multi-row statements (an import writes thousands); a pole named by several rows is written once, as the last names it.
      const keep = (col: string) => sql.raw(`coalesce(excluded.${col}, poles.${col})`);
      const polesById = new Map(placed.map((r) => [r.placement.pole.id, r.placement.pole]));
      for (const part of chunks([...polesById.values()])) {
        q.push(tx.insert(poles).values(part.map((p) => ({ tenantId, ...p, createdAt: now, updatedAt: now }))).onConflictDoUpdate({
          target: [poles.tenantId, poles.id],
          set: { lat: excluded('lat'), lon: excluded('lon'), street: keep('street'), heightM: keep('height_m'), cabinetId: keep('cabinet_id'),
            circuitId: keep('circuit_id'), updatedAt: now, decommissionedAt: null },
        }));
      }
      const lumsById = new Map(placed.map((r) => [r.placement.luminaire.id, { ...r.placement.luminaire, poleId: r.placement.pole.id }]));
      for (const part of chunks([...lumsById.values()])) {
        q.push(tx.insert(luminaires).values(part.map((l) => ({ tenantId, ...l, updatedAt: now }))).onConflictDoUpdate({
          target: [luminaires.tenantId, luminaires.id],
          set: { poleId: excluded('pole_id'), modelId: excluded('model_id'), nominalPowerW: excluded('nominal_power_w'), cctK: excluded('cct_k'), updatedAt: now, removedAt: null },
        }));
      }
      for (const r of placed) {
        const pl = r.placement;
        if (pl.closeId !== undefined) {
          q.push(tx.update(controllerAssignments).set({ toAt: now, endReason: 'moved' }).where(and(eq(controllerAssignments.id, pl.closeId), sql`${controllerAssignments.toAt} is null`)));
        }
        if (pl.dropPole !== undefined) {
          q.push(tx.update(poles).set({ decommissionedAt: now, updatedAt: now }).where(and(eq(poles.tenantId, tenantId), eq(poles.id, pl.dropPole))));
          q.push(tx.update(luminaires).set({ removedAt: now, updatedAt: now }).where(and(eq(luminaires.tenantId, tenantId), eq(luminaires.poleId, pl.dropPole), sql`${luminaires.removedAt} is null`)));
        }
      }
      const opened = placed.filter((r) => r.placement.open)
        .map((r) => ({ tenantId, deviceId: r.inventory.deviceId, poleId: r.placement.pole.id, luminaireId: r.placement.luminaire.id, fromAt: now }));
      for (const part of chunks(opened)) q.push(tx.insert(controllerAssignments).values(part));
      // Group membership follows the inventory's group (street): replace the memberships of these devices.
      for (const part of chunks(deviceIds)) {
        q.push(tx.delete(groupMembers).where(and(eq(groupMembers.tenantId, tenantId), inArray(groupMembers.deviceId, part))));
      }
      const members = rows.filter((r) => r.inventory.groupId).map((r) => ({ tenantId, groupId: r.inventory.groupId as string, deviceId: r.inventory.deviceId }));
      for (const part of chunks(members)) q.push(tx.insert(groupMembers).values(part).onConflictDoNothing());
      if (extra) q.push(...extra(tx as never)); // statements built on this transaction (InventoryRepository.poleWrites)
      return q;
    });
  }

  async listGroups(tenantId: string): Promise<GroupSummary[]> {
    const { groups, groupMembers } = this.t;
    const rows = await this.db.select().from(groups).where(eq(groups.tenantId, tenantId)).orderBy(asc(groups.id));
    const counts = await this.db.select({ groupId: groupMembers.groupId, n: count() }).from(groupMembers)
      .where(eq(groupMembers.tenantId, tenantId)).groupBy(groupMembers.groupId);
    const byGroup = new Map(counts.map((c) => [c.groupId, c.n]));
    return rows.map((g) => ({ id: g.id, createdAt: g.createdAt, memberCount: byGroup.get(g.id) ?? 0 }));
  }

  async groupMembers(tenantId: string, groupId: string): Promise<string[]> {
    const { groupMembers } = this.t;
    const rows = await this.db.select({ id: groupMembers.deviceId }).from(groupMembers)
      .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId))).orderBy(asc(groupMembers.deviceId));
    return rows.map((r) => r.id);
  }

  async groupExists(tenantId: string, groupId: string): Promise<boolean> {
    const { groups } = this.t;
    const rows = await this.db.select({ id: groups.id }).from(groups).where(and(eq(groups.tenantId, tenantId), eq(groups.id, groupId)));
    return rows.length > 0;
  }

  async memberships(tenantId: string): Promise<Map<string, string[]>> {
    const { groupMembers } = this.t;
    const rows = await this.db.select().from(groupMembers).where(eq(groupMembers.tenantId, tenantId));
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const list = out.get(r.deviceId);
      if (list) list.push(r.groupId); else out.set(r.deviceId, [r.groupId]);
    }
    return out;
  }

  async getDesired(deviceId: string): Promise<DesiredRow | undefined> {
    const { desired } = this.t;
    const q = this.prepared.get('getDesired', () => this.db.select().from(desired).where(eq(desired.deviceId, sql.placeholder('id'))));
    const [row] = (q ? await q.execute({ id: deviceId }) : await this.db.select().from(desired).where(eq(desired.deviceId, deviceId))) as DesiredRow[];
    return row;
  }

  listDesired(tenantId: string): Promise<DesiredRow[]> {
    return this.db.select().from(this.t.desired).where(eq(this.t.desired.tenantId, tenantId));
  }

  async setDesired(tenantId: string, deviceIds: readonly string[], patch: DesiredPatch, now: number): Promise<void> {
    const { desired } = this.t;
    await this.adapter.transaction((tx) => chunks(deviceIds).map((part) =>
      tx.insert(desired).values(part.map((deviceId) => ({ ...patch, deviceId, tenantId, updatedAt: now })))
        .onConflictDoUpdate({ target: desired.deviceId, set: { ...patch, updatedAt: now } })));
  }

  async createOverride(o: { tenantId: string; target: string; level: number; expiresAt: number; fadeS: number; createdAt: number }): Promise<number> {
    const [row] = await this.db.insert(this.t.overrides).values(o).returning({ id: this.t.overrides.id });
    if (!row) throw new Error('override insert returned nothing');
    return row.id;
  }

  async createPlanVersion(tenantId: string, planId: number | undefined, body: Record<string, unknown>, now: number): Promise<{ id: number; version: number }> {
    const { plans } = this.t;
    let id = planId;
    let version = 1;
    if (id === undefined) {
      const [last] = await this.db.select({ id: plans.id }).from(plans).where(eq(plans.tenantId, tenantId)).orderBy(desc(plans.id)).limit(1);
      id = (last?.id ?? 0) + 1;
    } else {
      const [last] = await this.db.select({ version: plans.version }).from(plans)
        .where(and(eq(plans.tenantId, tenantId), eq(plans.id, id))).orderBy(desc(plans.version)).limit(1);
      version = (last?.version ?? 0) + 1;
    }
    await this.db.insert(plans).values({ tenantId, id, version, body, createdAt: now });
    return { id, version };
  }

  async getPlan(tenantId: string, id: number, version: number): Promise<PlanRow | undefined> {
    const { plans } = this.t;
    const [row] = await this.db.select().from(plans).where(and(eq(plans.tenantId, tenantId), eq(plans.id, id), eq(plans.version, version)));
    return row;
  }

  async appendState(row: NewState): Promise<void> {
    await this.insertPrepared('appendState', this.t.stateHistory, row);
  }

  /** One-row insert through a statement prepared per set of columns given. */
  private async insertPrepared(name: string, table: Tables['stateHistory'] | Tables['downlinks'], row: NewState | NewDownlink): Promise<void> {
    const keys = definedKeys(row);
    const q = this.prepared.get(`${name}:${keys.join(',')}`, () => this.db.insert(table as Tables['downlinks']).values(placeholders(keys) as unknown as NewDownlink));
    if (q) await q.execute(row as Record<string, unknown>);
    else await this.db.insert(table as Tables['downlinks']).values(row as NewDownlink);
  }

  async pruneStates(deviceId: string, keep: number): Promise<void> {
    const { stateHistory } = this.t;
    const [cut] = await this.db.select({ id: stateHistory.id }).from(stateHistory).where(eq(stateHistory.deviceId, deviceId))
      .orderBy(desc(stateHistory.id)).limit(1).offset(keep);
    if (cut) await this.db.delete(stateHistory).where(and(eq(stateHistory.deviceId, deviceId), lte(stateHistory.id, cut.id)));
  }

  listStates(deviceId: string, limit: number): Promise<StateRow[]> {
    const { stateHistory } = this.t;
    return this.db.select().from(stateHistory).where(eq(stateHistory.deviceId, deviceId)).orderBy(desc(stateHistory.id)).limit(limit);
  }

  async recordDownlink(row: NewDownlink): Promise<void> {
    await this.insertPrepared('recordDownlink', this.t.downlinks, row);
  }

  async ackDownlink(deviceId: string, seq: number, status: string, detail: string, at: number): Promise<boolean> {
    const { downlinks } = this.t;
    const rows = await this.db.update(downlinks).set({ ackStatus: status, ackDetail: detail || null, ackedAt: at })
      .where(and(eq(downlinks.deviceId, deviceId), eq(downlinks.seq, seq))).returning({ seq: downlinks.seq });
    return rows.length > 0;
  }

  listDownlinks(deviceId: string, limit: number): Promise<DownlinkRow[]> {
    const { downlinks } = this.t;
    return this.db.select().from(downlinks).where(eq(downlinks.deviceId, deviceId)).orderBy(desc(downlinks.seq)).limit(limit);
  }

  async insertEvent(row: NewEvent): Promise<void> {
    await this.db.insert(this.t.deviceEvents).values(row);
  }

  listEvents(deviceId: string, limit: number): Promise<EventRow[]> {
    const { deviceEvents } = this.t;
    return this.db.select().from(deviceEvents).where(eq(deviceEvents.deviceId, deviceId)).orderBy(desc(deviceEvents.id)).limit(limit);
  }

  async insertEnergy(rows: readonly NewEnergy[]): Promise<number> {
    if (rows.length === 0) return 0;
    const { energyRecords } = this.t;
    // One statement per frame (≤ 32 records): atomic without an explicit transaction.
    const inserted = await this.db.insert(energyRecords).values([...rows]).onConflictDoNothing()
      .returning({ seq: energyRecords.seq });
    return inserted.length;
  }

  async energySeqsAfter(deviceId: string, after: number, limit: number): Promise<number[]> {
    const { energyRecords } = this.t;
    const rows = await this.db.select({ seq: energyRecords.seq }).from(energyRecords)
      .where(and(eq(energyRecords.deviceId, deviceId), gt(energyRecords.seq, after))).orderBy(asc(energyRecords.seq)).limit(limit);
    return rows.map((r) => r.seq);
  }
}
