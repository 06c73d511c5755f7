/**
 * Issue 14: StateReports written in batches across devices (src/ingest/state-batch.ts) leave the database exactly as
 * the per-frame path does (UplinkRepository.applyState / seen, Repository.appendState), and the server answers them
 * the same (TimeSyncs, reconciliation), on SQLite and PostgreSQL. The same generated traffic — many devices at once,
 * reports in order, neighbours swapped (the older one arrives second: not applied, only seen), redeliveries, clocks
 * not synchronised (a TimeSync each, rate-limited), an uplink seq far ahead (refused), a device registered in another
 * town (refused), a device whose first frame is a StateReport (registered by the per-frame path), and a device with a
 * desired configuration it does not report (a config downlink) — goes to two databases: one through the per-frame
 * path, one through the batch writer (small batches, so that they mix devices). Then the device rows, the state
 * history, the downlinks sent and the counters must be the same. And: a batch is all or nothing, one bad frame fails
 * alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pb, uplinkTopic, type Downlink, type Uplink } from '@streetlight/protocol';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey } from '../src/devices/identity.js';
import { DeviceService } from '../src/devices/service.js';
import { StateBatchWriter, type StateFrame } from '../src/ingest/state-batch.js';
import { Metrics } from '../src/metrics.js';
import { provisionWith, type TestDevice } from '../src/testing.js';
import { dropPgSchema, rng, sqlRows, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const TENANT = 'statetown';
const ELSEWHERE = 'othertown';
const T0 = Date.UTC(2026, 2, 10, 17, 0, 0);
const silent = { debug() {}, info() {}, warn() {}, error() {} };


type State = NonNullable<Uplink['state']>;
/** A frame of a script: its uplink seq and its report (or a Hello). */
interface Step { seq: number; body: Partial<Uplink> }
interface Script { id: string; kind: string; phases: Step[][] }

