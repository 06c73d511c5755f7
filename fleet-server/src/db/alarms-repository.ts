/**
 * Queries of the alarms area (issue 5): one row per alarm occurrence; at most one not-cleared alarm per
 * (device, type). Built on the same DialectAdapter as the main repository (SQLite and PostgreSQL).
 *
 * Device events are stored here too (`recordEvent`), in the same transaction as the alarm changes they cause,
 * keyed by the frame that carried them, so that whichever instance handles an event, in whatever order, it
 * is stored once and the alarms it touches are computed from what the database holds at that moment.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { PreparedQueries, type DialectAdapter, type Db, type Tables } from './drizzle-repository.js';
import type { NewEvent } from './repository.js';
import type * as s from './schema.sqlite.js';
import { uplinkOrd } from './uplink-repository.js';

export type AlarmRow = typeof s.alarms.$inferSelect;
export type NewAlarm = typeof s.alarms.$inferInsert;
/**
 * The life of an alarm: open → acknowledged (someone saw it) → assigned (to a person or a contractor) → intervened
 * (an intervention is recorded) → cleared (by the device's own report, or by a manager with a reason). Any state but
 * cleared is a fault still there (the map, the lists).
 */
export type AlarmState = 'open' | 'acknowledged' | 'assigned' | 'intervened' | 'cleared';
export type CommentRow = typeof s.alarmComments.$inferSelect;
export type InterventionRow = typeof s.alarmInterventions.$inferSelect;
export type ContractorRow = typeof s.contractors.$inferSelect;
export type AlarmPatch = Partial<Omit<AlarmRow, 'id' | 'tenantId' | 'deviceId' | 'type'>>;

/** A device event as received: the event and the uplink seq of the frame that carried it. */
export type DeviceEventInput = Omit<NewEvent, 'id' | 'uplinkOrd'> & { uplinkSeq: number };

/** A stored event of the same device and type, as the alarm rules see it. */
export interface EventPoint {
  /** Uplink order of its frame (seq epoch × 2^32 + seq); 0 = unknown (stored before orders existed). */
  ord: number;
  active: boolean;
  /** Device time of the event (ms), or the server's receipt time when the device clock was not valid. */
  at: number;
  eventSeq: number;
  value: number;
  detail: string;
}

/** What the alarm rules get for one newly stored event, read in the event's transaction. */
export interface AlarmContext {
  event: EventPoint;
  receivedAt: number;
  /** The stored event of the same device and type just before / after it in uplink order, if any. */
  prev?: EventPoint | undefined;
  next?: EventPoint | undefined;
  /** The not-cleared alarm of (device, type), if any. */
  current?: AlarmRow | undefined;
  /** The alarm whose occurrence contains `prev` (when `prev` is a raise). */
  ofPrev?: AlarmRow | undefined;
  /** The alarm that `next` raised (when `next` is a raise). */
  ofNext?: AlarmRow | undefined;
}

export type AlarmAction = { insert: NewAlarm } | { update: number; patch: AlarmPatch };

/** The alarm rules (alarms/service.ts): which event types are alarms, and what an event changes. */
export interface AlarmPlanner {
  /** The alarm type (API name) of an event type, undefined when the event is kept as an event only. */
  alarmType(eventType: number): string | undefined;
  plan(ctx: AlarmContext): AlarmAction[];
}

/** Device time of an event in ms, or its receipt time when the device clock was not valid (time 0). */
export const eventAt = (time: number, receivedAt: number): number => (time > 0 ? time * 1000 : receivedAt);

export interface AlarmFilter {
  tenantId: string;
  states?: readonly AlarmState[] | undefined;
  deviceId?: string | undefined;
  types?: readonly string[] | undefined;
  severity?: string | undefined;
  /** Raised at or after (ms). */
  since?: number | undefined;
  /** Raised at or before (ms): the age filter (at least so old). */
  raisedBefore?: number | undefined;
  /** Lights of this street (inventory group), in service. */
  group?: string | undefined;
  /** Lights on poles fed by this cabinet (its circuits). */
  cabinet?: string | undefined;
  /** Page: alarms with id below this (newest first). */
  beforeId?: number | undefined;
  limit: number;
}

