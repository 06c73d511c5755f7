/**
 * Issue 14: EnergyReports written in batches across devices (fleet-server README, "Ingest pipeline"). Frames are
 * authenticated, decoded, rate-limited and checked for plausibility as they arrive (devices/service.ts,
 * EnergyService.prepare); then a batch of them — one frame per device, from any number of devices — is written in
 * ONE transaction, and each frame's EnergyAck is published only once that transaction has committed.
 *
 * What one batch transaction does, for every frame in it, exactly what a frame's own transaction did before
 * (EnergyRepository.ingest) plus the device-row statements of the receive path (UplinkRepository.seen) and the
 * EnergyAck's downlink bookkeeping (the device's next downlink seq; an EnergyAck is not a `downlinks` row):
 *  1. reads (PostgreSQL: locks, `FOR UPDATE`, in id order, so instances never deadlock) the devices' rows;
 *  2. per frame, in memory: the checks of the receive path — unknown device (left to the per-frame path, which
 *     registers it), another town's device, an uplink seq implausibly far ahead, records implausibly far above the
 *     watermark — and whether it can be written in bulk: the usual frame (no quarantined record, no
 *     lost_through_seq, no new log id, no quarantined seq at stake) is; the others run the per-frame statements
 *     (EnergyRepository.ingestSteps) inside the same transaction;
 *  3. the bulk frames' records in one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`, the newly stored ones
 *     (and only those: a record is counted once) added to the daily and monthly rollups by multi-row upserts, and
 *     the records above each device's watermark read back to move the watermark and recompute the open gaps
 *     (EnergyRepository's walk, walkWatermark);
 *  4. the devices' rows (last uplink seq and last seen only ever move up, the watermark, one downlink seq per
 *     EnergyAck) and the gaps.
 * PostgreSQL: steps 3 and 4 are one statement each (UNNEST arrays, data-modifying CTEs, named prepared statements on
 * the transaction's connection): BEGIN, 3 statements, COMMIT — five round trips a batch, whatever its size. SQLite:
 * prepared multi-row statements, run synchronously in one transaction.
 *
 * Exactly once holds as before: a record is unique per (device, seq) and only inserted rows reach the rollups; a
 * batch is all or nothing (GroupCommit writes a failed batch again frame by frame, so one bad frame fails alone).
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { MAX_ENERGY_SEQ_JUMP, MAX_UPLINK_SEQ_JUMP } from '@streetlight/protocol';
import { EnergyRepository, missingRanges, walkWatermark, WATERMARK_PAGE, type IngestResult, type RollupKey } from '../db/energy-repository.js';
import type { Db, DialectAdapter } from '../db/drizzle-repository.js';
import type { NewEnergy } from '../db/repository.js';
import type { PreparedEnergy } from '../energy/service.js';
import type { IngestMetrics } from '../metrics.js';
import { BatchWriter } from './group-commit.js';
import { drizzleOn, MultiRow, pgArray, pgTransaction } from './multi-row.js';

/** One EnergyReport, checked and prepared, waiting for its batch. */
export interface EnergyFrame {
  /** The town of the topic it came on. */
  tenant: string;
  deviceId: string;
  /** The frame's uplink seq (its envelope). */
  seq: number;
  prepared: PreparedEnergy;
}

type Range = { fromSeq: number; toSeq: number };

export type EnergyFrameOutcome =
  /** The device has no row yet: nothing written; the per-frame path registers it and stores the frame. */
  | { status: 'unregistered' }
  /** The device is registered under another town: nothing written. */
  | { status: 'wrong_tenant'; registeredTenant: string }
  /** The uplink seq is more than MAX_UPLINK_SEQ_JUMP above the last one seen: nothing written. */
  | { status: 'implausible_seq'; lastUplinkSeq: number }
  /** A record or lost_through_seq too far above the watermark: only the uplink seq and last seen were recorded. */
  | { status: 'implausible_gap'; detail: string }
  | {
    status: 'stored';
    /** Records not stored before (counted, or quarantined). */
    inserted: number;
    quarantined: number;
    /** The EnergyAck to publish (its downlink seq is taken): none when 0 is acknowledged. */
    ack?: { downlinkSeq: number; ackedSeq: number } | undefined;
    lost: Range[];
    openGaps: Range[];
  };

/** A device row as the batch reads it. */
interface DevState {
  id: string; tenantId: string; lastUplinkSeq: number | null; acked: number; logId: number; base: number; qtop: number;
  /** The device has open gaps, i.e. records stored above its watermark (every ingest keeps the two in step). */
  hasOpen: boolean | number;
}

/** What the batch does with a frame (step 2). */
type Plan =
  | { kind: 'refused'; outcome: EnergyFrameOutcome }
  | { kind: 'gap'; detail: string }
  | { kind: 'complex' }
  | { kind: 'bulk'; base: number; before: number; records: NewEnergy[]; keys: RollupKey[] };

