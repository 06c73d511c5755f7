/**
 * Issue 14: EnergyReports written in batches across devices (src/ingest/energy-batch.ts) leave the database exactly
 * as one transaction per frame does (EnergyRepository.ingest through DeviceService's per-frame path), on SQLite and
 * PostgreSQL. The same generated traffic — many devices at once, frames of 1–8 records, redeliveries, frames out of
 * order (gaps, then filled), records never sent (given up once the grace period is over), lost_through_seq, a wiped
 * log (new log id) with a late frame of the old one, implausible records (quarantined, then a plausible copy
 * superseding one), a seq twice in a frame, empty frames, a record far above the watermark, an uplink seq far ahead,
 * a device whose first frame is energy (registered by the per-frame path) — goes to two databases: one through the
 * per-frame path, one through the batch writer (small batches, so that they mix devices and frames). Then records,
 * rollups, gaps, quarantine, the device rows (watermark, log, seqs, last seen), the downlink rows, every EnergyAck
 * sent and the counters must be the same. And: a batch is all or nothing, one bad frame fails alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uplinkTopic, type Downlink, type Uplink } from '@streetlight/protocol';
import { openPostgres, openSqlite, type Repository } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { EnergyRepository } from '../src/db/energy-repository.js';
import { DeviceIdentities, loadMasterKey } from '../src/devices/identity.js';
import { DeviceService } from '../src/devices/service.js';
import { EnergyService } from '../src/energy/service.js';
import { EnergyBatchWriter } from '../src/ingest/energy-batch.js';
import { Metrics } from '../src/metrics.js';
import { provisionWith, type TestDevice } from '../src/testing.js';
import { dropPgSchema, rng, sqlRows, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const TENANT = 'batchtown';
const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
const silent = { debug() {}, info() {}, warn() {}, error() {} };


type Body = Partial<Uplink>;
type Rec = NonNullable<NonNullable<Uplink['energy']>['records']>[number];

/** Traffic of one device, per phase (the clock moves between phases): the frames' bodies in delivery order. */
interface Script { id: string; hello: boolean; phases: Body[][] }

const rec = (seq: number, start: number, energyMwh = 9000 + (seq % 7) * 100): Rec =>
  ({ seq, start, durationS: 900, energyMwh, minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900 });

/** Generates the devices' traffic (see the header). */
function scripts(seed: number): Script[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const startOf = (seq: number) => Math.floor(T0 / 1000) - 3 * 86_400 + seq * 900;
  const out: Script[] = [];
  const kinds = ['plain', 'plain', 'plain', 'reordered', 'lossy', 'overwritten', 'wiped', 'quarantine', 'far', 'dupseq', 'unregistered', 'plain'];
  for (let d = 0; d < 24; d++) {
    const kind = kinds[d % kinds.length] as string;
    const id = `eb-${kind}-${d}`;
    const logId = kind === 'wiped' || r() < 0.3 ? 7 : 0;
    const phases: Body[][] = [[], [], []];
    // Records 1..n in frames of 1–8, in order.
    const frames: Rec[][] = [];
    const n = 20 + Math.floor(r() * 30);
    for (let s = 1; s <= n;) {
      const k = Math.min(n - s + 1, 1 + Math.floor(r() * 8));
      frames.push(Array.from({ length: k }, (_, i) => rec(s + i, startOf(s + i))));
      s += k;
    }
    const energy = (records: Rec[], extra: Partial<NonNullable<Uplink['energy']>> = {}): Body => ({ energy: { records, ...(logId ? { logId } : {}), ...extra } });
    let bodies = frames.map((f) => energy(f));
    if (kind === 'reordered') {
      // Neighbouring frames swapped: a gap opens and is filled by the next frame.
      for (let i = 0; i + 1 < bodies.length; i += 3) [bodies[i], bodies[i + 1]] = [bodies[i + 1] as Body, bodies[i] as Body];
    }
    if (kind === 'lossy') {
      // One frame never sent: the gap stays open, then is given up once its next record waited the grace period.
      bodies.splice(2, 1);
    }
    if (kind === 'overwritten') {
      // The device's log overwrote frames 3 and 4 before they were sent: lost_through_seq says so.
      const lostTo = (frames[3]?.at(-1) as Rec).seq as number;
      bodies = bodies.filter((_, i) => i !== 3 && i !== 4);
      bodies.splice(3, 0, energy(frames[5] as Rec[], { lostThroughSeq: lostTo }));
    }
    if (kind === 'quarantine') {
      // A record of absurd energy (quarantined, acknowledged, not counted); its plausible copy later supersedes it.
      const f = frames[2] as Rec[];
      bodies[2] = energy(f.map((x, i) => (i === 0 ? rec(x.seq as number, x.start as number, 10 ** 12) : x)));
      bodies.push(energy([f[0] as Rec]));
    }
    if (kind === 'dupseq') bodies[1] = energy([...(frames[1] as Rec[]), { ...(frames[1] as Rec[])[0] as Rec, energyMwh: 1 }]);
    if (kind === 'far') bodies.splice(3, 0, energy([rec(2 ** 21, startOf(40))]));
    // Redeliveries (QoS 1) and empty frames, anywhere.
    for (let i = 0; i < 4; i++) bodies.splice(Math.floor(r() * bodies.length), 0, pick(bodies));
    if (r() < 0.5) bodies.splice(Math.floor(r() * bodies.length), 0, energy([]));
    // Split over the phases; the lossy device's later frames come after the grace period.
    const cut1 = Math.floor(bodies.length / 2);
    phases[0] = bodies.slice(0, cut1);
    phases[1] = bodies.slice(cut1);
    if (kind === 'wiped') {
      // Log wiped (new id, seqs from 1 again), then a late frame of the old log.
      const newLog = Array.from({ length: 6 }, (_, i) => rec(i + 1, startOf(200 + i)));
      phases[2] = [{ energy: { records: newLog.slice(0, 3), logId: 9 } }, { energy: { records: frames[0] as Rec[], logId: 7 } }, { energy: { records: newLog.slice(3), logId: 9 } }];
    } else if (kind === 'lossy') {
      phases[2] = [energy([rec(n + 1, startOf(n + 1))])];
    } else {
      phases[2] = [pick(bodies)];
    }
    out.push({ id, hello: kind !== 'unregistered', phases });
  }
  return out;
}