/** An alarm the server detects itself (no device event), e.g. `implausible_energy` (alarms/service.ts). */
export interface ServerAlarm {
  tenantId: string;
  deviceId: string;
  type: string;
  severity: string;
  /** Server time, ms. */
  at: number;
  /** How many things are wrong (e.g. records awaiting a decision); 0 clears the alarm. */
  value: number;
  detail: string;
}

/**
 * Raises, updates or clears a server-detected alarm inside the caller's transaction: the steps yield built queries,
 * which the caller runs the way it runs its own (synchronously in a better-sqlite3 transaction, awaited in a
 * PostgreSQL one; see EnergyRepository). `value` > 0: the not-cleared alarm of (device, type) gets the new value and
 * detail, or one is opened; 0: it is cleared. The caller holds the device-row lock (PostgreSQL) or the single writer
 * (SQLite), as `recordEvent` does, so at most one alarm of (device, type) is not cleared. Such alarms have no uplink
 * order (0) and never meet the device-event rules (`planAlarm`), whose types are event types.
 */
export function* serverAlarmSteps(t: Tables, tx: Db, a: ServerAlarm): Generator<unknown, AlarmRow | undefined, unknown> {
  const { alarms } = t;
  const current = ((yield tx.select().from(alarms).where(and(eq(alarms.deviceId, a.deviceId), eq(alarms.type, a.type), ne(alarms.state, 'cleared')))
    .orderBy(desc(alarms.id)).limit(1)) as AlarmRow[])[0];
  if (a.value <= 0) {
    if (!current) return undefined;
    return ((yield tx.update(alarms).set({ state: 'cleared', clearedAt: a.at, lastEventAt: a.at, value: 0, detail: a.detail }).where(eq(alarms.id, current.id)).returning()) as AlarmRow[])[0];
  }
  if (current) {
    return ((yield tx.update(alarms).set({ lastEventAt: a.at, value: a.value, detail: a.detail }).where(eq(alarms.id, current.id)).returning()) as AlarmRow[])[0];
  }
  return ((yield tx.insert(alarms).values({
    tenantId: a.tenantId, deviceId: a.deviceId, type: a.type, severity: a.severity, state: 'open', raisedAt: a.at, receivedAt: a.at,
    lastEventAt: a.at, lastEventSeq: 0, value: a.value, detail: a.detail, raisedOrd: 0, lastEventOrd: 0,
  }).returning()) as AlarmRow[])[0];
}

export class AlarmsRepository {
  private readonly db: Db;
  private readonly t: Tables;
  private readonly prepared: PreparedQueries;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
    this.prepared = new PreparedQueries(adapter);
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

  async update(id: number, patch: AlarmPatch): Promise<void> {
    await this.db.update(this.t.alarms).set(patch).where(eq(this.t.alarms.id, id));
  }

  /**
   * Acknowledges an alarm in one statement: sets who and when if nobody has yet, and turns `open` into
   * `acknowledged` (a cleared alarm stays cleared, also when a clear event commits at the same moment).
   * Undefined when the tenant has no such alarm; the row unchanged when it was acknowledged already.
   */
  async acknowledge(tenantId: string, id: number, at: number, by: string | null): Promise<AlarmRow | undefined> {
    const { alarms: a } = this.t;
    const [row] = await this.db.update(a)
      .set({ acknowledgedAt: at, acknowledgedBy: by, state: sql`case when ${a.state} = 'open' then 'acknowledged' else ${a.state} end` as unknown as string })
      .where(and(eq(a.tenantId, tenantId), eq(a.id, id), sql`${a.acknowledgedAt} is null`))
      .returning();
    return row ?? this.get(tenantId, id);
  }