function scripts(seed: number): Script[] {
  const r = rng(seed);
  const kinds = ['plain', 'plain', 'swapped', 'redelivered', 'unsynced', 'far', 'elsewhere', 'unregistered', 'desired', 'plain'];
  const out: Script[] = [];
  for (let d = 0; d < 30; d++) {
    const kind = kinds[d % kinds.length] as string;
    const id = `sb-${kind}-${d}`;
    let seq = 0;
    const report = (i: number): Step => {
      const level = Math.floor(r() * 101);
      const state: State = {
        level, targetLevel: level, source: 1 + (i % 3), plan: { id: 1, version: 1 + (i % 2) }, configVersion: 0, uptimeS: 60 * i, powerMw: level * 400,
        clock: kind === 'unsynced' && i % 2 === 0 ? pb.ClockStatus.CLOCK_STATUS_RTC : pb.ClockStatus.CLOCK_STATUS_SYNCED, reason: i % 4,
      };
      return { seq: ++seq, body: { state } };
    };
    const hello: Step = { seq: ++seq, body: { hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', bootCount: 1 } } };
    const steps: Step[] = Array.from({ length: 6 + Math.floor(r() * 6) }, (_, i) => report(i));
    if (kind === 'swapped') for (let i = 0; i + 1 < steps.length; i += 3) [steps[i], steps[i + 1]] = [steps[i + 1] as Step, steps[i] as Step];
    if (kind === 'redelivered' || r() < 0.3) for (let i = 0; i < 3; i++) steps.splice(Math.floor(r() * steps.length), 0, steps[Math.floor(r() * steps.length)] as Step);
    if (kind === 'far') steps.splice(2, 0, { seq: seq + 2 ** 21, body: (report(99)).body });
    const cut = Math.floor(steps.length / 2);
    out.push({ id, kind, phases: [kind === 'unregistered' ? [] : [hello], steps.slice(0, cut), steps.slice(cut)] });
  }
  return out;
}

interface Side {
  repo: DrizzleRepository;
  devices: DeviceService;
  metrics: Metrics;
  sent: Array<{ deviceId: string; message: Downlink }>;
  ids: Map<string, TestDevice>;
  writer?: StateBatchWriter;
}

async function side(repo: DrizzleRepository, masterPath: string, clock: { ms: number }, batch: { maxFrames: number; concurrency?: number } | undefined, all: readonly Script[]): Promise<Side> {
  const now = () => clock.ms;
  const identities = new DeviceIdentities({ adapter: repo.adapter, master: loadMasterKey(masterPath, false), now });
  const metrics = new Metrics();
  const sent: Side['sent'] = [];
  const writer = batch ? new StateBatchWriter({ adapter: repo.adapter, maxFrames: batch.maxFrames, maxDelayMs: 0, concurrency: batch.concurrency, metrics: metrics.ingest }) : undefined;
  const devices = new DeviceService({
    repo, identities, metrics, now, log: silent,
    send: async (_tenant, deviceId, message) => { sent.push({ deviceId, message }); },
    ...(writer ? { stateBatch: (f: StateFrame) => writer.submit(f) } : {}),
  });
  const provisioned = new Map<string, TestDevice>();
  for (const d of all) provisioned.set(d.id, await provisionWith(identities, TENANT, d.id));
  // A device row of another town under the same id (a stray registration): its reports are refused.
  await repo.ensureTenant(ELSEWHERE, 0);
  for (const d of all.filter((x) => x.kind === 'elsewhere')) await repo.ensureDevice(ELSEWHERE, d.id, 0);
  // A desired configuration the device does not report: reconciliation sends it.
  await repo.ensureTenant(TENANT, 0);
  for (const d of all.filter((x) => x.kind === 'desired')) {
    await repo.ensureDevice(TENANT, d.id, 0);
    await repo.setDesired(TENANT, [d.id], { config: { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: 44_890_000, longitudeE6: 1_216_000 }, configVersion: 2 }, 0);
  }
  return { repo, devices, metrics, sent, ids: provisioned, ...(writer ? { writer } : {}) };
}

/** Plays the scripts into a side: phase by phase, every device at once, each device's frames in order. */
async function play(s: Side, all: readonly Script[], clock: { ms: number }): Promise<void> {
  for (const [p, at] of [[0, T0], [1, T0 + 60_000], [2, T0 + 15 * 60_000]] as const) {
    clock.ms = at;
    await Promise.all(all.map(async (d) => {
      for (const step of d.phases[p] as Step[]) {
        await s.devices.handleMessage(uplinkTopic(TENANT, d.id), (s.ids.get(d.id) as TestDevice).uplink({ seq: step.seq, time: Math.floor(clock.ms / 1000), ...step.body }));
      }
    }));
  }
  await s.devices.idle();
}


/** Everything a StateReport writes, in a comparable order. */
async function stored(repo: DrizzleRepository): Promise<Record<string, unknown>> {
  return {
    devices: await sqlRows(repo, `select id, tenant_id, last_seen, last_uplink_seq, last_downlink_seq, seq_epoch, state_ord, level, target_level, level_source,
      plan_id, plan_version, config_version, override_id, override_expires_at, clock_status, uptime_s, power_mw, state_at from devices order by id`),
    history: await sqlRows(repo, 'select device_id, at, level, target_level, level_source, power_mw, reason from state_history order by device_id, id'),
    downlinks: await sqlRows(repo, 'select device_id, seq, kind, summary, sent_at, ack_status from downlinks order by device_id, seq'),
  };
}

const sentOf = (s: Side) => s.sent.map((x) => ({ d: x.deviceId, seq: x.message.seq, what: Object.keys(x.message).filter((k) => !['protocolVersion', 'deviceId', 'seq', 'time'].includes(k)).join(',') }))
  .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));

