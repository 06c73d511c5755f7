/**
 * Per-town energy rollups (issue 14, migration 0012): `energy_tenant_daily` / `energy_tenant_monthly` hold, per town
 * and local day / month, the sums of the per-device rows, kept by triggers on those rows (so in the same statement
 * and transaction as the ingest's or a quarantine decision's write) and on the inventory (rated power, position).
 * Through the real device service and energy ingest (batches of many devices, redeliveries, a frame written by the
 * per-frame statements inside a batch, quarantine accept and reject, re-commissioning, a second town), on SQLite and
 * PostgreSQL: after every step the per-town rows equal the per-device rows summed again from scratch (the migration's
 * backfill query), and the town's reports equal the original per-device query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { EnergyRepository } from '../src/db/energy-repository.js';
import { referenceReport } from '../src/reads/reports.js';
import type { ReportRequest } from '../src/energy/service.js';
import { authedInject, provisionDevices, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const LAT = 44.8897;
const LON = 1.2166;
/** 22:00 UTC on the last day of February 2026 (23:00 in Sarlat: dark): records span two local days and two months. */
const T0 = Date.UTC(2026, 1, 28, 22, 0, 0) / 1000;
const HUGE_MWH = 9_007_199_254_740_991;

const rec = (seq: number, start: number, energyMwh = 5_000) => ({ seq, start, durationS: 900, energyMwh, burningS: 900, avgLevelX10: 500, avgPowerMw: 20_000, maxPowerMw: 20_500, minPowerMw: 19_500 });

const W = (a: string) => `(case when ${a}.nominal_power_w > 0 and ${a}.lat is not null and ${a}.lon is not null then ${a}.nominal_power_w else 0 end)`;
const COLS = ['energy_mwh', 'burning_s', 'level_x10_s', 'duration_s', 'dark_s', 'records', 'devices', 'baseline_ws', 'baseline_energy_mwh', 'devices_without_baseline'];
/** The per-device rows summed again, as the migration's backfill does. */
const fromScratch = (table: string, col: string) => `select r.tenant_id, r.${col} as p, sum(r.energy_mwh) as energy_mwh, sum(r.burning_s) as burning_s,
    sum(r.level_x10_s) as level_x10_s, sum(r.duration_s) as duration_s, sum(r.dark_s) as dark_s, sum(r.records) as records, count(*) as devices,
    sum(r.dark_s * ${W('i')}) as baseline_ws, sum(case when ${W('i')} > 0 then r.energy_mwh else 0 end) as baseline_energy_mwh,
    sum(case when ${W('i')} > 0 then 0 else 1 end) as devices_without_baseline
  from ${table} r left join inventory i on i.device_id = r.device_id group by r.tenant_id, r.${col} order by 1, 2`;
