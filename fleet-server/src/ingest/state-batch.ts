/**
 * Issue 14: StateReports written in batches across devices, as EnergyReports are (energy-batch.ts; fleet-server
 * README, "Ingest pipeline"). A StateReport arrives from every light every 15 minutes and at every change of level
 * (dusk, dawn, each step of a plan: thousands at once in a town at nightfall), and after a broker restart from every
 * device together; one at a time it was three statements and three commits (device row read, conditional update,
 * history row), several round trips each on PostgreSQL.
 *
 * One batch — one frame per device, from any number of devices — is ONE transaction that does for each frame what the
 * per-frame path (DeviceService.onUplink, UplinkRepository.applyState / seen, Repository.appendState) does:
 *  1. reads the devices' rows (PostgreSQL: `FOR UPDATE`, in id order, so instances never deadlock; SQLite: under the
 *     write lock, `BEGIN IMMEDIATE`), so what is decided below is what is written over;
 *  2. per frame, in memory, the receive path's checks: unknown device (left to the per-frame path, which registers
 *     it), another town's device, an uplink seq implausibly far ahead (both refused, nothing written); then whether
 *     the report is newer than the state the row holds (`state_ord` < the frame's uplink order, uplink-repository.ts);
 *  3. one multi-row UPDATE of the device rows: a newer report's state and order; for every frame `last_uplink_seq`
 *     and `last_seen`, which only move up;
 *  4. one multi-row INSERT of the newer reports' `state_history` rows.
 * What follows a report (a TimeSync when its clock is not synchronised, reconciliation downlinks, pruning the
 * history) runs per frame after the commit, in DeviceService, as before. A batch is all or nothing; GroupCommit
 * writes a failed batch again frame by frame, so one bad frame fails alone.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { inArray } from 'drizzle-orm';
import type { drizzle } from 'drizzle-orm/node-postgres';
import { MAX_UPLINK_SEQ_JUMP } from '@streetlight/protocol';
import * as pgSchema from '../db/schema.pg.js';
import type { Db, DialectAdapter } from '../db/drizzle-repository.js';
import type { DeviceRow } from '../db/repository.js';
import { ORD_EPOCH, type StateFields } from '../db/uplink-repository.js';
import type { IngestMetrics } from '../metrics.js';
import { BatchWriter } from './group-commit.js';
import { drizzleOn, MultiRow, pgArray, pgTransaction } from './multi-row.js';

/** The state a StateReport carries, as the device row stores it (every field set). */
export type ReportedState = { [K in 'level' | 'targetLevel' | 'levelSource' | 'planId' | 'planVersion' | 'configVersion' | 'overrideId'
  | 'overrideExpiresAt' | 'clockStatus' | 'uptimeS' | 'powerMw' | 'stateAt']: number } & StateFields;

/** One StateReport, decoded and authenticated, waiting for its batch. */
export interface StateFrame {
  /** The town of the topic it came on. */
  tenant: string;
  deviceId: string;
  /** The frame's uplink seq (its envelope). */
  seq: number;
  state: ReportedState;
  /** StateReport.reason (why the device sent it), for the history row. */
  reason: number;
  /** When it was received (server clock, ms). */
  now: number;
}

export type StateFrameOutcome =
  /** The device has no row yet: nothing written; the per-frame path registers it and applies the report. */
  | { status: 'unregistered' }
  /** The device is registered under another town: nothing written. */
  | { status: 'wrong_tenant'; registeredTenant: string }
  /** The uplink seq is more than MAX_UPLINK_SEQ_JUMP above the last one seen: nothing written. */
  | { status: 'implausible_seq'; lastUplinkSeq: number }
  /** Applied: the row holds this report's state now. `device`: the row as it was before (the caller merges the state). */
  | { status: 'applied'; device: DeviceRow }
  /** Not newer than the state the row holds (a redelivery, or a report another instance overtook): only seen. */
  | { status: 'stale' };

/** The columns of the reported state, in the order the statements bind them. */
const FIELDS = [
  ['level', 'level'], ['targetLevel', 'target_level'], ['levelSource', 'level_source'], ['planId', 'plan_id'], ['planVersion', 'plan_version'],
  ['configVersion', 'config_version'], ['overrideId', 'override_id'], ['overrideExpiresAt', 'override_expires_at'], ['clockStatus', 'clock_status'],
  ['uptimeS', 'uptime_s'], ['powerMw', 'power_mw'], ['stateAt', 'state_at'],
] as const satisfies ReadonlyArray<readonly [keyof ReportedState, string]>;