interface Bulk { frame: number; dev: DevState; base: number; before: number; records: NewEnergy[]; keys: RollupKey[] }

/** After step 3: where a frame's watermark and gaps end up. */
interface Walked { acked: number; lost: Range[]; openGaps: Range[]; inserted: number }

const newest = (rows: readonly NewEnergy[]): number => rows.reduce((m, r) => Math.max(m, r.seq), 0);

/**
 * The watermark without reading the records back, in the usual case: the device had no open gap, so nothing was
 * stored above its watermark `before` (an ingest leaves records above the watermark only with an open gap before
 * them), and the records just inserted are exactly before + 1 … before + n. Undefined otherwise (read them back).
 * Were a record stored above the watermark without its gap, the watermark would only stop short of it (an ack too
 * low: the device sends again), never pass a missing record.
 */
function contiguous(before: number, hasOpen: boolean | number, inserted: readonly number[]): number | undefined {
  if (hasOpen) return undefined;
  const seqs = [...inserted].sort((a, b) => a - b);
  for (let i = 0; i < seqs.length; i++) if (seqs[i] !== before + 1 + i) return undefined;
  return before + seqs.length;
}
const num = (v: unknown): number => Number(v);

/** Step 2 for one frame. */
function plan(f: EnergyFrame, d: DevState | undefined): Plan {
  if (!d) return { kind: 'refused', outcome: { status: 'unregistered' } };
  if (d.tenantId !== f.tenant) return { kind: 'refused', outcome: { status: 'wrong_tenant', registeredTenant: d.tenantId } };
  if (d.lastUplinkSeq !== null && f.seq > d.lastUplinkSeq + MAX_UPLINK_SEQ_JUMP) return { kind: 'refused', outcome: { status: 'implausible_seq', lastUplinkSeq: d.lastUplinkSeq } };
  const p = f.prepared;
  if (p.quarantine.verdicts.size > 0 || p.lostThroughSeq !== 0 || (p.logId !== 0 && p.logId !== d.logId)) return { kind: 'complex' };
  // As EnergyRepository.ingest: seqs of a known log go after its base; log id 0 = seqs as sent.
  const base = p.logId === 0 ? 0 : d.base;
  const before = d.acked;
  const floor = Math.max(before, base);
  let top = 0;
  for (const r of p.rows) top = Math.max(top, r.seq + base);
  if (top > floor + MAX_ENERGY_SEQ_JUMP) return { kind: 'gap', detail: `record seq ${top - base} more than ${MAX_ENERGY_SEQ_JUMP} above the acknowledged ${floor - base}` };
  const records: NewEnergy[] = [];
  const keys: RollupKey[] = [];
  const seen = new Set<number>();
  p.rows.forEach((r, i) => {
    // A seq twice in one frame: the first one counts (as a multi-row insert that skips the second).
    if (seen.has(r.seq)) return;
    seen.add(r.seq);
    const seq = r.seq + base;
    // At or below the watermark and older than retention: maybe pruned already, so counted already (ingest).
    if (!(seq > before || r.start >= p.minStartS)) return;
    records.push(base === 0 ? r : { ...r, seq });
    keys.push(p.keys[i] as RollupKey);
  });
  // Quarantined seqs at stake (a plausible record may supersede one): the per-frame statements handle them.
  if (d.qtop > 0 && (d.qtop > before || records.some((r) => r.seq <= d.qtop))) return { kind: 'complex' };
  return { kind: 'bulk', base, before, records, keys };
}

/** The outcome of a frame stored by the per-frame statements. */
function complexOutcome(f: EnergyFrame, r: IngestResult): { outcome: EnergyFrameOutcome; ackedSeq: number } {
  if (r.implausible !== undefined) return { outcome: { status: 'implausible_gap', detail: r.implausible }, ackedSeq: 0 };
  f.prepared.report(r);
  return { outcome: { status: 'stored', inserted: r.inserted, quarantined: r.quarantined, lost: r.lost, openGaps: r.openGaps }, ackedSeq: Math.min(r.ackedSeq, newest(f.prepared.rows)) };
}

/**
 * Daily or monthly sums of the newly stored records of the bulk frames (`fresh(frame, record)`; every record when
 * undefined), per (tenant, period, device), sorted (the order rows are locked in), as flat statement values.
 */
