/**
 * Energy and alarm routes end to end through the device service: EnergyReport frames (duplicated, out of
 * order) → records, rollups, ack → JSON and CSV reports, gaps; DeviceEvent frames → alarms → acknowledge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { sunEventUtc, ZENITH_OFFICIAL } from '@streetlight/firmware';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, watchDownlinks, type Inject, type TestDevice } from '../src/testing.js';
import { tempDir } from './helpers.js';

const LAT = 45.7601;
const LON = 4.8351;
const NOON = Date.UTC(2025, 5, 1, 10, 0, 0) / 1000; // local noon (CEST) of 2025-06-01
const SUNSET = sunEventUtc(Date.UTC(2025, 5, 1), LAT, LON, ZENITH_OFFICIAL, false)! / 1000;
const SUNRISE = sunEventUtc(Date.UTC(2025, 5, 2), LAT, LON, ZENITH_OFFICIAL, true)! / 1000;

/** 96 records from local noon: the 40 W luminaire burns at 50 % (20 W) exactly from sunset to sunrise. */
function night(): Array<{ seq: number; start: number; durationS: number; energyMwh: number; burningS: number; avgLevelX10: number; avgPowerMw: number }> {
  return Array.from({ length: 96 }, (_, i) => {
    const start = NOON + i * 900;
    const dark = Math.max(0, Math.min(start + 900, SUNRISE) - Math.max(start, SUNSET));
    return { seq: i + 1, start, durationS: 900, energyMwh: Math.round((20_000 * dark) / 3600), burningS: dark, avgLevelX10: Math.round((500 * dark) / 900), avgPowerMw: Math.round((20_000 * dark) / 900) };
  });
}