/** Step 2 for one frame: refused, or applied / only seen. */
function decide(f: StateFrame, d: DeviceRow | undefined): StateFrameOutcome {
  if (!d) return { status: 'unregistered' };
  if (d.tenantId !== f.tenant) return { status: 'wrong_tenant', registeredTenant: d.tenantId };
  if (d.lastUplinkSeq !== null && f.seq > d.lastUplinkSeq + MAX_UPLINK_SEQ_JUMP) return { status: 'implausible_seq', lastUplinkSeq: d.lastUplinkSeq };
  return Number(d.stateOrd) < ordOf(d, f.seq) ? { status: 'applied', device: d } : { status: 'stale' };
}

const ordOf = (d: DeviceRow, seq: number): number => Number(d.seqEpoch) * ORD_EPOCH + seq;

/** Steps 1–2 over a batch: the outcome of each frame, and the frames to write (not refused) with whether each applies. */
function decideAll(frames: readonly StateFrame[], rows: readonly DeviceRow[]): { out: StateFrameOutcome[]; write: Array<{ f: StateFrame; d: DeviceRow; apply: boolean }> } {
  const byId = new Map(rows.map((d) => [d.id, d]));
  const out: StateFrameOutcome[] = [];
  const write: Array<{ f: StateFrame; d: DeviceRow; apply: boolean }> = [];
  for (const f of frames) {
    const d = byId.get(f.deviceId);
    const o = decide(f, d);
    out.push(o);
    if (o.status === 'applied' || o.status === 'stale') write.push({ f, d: d as DeviceRow, apply: o.status === 'applied' });
  }
  return { out, write };
}

// ---------------------------------------------------------------- SQLite

/** `apply` (0/1), `seq`, `ord`, `now`, then FIELDS: the columns of one device row's update. */
const UPDATE_COLS = 5 + FIELDS.length;

class SqliteStateBatch {
  private readonly update: MultiRow;
  private readonly history: MultiRow;
  private readonly tx: Database.Transaction<(frames: readonly StateFrame[]) => StateFrameOutcome[]>;

  constructor(client: Database.Database, private readonly db: Db, private readonly devices: DialectAdapter['tables']['devices']) {
    const set = FIELDS.map(([, c]) => `${c} = case when v.apply = 1 then v.${c} else devices.${c} end`).join(', ');
    this.update = new MultiRow(client, `with v(id, apply, seq, ord, now, ${FIELDS.map(([, c]) => c).join(', ')}) as (`, UPDATE_COLS, `) update devices set ${set},
        state_ord = case when v.apply = 1 then v.ord else devices.state_ord end,
        last_uplink_seq = case when devices.last_uplink_seq is null or devices.last_uplink_seq < v.seq then v.seq else devices.last_uplink_seq end,
        last_seen = max(devices.last_seen, v.now)
      from v where devices.id = v.id`, false);
    this.history = new MultiRow(client, 'insert into state_history (device_id, at, level, target_level, level_source, power_mw, reason)', 7, '', false);
    this.tx = client.transaction((frames: readonly StateFrame[]) => this.steps(frames));
  }

  write(frames: readonly StateFrame[]): StateFrameOutcome[] {
    // IMMEDIATE: the write lock first, so that the rows read are the rows written over (also with several connections).
    return this.tx.immediate(frames);
  }

  private steps(frames: readonly StateFrame[]): StateFrameOutcome[] {
    const ids = frames.map((f) => f.deviceId);
    // better-sqlite3 under drizzle: synchronous, on this transaction's connection.
    const rows = (this.db.select().from(this.devices).where(inArray(this.devices.id, ids)) as unknown as { all(): DeviceRow[] }).all();
    const { out, write } = decideAll(frames, rows);
    if (write.length) {
      const values: unknown[] = [];
      const hist: unknown[] = [];
      let applied = 0;
      for (const { f, d, apply } of write) {
        values.push(f.deviceId, apply ? 1 : 0, f.seq, ordOf(d, f.seq), f.now);
        for (const [k] of FIELDS) values.push(f.state[k]);
        if (apply) {
          hist.push(f.deviceId, f.now, f.state.level, f.state.targetLevel, f.state.levelSource, f.state.powerMw, f.reason);
          applied++;
        }
      }
      this.update.run(values, write.length);
      if (applied) this.history.run(hist, applied);
    }
    return out;
  }
}