interface Side {
  repo: DrizzleRepository;
  devices: DeviceService;
  metrics: Metrics;
  sent: Array<{ deviceId: string; message: Downlink }>;
  ids: Map<string, TestDevice>;
  writer?: EnergyBatchWriter;
}

async function side(repo: DrizzleRepository, masterPath: string, clock: { ms: number }, batch: { maxFrames: number; concurrency?: number } | undefined, ids: readonly string[]): Promise<Side> {
  const now = () => clock.ms;
  const identities = new DeviceIdentities({ adapter: repo.adapter, master: loadMasterKey(masterPath, false), now });
  const energy = new EnergyService({ energy: new EnergyRepository(repo.adapter), repo, now, log: silent });
  const metrics = new Metrics();
  const sent: Side['sent'] = [];
  const writer = batch ? new EnergyBatchWriter({ adapter: repo.adapter, maxFrames: batch.maxFrames, maxDelayMs: 0, concurrency: batch.concurrency, metrics: metrics.ingest }) : undefined;
  const devices = new DeviceService({
    repo, identities, metrics, now, log: silent,
    send: async (_tenant, deviceId, message) => { sent.push({ deviceId, message }); },
    energyIngest: (device, rows, lostThroughSeq, logId) => energy.ingest(device, rows, lostThroughSeq, logId),
    ...(writer ? {
      energyBatch: async (f) => writer.submit({ tenant: f.tenant, deviceId: f.deviceId, seq: f.seq, prepared: await energy.prepare({ id: f.deviceId, tenantId: f.tenant }, f.rows, f.lostThroughSeq, f.logId) }),
    } : {}),
  });
  const provisioned = new Map<string, TestDevice>();
  for (const id of ids) provisioned.set(id, await provisionWith(identities, TENANT, id));
  return { repo, devices, metrics, sent, ids: provisioned, ...(writer ? { writer } : {}) };
}