const stored = (table: string, col: string) => `select tenant_id, ${col} as p, ${COLS.join(', ')} from ${table} where devices <> 0 order by 1, 2`;

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`per-town energy rollups on ${name}`, () => {
    let app: FastifyInstance;
    let inject: Inject;
    const clock = { ms: Date.UTC(2026, 2, 2, 8, 0, 0) };
    const devs = new Map<string, TestDevice>();
    const seqs = new Map<string, number>();
    const ids = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6'];
    const sent: Array<{ id: string; bytes: Uint8Array; tenant: string }> = [];

    /** Raw SELECT on the app's connection, numbers as numbers. */
    const query = async (text: string): Promise<Array<Record<string, string | number>>> => {
      const adapter = (app.repo as DrizzleRepository).adapter;
      const client = (adapter.db as unknown as { $client: unknown }).$client;
      const rows = adapter.dialect === 'sqlite'
        ? (client as { prepare(s: string): { all(): Array<Record<string, unknown>> } }).prepare(text).all()
        : (await (client as { query(s: string): Promise<{ rows: Array<Record<string, unknown>> }> }).query(text)).rows;
      return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'tenant_id' || k === 'p' || k === 'device_id' ? String(v) : Number(v)])));
    };
    /** The invariant: per-town rows = per-device rows summed from scratch (both tables); returns the daily rows. */
    const consistent = async (): Promise<Array<Record<string, string | number>>> => {
      const daily = await query(stored('energy_tenant_daily', 'day'));
      expect(daily).toEqual(await query(fromScratch('energy_daily', 'day')));
      expect(await query(stored('energy_tenant_monthly', 'month'))).toEqual(await query(fromScratch('energy_monthly', 'month')));
      return daily;
    };
    /** Town reports through the API equal the original per-device query. */
    const reportsMatch = async (tenant: string): Promise<void> => {
      const energy = new EnergyRepository((app.repo as DrizzleRepository).adapter);
      const settings = await app.energy.settings(tenant);
      const shapes: Array<Omit<ReportRequest, 'tenantId'>> = [
        { from: '2026-02-01', to: '2026-03-31', bucket: 'month', by: 'tenant' },
        { from: '2026-02-01', to: '2026-02-28', bucket: 'day', by: 'tenant' },
        { from: '2026-03-01', to: '2026-03-31', bucket: 'day', by: 'tenant' },
        { from: '2026-01-01', to: '2026-12-31', bucket: 'year', by: 'tenant' },
        { from: '2026-01-01', to: '2026-12-31', bucket: 'month', by: 'tenant' },
        { from: '2026-02-28', to: '2026-03-01', bucket: 'total', by: 'tenant' },
        { from: '2026-03-01', to: '2026-03-01', bucket: 'total', by: 'tenant' },
      ];
      for (const shape of shapes) {
        const req: ReportRequest = { tenantId: tenant, ...shape };
        expect(await app.energy.report(req), JSON.stringify(shape)).toEqual(await referenceReport(energy, settings, req));
      }
      const api = (await inject(`/api/tenants/${tenant}/energy/report?year=2026`)).json() as unknown;
      expect(api).toEqual(JSON.parse(JSON.stringify(await referenceReport(energy, settings, { tenantId: tenant, from: '2026-01-01', to: '2026-12-31', bucket: 'month', by: 'tenant' }))));
    };
    const frame = (id: string, records: ReturnType<typeof rec>[], extra: Record<string, unknown> = {}): Uint8Array => {
      const seq = (seqs.get(id) ?? 1) + 1;
      seqs.set(id, seq);
      return (devs.get(id) as TestDevice).uplink({ seq, energy: { records, ...extra } });
    };
    const deliver = (tenant: string, id: string, bytes: Uint8Array) => app.devices.handleMessage(uplinkTopic(tenant, id), bytes);

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      inject = await authedInject(app);
      // a-1…a-3 rated and placed; a-4 placed without a rating; a-5 registered, not commissioned; a-6 another town's.
      const inv = await inject({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [
        { deviceId: 'a-1', lat: LAT, lon: LON, nominalPowerW: 40 }, { deviceId: 'a-2', lat: LAT, lon: LON + 0.001, nominalPowerW: 60 },
        { deviceId: 'a-3', lat: LAT + 0.001, lon: LON, nominalPowerW: 40 }, { deviceId: 'a-4', lat: LAT, lon: LON - 0.001 },
      ] });
      expect(inv.statusCode).toBe(200);
      for (const [id, d] of await provisionDevices(app, 'sarlat', ids.slice(0, 5))) devs.set(id, d);
      for (const [id, d] of await provisionDevices(app, 'domme', ['a-6'])) devs.set(id, d);
      for (const id of ids) {
        const tenant = id === 'a-6' ? 'domme' : 'sarlat';
        await deliver(tenant, id, (devs.get(id) as TestDevice).uplink({ seq: 1, hello: { firmwareVersion: '1.0.0' } }));
      }
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('adds each new record once, in the ingest transaction: batches of many devices, redeliveries, replays', async () => {
      // Every device's first frame at once (one batch), records on both sides of midnight and of the month's end.
      const first = ids.map((id, k) => ({ id, tenant: id === 'a-6' ? 'domme' : 'sarlat', bytes: frame(id, [rec(1, T0 + k * 60), rec(2, T0 + 900 + k * 60), rec(3, T0 + 3 * 3600 + k * 60, 7_000)]) }));
      await Promise.all(first.map((f) => deliver(f.tenant, f.id, f.bytes)));
      sent.push(...first);
      let daily = await consistent();
      expect(daily.map((r) => [r.tenant_id, r.p, r.devices, r.records])).toEqual([
        ['domme', '2026-02-28', 1, 2], ['domme', '2026-03-01', 1, 1], ['sarlat', '2026-02-28', 5, 10], ['sarlat', '2026-03-01', 5, 5],
      ]);
      expect(daily.find((r) => r.tenant_id === 'sarlat' && r.p === '2026-02-28')?.devices_without_baseline).toBe(2); // a-4 (no rating), a-5 (not commissioned)
      // The same frames again, together and with new ones (some records repeated in them), then each again alone.
      const second = ids.map((id, k) => ({ id, tenant: id === 'a-6' ? 'domme' : 'sarlat', bytes: frame(id, [rec(3, T0 + 3 * 3600 + k * 60, 7_000), rec(4, T0 + 4 * 3600 + k * 60)]) }));
      await Promise.all([...first, ...second].map((f) => deliver(f.tenant, f.id, f.bytes)));
      sent.push(...second);
      for (const f of sent) await deliver(f.tenant, f.id, f.bytes);
      daily = await consistent();
      expect(daily.map((r) => [r.tenant_id, r.p, r.devices, r.records, r.energy_mwh])).toEqual([
        ['domme', '2026-02-28', 1, 2, 10_000], ['domme', '2026-03-01', 1, 2, 12_000], ['sarlat', '2026-02-28', 5, 10, 50_000], ['sarlat', '2026-03-01', 5, 10, 60_000],
      ]);
      // Each device's records: 4, acknowledged to 4.
      for (const id of ids) expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(4);
      await reportsMatch('sarlat');
      await reportsMatch('domme');
    });

    it('keeps a frame written by the per-frame statements inside a batch (lost_through_seq, a quarantined record) in step', async () => {
      // a-1 says its log lost 5…6; a-2 sends an implausible record next to a plausible one; a-3 an ordinary frame: one batch.
      const f1 = frame('a-1', [rec(7, T0 + 5 * 3600)], { lostThroughSeq: 6 });
      const f2 = frame('a-2', [rec(5, T0 + 5 * 3600, HUGE_MWH), rec(6, T0 + 5 * 3600 + 900)]);
      const f3 = frame('a-3', [rec(5, T0 + 5 * 3600)]);
      await Promise.all([deliver('sarlat', 'a-1', f1), deliver('sarlat', 'a-2', f2), deliver('sarlat', 'a-3', f3)]);
      await Promise.all([deliver('sarlat', 'a-1', f1), deliver('sarlat', 'a-2', f2), deliver('sarlat', 'a-3', f3)]);
      await consistent();
      expect((await app.repo.getDevice('a-1'))?.energyAckedSeq).toBe(7);
      expect((await app.energy.quarantine('sarlat', { deviceId: 'a-2', limit: 10 })).map((q) => [q.seq, q.state])).toEqual([[5, 'pending']]);
      const [before] = await query(stored('energy_tenant_daily', 'day').replace('where devices', "where day = '2026-03-01' and tenant_id = 'sarlat' and devices"));
      expect(before?.records).toBe(13); // 10 + a-1's, a-2's plausible one, a-3's
      await reportsMatch('sarlat');
    });

    it('adds an accepted quarantined record once, and nothing for a rejected one or a second decision', async () => {
      const [before] = await query(stored('energy_tenant_daily', 'day').replace('where devices', "where day = '2026-03-01' and tenant_id = 'sarlat' and devices"));
      const reject = await inject({ method: 'POST', url: '/api/tenants/sarlat/energy/quarantine/reject', payload: { deviceId: 'a-2', seqs: [5] } });
      expect(reject.json()).toMatchObject({ changed: 1 });
      expect(await query(stored('energy_tenant_daily', 'day').replace('where devices', "where day = '2026-03-01' and tenant_id = 'sarlat' and devices"))).toEqual([before]);
      // A record of a-3 quarantined as dated ahead of the clock, then accepted (twice), then its frame again.
      const ahead = frame('a-3', [rec(6, Date.UTC(2026, 2, 3, 22, 0, 0) / 1000)]);
      await deliver('sarlat', 'a-3', ahead);
      expect((await app.energy.quarantine('sarlat', { deviceId: 'a-3', limit: 10 })).map((q) => [q.seq, q.state])).toEqual([[6, 'pending']]);
      await consistent();
      for (let i = 0; i < 2; i++) {
        const r = await inject({ method: 'POST', url: '/api/tenants/sarlat/energy/quarantine/accept', payload: { deviceId: 'a-3', seqs: [6] } });
        expect(r.json()).toMatchObject({ changed: i === 0 ? 1 : 0 });
      }
      await deliver('sarlat', 'a-3', ahead);
      const daily = await consistent();
      expect(daily.find((r) => r.tenant_id === 'sarlat' && r.p === '2026-03-03')).toMatchObject({ devices: 1, records: 1, energy_mwh: 5_000 });
      await reportsMatch('sarlat');
    });

    it('follows the inventory: a new rating, a light commissioned after it reported, a position removed', async () => {
      const recommission = (rows: unknown[]) => inject({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: rows });
      expect((await recommission([{ deviceId: 'a-1', lat: LAT, lon: LON, nominalPowerW: 100 }, { deviceId: 'a-4', lat: LAT, lon: LON - 0.001, nominalPowerW: 25 },
        { deviceId: 'a-5', lat: LAT - 0.001, lon: LON, nominalPowerW: 40 }])).statusCode).toBe(200);
      let daily = await consistent();
      expect(daily.find((r) => r.tenant_id === 'sarlat' && r.p === '2026-02-28')?.devices_without_baseline).toBe(0);
      await reportsMatch('sarlat');
      // The same rows again change nothing; a light without a position leaves the baseline.
      expect((await recommission([{ deviceId: 'a-1', lat: LAT, lon: LON, nominalPowerW: 100 }])).statusCode).toBe(200);
      await consistent();
      expect(await query("update inventory set lat = null, lon = null where device_id = 'a-2' returning device_id")).toEqual([{ device_id: 'a-2' }]);
      daily = await consistent();
      expect(daily.find((r) => r.tenant_id === 'sarlat' && r.p === '2026-02-28')?.devices_without_baseline).toBe(1);
      await reportsMatch('sarlat');
      // Records after the change use the new rating.
      await deliver('sarlat', 'a-1', frame('a-1', [rec(8, T0 + 6 * 3600)]));
      await consistent();
      await reportsMatch('sarlat');
    });
  });
}

suite('SQLite', () => ({}), async () => {});

const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