function rollups(bulk: readonly Bulk[], fresh: ((b: Bulk, k: number) => boolean) | undefined, period: 'day' | 'month'): { values: unknown[]; rows: number } {
  const all: Array<{ key: string; v: unknown[] }> = [];
  for (const b of bulk) {
    // A frame is one device's: its records' sums go by period only.
    const mine = new Map<string, unknown[]>();
    b.records.forEach((r, k) => {
      if (fresh && !fresh(b, k)) return;
      const key = b.keys[k] as RollupKey;
      const when = key[period];
      let v = mine.get(when);
      if (!v) {
        mine.set(when, v = [r.tenantId, when, r.deviceId, 0, 0, 0, 0, 0, 0]);
        all.push({ key: `${r.tenantId}\u0000${when}\u0000${r.deviceId}`, v });
      }
      v[3] = (v[3] as number) + r.energyMwh;
      v[4] = (v[4] as number) + r.burningS;
      v[5] = (v[5] as number) + r.avgLevelX10 * r.durationS;
      v[6] = (v[6] as number) + r.durationS;
      v[7] = (v[7] as number) + key.darkS;
      v[8] = (v[8] as number) + 1;
    });
  }
  all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const values: unknown[] = [];
  for (const x of all) for (const y of x.v) values.push(y);
  return { values, rows: all.length };
}

const RECORD_COLS = 'device_id, tenant_id, seq, start, duration_s, energy_mwh, min_power_mw, max_power_mw, avg_power_mw, burning_s, avg_level_x10, received_at';
/** Appends a record's column values (RECORD_COLS) to `out`. */
function pushRecord(out: unknown[], r: NewEnergy): void {
  out.push(r.deviceId, r.tenantId, r.seq, r.start, r.durationS, r.energyMwh, r.minPowerMw, r.maxPowerMw, r.avgPowerMw, r.burningS, r.avgLevelX10, r.receivedAt);
}
const ROLLUP_SET = (table: string) => ['energy_mwh', 'burning_s', 'level_x10_s', 'duration_s', 'dark_s', 'records'].map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

// ---------------------------------------------------------------- SQLite

class SqliteBatch {
  /** The device rows of a batch, in one statement (ids as a JSON array). */
  private readonly devGet: Database.Statement;
  private readonly above: Database.Statement;
  /** One device row's update (a batch holding a device twice: `write` in tests); else `devUpdates`. */
  private readonly devUpdate: Database.Statement;
  /** The device rows of a batch of distinct devices, in one statement. */
  private readonly devUpdates: MultiRow;
  private readonly tx: Database.Transaction<(frames: readonly EnergyFrame[]) => EnergyFrameOutcome[]>;
  private readonly clearOpenGaps: Database.Statement;
  private readonly records: MultiRow;
  private readonly daily: MultiRow;
  private readonly monthly: MultiRow;
  private readonly gaps: MultiRow;

  constructor(private readonly client: Database.Database, private readonly db: Db, private readonly energy: EnergyRepository) {
    this.devGet = client.prepare(`select id, tenant_id as tenantId, last_uplink_seq as lastUplinkSeq, energy_acked_seq as acked, energy_log_id as logId,
      energy_seq_base as base, energy_quarantine_top as qtop,
      exists (select 1 from energy_gaps g where g.device_id = devices.id and g.state = 'open') as hasOpen
      from devices where id in (select value from json_each(?))`);
    this.above = client.prepare('select seq, received_at as receivedAt from energy_records where device_id = ? and seq > ? order by seq limit ?');
    this.devUpdate = client.prepare(`update devices set
        last_uplink_seq = case when last_uplink_seq is null or last_uplink_seq < @seq then @seq else last_uplink_seq end,
        last_seen = max(last_seen, @now), energy_acked_seq = coalesce(@acked, energy_acked_seq), last_downlink_seq = last_downlink_seq + @inc
      where id = @id returning last_downlink_seq as seq`);
    this.devUpdates = new MultiRow(client, 'with v(id, seq, now, acked, inc) as (', 5, `) update devices set
        last_uplink_seq = case when last_uplink_seq is null or last_uplink_seq < v.seq then v.seq else last_uplink_seq end,
        last_seen = max(last_seen, v.now), energy_acked_seq = coalesce(v.acked, energy_acked_seq), last_downlink_seq = last_downlink_seq + v.inc
      from v where devices.id = v.id returning devices.id as id, last_downlink_seq as seq`, true);
    this.tx = client.transaction((frames: readonly EnergyFrame[]) => this.steps(frames));
    this.clearOpenGaps = client.prepare("delete from energy_gaps where device_id = ? and state = 'open'");
    this.records = new MultiRow(client, `insert into energy_records (${RECORD_COLS})`, 12, 'on conflict do nothing returning device_id as deviceId, seq', true);
    const rollup = (table: string, key: string) => new MultiRow(client, `insert into ${table} (tenant_id, ${key}, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)`, 9,
      `on conflict (tenant_id, ${key}, device_id) do update set ${ROLLUP_SET(table)}`, false);
    this.daily = rollup('energy_daily', 'day');
    this.monthly = rollup('energy_monthly', 'month');
    this.gaps = new MultiRow(client, 'insert into energy_gaps (device_id, from_seq, to_seq, tenant_id, state, detected_at)', 6,
      'on conflict (device_id, from_seq) do update set to_seq = excluded.to_seq, state = excluded.state', false);
  }