/** Plays the scripts into a side: phase by phase, every device at once, each device's frames in order. */
async function play(s: Side, all: readonly Script[], clock: { ms: number }): Promise<void> {
  const seq = new Map<string, number>();
  const deliver = (id: string, body: Body) => {
    const n = (seq.get(id) ?? 0) + 1;
    seq.set(id, n);
    return s.devices.handleMessage(uplinkTopic(TENANT, id), (s.ids.get(id) as TestDevice).uplink({ seq: n, time: Math.floor(clock.ms / 1000), ...body }));
  };
  clock.ms = T0;
  await Promise.all(all.filter((d) => d.hello).map((d) => deliver(d.id, { hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', bootCount: 1 } })));
  for (const [p, at] of [[0, T0 + 60_000], [1, T0 + 120_000], [2, T0 + 7 * 3_600_000]] as const) {
    clock.ms = at;
    await Promise.all(all.map(async (d) => { for (const body of d.phases[p] as Body[]) await deliver(d.id, body); }));
    // An uplink seq far ahead of the device's (refused, nothing stored), once.
    if (p === 1) {
      const d = all[0] as Script;
      await s.devices.handleMessage(uplinkTopic(TENANT, d.id), (s.ids.get(d.id) as TestDevice).uplink({ seq: 2 ** 21 + 5, energy: { records: [rec(1, 1)] } }));
    }
  }
  await s.devices.idle();
}


/** Everything the energy ingest writes, in a comparable order. */
async function state(repo: DrizzleRepository): Promise<Record<string, unknown>> {
  return {
    records: await sqlRows(repo, `select device_id, seq, tenant_id, start, duration_s, energy_mwh, burning_s, avg_level_x10, received_at from energy_records order by device_id, seq`),
    daily: await sqlRows(repo, 'select * from energy_daily order by tenant_id, day, device_id'),
    monthly: await sqlRows(repo, 'select * from energy_monthly order by tenant_id, month, device_id'),
    gaps: await sqlRows(repo, 'select device_id, from_seq, to_seq, tenant_id, state, detected_at from energy_gaps order by device_id, from_seq'),
    quarantine: await sqlRows(repo, 'select device_id, seq, energy_mwh, state, reason from energy_quarantine order by device_id, seq'),
    devices: await sqlRows(repo, `select id, tenant_id, last_seen, last_uplink_seq, last_downlink_seq, energy_acked_seq, energy_log_id, energy_seq_base,
      energy_prev_log_id, energy_quarantine_top, seq_epoch from devices order by id`),
    downlinks: await sqlRows(repo, 'select device_id, seq, kind, summary, sent_at, ack_status from downlinks order by device_id, seq'),
    alarms: await sqlRows(repo, 'select device_id, type, state, value from alarms order by device_id, type'),
  };
}

const acks = (s: Side) => s.sent.filter((x) => x.message.energyAck).map((x) => ({ d: x.deviceId, seq: x.message.seq, acked: x.message.energyAck?.ackedSeq }))
  .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));

function suite(name: string, open: () => Promise<{ a: DrizzleRepository; b: DrizzleRepository; cleanup: () => Promise<void> }>, batch: { maxFrames: number; concurrency?: number }) {
  describe(`energy frames in batches (${name})`, () => {
    let a: Side;
    let b: Side;
    let cleanup: () => Promise<void>;
    const seed = Number(process.env.BATCH_SEED ?? 1414);
    const all = scripts(seed);
    const clockA = { ms: T0 };
    const clockB = { ms: T0 };

    beforeAll(async () => {
      const dbs = await open();
      cleanup = dbs.cleanup;
      const master = path.join(tempDir(), 'device-master.key');
      loadMasterKey(master, true);
      const ids = all.map((d) => d.id);
      a = await side(dbs.a, master, clockA, undefined, ids);
      b = await side(dbs.b, master, clockB, batch, ids);
      await play(a, all, clockA);
      await play(b, all, clockB);
    });
    afterAll(async () => {
      await a?.repo.close();
      await b?.repo.close();
      await cleanup?.();
    });

    it(`stores exactly what one transaction per frame stores (seed ${seed})`, async () => {
      const [sa, sb] = [await state(a.repo), await state(b.repo)];
      // The scenario reached what it is about.
      expect((sa.gaps as unknown[]).length).toBeGreaterThan(0);
      expect((sa.gaps as Array<{ state: string }>).some((g) => g.state === 'lost')).toBe(true);
      expect((sa.quarantine as Array<{ state: string }>).some((q) => q.state === 'superseded')).toBe(true);
      expect((sa.devices as Array<{ energy_seq_base: number }>).some((d) => d.energy_seq_base > 0)).toBe(true);
      for (const k of Object.keys(sa)) expect({ [k]: sb[k] }).toEqual({ [k]: sa[k] });
      // Nothing counted twice: the rollups sum exactly the stored records.
      const total = (sa.records as Array<{ energy_mwh: number }>).reduce((x, r) => x + r.energy_mwh, 0);
      expect((sb.daily as Array<{ energy_mwh: number }>).reduce((x, r) => x + r.energy_mwh, 0)).toBe(total);
      expect((sb.monthly as Array<{ records: number }>).reduce((x, r) => x + r.records, 0)).toBe((sa.records as unknown[]).length);
    });

    it('sends the same EnergyAcks and counts the same', () => {
      expect(acks(b)).toEqual(acks(a));
      expect(acks(b).length).toBeGreaterThan(100);
      expect(b.metrics.duplicates).toBe(a.metrics.duplicates);
      expect(Object.fromEntries(b.metrics.uplinksByKind)).toEqual(Object.fromEntries(a.metrics.uplinksByKind));
      expect(Object.fromEntries(b.metrics.framesRejected)).toEqual(Object.fromEntries(a.metrics.framesRejected));
      expect(b.metrics.framesRejected.get('implausible_gap')).toBeGreaterThan(0);
      expect(b.metrics.framesRejected.get('implausible_seq')).toBe(1);
    });

    it('wrote batches of several devices, each one transaction', () => {
      const h = b.metrics.ingest.batchFrames;
      expect(h.count).toBeGreaterThan(0);
      expect(h.sum / h.count).toBeGreaterThan(1.5);
      // Every energy frame sent (and the one with an uplink seq far ahead) at most once: the first frame of the
      // unregistered devices went the per-frame way.
      expect(h.sum).toBeLessThanOrEqual(all.reduce((n, d) => n + d.phases.flat().length, 1));
      expect(b.metrics.ingest.batchFailures).toBe(0);
    });

    it('writes a batch all or nothing: a frame that fails makes it fail, and alone it fails by itself', async () => {
      const w = b.writer as EnergyBatchWriter;
      const energy = new EnergyService({ energy: new EnergyRepository(b.repo.adapter), repo: b.repo, now: () => clockB.ms, log: silent });
      const frame = async (id: string, seq: number, recordSeq: number, energyMwh: number) => ({
        tenant: TENANT, deviceId: id, seq,
        prepared: await energy.prepare({ id, tenantId: TENANT }, [{
          deviceId: id, tenantId: TENANT, seq: recordSeq, start: Math.floor(clockB.ms / 1000) - 3600, durationS: 900, energyMwh, minPowerMw: 0, maxPowerMw: 40_000,
          avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900, receivedAt: clockB.ms,
        }]),
      });
      const [x, y] = [all[0] as Script, all[1] as Script];
      const before = await state(b.repo);
      const acked = (before.devices as Array<{ id: string; energy_acked_seq: number }>);
      const next = (id: string) => ((acked.find((d) => d.id === id)?.energy_acked_seq ?? 0) + 1);
      // A record the database refuses (no start: NOT NULL), in a frame that passed the checks as prepared.
      const bad = await frame(y.id, 10_000, next(y.id), 0);
      (bad.prepared.rows as unknown as Array<{ start: number | null }>)[0]!.start = null;
      const good = await frame(x.id, 10_000, next(x.id), 5000);
      await expect(w.write([good, bad])).rejects.toThrow();
      expect(await state(b.repo)).toEqual(before);
      // Through the group commit: the bad frame fails alone, the good one is stored and acknowledged.
      const out = await Promise.allSettled([w.submit(good), w.submit(bad)]);
      expect(out[0]).toMatchObject({ status: 'fulfilled', value: { status: 'stored', inserted: 1, ack: { ackedSeq: next(x.id) } } });
      expect(out[1].status).toBe('rejected');
      expect(b.metrics.ingest.batchFailures).toBeGreaterThan(0);
    });
  });
}

/**
 * Two instances on one database (two connections: `$share` splits a device's frames between them, QoS 1 redelivers to
 * both): each writes its batches while the other writes the same devices' frames, some the same frames. Every record
 * is stored once, the rollups count each once, and every device ends acknowledged to its last record with no gap.
 */
function twoInstances(name: string, open: () => Promise<{ a: DrizzleRepository; b: DrizzleRepository; cleanup: () => Promise<void> }>) {
  describe(`two instances writing batches of the same devices (${name})`, () => {
    it('stores each record once and ends with every device acknowledged, whatever instance got which frame', async () => {
      const { a, b, cleanup } = await open();
      try {
        const now = () => T0;
        const r = rng(Number(process.env.BATCH_SEED ?? 1414) + 1);
        const writers = [a, b].map((repo) => ({
          energy: new EnergyService({ energy: new EnergyRepository(repo.adapter), repo, now, log: silent }),
          writer: new EnergyBatchWriter({ adapter: repo.adapter, maxFrames: 4, maxDelayMs: 0, concurrency: 2 }),
        }));
        await a.ensureTenant(TENANT, 0);
        const ids = Array.from({ length: 10 }, (_, i) => `two-${i}`);
        for (const id of ids) await a.ensureDevice(TENANT, id, 0);
        const N = 60;
        let expectedMwh = 0;
        const lanes: Array<Array<Array<() => Promise<unknown>>>> = ids.map(() => [[], []]);
        ids.forEach((id, d) => {
          for (let s = 1; s <= N;) {
            const k = Math.min(N - s + 1, 1 + Math.floor(r() * 5));
            const rows = Array.from({ length: k }, (_, i) => ({
              deviceId: id, tenantId: TENANT, seq: s + i, start: Math.floor(T0 / 1000) - 86_400 + (s + i) * 900, durationS: 900, energyMwh: 9000 + s + i,
              minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900, receivedAt: T0,
            }));
            for (const x of rows) expectedMwh += x.energyMwh;
            const to = r() < 0.5 ? 0 : 1;
            const send = (w: number) => async () => {
              const { energy, writer } = writers[w] as (typeof writers)[number];
              return writer.submit({ tenant: TENANT, deviceId: id, seq: s, prepared: await energy.prepare({ id, tenantId: TENANT }, rows) });
            };
            (lanes[d] as Array<Array<() => Promise<unknown>>>)[to]!.push(send(to));
            if (r() < 0.3) (lanes[d] as Array<Array<() => Promise<unknown>>>)[1 - to]!.push(send(1 - to)); // redelivered to the other
            s += k;
          }
        });
        // Each instance applies a device's frames one at a time, in the order it got them; the two go at once.
        await Promise.all(lanes.flatMap((two) => two.map(async (lane) => { for (const f of lane) await f(); })));
        // A last frame of each device's last record, to the first instance: the watermark ends at the last record.
        await Promise.all(ids.map(async (id) => {
          const { energy, writer } = writers[0] as (typeof writers)[number];
          const rows = [{ deviceId: id, tenantId: TENANT, seq: N, start: Math.floor(T0 / 1000) - 86_400 + N * 900, durationS: 900, energyMwh: 9000 + N,
            minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900, receivedAt: T0 }];
          return writer.submit({ tenant: TENANT, deviceId: id, seq: 10_000, prepared: await energy.prepare({ id, tenantId: TENANT }, rows) });
        }));
        const st = await state(a);
        expect((st.records as unknown[]).length).toBe(ids.length * N);
        expect((st.records as Array<{ energy_mwh: number }>).reduce((x, y) => x + y.energy_mwh, 0)).toBe(expectedMwh);
        expect((st.daily as Array<{ energy_mwh: number; records: number }>).reduce((x, y) => x + y.energy_mwh, 0)).toBe(expectedMwh);
        expect((st.monthly as Array<{ records: number }>).reduce((x, y) => x + y.records, 0)).toBe(ids.length * N);
        expect(st.gaps).toEqual([]);
        for (const d of st.devices as Array<{ id: string; energy_acked_seq: number }>) expect(d.energy_acked_seq, d.id).toBe(N);
      } finally {
        await a.close();
        await b.close();
        await cleanup();
      }
    });
  });
}

twoInstances('SQLite', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'shared.sqlite');
  return { a: openSqlite(file), b: openSqlite(file), cleanup: async () => { fs.rmSync(dir, { recursive: true, force: true }); } };
});

twoInstances('PostgreSQL', async () => {
  const schema = uniqueSchema();
  return { a: await openPostgres(TEST_PG_URL, schema), b: await openPostgres(TEST_PG_URL, schema), cleanup: () => dropPgSchema(schema) };
});

suite('SQLite', async () => {
  const dir = tempDir();
  return { a: openSqlite(path.join(dir, 'a.sqlite')), b: openSqlite(path.join(dir, 'b.sqlite')), cleanup: async () => { fs.rmSync(dir, { recursive: true, force: true }); } };
}, { maxFrames: 5 });

suite('PostgreSQL', async () => {
  const [sa, sb] = [uniqueSchema(), uniqueSchema()];
  return {
    a: await openPostgres(TEST_PG_URL, sa), b: await openPostgres(TEST_PG_URL, sb),
    cleanup: async () => { await dropPgSchema(sa); await dropPgSchema(sb); },
  };
}, { maxFrames: 5, concurrency: 2 });

export type { Repository };