describe('energy and alarm API', () => {
  let app: FastifyInstance;
  let downlinks: ReturnType<typeof watchDownlinks>; // issue 14: EnergyAcks are not downlinks rows
  let inject: Inject;
  const clock = { ms: Date.UTC(2025, 5, 2, 10, 0, 0) };
  let uplinkSeq = 1;
  let sl1: TestDevice; // issue 11: provisioned before it speaks, its frames sealed
  const send = (body: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic('lyon', 'sl-1'),
    sl1.uplink({ seq: uplinkSeq++, ...body }));
  const records = night();
  const frame = (a: number, b: number) => ({ energy: { records: records.slice(a - 1, b) } });

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => clock.ms });
    downlinks = watchDownlinks(app);
    inject = await authedInject(app);
    await inject({ method: 'POST', url: '/api/tenants/lyon/inventory', payload: [{ deviceId: 'sl-1', lat: LAT, lon: LON, group: 'rue-merciere', nominalPowerW: 40 }] });
    sl1 = await provisionDevice(app, 'lyon', 'sl-1');
    await send({ hello: { firmwareVersion: '1.0.0' } });
  });
  afterAll(async () => { await app.close(); });

  it('acknowledges the contiguous seq after duplicate and out-of-order frames', async () => {
    await send(frame(33, 64));
    expect((await app.repo.getDevice('sl-1'))?.energyAckedSeq).toBe(0);
    await send(frame(1, 32));
    await send(frame(1, 32)); // the broker delivered it twice
    await send(frame(65, 96));
    expect((await app.repo.getDevice('sl-1'))?.energyAckedSeq).toBe(96);
    const acks = downlinks.summaries('sl-1', 'energy_ack');
    expect(acks).toContain('acked 96');
    // 1..32 came after 33..64: the watermark went to 64, but an ack never goes past the newest record of the
    // frame it answers (the device refuses one above what it has sent), so that frame is answered with 32.
    expect(acks).toEqual(['acked 96', 'acked 32', 'acked 32']);
    // Issue 14: an EnergyAck takes a downlink seq but is not a `downlinks` row (one per frame, forever, read by nobody).
    expect((await app.repo.listDownlinks('sl-1', 50)).filter((d) => d.kind === 'energy_ack')).toEqual([]);
  });

  it('reports the night: kWh, burning hours, level while lit, and 50 % saved against full power dusk to dawn', async () => {
    const r = await inject('/api/tenants/lyon/energy/report?from=2025-06-01&to=2025-06-02&by=device');
    expect(r.statusCode).toBe(200);
    const rep = r.json();
    const darkH = (SUNRISE - SUNSET) / 3600;
    const row = rep.rows[0];
    expect(rep.rows).toHaveLength(1);
    expect(row.key).toBe('sl-1');
    expect(row.energyKwh).toBeCloseTo(0.02 * darkH, 3);
    expect(row.burningHours).toBeCloseTo(darkH, 2);
    expect(row.averageLevelPct).toBeCloseTo(50, 0);
    expect(row.baselineKwh).toBeCloseTo(0.04 * darkH, 3);
    expect(row.savedPct).toBeCloseTo(50, 0);
    expect(row.moneySavedEur).toBeCloseTo(row.savedKwh * 0.2, 2);
    expect(row.co2AvoidedKg).toBeCloseTo((row.savedKwh * 52) / 1000, 3);
    expect(rep.total.energyKwh).toBe(row.energyKwh);
    expect(rep.settings).toMatchObject({ isDefault: true, tariffEurPerKwh: 0.2, emissionGPerKwh: 52 });
    // Local days: the records before local midnight belong to 2025-06-01, the rest to 2025-06-02.
    const days = (await inject('/api/tenants/lyon/energy/report?month=2025-06')).json();
    expect(days.bucket).toBe('day');
    expect(days.rows.map((d: { period: string }) => d.period)).toEqual(['2025-06-01', '2025-06-02']);
    const group = (await inject('/api/tenants/lyon/energy/report?year=2025&by=group')).json();
    expect(group.rows).toMatchObject([{ key: 'rue-merciere', period: '2025-06', devices: 1 }]);
  });

  it('applies the tenant tariff and emission factor, and rejects a bad time zone', async () => {
    const put = await inject({ method: 'PUT', url: '/api/tenants/lyon/energy/settings', payload: { tariffEurPerKwh: 0.25, emissionGPerKwh: 60 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ tariffEurPerKwh: 0.25, emissionGPerKwh: 60, isDefault: false });
    const row = (await inject('/api/tenants/lyon/energy/report?day=2025-06-01')).json().total;
    expect(row.costEur).toBeCloseTo(row.energyKwh * 0.25, 2);
    const bad = await inject({ method: 'PUT', url: '/api/tenants/lyon/energy/settings', payload: { tz: 'not a zone' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('SL_VALIDATION');
  });

  it('exports CSV, with the French locale on request', async () => {
    const en = await inject('/api/tenants/lyon/energy/report.csv?month=2025-06&by=device');
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(en.headers['content-disposition']).toBe('attachment; filename="energy-lyon-2025-06-01-2025-06-30-day-by-device.csv"');
    const lines = en.body.split('\r\n');
    expect(lines[0]).toBe('device,period,energy_kwh,burning_hours,average_level_pct,baseline_kwh,saved_kwh,saved_pct,cost_eur,money_saved_eur,co2_kg,co2_avoided_kg,devices,records,covered_hours,devices_without_baseline');
    expect(lines[1]).toMatch(/^sl-1,2025-06-01,0\.\d+,/);
    expect(lines.at(-2)).toMatch(/^total,2025-06-01\/2025-06-30,/);
    const fr = await inject('/api/tenants/lyon/energy/report.csv?month=2025-06&by=device&locale=fr');
    expect(fr.body.startsWith('\uFEFFdevice;period;energy_kwh;')).toBe(true);
    expect(fr.body.split('\r\n')[1]).toMatch(/^sl-1;2025-06-01;0,\d+;/);
  });

  it('validates the period', async () => {
    expect((await inject('/api/tenants/lyon/energy/report?day=2025-06-01&month=2025-06')).statusCode).toBe(400);
    expect((await inject('/api/tenants/lyon/energy/report?from=2025-06-02&to=2025-06-01')).statusCode).toBe(400);
    expect((await inject('/api/tenants/lyon/energy/report?day=2025-02-30')).statusCode).toBe(400);
    expect((await inject('/api/tenants/lyon/energy/report?year=2025&bucket=day')).statusCode).toBe(200);
    expect((await inject('/api/tenants/lyon/energy/report?from=2024-01-01&to=2025-12-31&bucket=day')).statusCode).toBe(400);
    expect((await inject('/api/tenants/nowhere/energy/report?day=2025-06-01')).statusCode).toBe(404);
    expect((await inject('/api/tenants/lyon/energy/report?day=2025-06-01&device=ghost')).json().code).toBe('SL_DEVICE_NOT_FOUND');
  });

  it('lists gaps per device', async () => {
    // The records below (and those of the tests after) are dated up to 2025-06-10: the server's clock must have
    // passed their end, or they would be quarantined as dated in the future (test/energy-quarantine.test.ts).
    clock.ms = Date.UTC(2025, 5, 10, 12, 0, 0);
    const more = Array.from({ length: 2 }, (_, i) => ({ seq: 100 + i, start: NOON + (99 + i) * 900, durationS: 900, energyMwh: 0 }));
    await send({ energy: { records: more } });
    const gaps = (await inject('/api/tenants/lyon/energy/gaps')).json();
    expect(gaps).toEqual([expect.objectContaining({ deviceId: 'sl-1', fromSeq: 97, toSeq: 99, count: 3, state: 'open' })]);
    const recs = (await inject('/api/tenants/lyon/devices/sl-1/energy/records?fromSeq=95&limit=3')).json();
    expect(recs.map((x: { seq: number }) => x.seq)).toEqual([95, 96, 100]);
  });

  it('acknowledges past the records a device says its log lost (lost_through_seq), listing them as lost at once', async () => {
    // The open gap 97–99 of the previous test: the device says it no longer holds anything up to 99.
    await send({ energy: { records: [{ seq: 102, start: NOON + 101 * 900, durationS: 900, energyMwh: 0 }], lostThroughSeq: 99 } });
    expect((await app.repo.getDevice('sl-1'))?.energyAckedSeq).toBe(102);
    const acks = downlinks.summaries('sl-1', 'energy_ack');
    expect(acks).toContain('acked 102');
    const gaps = (await inject('/api/tenants/lyon/energy/gaps?state=lost')).json();
    expect(gaps).toEqual([expect.objectContaining({ deviceId: 'sl-1', fromSeq: 97, toSeq: 99, count: 3, state: 'lost' })]);
  });

  it('places undated records (start 0: closed before the device had the time) just before the next record of the frame', async () => {
    const at = Date.UTC(2025, 5, 10, 10, 0, 0) / 1000; // local noon of 2025-06-10
    await send({ energy: { records: [
      { seq: 103, start: 0, durationS: 900, energyMwh: 1_000 },
      { seq: 104, start: 0, durationS: 600, energyMwh: 2_000 },
      { seq: 105, start: at, durationS: 900, energyMwh: 4_000 },
    ] } });
    expect((await app.repo.getDevice('sl-1'))?.energyAckedSeq).toBe(105);
    // In the rollups they are on the day of the record that follows them, not on 1970-01-01.
    const day = (await inject('/api/tenants/lyon/energy/report?day=2025-06-10&by=device')).json();
    expect(day.rows).toMatchObject([{ key: 'sl-1', records: 3, energyKwh: 0.007 }]);
    expect((await inject('/api/tenants/lyon/energy/report?from=1970-01-01&to=1970-12-31&bucket=total&by=device')).json().rows).toEqual([]);
    // The raw records still say they were undated.
    const recs = (await inject('/api/tenants/lyon/devices/sl-1/energy/records?fromSeq=103&limit=3')).json();
    expect(recs.map((x: { start: string | null }) => x.start)).toEqual([null, null, new Date(at * 1000).toISOString()]);
  });

  it('raises an alarm from a fault event, acknowledges it, and clears it with the clear event', async () => {
    await send({ event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: 1748800000, value: 1200, detail: 'P 1.2 W at 50 %' } });
    const open = (await inject('/api/tenants/lyon/alarms?state=open')).json();
    expect(open.counts).toEqual({ open: 1, acknowledged: 0, assigned: 0, intervened: 0, cleared: 0 });
    const a = open.alarms[0];
    expect(a).toMatchObject({ deviceId: 'sl-1', device: '/api/tenants/lyon/devices/sl-1', type: 'lamp_failure', severity: 'major', state: 'open', value: 1200 });
    const ack = await inject({ method: 'POST', url: `/api/tenants/lyon/alarms/${a.id}/acknowledge`, payload: {} });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'token test' });
    await send({ event: { eventSeq: 2, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: false, time: 1748800900, value: 20000 } });
    expect((await inject(`/api/tenants/lyon/alarms/${a.id}`)).json()).toMatchObject({ state: 'cleared', clearedAt: new Date(1748800900_000).toISOString() });
    expect((await inject('/api/tenants/lyon/alarms?type=lamp_failure&state=cleared')).json().alarms).toHaveLength(1);
    expect((await inject('/api/tenants/lyon/alarms?type=nonsense')).statusCode).toBe(400);
    expect((await inject('/api/tenants/lyon/alarms/999999')).json().code).toBe('SL_ALARM_NOT_FOUND');
  });
});