  write(frames: readonly EnergyFrame[]): EnergyFrameOutcome[] {
    // IMMEDIATE: the write lock first, so that what is read (device rows, open gaps) is what is written over, also
    // with several connections on the file (instances sharing it).
    return this.tx.immediate(frames);
  }

  private steps(frames: readonly EnergyFrame[]): EnergyFrameOutcome[] {
    const out: Array<EnergyFrameOutcome | undefined> = frames.map(() => undefined);
    const acks: number[] = frames.map(() => 0);
    const bulk: Bulk[] = [];
    const ids = frames.map((f) => f.deviceId);
    const rows = new Map((this.devGet.all(JSON.stringify(ids)) as DevState[]).map((d) => [d.id, d]));
    const distinct = rows.size === frames.length || new Set(ids).size === frames.length;
    frames.forEach((f, i) => {
      const d = rows.get(f.deviceId);
      const p = plan(f, d);
      if (p.kind === 'refused') out[i] = p.outcome;
      else if (p.kind === 'gap') out[i] = { status: 'implausible_gap', detail: p.detail };
      else if (p.kind === 'bulk') bulk.push({ frame: i, dev: d as DevState, base: p.base, before: p.before, records: p.records, keys: p.keys });
      else {
        const pr = f.prepared;
        const it = this.energy.ingestSteps(this.db, pr.device, pr.rows, pr.keyOf, pr.now, pr.graceMs, pr.minStartS, pr.lostThroughSeq, pr.logId, pr.quarantine);
        let r = it.next();
        while (!r.done) r = it.next((r.value as { all(): unknown }).all());
        const c = complexOutcome(f, r.value);
        out[i] = c.outcome;
        acks[i] = c.ackedSeq;
      }
    });
    // Step 3: records, rollups, watermark walk.
    const walked = new Map<number, Walked>();
    if (bulk.length) {
      const values: unknown[] = [];
      let total = 0;
      for (const b of bulk) for (const r of b.records) { pushRecord(values, r); total++; }
      const got = this.records.run(values, total) as Array<{ deviceId: string; seq: number }>;
      // Usually every record is new; otherwise which ones are (only those reach the rollups).
      let insertedBy: Map<string, number[]> | undefined;
      let fresh: ((b: Bulk, k: number) => boolean) | undefined;
      if (got.length !== total) {
        insertedBy = new Map();
        for (const g of got) {
          let l = insertedBy.get(g.deviceId);
          if (!l) insertedBy.set(g.deviceId, l = []);
          l.push(g.seq);
        }
        const sets = new Map([...insertedBy].map(([id, l]) => [id, new Set(l)]));
        fresh = (b, k) => sets.get(b.dev.id)?.has((b.records[k] as NewEnergy).seq) === true;
      }
      if (got.length) {
        const daily = rollups(bulk, fresh, 'day');
        this.daily.run(daily.values, daily.rows);
        const monthly = rollups(bulk, fresh, 'month');
        this.monthly.run(monthly.values, monthly.rows);
      }
      const gapRows: unknown[] = [];
      let gaps = 0;
      for (const b of bulk) {
        const f = frames[b.frame] as EnergyFrame;
        const mine = insertedBy ? insertedBy.get(b.dev.id) ?? [] : b.records.map((r) => r.seq);
        const fast = contiguous(b.before, b.dev.hasOpen, mine);
        if (fast !== undefined) {
          walked.set(b.frame, { acked: fast, lost: [], openGaps: [], inserted: mine.length });
          continue;
        }
        const now = f.prepared.now;
        const lost: Range[] = [];
        let acked = b.before;
        let above: number[] = [];
        for (;;) {
          const page = this.above.all(f.deviceId, acked, WATERMARK_PAGE) as Array<{ seq: number; receivedAt: number }>;
          const step = walkWatermark(acked, page, page.length === WATERMARK_PAGE, 0, now, f.prepared.graceMs, lost);
          acked = step.acked;
          if (step.above) { above = step.above; break; }
        }
        const openGaps = missingRanges(acked, above);
        // Open gaps are recomputed from the records above the watermark; lost ones are kept for good.
        if (b.dev.hasOpen) this.clearOpenGaps.run(f.deviceId);
        for (const g of lost) { gapRows.push(f.deviceId, g.fromSeq, g.toSeq, b.dev.tenantId, 'lost', now); gaps++; }
        for (const g of openGaps) { gapRows.push(f.deviceId, g.fromSeq, g.toSeq, b.dev.tenantId, 'open', now); gaps++; }
        walked.set(b.frame, { acked, lost, openGaps, inserted: mine.length });
      }
      if (gaps) this.gaps.run(gapRows, gaps);
    }
    // Step 4: device rows (seen, watermark, EnergyAck seqs).
    const bulkOf = new Map(bulk.map((b) => [b.frame, b]));
    const updates: unknown[] = [];
    const updated: number[] = [];
    frames.forEach((f, i) => {
      const o = out[i];
      if (o && o.status !== 'implausible_gap' && o.status !== 'stored') return; // refused: nothing written
      const w = walked.get(i);
      const b = bulkOf.get(i);
      if (w && b) {
        out[i] = { status: 'stored', inserted: w.inserted, quarantined: 0, lost: w.lost, openGaps: w.openGaps };
        acks[i] = Math.min(Math.max(0, w.acked - b.base), newest(f.prepared.rows));
        f.prepared.report({ lost: w.lost, quarantined: 0 });
      }
      updates.push(f.deviceId, f.seq, f.prepared.now, w && b && w.acked !== b.before ? w.acked : null, (acks[i] as number) > 0 ? 1 : 0);
      updated.push(i);
    });
    // The downlink seq each device row holds now (one statement for the batch; row by row when a device is in it twice).
    let seqOf: (i: number, k: number) => number;
    if (distinct) {
      const got = new Map((this.devUpdates.run(updates, updated.length) as Array<{ id: string; seq: number }>).map((r) => [r.id, r.seq]));
      seqOf = (i) => got.get((frames[i] as EnergyFrame).deviceId) as number;
    } else {
      const got = updated.map((_, k) => (this.devUpdate.get({ id: updates[k * 5], seq: updates[k * 5 + 1], now: updates[k * 5 + 2], acked: updates[k * 5 + 3], inc: updates[k * 5 + 4] }) as { seq: number }).seq);
      seqOf = (_i, k) => got[k] as number;
    }
    updated.forEach((i, k) => {
      const ack = acks[i] as number;
      if (ack > 0) (out[i] as Extract<EnergyFrameOutcome, { status: 'stored' }>).ack = { downlinkSeq: seqOf(i, k), ackedSeq: ack };
    });
    return out as EnergyFrameOutcome[];
  }
}

