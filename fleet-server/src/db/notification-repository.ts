/**
 * Storage of the alarm e-mails (alarms/notify.ts): a town's SMTP settings and people on duty, and the digests.
 *
 * A digest is made in one transaction at the end of its period: its row (one per town and period: a unique index, so
 * two instances or a restart make it once) and the mark on each alarm it tells of (`alarms.digest_id`), so an alarm is
 * in exactly one digest. It is then `pending` until the SMTP server accepts it, and only then `sent`: a server that
 * stops in between finds it pending at its next start and sends it then — never lost, and never made twice. Which
 * instance sends is decided by a conditional update of its next attempt time (a claim for `claimMs`).
 */
import { and, asc, count, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import type * as s from './schema.sqlite.js';

export type NotificationSettingsRow = typeof s.notificationSettings.$inferSelect;
export type DigestRow = typeof s.alarmDigests.$inferSelect;

/** One alarm as a digest tells it: where the light is (street, pole, cabinet and circuit). */
export interface DigestAlarm {
  id: number; deviceId: string; type: string; severity: string; state: string; raisedAt: number; detail: string;
  poleRef: string | null; street: string | null; group: string | null; cabinetId: string | null; circuitId: string | null;
}

export class NotificationRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(private readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  async settings(tenantId: string): Promise<NotificationSettingsRow | undefined> {
    const { notificationSettings: n } = this.t;
    const [row] = await this.db.select().from(n).where(eq(n.tenantId, tenantId));
    return row;
  }

  async putSettings(row: NotificationSettingsRow): Promise<void> {
    const { notificationSettings: n } = this.t;
    const { tenantId: _tenant, ...rest } = row;
    await this.db.insert(n).values(row).onConflictDoUpdate({ target: n.tenantId, set: rest });
  }

  /** Towns with notifications turned on. */
  enabled(): Promise<NotificationSettingsRow[]> {
    const { notificationSettings: n } = this.t;
    return this.db.select().from(n).where(eq(n.enabled, true));
  }

  /**
   * Makes the digest of one period if the town has alarms not notified yet, received in [since, periodEnd): the row
   * and the alarms' marks in one transaction. Returns the digest (new or made earlier for this period), or
   * undefined when there was nothing to tell.
   */
  async makeDigest(tenantId: string, periodStart: number, periodEnd: number, since: number, now: number, messageId: string): Promise<DigestRow | undefined> {
    const { alarms: a, alarmDigests: d } = this.t;
    const waiting = and(eq(a.tenantId, tenantId), isNull(a.digestId), gte(a.receivedAt, since), lt(a.receivedAt, periodEnd));
    const [n] = await this.db.select({ n: count() }).from(a).where(waiting);
    if (Number(n?.n ?? 0) > 0) {
      const thisDigest = sql`(select ${d.id} from ${d} where ${d.tenantId} = ${tenantId} and ${d.periodStart} = ${periodStart})`;
      await this.adapter.transaction((tx) => [
        tx.insert(d).values({ tenantId, periodStart, periodEnd, alarmCount: 0, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, messageId })
          .onConflictDoNothing(),
        // Only a digest made by this transaction takes alarms: one made earlier for the period (a second instance)
        // has its own and is left as it is.
        tx.update(a).set({ digestId: sql`${thisDigest}` as unknown as number }).where(and(waiting, sql`exists (select 1 from ${d} where ${d.tenantId} = ${tenantId} and ${d.periodStart} = ${periodStart} and ${d.alarmCount} = 0)`)),
        tx.update(d).set({ alarmCount: sql`(select count(*) from ${a} where ${a.digestId} = ${d.id})` as unknown as number })
          .where(and(eq(d.tenantId, tenantId), eq(d.periodStart, periodStart), eq(d.alarmCount, 0))),
      ]);
    }
    const [row] = await this.db.select().from(d).where(and(eq(d.tenantId, tenantId), eq(d.periodStart, periodStart)));
    return row;
  }

  /** Digests waiting to be sent whose next attempt is due. */
  due(now: number): Promise<DigestRow[]> {
    const { alarmDigests: d } = this.t;
    return this.db.select().from(d).where(and(eq(d.state, 'pending'), lte(d.nextAttemptAt, now))).orderBy(asc(d.id));
  }

  /** Takes a due digest for `claimMs` (its next attempt moved on): false when another instance took it first. */
  async claim(digest: DigestRow, now: number, claimMs: number): Promise<boolean> {
    const { alarmDigests: d } = this.t;
    const rows = await this.db.update(d).set({ nextAttemptAt: now + claimMs })
      .where(and(eq(d.id, digest.id), eq(d.state, 'pending'), eq(d.nextAttemptAt, digest.nextAttemptAt))).returning({ id: d.id });
    return rows.length === 1;
  }

  async markSent(id: number, at: number): Promise<void> {
    const { alarmDigests: d } = this.t;
    await this.db.update(d).set({ state: 'sent', sentAt: at, attempts: sql`${d.attempts} + 1` as unknown as number, lastError: null }).where(eq(d.id, id));
  }

  async markFailed(id: number, error: string, nextAttemptAt: number): Promise<void> {
    const { alarmDigests: d } = this.t;
    await this.db.update(d).set({ attempts: sql`${d.attempts} + 1` as unknown as number, lastError: error.slice(0, 500), nextAttemptAt }).where(eq(d.id, id));
  }

  async digest(tenantId: string, id: number): Promise<DigestRow | undefined> {
    const { alarmDigests: d } = this.t;
    const [row] = await this.db.select().from(d).where(and(eq(d.tenantId, tenantId), eq(d.id, id)));
    return row;
  }

  /** A town's digests, newest first. */
  digests(tenantId: string, limit: number): Promise<DigestRow[]> {
    const { alarmDigests: d } = this.t;
    return this.db.select().from(d).where(eq(d.tenantId, tenantId)).orderBy(sql`${d.id} desc`).limit(limit);
  }

  /** The alarms of a digest with where their lights are (inventory, pole, cabinet and circuit), in id order. */
  async digestAlarms(tenantId: string, digestId: number): Promise<DigestAlarm[]> {
    const { alarms: a, inventory: inv, poles: p } = this.t;
    const rows = await this.db.select({
      id: a.id, deviceId: a.deviceId, type: a.type, severity: a.severity, state: a.state, raisedAt: a.raisedAt, detail: a.detail,
      poleRef: inv.poleRef, group: inv.groupId, street: p.street, cabinetId: p.cabinetId, circuitId: p.circuitId,
    }).from(a)
      .leftJoin(inv, eq(inv.deviceId, a.deviceId))
      .leftJoin(p, and(eq(p.tenantId, a.tenantId), eq(p.id, inv.poleId)))
      .where(and(eq(a.tenantId, tenantId), eq(a.digestId, digestId)))
      .orderBy(asc(a.id));
    return rows.map((r) => ({ ...r, id: Number(r.id), raisedAt: Number(r.raisedAt) }));
  }

  /** Alarm ids → digest, for the alarm detail ("notified in the digest of …"). */
  async digestsOf(ids: readonly number[]): Promise<Map<number, DigestRow>> {
    const { alarms: a, alarmDigests: d } = this.t;
    if (ids.length === 0) return new Map();
    const rows = await this.db.select({ alarmId: a.id, digest: d }).from(a).innerJoin(d, eq(d.id, a.digestId)).where(inArray(a.id, [...ids]));
    return new Map(rows.map((r) => [Number(r.alarmId), r.digest]));
  }
}
