/**
 * Plausibility on ingest (SECURITY.md, attack 7): a provisioned device's sealed EnergyReport carrying a record of
 * 9,007,199,254 kWh, one dated 1970 and one dated 2100 next to plausible ones. Through the real device service and
 * energy ingest, on SQLite and PostgreSQL: the implausible records are quarantined (kept, acknowledged, absent from
 * reports, CSV and savings), the device's alarm is raised, a redelivery changes nothing, and a manager's accept
 * counts a record exactly once while a reject keeps it out for good.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import { authedInject, authHeaders, provisionDevice, watchDownlinks, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const LAT = 44.8897;
const LON = 1.2166;
const NIGHT = Date.UTC(2026, 2, 1, 22, 0, 0) / 1000; // 23:00 in Sarlat: dark
/** Number.MAX_SAFE_INTEGER mWh: 9,007,199,254 kWh, €1.8 bn at 0.20 €/kWh. */
const HUGE_MWH = 9_007_199_254_740_991;
const Y1970 = Date.UTC(1970, 0, 15, 22, 0, 0) / 1000;
const Y2100 = Date.UTC(2100, 0, 15, 22, 0, 0) / 1000;

/** The 40 W luminaire dimmed to 50 % for 15 minutes: 5 Wh. */
const rec = (seq: number, start: number, energyMwh = 5_000) => ({ seq, start, durationS: 900, energyMwh, burningS: 900, avgLevelX10: 500, avgPowerMw: 20_000, maxPowerMw: 20_500, minPowerMw: 19_500 });

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`energy quarantine on ${name}`, () => {
    let app: FastifyInstance;
    let downlinks: ReturnType<typeof watchDownlinks>; // issue 14: EnergyAcks are not downlinks rows
    let inject: Inject;
    const clock = { ms: Date.UTC(2026, 2, 2, 8, 0, 0) };
    let dev: TestDevice;
    /** The sealed frame: two plausible records around the three implausible ones. Delivered again as is. */
    let frame: Uint8Array;
    const deliver = (bytes: Uint8Array) => app.devices.handleMessage(uplinkTopic('sarlat', 'q-1'), bytes);
    const report = async (q: string) => (await inject(`/api/tenants/sarlat/energy/report?${q}&by=device`)).json() as { rows: Array<Record<string, number | string>>; total: Record<string, number> };
    const acks = async () => downlinks.summaries('q-1', 'energy_ack');
    const quarantine = async (q = '') => {
      const r = await inject(`/api/tenants/sarlat/energy/quarantine${q}`);
      expect(r.statusCode).toBe(200);
      return r.json() as Array<{ id: number; deviceId: string; seq: number; start: string | null; durationS: number; energyMwh: number; reason: string; state: string; decidedBy: string | null }>;
    };
    const alarms = async () => (await inject('/api/tenants/sarlat/alarms?type=implausible_energy')).json() as { alarms: Array<{ id: number; state: string; value: number; severity: string; detail: string }> };
    const decide = (action: 'accept' | 'reject', seqs: number[], headers?: Record<string, string>) =>
      inject({ method: 'POST', url: `/api/tenants/sarlat/energy/quarantine/${action}`, payload: { deviceId: 'q-1', seqs }, ...(headers ? { headers } : {}) });

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      downlinks = watchDownlinks(app);
      inject = await authedInject(app);
      const inv = await inject({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [{ deviceId: 'q-1', lat: LAT, lon: LON, group: 'bourg', nominalPowerW: 40 }] });
      expect(inv.statusCode).toBe(200);
      dev = await provisionDevice(app, 'sarlat', 'q-1');
      await deliver(dev.uplink({ seq: 1, hello: { firmwareVersion: '1.0.0' } }));
      frame = dev.uplink({ seq: 2, energy: { records: [rec(1, NIGHT), rec(2, NIGHT + 900, HUGE_MWH), rec(3, Y1970), rec(4, Y2100), rec(5, NIGHT + 1800)] } });
      await deliver(frame);
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('quarantines a 9,007,199,254 kWh record and records dated 1970 and 2100; the plausible ones next to them count; all are acknowledged', async () => {
      // Reports, CSV and savings hold the two plausible records only (5 Wh each, at night).
      const night = await report('from=2026-03-01&to=2026-03-02');
      expect(night.rows).toHaveLength(1);
      expect(night.total).toMatchObject({ energyKwh: 0.01, records: 2, costEur: 0, baselineKwh: 0.02, savedKwh: 0.01, savedPct: 50 }); // 40 W over their 30 min
      expect((await report('year=1970')).rows).toEqual([]);
      expect((await report('year=2100')).rows).toEqual([]);
      const csv = await inject('/api/tenants/sarlat/energy/report.csv?month=2026-03&by=device');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.split('\r\n').at(-2)).toMatch(/^total,2026-03-01\/2026-03-31,0\.01,/);
      expect(csv.body).not.toContain('9007199');
      // Only the plausible records are among the device's records; the others wait in quarantine.
      expect((await app.energy.records('q-1', 1, 10)).map((r) => r.seq)).toEqual([1, 5]);
      const q = await quarantine();
      expect(q.map((x) => [x.seq, x.reason, x.state])).toEqual([[2, 'energy', 'pending'], [3, 'too_old', 'pending'], [4, 'in_future', 'pending']]);
      expect(q[0]).toMatchObject({ deviceId: 'q-1', energyMwh: HUGE_MWH, durationS: 900, start: new Date((NIGHT + 900) * 1000).toISOString() });
      // The device is told all five are safe: it must not send them for ever.
      expect((await app.repo.getDevice('q-1'))?.energyAckedSeq).toBe(5);
      expect(await acks()).toEqual(['acked 5']);
      expect(await app.energy.gaps('sarlat', { deviceId: 'q-1' })).toEqual([]);
    });

    it('raises an implausible_energy alarm for the device', async () => {
      const { alarms: list } = await alarms();
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ state: 'open', severity: 'major', value: 3 });
    });

    it('changes nothing when the same frame is delivered again, but acknowledges it again', async () => {
      const before = await quarantine();
      await deliver(frame);
      expect(await quarantine()).toEqual(before);
      expect((await report('from=2026-03-01&to=2026-03-02')).total).toMatchObject({ energyKwh: 0.01, records: 2 });
      expect((await app.energy.records('q-1', 1, 10)).map((r) => r.seq)).toEqual([1, 5]);
      expect((await alarms()).alarms).toMatchObject([{ state: 'open', value: 3 }]);
      expect(await acks()).toEqual(['acked 5', 'acked 5']);
    });

    it('lets a viewer read the quarantine but not decide', async () => {
      const viewer = await authHeaders(app, { tenant: 'sarlat', role: 'viewer' });
      expect((await inject({ url: '/api/tenants/sarlat/energy/quarantine?state=pending', headers: viewer })).statusCode).toBe(200);
      const refused = await decide('accept', [4], viewer);
      expect(refused.statusCode).toBe(403);
      expect((await quarantine('?state=pending')).map((x) => x.seq)).toEqual([2, 3, 4]);
      expect((await inject('/api/tenants/sarlat/energy/quarantine?device=elsewhere')).statusCode).toBe(404);
    });

    it('counts an accepted record exactly once: accepting twice, or its redelivery, adds nothing', async () => {
      const manager = await authHeaders(app, { tenant: 'sarlat', role: 'manager', name: 'maire' });
      const first = await decide('accept', [4], manager);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ changed: 1, records: [{ seq: 4, state: 'accepted', decidedBy: 'token maire' }], notFound: [] });
      expect((await report('year=2100')).total).toMatchObject({ energyKwh: 0.005, records: 1 });
      const again = await decide('accept', [4, 9], manager);
      expect(again.json()).toMatchObject({ changed: 0, records: [{ seq: 4, state: 'accepted' }], notFound: [9] });
      await deliver(frame);
      expect((await report('year=2100')).total).toMatchObject({ energyKwh: 0.005, records: 1 });
      expect((await report('from=2026-03-01&to=2026-03-02')).total).toMatchObject({ energyKwh: 0.01, records: 2 });
      expect((await app.energy.records('q-1', 1, 10)).map((r) => r.seq)).toEqual([1, 4, 5]);
      expect((await alarms()).alarms).toMatchObject([{ state: 'open', value: 2 }]);
      // Audited like every other write.
      const audit = (await inject('/api/tenants/sarlat/audit')).json() as Array<{ action: string; actorName: string; detail: { seqs?: number[] } | null }>;
      expect(audit.filter((a) => a.action === 'POST /energy/quarantine/accept')).toMatchObject([{ actorName: 'token maire' }, { actorName: 'token maire', detail: { seqs: [4] } }]);
    });

    it('keeps a rejected record out for good, and clears the alarm once nothing is pending', async () => {
      const r = await decide('reject', [2, 3]);
      expect(r.json()).toMatchObject({ changed: 2, records: [{ seq: 2, state: 'rejected' }, { seq: 3, state: 'rejected' }] });
      expect((await decide('accept', [2])).json()).toMatchObject({ changed: 0, records: [{ seq: 2, state: 'rejected' }] });
      await deliver(frame);
      expect((await report('from=2026-03-01&to=2026-03-02')).total).toMatchObject({ energyKwh: 0.01, records: 2 });
      expect((await report('year=1970')).rows).toEqual([]);
      expect((await app.energy.records('q-1', 1, 10)).map((r) => r.seq)).toEqual([1, 4, 5]);
      expect((await quarantine('?state=rejected')).map((x) => x.seq)).toEqual([2, 3]);
      expect((await alarms()).alarms).toMatchObject([{ state: 'cleared', value: 0 }]);
      // The log goes on: the next records are counted and acknowledged as usual.
      await deliver(dev.uplink({ seq: 3, energy: { records: [rec(6, NIGHT + 2700)] } }));
      expect((await app.repo.getDevice('q-1'))?.energyAckedSeq).toBe(6);
      expect((await report('from=2026-03-01&to=2026-03-02')).total).toMatchObject({ energyKwh: 0.015, records: 3 });
    });

    it('counts a record dated ahead of the clock once its time has come, the quarantined copy superseded', async () => {
      // A device clock 25 minutes fast: its record starts 10 minutes after the server's now.
      const ahead = dev.uplink({ seq: 4, energy: { records: [{ ...rec(7, clock.ms / 1000 + 600), energyMwh: 0, burningS: 0, avgLevelX10: 0 }] } });
      await deliver(ahead);
      expect((await quarantine('?state=pending')).map((x) => [x.seq, x.reason])).toEqual([[7, 'in_future']]);
      expect((await alarms()).alarms.map((a) => a.state)).toEqual(['open', 'cleared']);
      expect((await app.repo.getDevice('q-1'))?.energyAckedSeq).toBe(7);
      clock.ms += 30 * 60_000;
      await deliver(ahead); // the same frame, delivered again once the clock has passed its end
      expect((await app.energy.records('q-1', 1, 10)).map((r) => r.seq)).toEqual([1, 4, 5, 6, 7]);
      expect((await quarantine('?device=q-1')).map((x) => [x.seq, x.state])).toEqual([[2, 'rejected'], [3, 'rejected'], [4, 'accepted'], [7, 'superseded']]);
      expect((await decide('accept', [7])).json()).toMatchObject({ changed: 0 });
      expect((await report('from=2026-03-01&to=2026-03-02')).total).toMatchObject({ energyKwh: 0.015, records: 4 });
      expect((await alarms()).alarms.map((a) => a.state)).toEqual(['cleared', 'cleared']);
    });
  });
}

suite('SQLite', () => ({}), async () => {});
const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