// ---------------------------------------------------------------- PostgreSQL

const PG_LOCK = `select id, tenant_id, last_uplink_seq, energy_acked_seq, energy_log_id, energy_seq_base, energy_quarantine_top
  from devices where id = any($1::text[]) order by id for update`;

/**
 * Step 3 in one statement: the records (ON CONFLICT DO NOTHING), and what the batch needs to know of them: per device
 * how many were inserted and their lowest and highest seq (kind 0); which devices have open gaps (kind 3: read here,
 * after the lock, not with it: the lock statement's snapshot predates a transaction it waited for); for those, the
 * records above the watermark as they were before this statement (kind 1: `scan`; a statement does not see its own
 * inserts) and the records it inserted, and those for any device of which some were stored already (kind 2: which
 * are new, so that only those reach the rollups). The rollups are summed here in JavaScript and upserted by step 4: an
 * SQL join of the inserted rows back to the input (for their day, month and dark seconds) was planned as a nested
 * loop from the arrays' default row estimate, quadratic in the batch.
 */
const PG_RECORDS = `with input as (
    select * from unnest($1::text[], $2::text[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], $7::int8[], $8::int8[], $9::int8[], $10::int8[], $11::int8[], $12::int8[])
      as t(${RECORD_COLS})
  ), ins as (
    insert into energy_records (${RECORD_COLS}) select ${RECORD_COLS} from input
    on conflict (device_id, seq) do nothing
    returning device_id, seq, received_at
  ), sent as (
    select device_id, count(*) as n from input group by device_id
  ), agg as (
    select device_id, count(*) as n, min(seq) as lo, max(seq) as hi from ins group by device_id
  ), open as (
    select d.id, d.acked from unnest($13::text[], $14::int8[]) as d(id, acked)
    where exists (select 1 from energy_gaps g where g.device_id = d.id and g.state = 'open')
  ), scan as (
    select o.id as device_id, r.seq, r.received_at from open o
    cross join lateral (select e.seq, e.received_at from energy_records e where e.device_id = o.id and e.seq > o.acked order by e.seq limit $15) r
  )
  select 0 as kind, device_id, n, lo as seq, hi, null::int8 as received_at from agg
  union all select 1, device_id, null, seq, null, received_at from scan
  union all select 2, device_id, null, seq, null, received_at from ins
    where device_id in (select id from open) or device_id in (select a.device_id from agg a join sent s on s.device_id = a.device_id where a.n < s.n)
  union all select 3, id, null, null, null, null from open`;