// ---------------------------------------------------------------- PostgreSQL

/** Steps 3 and 4 in one statement (UNNEST arrays, a data-modifying CTE). */
const PG_WRITE = `with v as (
    select * from unnest($1::text[], $2::bool[], $3::int8[], $4::int8[], $5::int8[], $6::int8[], ${FIELDS.map((_, i) => `$${7 + i}::int8[]`).join(', ')})
      as t(id, apply, seq, ord, now, reason, ${FIELDS.map(([, c]) => c).join(', ')})
  ), upd as (
    update devices d set ${FIELDS.map(([, c]) => `${c} = case when v.apply then v.${c} else d.${c} end`).join(', ')},
      state_ord = case when v.apply then v.ord else d.state_ord end,
      last_uplink_seq = case when d.last_uplink_seq is null or d.last_uplink_seq < v.seq then v.seq else d.last_uplink_seq end,
      last_seen = greatest(d.last_seen, v.now)
    from v where d.id = v.id
    returning d.id
  ), hist as (
    insert into state_history (device_id, at, level, target_level, level_source, power_mw, reason)
    select id, now, level, target_level, level_source, power_mw, reason from v where apply
  )
  select count(*) as n from upd`;

class PgStateBatch {
  constructor(private readonly pool: pg.Pool) {}

  write(frames: readonly StateFrame[]): Promise<StateFrameOutcome[]> {
    return pgTransaction(this.pool, async (client) => {
      const db = drizzleOn(client) as unknown as ReturnType<typeof drizzle<typeof pgSchema>>;
      const devices = pgSchema.devices;
      const ids = [...new Set(frames.map((f) => f.deviceId))].sort();
      const rows = (await db.select().from(devices).where(inArray(devices.id, ids)).orderBy(devices.id).for('update')) as unknown as DeviceRow[];
      const { out, write } = decideAll(frames, rows);
      if (write.length) {
        const cols: unknown[][] = Array.from({ length: 6 + FIELDS.length }, () => []);
        for (const { f, d, apply } of write) {
          const row: unknown[] = [f.deviceId, apply, f.seq, ordOf(d, f.seq), f.now, f.reason, ...FIELDS.map(([k]) => f.state[k])];
          row.forEach((x, c) => (cols[c] as unknown[]).push(x));
        }
        await client.query({ name: 'sl_sb_write', text: PG_WRITE, values: cols.map(pgArray) });
      }
      return out;
    });
  }
}

// ---------------------------------------------------------------- the writer

export interface StateBatchOptions {
  adapter: DialectAdapter;
  /** Frames per batch at most (INGEST_BATCH_FRAMES). */
  maxFrames: number;
  /** How long the first frame of a batch waits for others, ms (INGEST_BATCH_DELAY_MS). */
  maxDelayMs: number;
  /** Batches written at once: 1 on SQLite (one writer); PostgreSQL default 2. */
  concurrency?: number;
  metrics?: IngestMetrics;
}

/** Takes StateReports and writes them in batches (GroupCommit), one transaction each. */
export class StateBatchWriter extends BatchWriter<StateFrame, StateFrameOutcome> {
  constructor(o: StateBatchOptions) {
    let write: (frames: readonly StateFrame[]) => Promise<StateFrameOutcome[]>;
    if (o.adapter.dialect === 'sqlite') {
      const db = o.adapter.db;
      const sqlite = new SqliteStateBatch((db as unknown as { $client: Database.Database }).$client, db, o.adapter.tables.devices);
      write = async (frames) => sqlite.write(frames);
    } else {
      const pgBatch = new PgStateBatch((o.adapter.db as unknown as { $client: pg.Pool }).$client);
      write = (frames) => pgBatch.write(frames);
    }
    const m = o.metrics;
    super(write, {
      dialect: o.adapter.dialect, maxFrames: o.maxFrames, maxDelayMs: o.maxDelayMs, concurrency: o.concurrency,
      ...(m ? {
        metrics: {
          failed: () => { m.stateBatchFailures++; },
          written: (n, seconds) => { m.stateBatchFrames.observe(n); m.stateBatchSeconds.observe(seconds); },
          waiting: (n) => { m.stateBatchQueue = n; },
        },
      } : {}),
    });
  }
}
