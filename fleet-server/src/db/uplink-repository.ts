/**
 * The device-row statements of the receive path that must hold whichever server instance handles which frame
 * of a device, in whatever order (several instances share the uplink stream through `$share`, so consecutive
 * frames of one device are routinely handled by different instances, and QoS 1 redelivers). Each is one
 * conditional statement, atomic on both dialects; none reads a value to write it back later.
 *
 * Frames are compared by their **uplink order**, `seq_epoch × 2^32 + seq` (`ordSql`): the envelope seq is
 * strictly increasing and persisted across reboots (protocol README), and `seq_epoch` counts the times the
 * device's counter restarted (wiped flash), so a device that starts again at 1 compares above everything it
 * sent before. See devices/service.ts for the rules each frame kind follows.
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { MAX_UPLINK_SEQ_JUMP } from '@streetlight/protocol';
import type { DevicePatch } from './repository.js';
import { placeholders, PreparedQueries, type Db, type DialectAdapter, type Prepared, type Tables } from './drizzle-repository.js';

/** Uplink orders of one seq epoch lie in [epoch × ORD_EPOCH, (epoch + 1) × ORD_EPOCH): seq is a uint32. */
export const ORD_EPOCH = 2 ** 32;

/** The order of seq `seq` in seq epoch `epoch`. */
export const uplinkOrd = (epoch: number, seq: number): number => epoch * ORD_EPOCH + seq;

/** Fields a Hello reports about the device itself; applied when the Hello is newer than the last one applied. */
export type HelloFields = Pick<DevicePatch, 'hardwareModel' | 'firmwareVersion' | 'bootCount' | 'lastResetReason'>;
/** Reported state (from a StateReport, or the part of a Hello that a StateReport also carries). */
export type StateFields = Omit<DevicePatch, 'lastUplinkSeq' | 'seqEpoch' | 'stateOrd' | 'helloOrd' | keyof HelloFields | 'online' | 'lastSeen' | 'energyAckedSeq'>;

export type AckOutcome = 'acked' | 'again' | 'unknown';

export class UplinkRepository {
  private readonly db: Db;
  private readonly t: Tables;
  private readonly prepared: PreparedQueries;

  constructor(readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
    this.prepared = new PreparedQueries(adapter);
  }

  /** `seq_epoch × 2^32 + <seq>` on the row being updated (so a concurrent epoch change is seen). */
  private ordSql(seq: SQL | ReturnType<typeof sql.placeholder>): SQL {
    return sql`(${this.t.devices.seqEpoch} * ${sql.raw(String(ORD_EPOCH))} + ${seq})`;
  }

  /** The larger of a column and a value (SQLite's scalar max, PostgreSQL's greatest). */
  private greatest(col: SQL, v: ReturnType<typeof sql.placeholder>): SQL {
    return this.adapter.dialect === 'sqlite' ? sql`max(${col}, ${v})` : sql`greatest(${col}, ${v})`;
  }

  private async run<T>(key: string, build: () => unknown, values: Record<string, unknown>): Promise<T[]> {
    const q = this.prepared.get(key, build) as Prepared | undefined;
    if (!q) throw new Error(`prepared statement cache full (${key})`);
    return (await q.execute(values)) as T[];
  }

  /**
   * A Hello older (lower seq, same epoch) than the last Hello applied: the device's counter went back, which a
   * device whose flash was wiped does (it starts again at 1). Starts a new seq epoch, with `last_uplink_seq` =
   * this seq. Resolves true if it did. A Hello with the seq of the last one applied (a redelivery) does not.
   *
   * Chosen over comparing boot counts (a wiped device starts at boot 1 as well): a Hello that only arrived late
   * is older than the last one applied only when it was overtaken by a whole later (re)connection — another
   * Hello — which takes seconds, not the milliseconds by which instances reorder frames. If that happens the
   * cost is bounded: the late Hello's firmware, model and boot count are shown until the next Hello, and
   * everything else the device sends afterwards is in the new epoch, above.
   *
   * A Hello more than MAX_UPLINK_SEQ_JUMP below the last seq seen starts a new epoch too: no real frame is that
   * far ahead of a Hello of the same count (the service refuses such a step), so that seq came from elsewhere —
   * a forged first frame of a device, or one taken before the bound existed — and would freeze the row.
   */
  async restartIfCounterWentBack(deviceId: string, seq: number): Promise<boolean> {
    const { devices } = this.t;
    const rows = await this.run<{ epoch: number }>('uplink:restart', () => this.db.update(devices)
      .set({ seqEpoch: sql`${devices.seqEpoch} + 1`, lastUplinkSeq: sql.placeholder('seq') as unknown as number })
      .where(and(eq(devices.id, sql.placeholder('id')), sql`(${devices.helloOrd} > ${this.ordSql(sql.placeholder('seq'))}
        or ${devices.lastUplinkSeq} - ${sql.raw(String(MAX_UPLINK_SEQ_JUMP))} > ${sql.placeholder('seq')})`))
      .returning({ epoch: devices.seqEpoch }), { id: deviceId, seq });
    return rows.length > 0;
  }

