/**
 * Queries of the energy area (issue 5): idempotent ingest of interval records together with their daily and
 * monthly rollups and the ack watermark (one transaction per frame), gap bookkeeping, reports over the
 * rollups, per-tenant settings and raw-record retention. Built on the same DialectAdapter as the main
 * repository, so it runs on SQLite and PostgreSQL.
 *
 * Why rollups: a year of 10,000 devices at 96 records a day is 350 M raw rows, too many to scan for a
 * report. Each committed frame adds its *newly inserted* records (ON CONFLICT DO NOTHING … RETURNING, so a
 * re-sent record adds nothing) to `energy_daily` (device × local day) and `energy_monthly` (device × local
 * month) in the same transaction. A year report then reads ≤ 12 rows per device (120,000 rows for 10,000
 * devices), a month report ≤ 31 per device.
 */
import { and, asc, count, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { MAX_ENERGY_SEQ_JUMP } from '@streetlight/protocol';
import { PreparedQueries, type DialectAdapter, type Db, type Tables } from './drizzle-repository.js';
import type { NewEnergy } from './repository.js';
import type * as s from './schema.sqlite.js';
import { serverAlarmSteps } from './alarms-repository.js';

export type EnergySettingsRow = typeof s.energySettings.$inferSelect;
export type EnergyGapRow = typeof s.energyGaps.$inferSelect;
export type EnergyRecordRow = typeof s.energyRecords.$inferSelect;
export type QuarantineRow = typeof s.energyQuarantine.$inferSelect;
/** `superseded`: a plausible record of the same seq arrived later and counts instead (EnergyRepository.ingest). */
export type QuarantineState = 'pending' | 'accepted' | 'rejected' | 'superseded';

/**
 * What ingest does with implausible records (energy/plausibility.ts): the verdicts by the device's record seq, and
 * the alarm raised for the device while any wait for a decision.
 */
export interface QuarantinePlan {
  verdicts: ReadonlyMap<number, { reason: string; detail: string }>;
  alarm: { type: string; severity: string };
}

/** Where a record's sums go: its local day and month, and the night seconds it covers (for the baseline). */
export interface RollupKey { day: string; month: string; darkS: number }

export interface IngestResult {
  /** Records that were not stored before this frame: counted, or quarantined (`quarantined`). */
  inserted: number;
  /** Of those, records quarantined as implausible: stored apart, acknowledged, not counted. */
  quarantined: number;
  /**
   * The seq to acknowledge, in the device's seq space (server watermark − the log's seq base; 0 = none): every
   * seq ≤ this is stored or declared lost. Equal to `serverAckedSeq` for a device whose first log it is.
   */
  ackedSeq: number;
  /** The ack watermark in the server's seq space (energy_records.seq, gaps). */
  serverAckedSeq: number;
  /** The frame came from the device's previous log (redelivered after a newer log was seen): nothing stored. */
  staleLog?: boolean;
  /** Missing ranges above the watermark, after the frame. */
  openGaps: Array<{ fromSeq: number; toSeq: number }>;
  /** Ranges declared lost by this frame (grace period over). */
  lost: Array<{ fromSeq: number; toSeq: number }>;
  /**
   * Set (to why) when the frame was refused: a record or its lost_through_seq more than MAX_ENERGY_SEQ_JUMP above
   * the log's acknowledged seq. Nothing was stored; nothing is to be acknowledged.
   */
  implausible?: string;
}

export type ReportBucket = 'day' | 'month' | 'year' | 'total';
export type ReportBy = 'tenant' | 'group' | 'device';

export interface ReportQuery {
  tenantId: string;
  /** First and last local day, inclusive, `YYYY-MM-DD`. */
  from: string;
  to: string;
  bucket: ReportBucket;
  by: ReportBy;
  groupId?: string | undefined;
  deviceId?: string | undefined;
}

/** Sums of one (key, period) cell; the caller turns them into kWh, hours, money and CO2. */
export interface ReportCell {
  key: string;
  period: string;
  energyMwh: number;
  burningS: number;
  levelX10S: number;
  durationS: number;
  records: number;
  devices: number;
  /** Σ nominal W × dark s over rows of devices with a nominal power and a position (W·s). */
  baselineWs: number;
  /** Energy of those same rows (mWh): savings compare like with like. */
  baselineEnergyMwh: number;
  /** Devices in the cell lacking a nominal power or a position (excluded from the baseline). */
  devicesWithoutBaseline: number;
}

/** Rows per multi-row statement (parameter limits of both dialects). */
const CHUNK = 400;
/** Seqs above the watermark fetched per step of the contiguity scan. */
const SCAN = 1000;
/** Multi-row inserts of up to this many rows (a frame holds at most 32 records) are prepared statements. */
const MAX_PREPARED_ROWS = 32;

interface Delta { tenantId: string; deviceId: string; key: string; energyMwh: number; burningS: number; levelX10S: number; durationS: number; darkS: number; records: number }

function addTo(map: Map<string, Delta>, tenantId: string, deviceId: string, key: string, r: NewEnergy, darkS: number): void {
  const k = `${deviceId}\u0000${key}`;
  let d = map.get(k);
  if (!d) map.set(k, d = { tenantId, deviceId, key, energyMwh: 0, burningS: 0, levelX10S: 0, durationS: 0, darkS: 0, records: 0 });
  d.energyMwh += r.energyMwh;
  d.burningS += r.burningS;
  d.levelX10S += r.avgLevelX10 * r.durationS;
  d.durationS += r.durationS;
  d.darkS += darkS;
  d.records += 1;
}

/** Missing ranges between `after` and the sorted seqs (which are all > after). */
export function missingRanges(after: number, seqs: readonly number[]): Array<{ fromSeq: number; toSeq: number }> {
  const out: Array<{ fromSeq: number; toSeq: number }> = [];
  let prev = after;
  for (const q of seqs) {
    if (q > prev + 1) out.push({ fromSeq: prev + 1, toSeq: q - 1 });
    prev = q;
  }
  return out;
}

/** Seqs above the watermark read per step of the contiguity scan (EnergyRepository.ingest, the batch writer). */
export const WATERMARK_PAGE = SCAN;

/**
 * One page of the watermark walk (EnergyRepository.ingest; the batch writer, src/ingest/energy-batch.ts): from the
 * watermark `acked`, over the stored seqs above it in ascending order (`page`, of records and quarantined records;
 * `full` when the read hit its limit, so more may follow), moves the watermark over contiguous seqs, over what the
 * device declared lost (`lostThrough`, server seqs) and over a gap whose next record has waited `graceMs`; the
 * ranges given up are appended to `lost`. Returns the watermark and, once the walk has ended, the seqs still above
 * it (`above`, from which the open gaps follow); without `above`, read the next page from the returned watermark.
 */
export function walkWatermark(acked: number, page: ReadonlyArray<{ seq: number | string; receivedAt: number | string }>, full: boolean, lostThrough: number, now: number, graceMs: number,
  lost: Array<{ fromSeq: number; toSeq: number }>): { acked: number; above?: number[] } {
  const got = page.filter((g, k) => k === 0 || Number(g.seq) !== Number(page[k - 1]!.seq));
  let i = 0;
  for (;;) {
    while (i < got.length && Number(got[i]!.seq) === acked + 1) { acked++; i++; }
    if (i === got.length && full) return { acked }; // all contiguous: next page
    const next = got[i];
    if (acked < lostThrough) {
      // The device said it no longer holds the records up to lostThroughSeq it was not acknowledged for
      // (EnergyReport.lost_through_seq: its log overwrote them): what is missing up to there is lost now.
      const to = next ? Math.min(Number(next.seq) - 1, lostThrough) : lostThrough;
      lost.push({ fromSeq: acked + 1, toSeq: to });
      acked = to;
      continue;
    }
    if (next && now - Number(next.receivedAt) >= graceMs) {
      // The device sends its oldest record first, so what is still missing once a later record has waited
      // the whole grace period is gone (e.g. a log record the boot scan found corrupt): give it up, so the
      // watermark and the device's log can move on. The range stays listed as lost.
      lost.push({ fromSeq: acked + 1, toSeq: Number(next.seq) - 1 });
      acked = Number(next.seq) - 1;
      continue;
    }
    return { acked, above: got.slice(i).map((g) => Number(g.seq)) };
  }
}

type Bind = (name: string) => never;
/** Runs a built query as a transaction step; `key` names its shape when it may be prepared (SQLite). */
type Run = (key: string | undefined, build: (d: Db, v: Bind) => unknown, values: Record<string, unknown>) => unknown;

/** Multi-row values as placeholders `r<i>_<column>` (and the values they take), for `n` ≤ a frame's records. */
function multi<R extends object>(rs: readonly R[]): { key: string | undefined; values: Record<string, unknown>; rowsOf: (v: Bind) => R[] } {
  const cols = Object.keys(rs[0] ?? {});
  const values: Record<string, unknown> = {};
  rs.forEach((r, i) => { for (const c of cols) values[`r${i}_${c}`] = (r as Record<string, unknown>)[c]; });
  const uniform = rs.every((r) => Object.keys(r).length === cols.length);
  return {
    key: uniform && rs.length <= MAX_PREPARED_ROWS ? `${rs.length}:${cols.join(',')}` : undefined,
    values,
    rowsOf: (v) => rs.map((_, i) => Object.fromEntries(cols.map((c) => [c, v(`r${i}_${c}`)])) as R),
  };
}

/** A returned record row with numbers as numbers (PostgreSQL bigints may come back as strings). */
const numericRecord = (g: NewEnergy): NewEnergy => ({
  ...g, seq: Number(g.seq), start: Number(g.start), energyMwh: Number(g.energyMwh), avgLevelX10: Number(g.avgLevelX10), durationS: Number(g.durationS), burningS: Number(g.burningS),
});
const numericQuarantine = (r: QuarantineRow): QuarantineRow => ({
  ...r, seq: Number(r.seq), start: Number(r.start), durationS: Number(r.durationS), energyMwh: Number(r.energyMwh), minPowerMw: Number(r.minPowerMw),
  maxPowerMw: Number(r.maxPowerMw), avgPowerMw: Number(r.avgPowerMw), burningS: Number(r.burningS), avgLevelX10: Number(r.avgLevelX10), receivedAt: Number(r.receivedAt),
});

/**
 * Adds newly stored records to `energy_daily` and `energy_monthly` (`… ON CONFLICT DO UPDATE SET x = x + excluded.x`),
 * as steps of the caller's transaction. Only records the caller's insert returned (new ones) may be given, so a
 * record is summed once.
 */
function* rollupSteps(t: Tables, tx: Db, device: { id: string; tenantId: string }, fresh: readonly NewEnergy[], keyOf: (r: NewEnergy) => RollupKey, run: Run): Generator<unknown, void, unknown> {
  const { energyDaily, energyMonthly } = t;
  const daily = new Map<string, Delta>();
  const monthly = new Map<string, Delta>();
  for (const r of fresh) {
    const k = keyOf(r);
    addTo(daily, device.tenantId, device.id, k.day, r, k.darkS);
    addTo(monthly, device.tenantId, device.id, k.month, r, k.darkS);
  }
  // Sorted keys: concurrent transactions lock rollup rows in the same order (no deadlock in PostgreSQL).
  const sorted = (m: Map<string, Delta>) => [...m.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // `<table>.<col>` is the stored row, `excluded.<col>` the proposed one (same syntax in both dialects).
  const rollupSet = (table: string) => {
    const add = (col: string) => sql.raw(`${table}.${col} + excluded.${col}`);
    return {
      energyMwh: add('energy_mwh'), burningS: add('burning_s'), levelX10S: add('level_x10_s'),
      durationS: add('duration_s'), darkS: add('dark_s'), records: add('records'),
    };
  };
  const sums = (d: Delta) => ({ deviceId: d.deviceId, energyMwh: d.energyMwh, burningS: d.burningS, levelX10S: d.levelX10S, durationS: d.durationS, darkS: d.darkS, records: d.records });
  const dr = multi(sorted(daily).map((d) => ({ tenantId: d.tenantId, day: d.key, ...sums(d) })));
  yield run(dr.key && `daily:${dr.key}`, (d, v) => d.insert(energyDaily).values(dr.rowsOf(v))
    .onConflictDoUpdate({ target: [energyDaily.tenantId, energyDaily.day, energyDaily.deviceId], set: rollupSet('energy_daily') }).returning({ d: energyDaily.day }), dr.values);
  const mr = multi(sorted(monthly).map((d) => ({ tenantId: d.tenantId, month: d.key, ...sums(d) })));
  yield run(mr.key && `monthly:${mr.key}`, (d, v) => d.insert(energyMonthly).values(mr.rowsOf(v))
    .onConflictDoUpdate({ target: [energyMonthly.tenantId, energyMonthly.month, energyMonthly.deviceId], set: rollupSet('energy_monthly') }).returning({ m: energyMonthly.month }), mr.values);
}

/**
 * Brings the device's quarantine alarm in line with its pending records (steps of the caller's transaction):
 * value = how many wait for a decision; none → cleared.
 */
function* pendingAlarmSteps(t: Tables, tx: Db, device: { id: string; tenantId: string }, alarm: { type: string; severity: string }, now: number, last: string): Generator<unknown, void, unknown> {
  const { energyQuarantine: x } = t;
  const n = Number(((yield tx.select({ n: count() }).from(x).where(and(eq(x.deviceId, device.id), eq(x.state, 'pending')))) as Array<{ n: number }>)[0]?.n ?? 0);
  const detail = n > 0 ? `${n} energy record${n === 1 ? '' : 's'} quarantined, awaiting a decision (latest: ${last})` : `no quarantined energy record left to decide (latest: ${last})`;
  yield* serverAlarmSteps(t, tx, { tenantId: device.tenantId, deviceId: device.id, type: alarm.type, severity: alarm.severity, at: now, value: n, detail });
}

export class EnergyRepository {
  private readonly db: Db;
  private readonly t: Tables;
  readonly dialect: 'sqlite' | 'postgres';

  private readonly prepared: PreparedQueries;

  constructor(readonly adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
    this.dialect = adapter.dialect;
    this.prepared = new PreparedQueries(adapter);
  }

  /** Runs a raw SELECT and returns plain rows (numbers may come back as strings from PostgreSQL). */
  private async rows(query: SQL): Promise<Array<Record<string, unknown>>> {
    if (this.dialect === 'sqlite') return (this.db as unknown as { all(q: SQL): Array<Record<string, unknown>> }).all(query);
    const res = await (this.db as unknown as { execute(q: SQL): Promise<{ rows: Array<Record<string, unknown>> }> }).execute(query);
    return res.rows;
  }

  // ---------------------------------------------------------------- ingest

  /**
   * Stores one frame's records, adds the new ones to the rollups, advances the ack watermark and refreshes
   * the device's open gaps, all in one transaction: when this resolves everything is committed, so the
   * caller may acknowledge `ackedSeq`; when it rejects nothing was written. Re-running it with the same
   * records (duplicate delivery, replay after a crash) changes nothing but `receivedAt`-free bookkeeping.
   *
   * @param keyOf where each record's sums go (local day/month in the tenant's zone, dark seconds covered)
   * @param graceMs a gap whose first following record has been stored this long is declared lost, so the
   *   watermark (and the device's log) can move on; the range stays listed as lost.
   * @param minStartS raw records starting before this (Unix s) may have been pruned by retention: one at or
   *   below the watermark is then already counted (or declared lost) and is dropped, never counted twice.
   * @param lostThroughSeq the device no longer holds its unacknowledged records up to this seq (its log overwrote
   *   them): those missing are declared lost at once, without the grace period (0 = nothing said).
   * @param logId EnergyReport.log_id (0 = unknown: seqs are stored as sent, as before log ids existed). The first
   *   nonzero id is adopted with the device's current seq base. A different nonzero id is a new log whose seqs
   *   restarted at 1 (partition erased or reformatted): its base becomes the highest seq stored (or quarantined)
   *   for the device (or the watermark, if higher), the old log's seqs the server never got are declared lost at once, and
   *   the new log's seq n is stored as base + n. Frames of the previous log id arriving after the switch are
   *   redeliveries: nothing is stored, nothing acknowledged. The switch happens under the device-row lock
   *   (PostgreSQL) / the single writer (SQLite), in the frame's transaction.
   * @param quarantine records with a verdict (by device seq) are not counted: they are stored in `energy_quarantine`
   *   (pending; once per seq, and never a seq counted already), count as received for the watermark, and bring the
   *   device's alarm up to date. A plausible record of a seq pending there is counted and the quarantined one
   *   marked `superseded`.
   *
   * A frame that places a record or its lost_through_seq more than MAX_ENERGY_SEQ_JUMP above the log's
   * acknowledged seq (the watermark, or a new log's base) is refused (`implausible`) before anything is written:
   * recorded, a claim of 4,294,967,293 lost records would be listed as such and move the watermark past every
   * record the device will ever send.
   */
  async ingest(device: { id: string; tenantId: string }, rows: readonly NewEnergy[], keyOf: (r: NewEnergy) => RollupKey, now: number, graceMs: number, minStartS = 0, lostThroughSeq = 0, logId = 0, quarantine?: QuarantinePlan): Promise<IngestResult> {
    return this.run((tx) => this.ingestSteps(tx, device, rows, keyOf, now, graceMs, minStartS, lostThroughSeq, logId, quarantine));
  }

  /**
   * The statements of `ingest` as steps of a transaction the caller runs (`ingest`; the batch writer,
   * src/ingest/energy-batch.ts, runs them for the frames it does not write in bulk, in its batch's transaction):
   * SQLite steps are run with `.all()`, synchronously; PostgreSQL steps are awaited, on `tx`, which must hold the
   * transaction's connection.
   */
  ingestSteps(tx: Db, device: { id: string; tenantId: string }, rows: readonly NewEnergy[], keyOf: (r: NewEnergy) => RollupKey, now: number, graceMs: number, minStartS = 0, lostThroughSeq = 0, logId = 0, quarantine?: QuarantinePlan): Generator<unknown, IngestResult, unknown> {
    const { energyRecords, energyGaps, energyQuarantine, devices } = this.t;
    const t = this.t;

    // The steps are a generator yielding built queries: driven synchronously inside a better-sqlite3
    // transaction (`.all()`; nothing else can interleave statements into it) and awaited inside a
    // PostgreSQL one. One sequence of statements, two drivers.
    const pgLock = this.dialect === 'postgres';
    // SQLite: each statement is prepared once per shape (`key`) with placeholders, on the connection, which is
    // the transaction's; building queries was most of the cost of a frame. PostgreSQL: built on the
    // transaction's client with the values inline (a pool's prepared query would run outside the transaction).
    const { db, prepared } = this;
    const q = (tx: Db, key: string | undefined, build: (d: Db, v: Bind) => unknown, values: Record<string, unknown>): unknown => {
      if (!pgLock && key !== undefined) {
        const p = prepared.get(key, () => build(db, (n) => sql.placeholder(n) as never)) as unknown as { all(v: Record<string, unknown>): unknown } | undefined;
        if (p) return { all: () => p.all(values) };
      }
      return build(tx, (n) => values[n] as never);
    };
    const raw = this.raw.bind(this);
    function* steps(tx: Db): Generator<unknown, IngestResult, unknown> {
      // PostgreSQL: lock the device row first, so two instances ($share) handling frames of the same device
      // serialise here and each sees the other's committed records when it computes the watermark. SQLite
      // has one writer at a time anyway.
      type DevLog = { acked: number; logId: number; base: number; prev: number; qtop: number };
      const dev = pgLock
        ? ((yield (tx as unknown as { execute(q: SQL): unknown }).execute(sql`select energy_acked_seq as acked, energy_log_id as "logId", energy_seq_base as base, energy_prev_log_id as prev, energy_quarantine_top as qtop from devices where id = ${device.id} for update`)) as { rows: DevLog[] }).rows[0]
        : ((yield q(tx, 'ackedLog', (d, v) => d.select({ acked: devices.energyAckedSeq, logId: devices.energyLogId, base: devices.energySeqBase, prev: devices.energyPrevLogId, qtop: devices.energyQuarantineTop }).from(devices).where(eq(devices.id, v('id'))), { id: device.id })) as DevLog[])[0];
      const before = Number(dev?.acked ?? 0);
      let qtop = Number(dev?.qtop ?? 0);
      // Log identity (EnergyReport.log_id): which server seq the device's seq 0 maps to.
      const storedLog = Number(dev?.logId ?? 0);
      let base = Number(dev?.base ?? 0);
      let logSet: { logId: number; base: number; prev: number } | undefined;
      let lostThrough = logId === 0 ? lostThroughSeq : 0; // server seq space
      if (logId !== 0 && logId !== storedLog) {
        if (storedLog !== 0 && logId === Number(dev?.prev ?? 0)) {
          // A frame of the log the device had before its current one, delivered late: its records are stored
          // or were declared lost at the switch. Nothing to do, nothing to acknowledge (that log is gone).
          return { inserted: 0, quarantined: 0, ackedSeq: 0, serverAckedSeq: before, openGaps: [], lost: [], staleLog: true };
        }
        if (storedLog !== 0) {
          // A new log: its seqs restarted at 1. They go after everything of the old log, whose records the
          // server never got are gone with it (lost below, at once).
          const top = ((yield q(tx, 'maxSeq', (d, v) => d.select({ m: sql<number>`max(${energyRecords.seq})` }).from(energyRecords).where(eq(energyRecords.deviceId, v('id'))), { id: device.id })) as Array<{ m: number | null }>)[0];
          base = Math.max(before, Number(top?.m ?? 0), qtop);
          lostThrough = base;
          logSet = { logId, base, prev: storedLog };
        } else {
          logSet = { logId, base, prev: Number(dev?.prev ?? 0) }; // first id seen: adopted with the current base
        }
      }
      if (logId !== 0 && lostThroughSeq > 0) lostThrough = Math.max(lostThrough, lostThroughSeq + base);
      if (logId === 0) base = 0; // unknown log: seqs as sent, as before log ids existed
      const floor = Math.max(before, base);
      let top = lostThroughSeq > 0 ? lostThroughSeq + base : 0;
      for (const r of rows) top = Math.max(top, r.seq + base);
      if (top > floor + MAX_ENERGY_SEQ_JUMP) {
        const implausible = `${lostThroughSeq + base === top ? 'lost_through_seq' : 'record seq'} ${top - base} more than ${MAX_ENERGY_SEQ_JUMP} above the acknowledged ${floor - base}`;
        return { inserted: 0, quarantined: 0, ackedSeq: 0, serverAckedSeq: before, openGaps: [], lost: [], implausible };
      }
      if (logSet) {
        yield q(tx, 'logSwitch', (d, v) => d.update(devices).set({ energyLogId: v('logId'), energySeqBase: v('base'), energyPrevLogId: v('prev') })
          .where(eq(devices.id, v('id'))).returning({ id: devices.id }), { id: device.id, ...logSet });
      }
      const mapped = base === 0 ? rows : rows.map((r) => ({ ...r, seq: r.seq + base }));
      const todo = mapped.filter((r) => r.seq > before || r.start >= minStartS);
      // Implausible records (energy/plausibility.ts) go to the quarantine, the others to the records.
      let plausible: NewEnergy[] = todo;
      let suspect: Array<NewEnergy & { reason: string; detail: string }> = [];
      if (quarantine && quarantine.verdicts.size > 0) {
        plausible = [];
        for (const r of todo) {
          const v = quarantine.verdicts.get(r.seq - base);
          if (v) suspect.push({ ...r, reason: v.reason, detail: v.detail });
          else plausible.push(r);
        }
      }
      let inserted: NewEnergy[] = [];
      for (let i = 0; i < plausible.length; i += CHUNK) {
        const part = multi(plausible.slice(i, i + CHUNK));
        const got = (yield q(tx, part.key && `records:${part.key}`, (d, v) => d.insert(energyRecords).values(part.rowsOf(v)).onConflictDoNothing().returning(), part.values)) as NewEnergy[];
        inserted = inserted.concat(got.map(numericRecord));
      }
      if (inserted.length) yield* rollupSteps(t, tx, device, inserted, keyOf, (key, build, values) => q(tx, key, build, values));
      // A plausible record for a seq held in quarantine counts, and the quarantined one is `superseded`: a record
      // dated ahead of a clock that has caught up since, delivered again; or a forged record that came before the
      // genuine one. Only seqs at or below the highest ever quarantined can be there, so a device without
      // quarantine costs no query.
      let alarmNote: string | undefined; // the device's quarantine alarm is brought up to date when set
      if (qtop > 0 && inserted.some((r) => r.seq <= qtop)) {
        const seqs = inserted.filter((r) => r.seq <= qtop).map((r) => r.seq);
        const superseded = (yield tx.update(energyQuarantine).set({ state: 'superseded', decidedAt: now })
          .where(and(eq(energyQuarantine.deviceId, device.id), inArray(energyQuarantine.seq, seqs), eq(energyQuarantine.state, 'pending'))).returning({ seq: energyQuarantine.seq })) as Array<{ seq: number }>;
        if (superseded.length) alarmNote = `seq ${Number(superseded[0]!.seq)} superseded by a plausible record`;
      }
      let quarantined: QuarantineRow[] = [];
      if (suspect.length) {
        // A seq counted already stays counted: a redelivery that fails the checks now (its start fell out of the
        // window, the rated power was lowered) is not quarantined after the fact.
        const seqs = suspect.map((r) => r.seq);
        const counted = new Set(((yield tx.select({ seq: energyRecords.seq }).from(energyRecords)
          .where(and(eq(energyRecords.deviceId, device.id), inArray(energyRecords.seq, seqs)))) as Array<{ seq: number }>).map((x) => Number(x.seq)));
        suspect = suspect.filter((r) => !counted.has(r.seq));
        for (let i = 0; i < suspect.length; i += CHUNK) {
          // ON CONFLICT DO NOTHING: a redelivered quarantined record changes nothing.
          const got = (yield tx.insert(energyQuarantine).values(suspect.slice(i, i + CHUNK).map((r) => ({ ...r, state: 'pending' })))
            .onConflictDoNothing().returning()) as QuarantineRow[];
          quarantined = quarantined.concat(got);
        }
        if (quarantined.length) {
          const newTop = Math.max(...quarantined.map((r) => Number(r.seq)));
          if (newTop > qtop) {
            qtop = newTop;
            yield tx.update(devices).set({ energyQuarantineTop: newTop }).where(eq(devices.id, device.id)).returning({ id: devices.id });
          }
          const last = quarantined.reduce((a, b) => (Number(b.seq) > Number(a.seq) ? b : a));
          alarmNote = `seq ${Number(last.seq)}: ${last.detail}`;
        }
      }
      if (alarmNote !== undefined && quarantine) yield* pendingAlarmSteps(t, tx, device, quarantine.alarm, now, alarmNote);
      // Watermark: the highest seq up to which every record is stored (or declared lost). Quarantined records
      // count as stored (they are kept, and the device must not send them for ever); while some lie above the
      // watermark, the scan reads both tables.
      let acked = before;
      const lost: Array<{ fromSeq: number; toSeq: number }> = [];
      let above: number[] = [];
      for (let guard = 0; guard < 100_000; guard++) {
        const got = (qtop > acked
          ? yield raw(tx, sql`select seq, received_at as "receivedAt" from energy_records where device_id = ${device.id} and seq > ${acked}
              union all select seq, received_at from energy_quarantine where device_id = ${device.id} and seq > ${acked} and state not in ('accepted', 'superseded')
              order by 1 limit ${SCAN}`)
          : yield q(tx, 'above', (d, v) => d.select({ seq: energyRecords.seq, receivedAt: energyRecords.receivedAt }).from(energyRecords)
            .where(and(eq(energyRecords.deviceId, v('id')), gt(energyRecords.seq, v('acked')))).orderBy(asc(energyRecords.seq)).limit(SCAN), { id: device.id, acked })) as Array<{ seq: number; receivedAt: number }>;
        const step = walkWatermark(acked, got, got.length === SCAN, lostThrough, now, graceMs, lost);
        acked = step.acked;
        if (step.above) { above = step.above; break; }
      }
      if (acked !== before) {
        yield q(tx, 'watermark', (d, v) => d.update(devices).set({ energyAckedSeq: v('acked') }).where(eq(devices.id, v('id'))).returning({ id: devices.id }), { id: device.id, acked });
      }
      const openGaps = missingRanges(acked, above);
      // Open gaps are recomputed from the records above the watermark; lost ones are kept for good.
      yield q(tx, 'clearOpenGaps', (d, v) => d.delete(energyGaps).where(and(eq(energyGaps.deviceId, v('id')), eq(energyGaps.state, 'open'))).returning({ f: energyGaps.fromSeq }), { id: device.id });
      const gapRows = [
        ...lost.map((g) => ({ ...g, deviceId: device.id, tenantId: device.tenantId, state: 'lost', detectedAt: now })),
        ...openGaps.map((g) => ({ ...g, deviceId: device.id, tenantId: device.tenantId, state: 'open', detectedAt: now })),
      ];
      for (let i = 0; i < gapRows.length; i += CHUNK) {
        yield tx.insert(energyGaps).values(gapRows.slice(i, i + CHUNK)).onConflictDoUpdate({
          target: [energyGaps.deviceId, energyGaps.fromSeq],
          set: { toSeq: sql.raw('excluded.to_seq'), state: sql.raw('excluded.state') },
        }).returning({ f: energyGaps.fromSeq });
      }
      return {
        inserted: inserted.length + quarantined.length, quarantined: quarantined.length,
        ackedSeq: Math.max(0, acked - base), serverAckedSeq: acked, openGaps, lost,
      };
    }
    return steps(tx);
  }

  /** A raw SELECT as a step of a transaction (rows; numbers may come back as strings from PostgreSQL). */
  private raw(tx: Db, query: SQL): unknown {
    if (this.dialect === 'sqlite') return { all: () => (tx as unknown as { all(q: SQL): unknown }).all(query) };
    return (tx as unknown as { execute(q: SQL): Promise<{ rows: unknown[] }> }).execute(query).then((r) => r.rows);
  }

  /**
   * Runs transaction steps (a generator yielding built queries) in one transaction: synchronously in a
   * better-sqlite3 transaction (each yielded query is run with `.all()`), awaited in a PostgreSQL one.
   */
  private run<T>(steps: (tx: Db) => Generator<unknown, T, unknown>): Promise<T> {
    if (this.dialect === 'sqlite') {
      return Promise.resolve(this.db.transaction((tx) => {
        const it = steps(tx);
        let r = it.next();
        while (!r.done) r = it.next((r.value as { all(): unknown }).all());
        return r.value;
      }));
    }
    const pgDb = this.db as unknown as { transaction<U>(fn: (tx: Db) => Promise<U>): Promise<U> };
    return pgDb.transaction(async (tx) => {
      const it = steps(tx);
      let r = it.next();
      while (!r.done) r = it.next(await (r.value as PromiseLike<unknown>));
      return r.value;
    });
  }

  /** Position and rated power of commissioned devices, by device id (issue 14: one query for the frames of a turn). */
  async inventories(deviceIds: readonly string[]): Promise<Map<string, { lat: number | null; lon: number | null; nominalPowerW: number | null }>> {
    const { inventory: i } = this.t;
    const out = new Map<string, { lat: number | null; lon: number | null; nominalPowerW: number | null }>();
    for (let k = 0; k < deviceIds.length; k += CHUNK) {
      const rows = await this.db.select({ deviceId: i.deviceId, lat: i.lat, lon: i.lon, nominalPowerW: i.nominalPowerW }).from(i)
        .where(inArray(i.deviceId, deviceIds.slice(k, k + CHUNK)));
      for (const r of rows) out.set(r.deviceId, { lat: r.lat, lon: r.lon, nominalPowerW: r.nominalPowerW === null ? null : Number(r.nominalPowerW) });
    }
    return out;
  }

  // ---------------------------------------------------------------- quarantine

  /** Quarantined records of a tenant, by device then seq (filters: device, state). */
  listQuarantine(tenantId: string, opts: { deviceId?: string | undefined; state?: QuarantineState | undefined; limit: number }): Promise<QuarantineRow[]> {
    const { energyQuarantine: x } = this.t;
    const where = [eq(x.tenantId, tenantId)];
    if (opts.deviceId) where.push(eq(x.deviceId, opts.deviceId));
    if (opts.state) where.push(eq(x.state, opts.state));
    return this.db.select().from(x).where(and(...where)).orderBy(asc(x.deviceId), asc(x.seq)).limit(opts.limit);
  }

  /**
   * A manager's decision on quarantined records of one device (server seqs), in one transaction: only `pending`
   * ones change (`UPDATE … WHERE state = 'pending' RETURNING`), so deciding twice, or accepting what was rejected,
   * changes nothing. Accepted records are inserted into `energy_records` (ON CONFLICT DO NOTHING) and the inserted
   * ones added to the rollups, so an accepted record counts exactly once. The device's `implausible_energy` alarm
   * then shows the records still pending, and is cleared when none are. The watermark does not move: quarantined
   * records counted as received already. Returns the records that changed and the current rows of `seqs`.
   */
  async decideQuarantine(device: { id: string; tenantId: string }, seqs: readonly number[], decision: 'accepted' | 'rejected', by: string | null, now: number,
    keyOf: (r: NewEnergy) => RollupKey, alarm: { type: string; severity: string }): Promise<{ changed: QuarantineRow[]; rows: QuarantineRow[] }> {
    const t = this.t;
    const { energyQuarantine: x, energyRecords } = t;
    const pg = this.dialect === 'postgres';
    const want = [...new Set(seqs)];
    function* steps(tx: Db): Generator<unknown, { changed: QuarantineRow[]; rows: QuarantineRow[] }, unknown> {
      // PostgreSQL: the device row locked, as ingest does, so a decision and a frame of the device serialise.
      if (pg) yield (tx as unknown as { execute(q: SQL): unknown }).execute(sql`select id from devices where id = ${device.id} for update`);
      const mine = and(eq(x.tenantId, device.tenantId), eq(x.deviceId, device.id), inArray(x.seq, want));
      const changed = ((yield tx.update(x).set({ state: decision, decidedAt: now, decidedBy: by }).where(and(mine, eq(x.state, 'pending'))).returning()) as QuarantineRow[])
        .map(numericQuarantine);
      if (decision === 'accepted' && changed.length) {
        const records: NewEnergy[] = changed.map((r) => ({
          deviceId: r.deviceId, tenantId: r.tenantId, seq: r.seq, start: r.start, durationS: r.durationS, energyMwh: r.energyMwh, minPowerMw: r.minPowerMw,
          maxPowerMw: r.maxPowerMw, avgPowerMw: r.avgPowerMw, burningS: r.burningS, avgLevelX10: r.avgLevelX10, receivedAt: r.receivedAt,
        }));
        let inserted: NewEnergy[] = [];
        for (let i = 0; i < records.length; i += CHUNK) {
          const got = (yield tx.insert(energyRecords).values(records.slice(i, i + CHUNK)).onConflictDoNothing().returning()) as NewEnergy[];
          inserted = inserted.concat(got.map(numericRecord));
        }
        if (inserted.length) yield* rollupSteps(t, tx, device, inserted, keyOf, (_key, build, values) => build(tx, (n) => values[n] as never));
      }
      if (changed.length) yield* pendingAlarmSteps(t, tx, device, alarm, now, `${changed.length} ${decision} by ${by ?? 'a manager'}`);
      const rows = ((yield tx.select().from(x).where(mine).orderBy(asc(x.seq))) as QuarantineRow[]).map(numericQuarantine);
      return { changed, rows };
    }
    return this.run(steps);
  }

  // ---------------------------------------------------------------- gaps

  /** Missing seq ranges of a tenant's devices (open: still awaited; lost: given up), by device then seq. */
  listGaps(tenantId: string, opts: { deviceId?: string | undefined; state?: 'open' | 'lost' | undefined } = {}): Promise<EnergyGapRow[]> {
    const { energyGaps: g } = this.t;
    const where = [eq(g.tenantId, tenantId)];
    if (opts.deviceId) where.push(eq(g.deviceId, opts.deviceId));
    if (opts.state) where.push(eq(g.state, opts.state));
    return this.db.select().from(g).where(and(...where)).orderBy(asc(g.deviceId), asc(g.fromSeq)).limit(100_000);
  }

  /** Raw records of a device in a seq range, ascending (API, tests). */
  listRecords(deviceId: string, fromSeq: number, limit: number): Promise<EnergyRecordRow[]> {
    const { energyRecords: r } = this.t;
    return this.db.select().from(r).where(and(eq(r.deviceId, deviceId), gt(r.seq, fromSeq - 1))).orderBy(asc(r.seq)).limit(limit);
  }

  /** Totals of the raw records per device (tests, the chaos harness): energy, count, seq range. */
  async rawTotals(deviceIds: readonly string[]): Promise<Map<string, { energyMwh: number; records: number; minSeq: number; maxSeq: number }>> {
    const { energyRecords: r } = this.t;
    const out = new Map<string, { energyMwh: number; records: number; minSeq: number; maxSeq: number }>();
    for (let i = 0; i < deviceIds.length; i += CHUNK) {
      const got = await this.db.select({
        id: r.deviceId, e: sql<number>`sum(${r.energyMwh})`, n: sql<number>`count(*)`, lo: sql<number>`min(${r.seq})`, hi: sql<number>`max(${r.seq})`,
      }).from(r).where(inArray(r.deviceId, deviceIds.slice(i, i + CHUNK))).groupBy(r.deviceId);
      for (const g of got) out.set(g.id, { energyMwh: Number(g.e), records: Number(g.n), minSeq: Number(g.lo), maxSeq: Number(g.hi) });
    }
    return out;
  }

  // ---------------------------------------------------------------- settings

  async getSettings(tenantId: string): Promise<EnergySettingsRow | undefined> {
    const { energySettings: e } = this.t;
    const [row] = await this.db.select().from(e).where(eq(e.tenantId, tenantId));
    return row;
  }

  async putSettings(row: EnergySettingsRow): Promise<void> {
    const { energySettings: e } = this.t;
    await this.db.insert(e).values(row).onConflictDoUpdate({
      target: e.tenantId,
      set: { tz: row.tz, tariffEurPerKwh: row.tariffEurPerKwh, emissionGPerKwh: row.emissionGPerKwh, updatedAt: row.updatedAt },
    });
  }

  // ---------------------------------------------------------------- retention

  /**
   * Deletes raw records that started before `cutoffS` and lie at or below their device's ack watermark
   * (a record above it may still be needed to compute the watermark). Their sums stay in the rollups.
   * Returns how many rows went.
   */
  async pruneRaw(cutoffS: number): Promise<number> {
    const res = await this.rows(sql`delete from energy_records where start < ${cutoffS}
      and seq <= (select d.energy_acked_seq from devices d where d.id = energy_records.device_id) returning 1 as x`);
    return res.length;
  }

  // ---------------------------------------------------------------- reports

  /**
   * Sums per (key, period) over the per-device rollups; monthly rows for whole months, daily rows for the rest. The
   * reference the reports are held to (src/reads/reports.ts `referenceReport`: tests, bench:api); the API reads
   * through ReportRepository.
   */
  async report(q: ReportQuery): Promise<ReportCell[]> {
    const dayRe = /^\d{4}-\d{2}-\d{2}$/;
    if (!dayRe.test(q.from) || !dayRe.test(q.to)) throw new Error('report: from/to must be YYYY-MM-DD');
    const periodOf = (col: 'day' | 'month'): SQL => {
      switch (q.bucket) {
        case 'day': return sql.raw(col);
        case 'month': return sql.raw(`substr(${col}, 1, 7)`);
        case 'year': return sql.raw(`substr(${col}, 1, 4)`);
        case 'total': return sql.raw(`'${q.from}/${q.to}'`); // validated above: digits and dashes only
      }
    };
    const deviceFilter = (): SQL => {
      const parts: SQL[] = [];
      if (q.deviceId) parts.push(sql` and device_id = ${q.deviceId}`);
      if (q.groupId) parts.push(sql` and device_id in (select gm.device_id from group_members gm where gm.tenant_id = ${q.tenantId} and gm.group_id = ${q.groupId})`);
      return sql.join(parts, sql``);
    };
    const cols = sql.raw('tenant_id, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records');
    const sources: SQL[] = [];
    const daily = (a: string, b: string) => sources.push(sql`select ${cols}, ${periodOf('day')} as p from energy_daily where tenant_id = ${q.tenantId} and day >= ${a} and day <= ${b}${deviceFilter()}`);
    const split = q.bucket === 'day' ? undefined : wholeMonths(q.from, q.to);
    if (!split) daily(q.from, q.to);
    else {
      if (split.head) daily(split.head[0], split.head[1]);
      sources.push(sql`select ${cols}, ${periodOf('month')} as p from energy_monthly where tenant_id = ${q.tenantId} and month >= ${split.months[0]} and month <= ${split.months[1]}${deviceFilter()}`);
      if (split.tail) daily(split.tail[0], split.tail[1]);
    }
    const union = sql.join(sources, sql` union all `);
    const key = q.by === 'device' ? sql.raw('x.device_id') : q.by === 'group' ? sql.raw('gm.group_id') : sql.raw('x.tenant_id');
    const groupJoin = q.by === 'group'
      ? (q.groupId ? sql`join group_members gm on gm.tenant_id = x.tenant_id and gm.device_id = x.device_id and gm.group_id = ${q.groupId}` : sql`join group_members gm on gm.tenant_id = x.tenant_id and gm.device_id = x.device_id`)
      : sql``;
    const eligible = sql.raw('(i.nominal_power_w > 0 and i.lat is not null and i.lon is not null)');
    const rows = await this.rows(sql`select ${key} as k, x.p as p,
        sum(x.energy_mwh) as energy_mwh, sum(x.burning_s) as burning_s, sum(x.level_x10_s) as level_x10_s,
        sum(x.duration_s) as duration_s, sum(x.records) as records, count(distinct x.device_id) as devices,
        sum(case when ${eligible} then x.dark_s * i.nominal_power_w else 0 end) as baseline_ws,
        sum(case when ${eligible} then x.energy_mwh else 0 end) as baseline_energy_mwh,
        count(distinct case when ${eligible} then null else x.device_id end) as devices_without_baseline
      from (${union}) x left join inventory i on i.device_id = x.device_id ${groupJoin}
      group by ${key}, x.p order by 1, 2`);
    return rows.map((r) => ({
      key: String(r.k), period: String(r.p), energyMwh: Number(r.energy_mwh), burningS: Number(r.burning_s),
      levelX10S: Number(r.level_x10_s), durationS: Number(r.duration_s), records: Number(r.records), devices: Number(r.devices),
      baselineWs: Number(r.baseline_ws), baselineEnergyMwh: Number(r.baseline_energy_mwh), devicesWithoutBaseline: Number(r.devices_without_baseline),
    }));
  }
}

const pad = (n: number) => String(n).padStart(2, '0');
function monthOf(day: string): string { return day.slice(0, 7); }
function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
function dayBefore(day: string): string { return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10); }

/**
 * Splits the inclusive day range [from, to] into the whole months it contains and the partial head and tail
 * (read from the daily rollup); undefined when it contains no whole month.
 */
export function wholeMonths(from: string, to: string): { head?: [string, string]; months: [string, string]; tail?: [string, string] } | undefined {
  const first = from.endsWith('-01') ? monthOf(from) : addMonths(monthOf(from), 1);
  const last = to === lastDay(monthOf(to)) ? monthOf(to) : addMonths(monthOf(to), -1);
  if (first > last) return undefined;
  const out: { head?: [string, string]; months: [string, string]; tail?: [string, string] } = { months: [first, last] };
  if (from < `${first}-01`) out.head = [from, dayBefore(`${first}-01`)];
  const after = addMonths(last, 1);
  if (to >= `${after}-01`) out.tail = [`${after}-01`, to];
  return out;
}
