/**
 * Energy and alarm queries on SQLite and PostgreSQL (HOUSE-STYLE 13): idempotent ingest with rollups in the
 * same transaction, ack watermark, open and lost gaps, reports over daily + monthly rollups, retention.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { EnergyRepository, missingRanges, wholeMonths, type RollupKey } from '../src/db/energy-repository.js';
import { AlarmsRepository } from '../src/db/alarms-repository.js';
import { AlarmService } from '../src/alarms/service.js';
import type { NewEnergy } from '../src/db/repository.js';
import { pb } from '@streetlight/protocol';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1) / 1000; // 2026-01-01T00:00Z
const INTERVAL = 900;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Record seq n of a device: 15 min intervals from T0, 10 Wh each, lit half the time at 50 %. */
function rec(deviceId: string, seq: number, receivedAt = 1): NewEnergy {
  return {
    deviceId, tenantId: 'town', seq, start: T0 + (seq - 1) * INTERVAL, durationS: INTERVAL, energyMwh: 10_000 + seq,
    minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 40_000, burningS: 450, avgLevelX10: 250, receivedAt,
  };
}
const range = (dev: string, a: number, b: number, at = 1) => Array.from({ length: b - a + 1 }, (_, i) => rec(dev, a + i, at));
/** Test rollup key: UTC day, and every second of a record counts as night (so baseline = nominal × duration). */
const keyOf = (r: NewEnergy): RollupKey => {
  const day = new Date(r.start * 1000).toISOString().slice(0, 10);
  return { day, month: day.slice(0, 7), darkS: r.durationS };
};
const sumMwh = (rows: NewEnergy[]) => rows.reduce((a, r) => a + r.energyMwh, 0);