  /**
   * Stores a device event and applies it to the alarms of its device and type, in one transaction.
   *
   * The event is keyed by its device and the uplink order of its frame (unique index, `ON CONFLICT DO
   * NOTHING`): a redelivered event, whichever instance gets it, is not stored again and changes nothing
   * (`stored: false`). A new one of an alarm type goes to `planner.plan` with its neighbours in uplink order
   * and the alarms around them, read after the insert; the actions it returns are applied before the commit.
   * PostgreSQL: the device row is locked first, so two instances handling events of one device serialise and
   * each sees the other's committed event. SQLite: one writer at a time (`BEGIN IMMEDIATE`).
   */
  async recordEvent(e: DeviceEventInput, planner?: AlarmPlanner): Promise<{ stored: boolean; alarm?: AlarmRow | undefined }> {
    const { devices, deviceEvents: ev, alarms: a } = this.t;
    const pg = this.adapter.dialect === 'postgres';
    const { uplinkSeq, ...row } = e;
    const point = (r: { uplinkOrd: number; active: boolean; time: number; receivedAt: number; eventSeq: number; value: number; detail: string }): EventPoint => ({
      ord: Number(r.uplinkOrd), active: r.active, at: eventAt(Number(r.time), Number(r.receivedAt)), eventSeq: Number(r.eventSeq), value: Number(r.value), detail: r.detail,
    });
    // SQLite: the fixed-shape statements are prepared once with placeholders on the connection, which is the
    // transaction's (building a query costs more than running it). PostgreSQL: built on the transaction's
    // client with the values inline (a pool's prepared query would run outside the transaction).
    const { db, prepared } = this;
    type Bind = (name: string) => never;
    const q = (tx: Db, key: string, build: (d: Db, v: Bind) => unknown, values: Record<string, unknown>): unknown => {
      if (!pg) {
        const p = prepared.get(`event:${key}`, () => build(db, (n) => sql.placeholder(n) as never)) as unknown as { all(v: Record<string, unknown>): unknown } | undefined;
        if (p) return { all: () => p.all(values) };
      }
      return build(tx, (n) => values[n] as never);
    };
    const eventCols = ['deviceId', 'tenantId', 'eventSeq', 'type', 'active', 'time', 'value', 'detail', 'receivedAt', 'uplinkOrd'] as const;
    function* steps(tx: Db): Generator<unknown, { stored: boolean; alarm?: AlarmRow | undefined }, unknown> {
      // PostgreSQL: the device row locked for the transaction, so events of one device serialise across instances.
      const dev = pg
        ? ((yield (tx as unknown as { execute(q: SQL): unknown }).execute(sql`select seq_epoch as epoch from devices where id = ${e.deviceId} for update`)) as { rows: Array<{ epoch: number }> }).rows[0]
        : ((yield q(tx, 'epoch', (d, v) => d.select({ epoch: devices.seqEpoch }).from(devices).where(eq(devices.id, v('id'))), { id: e.deviceId })) as Array<{ epoch: number }>)[0];
      const ord = uplinkOrd(Number(dev?.epoch ?? 0), uplinkSeq);
      const values: Record<string, unknown> = { ...row, uplinkOrd: ord };
      const inserted = (yield q(tx, 'insert', (d, v) => d.insert(ev).values(Object.fromEntries(eventCols.map((c) => [c, v(c)])) as unknown as typeof ev.$inferInsert)
        .onConflictDoNothing().returning({ id: ev.id }), values)) as unknown[];
      if (inserted.length === 0) return { stored: false };
      const type = planner?.alarmType(e.type);
      if (!planner || type === undefined) return { stored: true };
      const k = { id: e.deviceId, type: e.type, alarmType: type, ord };
      // Neighbours in uplink order; events without one (0: stored before orders existed) are left out.
      const same = (v: Bind) => and(eq(ev.deviceId, v('id')), eq(ev.type, v('type')));
      const prevRow = ord > 0 ? ((yield q(tx, 'prev', (d, v) => d.select().from(ev).where(and(same(v), gt(ev.uplinkOrd, 0), lt(ev.uplinkOrd, v('ord')))).orderBy(desc(ev.uplinkOrd)).limit(1), k)) as typeof ev.$inferSelect[])[0] : undefined;
      const nextRow = ord > 0 ? ((yield q(tx, 'next', (d, v) => d.select().from(ev).where(and(same(v), gt(ev.uplinkOrd, v('ord')))).orderBy(asc(ev.uplinkOrd)).limit(1), k)) as typeof ev.$inferSelect[])[0] : undefined;
      const prev = prevRow && point(prevRow);
      const next = nextRow && point(nextRow);
      const ofType = (v: Bind) => and(eq(a.deviceId, v('id')), eq(a.type, v('alarmType')));
      const current = ((yield q(tx, 'current', (d, v) => d.select().from(a).where(and(ofType(v), ne(a.state, 'cleared'))).orderBy(desc(a.id)).limit(1), k)) as AlarmRow[])[0];
      const ofPrev = prev?.active
        ? ((yield q(tx, 'ofPrev', (d, v) => d.select().from(a).where(and(ofType(v), lte(a.raisedOrd, v('p')), or(ne(a.state, 'cleared'), gte(a.lastEventOrd, v('p')))))
          .orderBy(desc(a.raisedOrd), desc(a.id)).limit(1), { ...k, p: prev.ord })) as AlarmRow[])[0]
        : undefined;
      const ofNext = next?.active ? ((yield q(tx, 'ofNext', (d, v) => d.select().from(a).where(and(ofType(v), eq(a.raisedOrd, v('n')))).limit(1), { ...k, n: next.ord })) as AlarmRow[])[0] : undefined;
      const actions = planner.plan({ event: point({ ...row, uplinkOrd: ord }), receivedAt: e.receivedAt, prev, next, current, ofPrev, ofNext });
      let alarm: AlarmRow | undefined;
      for (const act of actions) {
        const got = 'insert' in act
          ? (yield tx.insert(a).values(act.insert).returning()) as AlarmRow[]
          : (yield tx.update(a).set(act.patch).where(eq(a.id, act.update)).returning()) as AlarmRow[];
        alarm = got[0] ?? alarm;
      }
      return { stored: true, alarm };
    }
    if (!pg) {
      return db.transaction((tx) => {
        const it = steps(tx);
        let r = it.next();
        while (!r.done) r = it.next((r.value as { all(): unknown }).all());
        return r.value;
      }, { behavior: 'immediate' });
    }
    const pgDb = db as unknown as { transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> };
    return pgDb.transaction(async (tx) => {
      const it = steps(tx);
      let r = it.next();
      while (!r.done) r = it.next(await (r.value as PromiseLike<unknown>));
      return r.value;
    });
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
    if (f.raisedBefore !== undefined) w.push(lte(a.raisedAt, f.raisedBefore));
    if (f.group) {
      const { groupMembers: gm } = this.t;
      w.push(inArray(a.deviceId, this.db.select({ id: gm.deviceId }).from(gm).where(and(eq(gm.tenantId, f.tenantId), eq(gm.groupId, f.group)))));
    }
    if (f.cabinet) {
      const { inventory: inv, poles: p } = this.t;
      w.push(inArray(a.deviceId, this.db.select({ id: inv.deviceId }).from(inv).innerJoin(p, and(eq(p.tenantId, inv.tenantId), eq(p.id, inv.poleId)))
        .where(and(eq(inv.tenantId, f.tenantId), eq(p.cabinetId, f.cabinet)))));
    }
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
    const out: Record<AlarmState, number> = { open: 0, acknowledged: 0, assigned: 0, intervened: 0, cleared: 0 };
    for (const r of rows) if (r.state in out) out[r.state as AlarmState] = Number(r.n);
    return out;
  }