const PG_ABOVE = 'select seq, received_at from energy_records where device_id = $1 and seq > $2 order by seq limit $3';


/**
 * Step 4 in one statement: the device rows (uplink seq and last seen only move up; the watermark where it moved; one
 * downlink seq per EnergyAck), the open gaps recomputed (those no longer open deleted, the others upserted: an open
 * gap found again is re-detected now, as the per-frame path's delete-and-insert does), and the
 * new records' sums added to the daily and monthly rollups (summed per row and sorted: the order rows are locked in).
 */
const PG_DEVICES = `with v as (
    select * from unnest($1::text[], $2::int8[], $3::int8[], $4::int8[], $5::bool[]) as t(id, seq, now, acked, ack)
  ), dev as (
    update devices d set
      last_uplink_seq = case when d.last_uplink_seq is null or d.last_uplink_seq < v.seq then v.seq else d.last_uplink_seq end,
      last_seen = greatest(d.last_seen, v.now),
      energy_acked_seq = coalesce(v.acked, d.energy_acked_seq),
      last_downlink_seq = d.last_downlink_seq + case when v.ack then 1 else 0 end
    from v where d.id = v.id
    returning d.id, d.last_downlink_seq, v.ack
  ), g as (
    select * from unnest($6::text[], $7::int8[], $8::int8[], $9::text[], $10::text[], $11::int8[]) as t(device_id, from_seq, to_seq, tenant_id, state, detected_at)
  ), gdel as (
    delete from energy_gaps e where e.device_id = any($12::text[]) and e.state = 'open'
      and not exists (select 1 from g where g.device_id = e.device_id and g.from_seq = e.from_seq)
  ), gins as (
    insert into energy_gaps as e (device_id, from_seq, to_seq, tenant_id, state, detected_at)
    select device_id, from_seq, to_seq, tenant_id, state, detected_at from g
    on conflict (device_id, from_seq) do update set to_seq = excluded.to_seq, state = excluded.state,
      detected_at = case when e.state = 'open' then excluded.detected_at else e.detected_at end
  ), daily as (
    insert into energy_daily as x (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
    select * from unnest($13::text[], $14::text[], $15::text[], $16::int8[], $17::int8[], $18::int8[], $19::int8[], $20::int8[], $21::int8[])
    on conflict (tenant_id, day, device_id) do update set ${ROLLUP_SET('x')}
  ), monthly as (
    insert into energy_monthly as x (tenant_id, month, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
    select * from unnest($22::text[], $23::text[], $24::text[], $25::int8[], $26::int8[], $27::int8[], $28::int8[], $29::int8[], $30::int8[])
    on conflict (tenant_id, month, device_id) do update set ${ROLLUP_SET('x')}
  )
  select id, last_downlink_seq from dev where ack`;

const EMPTY9: unknown[][] = Array.from({ length: 9 }, () => []);

class PgBatch {
  constructor(private readonly pool: pg.Pool, private readonly energy: EnergyRepository) {}

  write(frames: readonly EnergyFrame[]): Promise<EnergyFrameOutcome[]> {
    return pgTransaction(this.pool, (client) => this.steps(client, frames));
  }