function energySuite(name: string, open: () => Promise<DrizzleRepository>, cleanup: () => Promise<void>): void {
  describe(`energy repository on ${name}`, () => {
    let repo: DrizzleRepository;
    let energy: EnergyRepository;
    beforeAll(async () => {
      repo = await open();
      energy = new EnergyRepository(repo.adapter);
      await repo.ensureTenant('town', 0);
      for (const d of ['a', 'b', 'c', 'd', 'p']) await repo.ensureDevice('town', d, 0);
      await repo.commission('town', [
        { inventory: { deviceId: 'a', tenantId: 'town', lat: 44.89, lon: 1.22, groupId: 'rue-1', nominalPowerW: 40, installedAt: 0, updatedAt: 0 }, desired: { config: {}, configVersion: 1 } },
        { inventory: { deviceId: 'b', tenantId: 'town', lat: 44.89, lon: 1.22, groupId: 'rue-1', nominalPowerW: 80, installedAt: 0, updatedAt: 0 }, desired: { config: {}, configVersion: 1 } },
      ], 0);
    });
    afterAll(async () => { await repo?.close(); await cleanup(); });

    const dev = (id: string) => ({ id, tenantId: 'town' });
    const GRACE = 3_600_000;

    it('stores a frame, adds it to the rollups and acknowledges the contiguous seq', async () => {
      const rows = range('a', 1, 32);
      const r = await energy.ingest(dev('a'), rows, keyOf, 1000, GRACE);
      expect(r).toMatchObject({ inserted: 32, ackedSeq: 32, openGaps: [], lost: [] });
      expect((await repo.getDevice('a'))?.energyAckedSeq).toBe(32);
      const rep = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-01', bucket: 'total', by: 'device' });
      expect(rep).toHaveLength(1);
      expect(rep[0]).toMatchObject({ key: 'a', energyMwh: sumMwh(rows), records: 32, burningS: 32 * 450, levelX10S: 32 * 250 * 900, durationS: 32 * 900 });
    });

    it('changes nothing when the same frame comes again', async () => {
      const r = await energy.ingest(dev('a'), range('a', 1, 32), keyOf, 2000, GRACE);
      expect(r).toMatchObject({ inserted: 0, ackedSeq: 32 });
      const rep = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-31', bucket: 'month', by: 'device', deviceId: 'a' });
      expect(rep[0]).toMatchObject({ records: 32, energyMwh: sumMwh(range('a', 1, 32)) });
    });

    it('holds the ack below a gap, lists it as open, and closes it when the records arrive out of order', async () => {
      const late = await energy.ingest(dev('a'), range('a', 65, 96), keyOf, 3000, GRACE);
      expect(late).toMatchObject({ inserted: 32, ackedSeq: 32, openGaps: [{ fromSeq: 33, toSeq: 64 }] });
      expect(await energy.listGaps('town', { deviceId: 'a' })).toMatchObject([{ fromSeq: 33, toSeq: 64, state: 'open' }]);
      const fill = await energy.ingest(dev('a'), range('a', 33, 64), keyOf, 4000, GRACE);
      expect(fill).toMatchObject({ inserted: 32, ackedSeq: 96, openGaps: [] });
      expect(await energy.listGaps('town', { deviceId: 'a' })).toEqual([]);
      const [cell] = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-01', bucket: 'day', by: 'device', deviceId: 'a' });
      expect(cell).toMatchObject({ records: 96, energyMwh: sumMwh(range('a', 1, 96)) });
    });

    it('gives a gap up as lost once a later record has waited the grace period', async () => {
      await energy.ingest(dev('c'), range('c', 1, 10, 0), keyOf, 0, GRACE);
      const held = await energy.ingest(dev('c'), range('c', 14, 20, 100), keyOf, 100, GRACE);
      expect(held).toMatchObject({ ackedSeq: 10, openGaps: [{ fromSeq: 11, toSeq: 13 }], lost: [] });
      const later = await energy.ingest(dev('c'), range('c', 21, 22, 100 + GRACE), keyOf, 100 + GRACE, GRACE);
      expect(later).toMatchObject({ ackedSeq: 22, openGaps: [], lost: [{ fromSeq: 11, toSeq: 13 }] });
      expect(await energy.listGaps('town', { state: 'lost' })).toMatchObject([{ deviceId: 'c', fromSeq: 11, toSeq: 13, state: 'lost' }]);
    });

    it('records the range a device says its log overwrote (lost_through_seq) as lost at once and acknowledges past it', async () => {
      // A town of its own, so the report tests below see the devices they expect.
      await repo.ensureTenant('hill', 0);
      await repo.ensureDevice('hill', 'e', 0);
      const e = { id: 'e', tenantId: 'hill' };
      const hill = (a: number, b: number, at: number) => range('e', a, b, at).map((r) => ({ ...r, tenantId: 'hill' }));
      await energy.ingest(e, hill(1, 10, 0), keyOf, 0, GRACE);
      // Offline for longer than its log lasts: it still holds 40..71 and says 11..39 are gone; no grace period.
      const r = await energy.ingest(e, hill(40, 71, 100), keyOf, 100, GRACE, 0, 39);
      expect(r).toMatchObject({ inserted: 32, ackedSeq: 71, openGaps: [], lost: [{ fromSeq: 11, toSeq: 39 }] });
      expect((await repo.getDevice('e'))?.energyAckedSeq).toBe(71);
      expect(await energy.listGaps('hill', { deviceId: 'e' })).toMatchObject([{ fromSeq: 11, toSeq: 39, state: 'lost' }]);
      // Only what the server lacks is lost: records it already has below lost_through_seq stay counted, and a
      // gap above it still waits for its grace period.
      await energy.ingest(e, hill(72, 75, 200), keyOf, 200, GRACE);
      const again = await energy.ingest(e, hill(80, 81, 300), keyOf, 300, GRACE, 0, 73);
      expect(again).toMatchObject({ ackedSeq: 75, openGaps: [{ fromSeq: 76, toSeq: 79 }], lost: [] });
      const [cell] = await energy.report({ tenantId: 'hill', from: '2026-01-01', to: '2026-01-01', bucket: 'total', by: 'device', deviceId: 'e' });
      expect(cell).toMatchObject({ records: 10 + 32 + 4 + 2 });
    });

    it('reports by group, tenant and period with the baseline of devices that have a nominal power', async () => {
      await energy.ingest(dev('b'), range('b', 1, 96), keyOf, 5000, GRACE); // 2026-01-01, 80 W
      await energy.ingest(dev('d'), range('d', 97, 192).map((r, i) => ({ ...r, seq: i + 1 })), keyOf, 5000, GRACE); // 2026-01-02, no inventory
      const [g] = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-31', bucket: 'total', by: 'group' });
      expect(g).toMatchObject({ key: 'rue-1', devices: 2, devicesWithoutBaseline: 0, records: 192 });
      // Every second counts as night in this test: baseline = Σ nominal W × covered seconds.
      expect(g!.baselineWs).toBe(40 * 96 * 900 + 80 * 96 * 900);
      const days = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-02', bucket: 'day', by: 'tenant' });
      expect(days.map((d) => [d.period, d.devices, d.devicesWithoutBaseline])).toEqual([['2026-01-01', 3, 1], ['2026-01-02', 1, 1]]);
      // A range mixing a partial month (daily rows) and whole months (monthly rows) sums the same as days.
      const byDays = await energy.report({ tenantId: 'town', from: '2025-12-15', to: '2026-02-10', bucket: 'day', by: 'tenant' });
      const total = await energy.report({ tenantId: 'town', from: '2025-12-15', to: '2026-02-10', bucket: 'total', by: 'tenant' });
      expect(total[0]?.energyMwh).toBe(byDays.reduce((a, d) => a + d.energyMwh, 0));
      expect(total[0]?.devices).toBe(4);
      const years = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-12-31', bucket: 'year', by: 'tenant' });
      expect(years.map((y) => y.period)).toEqual(['2026']);
    });

    it('prunes raw records past retention only below the watermark, and never counts a pruned record twice', async () => {
      await energy.ingest(dev('p'), range('p', 1, 4), keyOf, 6000, GRACE);
      await energy.ingest(dev('p'), range('p', 6, 6), keyOf, 6000, GRACE); // seq 6 sits above the watermark (4)
      const before = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-01', bucket: 'total', by: 'device', deviceId: 'p' });
      const n = await energy.pruneRaw(T0 + 86_400);
      expect(n).toBeGreaterThanOrEqual(4);
      expect((await energy.listRecords('p', 0, 10)).map((r) => r.seq)).toEqual([6]);
      const again = await energy.ingest(dev('p'), range('p', 1, 4), keyOf, 7000, GRACE, T0 + 86_400);
      expect(again).toMatchObject({ inserted: 0, ackedSeq: 4 });
      const after = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-01', bucket: 'total', by: 'device', deviceId: 'p' });
      expect(after).toEqual(before);
    });

    it('serialises concurrent frames of one device from two server instances (no lost watermark, no double count)', async () => {
      const other = await open(); // a second connection pool, as a second instance behind $share would have
      try {
        const second = new EnergyRepository(other.adapter);
        await repo.ensureDevice('town', 'cc', 0);
        for (let k = 0; k < 5; k++) {
          const base = k * 64;
          const [x, y] = await Promise.all([
            energy.ingest(dev('cc'), range('cc', base + 1, base + 32), keyOf, 10_000, GRACE),
            second.ingest(dev('cc'), range('cc', base + 33, base + 64), keyOf, 10_000, GRACE),
          ]);
          // The transaction that committed second saw the first one's records: it acknowledges both frames.
          expect(Math.max(x.ackedSeq, y.ackedSeq)).toBe(base + 64);
        }
        // Whatever the interleaving, one more (duplicate) frame settles the watermark at the end.
        const last = await energy.ingest(dev('cc'), range('cc', 289, 320), keyOf, 10_000, GRACE);
        expect(last).toMatchObject({ inserted: 0, ackedSeq: 320, openGaps: [] });
        const [cell] = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-31', bucket: 'total', by: 'device', deviceId: 'cc' });
        expect(cell).toMatchObject({ records: 320, energyMwh: sumMwh(range('cc', 1, 320)) });
      } finally {
        await other.close();
      }
    });

    it('maps a new log (EnergyReport.log_id) after the old one once, even with its frames on two instances at once', async () => {
      const other = await open();
      try {
        const second = new EnergyRepository(other.adapter);
        await repo.ensureDevice('town', 'lg', 0);
        const lg = (a: number, b: number) => range('lg', a, b, 10_000);
        const first = await energy.ingest(dev('lg'), lg(1, 10), keyOf, 10_000, GRACE, 0, 0, 0xa1);
        expect(first).toMatchObject({ inserted: 10, ackedSeq: 10, serverAckedSeq: 10 });
        // The log is wiped: new id, seqs from 1. Its first frame reaches both instances (redelivery), its second
        // one too, concurrently: one generation switch, base 10, nothing doubled.
        const results = await Promise.all([
          energy.ingest(dev('lg'), lg(1, 8), keyOf, 10_000, GRACE, 0, 0, 0xb2),
          second.ingest(dev('lg'), lg(1, 8), keyOf, 10_000, GRACE, 0, 0, 0xb2),
          second.ingest(dev('lg'), lg(9, 16), keyOf, 10_000, GRACE, 0, 0, 0xb2),
        ]);
        expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(16);
        expect(Math.max(...results.map((r) => r.ackedSeq))).toBe(16); // device seqs
        expect(await repo.getDevice('lg')).toMatchObject({ energyAckedSeq: 26, energyLogId: 0xb2, energySeqBase: 10, energyPrevLogId: 0xa1 });
        // A late frame of the old log: nothing stored, nothing to acknowledge.
        expect(await energy.ingest(dev('lg'), lg(1, 12), keyOf, 10_000, GRACE, 0, 0, 0xa1)).toMatchObject({ inserted: 0, ackedSeq: 0, staleLog: true });
        // lost_through_seq of the new log is in its seqs: 17..19 gone, 20 held → server 27..29 lost, acked 20.
        const r = await energy.ingest(dev('lg'), lg(20, 20), keyOf, 10_000, GRACE, 0, 19, 0xb2);
        expect(r).toMatchObject({ inserted: 1, ackedSeq: 20, serverAckedSeq: 30, lost: [{ fromSeq: 27, toSeq: 29 }] });
        const [cell] = await energy.report({ tenantId: 'town', from: '2026-01-01', to: '2026-01-31', bucket: 'total', by: 'device', deviceId: 'lg' });
        expect(cell).toMatchObject({ records: 10 + 16 + 1 });
      } finally {
        await other.close();
      }
    });

    it('keeps settings per tenant', async () => {
      expect(await energy.getSettings('town')).toBeUndefined();
      await energy.putSettings({ tenantId: 'town', tz: 'CET-1CEST,M3.5.0,M10.5.0/3', tariffEurPerKwh: 0.17, emissionGPerKwh: 60, updatedAt: 1 });
      await energy.putSettings({ tenantId: 'town', tz: 'CET-1CEST,M3.5.0,M10.5.0/3', tariffEurPerKwh: 0.18, emissionGPerKwh: 60, updatedAt: 2 });
      expect(await energy.getSettings('town')).toMatchObject({ tariffEurPerKwh: 0.18, updatedAt: 2 });
    });

    it('turns fault events into alarms: raise, duplicate, acknowledge, clear, raise again', async () => {
      const alarms = new AlarmService(new AlarmsRepository(repo.adapter), () => 9000, quiet);
      const lamp = pb.EventType.EVENT_TYPE_LAMP_FAILURE;
      const raised = await alarms.onEvent(dev('a'), { eventSeq: 1, type: lamp, active: true, time: 100, value: 500, detail: '' }, 8000);
      expect(raised).toMatchObject({ state: 'open', type: 'lamp_failure', raisedAt: 100_000 });
      await alarms.onEvent(dev('a'), { eventSeq: 1, type: lamp, active: true, time: 100, value: 500, detail: '' }, 8001);
      expect(await alarms.list({ tenantId: 'town', limit: 10 })).toHaveLength(1);
      const acked = await alarms.acknowledge('town', raised!.id, 'alice');
      expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: 9000 });
      expect(await alarms.acknowledge('other', raised!.id, 'eve')).toBeUndefined();
      await alarms.onEvent(dev('a'), { eventSeq: 2, type: lamp, active: false, time: 200, value: 38000, detail: '' }, 8002);
      expect(await alarms.get('town', raised!.id)).toMatchObject({ state: 'cleared', clearedAt: 200_000 });
      await alarms.onEvent(dev('a'), { eventSeq: 3, type: lamp, active: true, time: 300, value: 0, detail: '' }, 8003);
      expect(await alarms.counts('town')).toEqual({ open: 1, acknowledged: 0, assigned: 0, intervened: 0, cleared: 1 });
      expect((await alarms.list({ tenantId: 'town', states: ['open'], limit: 10 })).map((a) => a.lastEventSeq)).toEqual([3]);
      expect(await alarms.onEvent(dev('a'), { eventSeq: 4, type: pb.EventType.EVENT_TYPE_FRAME_REJECTED, active: true, time: 1, value: 0, detail: '' }, 1)).toBeUndefined();
    });
  });
}