  // ---------------------------------------------------------------- handling: assignment, comments, interventions, clearing

  /**
   * Assigns a not-cleared alarm to a person or a contractor (again: the new assignee replaces the old). It counts as
   * seen: acknowledged by the assigner if nobody had. An alarm with an intervention recorded stays `intervened`.
   * Undefined when the tenant has no such alarm; the row unchanged when it is cleared.
   */
  async assign(tenantId: string, id: number, to: { kind: 'user' | 'contractor'; id: string }, at: number, by: string): Promise<AlarmRow | undefined> {
    const { alarms: a } = this.t;
    const [row] = await this.db.update(a).set({
      assigneeKind: to.kind, assigneeId: to.id, assignedAt: at, assignedBy: by,
      acknowledgedAt: sql`coalesce(${a.acknowledgedAt}, ${at})` as unknown as number,
      acknowledgedBy: sql`case when ${a.acknowledgedAt} is null then ${by} else ${a.acknowledgedBy} end` as unknown as string,
      state: sql`case when ${a.state} = 'intervened' then 'intervened' else 'assigned' end` as unknown as string,
    }).where(and(eq(a.tenantId, tenantId), eq(a.id, id), ne(a.state, 'cleared'))).returning();
    return row ?? this.get(tenantId, id);
  }