  private async steps(client: pg.PoolClient, frames: readonly EnergyFrame[]): Promise<EnergyFrameOutcome[]> {
    const ids = [...new Set(frames.map((f) => f.deviceId))].sort();
    const locked = (await client.query({ name: 'sl_eb_lock', text: PG_LOCK, values: [ids] })).rows as Array<Record<string, unknown>>;
    const devs = new Map<string, DevState>(locked.map((r) => [String(r.id), {
      id: String(r.id), tenantId: String(r.tenant_id), lastUplinkSeq: r.last_uplink_seq === null ? null : num(r.last_uplink_seq), acked: num(r.energy_acked_seq),
      // Whether it has open gaps is read by the records statement: a statement after the lock sees what a
      // transaction that held the lock before committed (this one's snapshot predates it).
      logId: num(r.energy_log_id), base: num(r.energy_seq_base), qtop: num(r.energy_quarantine_top), hasOpen: false,
    }]));
    const out: Array<EnergyFrameOutcome | undefined> = frames.map(() => undefined);
    const acks: number[] = frames.map(() => 0);
    const bulk: Bulk[] = [];
    for (const [i, f] of frames.entries()) {
      const d = devs.get(f.deviceId);
      const p = plan(f, d);
      if (p.kind === 'refused') out[i] = p.outcome;
      else if (p.kind === 'gap') out[i] = { status: 'implausible_gap', detail: p.detail };
      else if (p.kind === 'bulk') bulk.push({ frame: i, dev: d as DevState, base: p.base, before: p.before, records: p.records, keys: p.keys });
      else {
        const pr = f.prepared;
        const it = this.energy.ingestSteps(drizzleOn(client), pr.device, pr.rows, pr.keyOf, pr.now, pr.graceMs, pr.minStartS, pr.lostThroughSeq, pr.logId, pr.quarantine);
        let r = it.next();
        while (!r.done) r = it.next(await (r.value as PromiseLike<unknown>));
        const c = complexOutcome(f, r.value);
        out[i] = c.outcome;
        acks[i] = c.ackedSeq;
      }
    }
    const walked = new Map<number, Walked>();
    const gaps: unknown[][] = [[], [], [], [], [], []];
    let daily: unknown[][] = [];
    let monthly: unknown[][] = [];
    if (bulk.length) {
      const cols: unknown[][] = Array.from({ length: 12 }, () => []);
      for (const b of bulk) {
        for (const r of b.records) {
          const row = [r.deviceId, r.tenantId, r.seq, r.start, r.durationS, r.energyMwh, r.minPowerMw, r.maxPowerMw, r.avgPowerMw, r.burningS, r.avgLevelX10, r.receivedAt];
          for (let c = 0; c < 12; c++) (cols[c] as unknown[]).push(row[c]);
        }
      }
      // Only devices with open gaps have records above their watermark to read back (`contiguous`): the statement
      // reads which.
      const res = (await client.query({
        name: 'sl_eb_records', text: PG_RECORDS,
        values: [...cols.map(pgArray), pgArray(bulk.map((b) => b.dev.id)), pgArray(bulk.map((b) => b.before)), WATERMARK_PAGE],
      })).rows as Array<{ kind: number; device_id: string; n: string | null; seq: string | null; hi: string | null; received_at: string | null }>;
      for (const r of res) if (r.kind === 3) (devs.get(r.device_id) as DevState).hasOpen = true;
      const agg = new Map<string, { n: number; lo: number; hi: number }>();
      const snap = new Map<string, Array<{ seq: number; receivedAt: number }>>();
      const ins = new Map<string, Array<{ seq: number; receivedAt: number }>>();
      for (const r of res) {
        if (r.kind === 3) continue;
        if (r.kind === 0) { agg.set(r.device_id, { n: num(r.n), lo: num(r.seq), hi: num(r.hi) }); continue; }
        const m = r.kind === 1 ? snap : ins;
        let l = m.get(r.device_id);
        if (!l) m.set(r.device_id, l = []);
        l.push({ seq: num(r.seq), receivedAt: num(r.received_at) });
      }
      // The new records: all of a device's when as many were inserted as sent, else those the statement listed.
      const partly = new Map<string, Set<number>>();
      for (const b of bulk) {
        const n = agg.get(b.dev.id)?.n ?? 0;
        if (n < b.records.length) partly.set(b.dev.id, new Set((ins.get(b.dev.id) ?? []).map((r) => r.seq)));
      }
      const fresh = partly.size ? (b: Bulk, k: number) => partly.get(b.dev.id)?.has((b.records[k] as NewEnergy).seq) ?? true : undefined;
      const columns = (x: { values: unknown[]; rows: number }): unknown[][] => {
        const out: unknown[][] = Array.from({ length: 9 }, () => []);
        for (let i = 0; i < x.values.length; i++) (out[i % 9] as unknown[]).push(x.values[i]);
        return out;
      };
      daily = columns(rollups(bulk, fresh, 'day'));
      monthly = columns(rollups(bulk, fresh, 'month'));
      for (const b of bulk) {
        const f = frames[b.frame] as EnergyFrame;
        const now = f.prepared.now;
        const lost: Range[] = [];
        const a = agg.get(b.dev.id);
        const inserted = a?.n ?? 0;
        // Without open gaps, the records just inserted are before + 1 … before + n exactly when they are n from there.
        if (!b.dev.hasOpen && (!a || (a.lo === b.before + 1 && a.hi === b.before + a.n))) {
          walked.set(b.frame, { acked: b.before + inserted, lost, openGaps: [], inserted });
          continue;
        }
        let step: { acked: number; above?: number[] };
        if (b.dev.hasOpen) {
          // The records above the watermark: those stored before this statement (at most a page) and its own.
          const before = snap.get(b.dev.id) ?? [];
          const full = before.length === WATERMARK_PAGE;
          const last = full ? (before[before.length - 1] as { seq: number }).seq : Infinity;
          const page = [...before, ...(ins.get(b.dev.id) ?? []).filter((r) => r.seq > b.before && r.seq <= last)].sort((x, y) => x.seq - y.seq);
          step = walkWatermark(b.before, page, full, 0, now, f.prepared.graceMs, lost);
        } else {
          step = { acked: b.before }; // its own records only, not contiguous: read back below
        }
        while (!step.above) {
          const more = (await client.query({ name: 'sl_eb_above', text: PG_ABOVE, values: [b.dev.id, step.acked, WATERMARK_PAGE] })).rows as Array<{ seq: string; received_at: string }>;
          step = walkWatermark(step.acked, more.map((r) => ({ seq: num(r.seq), receivedAt: num(r.received_at) })), more.length === WATERMARK_PAGE, 0, now, f.prepared.graceMs, lost);
        }
        const openGaps = missingRanges(step.acked, step.above);
        for (const [state, list] of [['lost', lost], ['open', openGaps]] as const) {
          for (const g of list) [b.dev.id, g.fromSeq, g.toSeq, b.dev.tenantId, state, now].forEach((v, c) => (gaps[c] as unknown[]).push(v));
        }
        walked.set(b.frame, { acked: step.acked, lost, openGaps, inserted });
      }
    }
    const v: unknown[][] = [[], [], [], [], []];
    const bulkOf = new Map(bulk.map((b) => [b.frame, b]));
    for (const [i, f] of frames.entries()) {
      const o = out[i];
      if (o && o.status !== 'implausible_gap' && o.status !== 'stored') continue; // refused: nothing written
      const w = walked.get(i);
      const b = bulkOf.get(i);
      if (w && b) {
        out[i] = { status: 'stored', inserted: w.inserted, quarantined: 0, lost: w.lost, openGaps: w.openGaps };
        acks[i] = Math.min(Math.max(0, w.acked - b.base), newest(f.prepared.rows));
        f.prepared.report({ lost: w.lost, quarantined: 0 });
      }
      const ack = acks[i] as number;
      [f.deviceId, f.seq, f.prepared.now, w && b && w.acked !== b.before ? w.acked : null, ack > 0].forEach((x, c) => (v[c] as unknown[]).push(x));
    }
    if ((v[0] as unknown[]).length) {
      // Open gaps are recomputed (those no longer open deleted) for the devices that had some.
      const reopen = bulk.filter((b) => b.dev.hasOpen && walked.has(b.frame)).map((b) => b.dev.id);
      const res = (await client.query({ name: 'sl_eb_devices', text: PG_DEVICES, values: [...v, ...gaps, reopen, ...(daily.length ? daily : EMPTY9), ...(monthly.length ? monthly : EMPTY9)].map(pgArray) })).rows as Array<{ id: string; last_downlink_seq: string }>;
      const seqs = new Map(res.map((r) => [r.id, num(r.last_downlink_seq)]));
      for (const [i, f] of frames.entries()) {
        const ack = acks[i] as number;
        const seq = seqs.get(f.deviceId);
        if (ack > 0 && seq !== undefined) (out[i] as Extract<EnergyFrameOutcome, { status: 'stored' }>).ack = { downlinkSeq: seq, ackedSeq: ack };
      }
    }
    return out as EnergyFrameOutcome[];
  }
}