function suite(name: string, open: () => Promise<{ a: DrizzleRepository; b: DrizzleRepository; cleanup: () => Promise<void> }>, batch: { maxFrames: number; concurrency?: number }) {
  describe(`state reports in batches (${name})`, () => {
    let a: Side;
    let b: Side;
    let cleanup: () => Promise<void>;
    const seed = Number(process.env.BATCH_SEED ?? 2718);
    const all = scripts(seed);
    const clockA = { ms: T0 };
    const clockB = { ms: T0 };

    beforeAll(async () => {
      const dbs = await open();
      cleanup = dbs.cleanup;
      const master = path.join(tempDir(), 'device-master.key');
      loadMasterKey(master, true);
      a = await side(dbs.a, master, clockA, undefined, all);
      b = await side(dbs.b, master, clockB, batch, all);
      await play(a, all, clockA);
      await play(b, all, clockB);
    });
    afterAll(async () => {
      await a?.repo.close();
      await b?.repo.close();
      await cleanup?.();
    });

    it(`stores exactly what the per-frame path stores (seed ${seed})`, async () => {
      const [sa, sb] = [await stored(a.repo), await stored(b.repo)];
      // The scenario reached what it is about.
      expect((sa.history as unknown[]).length).toBeGreaterThan(100);
      expect((sa.devices as Array<{ id: string; tenant_id: string }>).find((d) => d.id.startsWith('sb-elsewhere'))?.tenant_id).toBe(ELSEWHERE);
      expect((sa.downlinks as Array<{ kind: string }>).some((d) => d.kind === 'config')).toBe(true);
      for (const k of Object.keys(sa)) expect({ [k]: sb[k] }).toEqual({ [k]: sa[k] });
    });

    it('answers the same (TimeSyncs, reconciliation) and counts the same', () => {
      expect(sentOf(b)).toEqual(sentOf(a));
      expect(sentOf(b).filter((x) => x.what === 'timeSync').length).toBeGreaterThan(all.length);
      expect(b.metrics.duplicates).toBe(a.metrics.duplicates);
      expect(b.metrics.duplicates).toBeGreaterThan(0);
      expect(Object.fromEntries(b.metrics.uplinksByKind)).toEqual(Object.fromEntries(a.metrics.uplinksByKind));
      expect(Object.fromEntries(b.metrics.framesRejected)).toEqual(Object.fromEntries(a.metrics.framesRejected));
      expect(b.metrics.framesRejected.get('implausible_seq')).toBeGreaterThan(0);
      expect(b.metrics.framesRejected.get('wrong_tenant')).toBeGreaterThan(0);
    });

    it('wrote batches of several devices, each one transaction', () => {
      const h = b.metrics.ingest.stateBatchFrames;
      expect(h.count).toBeGreaterThan(0);
      expect(h.sum / h.count).toBeGreaterThan(1.5);
      expect(b.metrics.ingest.stateBatchFailures).toBe(0);
    });

    it('writes a batch all or nothing: a frame that fails makes it fail, and alone it fails by itself', async () => {
      const w = b.writer as StateBatchWriter;
      const [x, y] = all.filter((d) => d.kind === 'plain') as [Script, Script];
      const frame = (id: string, seq: number, level: number | null): StateFrame => ({
        tenant: TENANT, deviceId: id, seq, reason: 0, now: clockB.ms,
        state: { level: level as number, targetLevel: 0, levelSource: 1, planId: 1, planVersion: 1, configVersion: 0, overrideId: 0, overrideExpiresAt: 0, clockStatus: 3, uptimeS: 1, powerMw: 0, stateAt: clockB.ms },
      });
      const before = await stored(b.repo);
      // A level the history refuses (NOT NULL), in a frame that passed the checks.
      const bad = frame(y.id, 1000, null);
      const good = frame(x.id, 1000, 500);
      await expect(w.write([good, bad])).rejects.toThrow();
      expect(await stored(b.repo)).toEqual(before);
      const out = await Promise.allSettled([w.submit(good), w.submit(bad)]);
      expect(out[0]).toMatchObject({ status: 'fulfilled', value: { status: 'applied' } });
      expect(out[1].status).toBe('rejected');
      expect(b.metrics.ingest.stateBatchFailures).toBeGreaterThan(0);
      // The good one is stored, once: the same frame again is only seen.
      expect((await b.repo.getDevice(x.id))?.level).toBe(500);
      expect(await w.submit(good)).toEqual({ status: 'stale' });
    });
  });
}

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