  /** Clears a not-cleared alarm by hand (who, why). Undefined when there is no such alarm; unchanged when cleared already. */
  async clearByHand(tenantId: string, id: number, at: number, by: string, reason: string): Promise<AlarmRow | undefined> {
    const { alarms: a } = this.t;
    const [row] = await this.db.update(a).set({ state: 'cleared', clearedAt: at, clearedBy: by, clearReason: reason })
      .where(and(eq(a.tenantId, tenantId), eq(a.id, id), ne(a.state, 'cleared'))).returning();
    return row ?? this.get(tenantId, id);
  }

  async addComment(row: Omit<CommentRow, 'id'>): Promise<CommentRow> {
    const [out] = await this.db.insert(this.t.alarmComments).values(row).returning();
    if (!out) throw new Error('comment insert returned nothing');
    return out;
  }

  comments(tenantId: string, alarmId: number): Promise<CommentRow[]> {
    const { alarmComments: c } = this.t;
    return this.db.select().from(c).where(and(eq(c.tenantId, tenantId), eq(c.alarmId, alarmId))).orderBy(asc(c.id));
  }

  /**
   * Records an intervention and, in the same transaction, moves a not-cleared alarm to `intervened` (a cleared one
   * keeps its state: the work is recorded after the device reported the fault gone).
   */
  async addIntervention(row: Omit<InterventionRow, 'id'>): Promise<InterventionRow | undefined> {
    const { alarmInterventions: iv, alarms: a } = this.t;
    await this.adapter.transaction((tx) => [
      tx.insert(iv).values(row),
      tx.update(a).set({ state: 'intervened' }).where(and(eq(a.tenantId, row.tenantId), eq(a.id, row.alarmId), ne(a.state, 'cleared'))),
    ]);
    const [out] = await this.db.select().from(iv).where(and(eq(iv.tenantId, row.tenantId), eq(iv.alarmId, row.alarmId))).orderBy(desc(iv.id)).limit(1);
    return out;
  }

  interventions(tenantId: string, alarmId: number): Promise<InterventionRow[]> {
    const { alarmInterventions: iv } = this.t;
    return this.db.select().from(iv).where(and(eq(iv.tenantId, tenantId), eq(iv.alarmId, alarmId))).orderBy(asc(iv.doneAt), asc(iv.id));
  }

  // ---------------------------------------------------------------- contractors

  contractors(tenantId: string, withArchived = false): Promise<ContractorRow[]> {
    const { contractors: c } = this.t;
    return this.db.select().from(c).where(withArchived ? eq(c.tenantId, tenantId) : and(eq(c.tenantId, tenantId), isNull(c.archivedAt))).orderBy(asc(c.name), asc(c.id));
  }

  async contractor(tenantId: string, id: number): Promise<ContractorRow | undefined> {
    const { contractors: c } = this.t;
    const [row] = await this.db.select().from(c).where(and(eq(c.tenantId, tenantId), eq(c.id, id)));
    return row;
  }

  async addContractor(row: Omit<ContractorRow, 'id' | 'archivedAt'>): Promise<ContractorRow> {
    const [out] = await this.db.insert(this.t.contractors).values(row).returning();
    if (!out) throw new Error('contractor insert returned nothing');
    return out;
  }

  /** Changes a contractor (archivedAt set: no longer offered; the alarms that name it keep it). */
  async updateContractor(tenantId: string, id: number, patch: Partial<Pick<ContractorRow, 'name' | 'email' | 'phone' | 'archivedAt'>>, at: number): Promise<ContractorRow | undefined> {
    const { contractors: c } = this.t;
    const [row] = await this.db.update(c).set({ ...patch, updatedAt: at }).where(and(eq(c.tenantId, tenantId), eq(c.id, id))).returning();
    return row;
  }
}