// ---------------------------------------------------------------- the writer

export interface EnergyBatchOptions {
  adapter: DialectAdapter;
  /** Frames per batch at most (INGEST_BATCH_FRAMES). */
  maxFrames: number;
  /** How long the first frame of a batch waits for others, ms (INGEST_BATCH_DELAY_MS). */
  maxDelayMs: number;
  /** Batches written at once: 1 on SQLite (one writer); PostgreSQL default 2 (each on its own connection). */
  concurrency?: number;
  metrics?: IngestMetrics;
}

/** Takes prepared EnergyReports and writes them in batches (GroupCommit), one transaction each. */
export class EnergyBatchWriter extends BatchWriter<EnergyFrame, EnergyFrameOutcome> {
  constructor(o: EnergyBatchOptions) {
    const energy = new EnergyRepository(o.adapter);
    let write: (frames: readonly EnergyFrame[]) => Promise<EnergyFrameOutcome[]>;
    if (o.adapter.dialect === 'sqlite') {
      const db = o.adapter.db;
      const sqlite = new SqliteBatch((db as unknown as { $client: Database.Database }).$client, db, energy);
      write = async (frames) => sqlite.write(frames);
    } else {
      const pgBatch = new PgBatch((o.adapter.db as unknown as { $client: pg.Pool }).$client, energy);
      write = (frames) => pgBatch.write(frames);
    }
    const m = o.metrics;
    super(write, {
      dialect: o.adapter.dialect, maxFrames: o.maxFrames, maxDelayMs: o.maxDelayMs, concurrency: o.concurrency,
      ...(m ? {
        metrics: {
          failed: () => { m.batchFailures++; },
          written: (n, seconds) => { m.batchFrames.observe(n); m.batchSeconds.observe(seconds); },
          waiting: (n) => { m.batchQueue = n; },
        },
      } : {}),
    });
  }
}