describe('pure helpers', () => {
  it('finds missing ranges above a watermark', () => {
    expect(missingRanges(5, [7, 8, 12])).toEqual([{ fromSeq: 6, toSeq: 6 }, { fromSeq: 9, toSeq: 11 }]);
    expect(missingRanges(5, [6, 7])).toEqual([]);
  });
  it('splits a day range into partial head, whole months and partial tail', () => {
    expect(wholeMonths('2026-01-15', '2026-04-10')).toEqual({ head: ['2026-01-15', '2026-01-31'], months: ['2026-02', '2026-03'], tail: ['2026-04-01', '2026-04-10'] });
    expect(wholeMonths('2026-01-01', '2026-12-31')).toEqual({ months: ['2026-01', '2026-12'] });
    expect(wholeMonths('2026-02-01', '2026-02-28')).toEqual({ months: ['2026-02', '2026-02'] });
    expect(wholeMonths('2026-01-02', '2026-01-31')).toBeUndefined();
  });
});

const dir = tempDir('energy-repo-');
energySuite('SQLite', async () => openSqlite(path.join(dir, 'e.sqlite')), async () => undefined);
const schema = uniqueSchema();
energySuite('PostgreSQL', () => openPostgres(TEST_PG_URL, schema), () => dropPgSchema(schema));