  /**
   * Records that frame `seq` arrived at `now`: `last_uplink_seq` only moves up (conditional update), `last_seen`
   * likewise. `advanced`: this seq is above every seq seen in the epoch (false for a redelivery and for a frame
   * another instance overtook). `epoch`: the device's seq epoch; undefined for an unknown device.
   */
  async seen(deviceId: string, seq: number, now: number): Promise<{ advanced: boolean; epoch: number | undefined }> {
    const { devices } = this.t;
    const lastSeen = this.greatest(sql`${devices.lastSeen}`, sql.placeholder('now')) as unknown as number;
    const up = await this.run<{ epoch: number }>('uplink:advance', () => this.db.update(devices)
      .set({ lastUplinkSeq: sql.placeholder('seq') as unknown as number, lastSeen })
      .where(and(eq(devices.id, sql.placeholder('id')), sql`(${devices.lastUplinkSeq} is null or ${devices.lastUplinkSeq} < ${sql.placeholder('seq')})`))
      .returning({ epoch: devices.seqEpoch }), { id: deviceId, seq, now });
    if (up[0]) return { advanced: true, epoch: Number(up[0].epoch) };
    const touched = await this.run<{ epoch: number }>('uplink:touch', () => this.db.update(devices)
      .set({ lastSeen })
      .where(eq(devices.id, sql.placeholder('id')))
      .returning({ epoch: devices.seqEpoch }), { id: deviceId, now });
    return { advanced: false, epoch: touched[0] ? Number(touched[0].epoch) : undefined };
  }

  /** Applies a Hello's identity fields (and `online`) if it is newer than the last Hello applied. */
  async applyHello(deviceId: string, seq: number, fields: HelloFields): Promise<boolean> {
    return this.applyIfNewer('hello', deviceId, seq, { ...fields, online: true }, 'helloOrd');
  }

  /**
   * Applies reported state if the frame is newer than the one whose state the row holds (a State or a Hello).
   * With `seenAt`, the same statement also does what `seen` does (one statement for a report in order); when
   * the state is not applied it does nothing, and the caller calls `seen`.
   */
  async applyState(deviceId: string, seq: number, fields: StateFields, seenAt?: number): Promise<boolean> {
    return this.applyIfNewer('state', deviceId, seq, fields, 'stateOrd', seenAt);
  }

  private async applyIfNewer(kind: string, deviceId: string, seq: number, fields: DevicePatch, key: 'stateOrd' | 'helloOrd', seenAt?: number): Promise<boolean> {
    const { devices } = this.t;
    const col = devices[key];
    const keys = Object.keys(fields).filter((k) => (fields as Record<string, unknown>)[k] !== undefined);
    const ord = this.ordSql(sql.placeholder('__seq'));
    const seen = seenAt === undefined ? {} : {
      lastUplinkSeq: sql`case when ${devices.lastUplinkSeq} is null or ${devices.lastUplinkSeq} < ${sql.placeholder('__seq')} then ${sql.placeholder('__seq')} else ${devices.lastUplinkSeq} end`,
      lastSeen: this.greatest(sql`${devices.lastSeen}`, sql.placeholder('__now')),
    };
    const rows = await this.run<{ id: string }>(`uplink:${kind}:${seenAt === undefined ? '' : 'seen:'}${keys.join(',')}`, () => this.db.update(devices)
      .set({ ...placeholders(keys), ...seen, [key]: ord } as unknown as DevicePatch)
      .where(and(eq(devices.id, sql.placeholder('__id')), sql`${col} < ${ord}`))
      .returning({ id: devices.id }), { ...fields, __id: deviceId, __seq: seq, ...(seenAt === undefined ? {} : { __now: seenAt }) });
    return rows.length > 0;
  }

  /**
   * Records a CommandAck: the first one for a downlink wins (`acked`); the same ack again (a redelivery) changes
   * nothing (`again`); `unknown` when the device has no such downlink.
   */
  async ackDownlink(deviceId: string, downlinkSeq: number, status: string, detail: string, at: number): Promise<AckOutcome> {
    const { downlinks } = this.t;
    const where = and(eq(downlinks.deviceId, sql.placeholder('id')), eq(downlinks.seq, sql.placeholder('seq')));
    const rows = await this.run<{ seq: number }>('uplink:ack', () => this.db.update(downlinks)
      .set({ ackStatus: sql.placeholder('status') as unknown as string, ackDetail: sql.placeholder('detail') as unknown as string, ackedAt: sql.placeholder('at') as unknown as number })
      .where(and(where, isNull(downlinks.ackedAt)))
      .returning({ seq: downlinks.seq }), { id: deviceId, seq: downlinkSeq, status, detail: detail || null, at });
    if (rows.length > 0) return 'acked';
    const known = await this.run<{ seq: number }>('uplink:ack-known', () => this.db.select({ seq: downlinks.seq }).from(downlinks).where(where), { id: deviceId, seq: downlinkSeq });
    return known.length > 0 ? 'again' : 'unknown';
  }
}
