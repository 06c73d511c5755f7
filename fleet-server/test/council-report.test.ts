/**
 * Issue 16, reports for the council: a syndicate of two towns, each with a light that reported a night of November
 * 2025 and nights of November 2026, and faults (one repaired after a known time, one still open). The month's
 * report agrees with the energy report API to the cent, compares with the same month a year before, counts the
 * faults and their repair time, sums the towns for the syndicate; the CSV is what French spreadsheets read; the PDF
 * opens in a standard reader (pdf.js) with its pages and the same figures.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { localMidnight, summaryLines, type CouncilReport } from '../src/reports/council.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { tempDir } from './helpers.js';

/** 2026-12-02 10:00 UTC: November is over. */
const NOW = Date.UTC(2026, 11, 2, 10, 0, 0);
const S = (iso: string) => Date.parse(iso) / 1000;
/** pdf.js's metrics of the PDF standard fonts (Helvetica), shipped with it. */
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += `${content.items.map((x) => ('str' in x ? x.str : '')).join(' ')}\n`;
  }
  return { pages: doc.numPages, text: text.replace(/\s+/g, ' ') };
}

describe('council report (month, town and syndicate; JSON, CSV, PDF)', () => {
  let app: FastifyInstance;
  let inject: Inject;
  const devices = new Map<string, { dev: TestDevice; tenant: string; seq: number }>();

  async function send(deviceId: string, body: Record<string, unknown>): Promise<void> {
    const d = devices.get(deviceId) as { dev: TestDevice; tenant: string; seq: number };
    await app.devices.handleMessage(uplinkTopic(d.tenant, deviceId), d.dev.uplink({ seq: ++d.seq, ...body }));
  }
  /** Records of 15 min at `watts` from `from` (ISO) for `hours`, numbered from `seq`. */
  const records = (seq: number, from: string, hours: number, watts: number) => Array.from({ length: hours * 4 }, (_, i) => ({
    seq: seq + i, start: S(from) + i * 900, durationS: 900, energyMwh: Math.round((watts * 1000 * 900) / 3600), burningS: 900, avgLevelX10: 500, avgPowerMw: watts * 1000,
  }));

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: process.env.DBG ? { level: 'error' } : false, now: () => NOW });
    inject = await authedInject(app);
    for (const [id, name, kind, parentId] of [['sdee', 'SDE Dordogne', 'syndicate', null], ['sarlat', 'Sarlat-la-Canéda', 'town', 'sdee'], ['domme', 'Domme', 'town', 'sdee']] as const) {
      expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id, name, kind, parentId } })).statusCode).toBe(200);
    }
    for (const [tenant, id, lat, lon] of [['sarlat', 'SRL-1', 44.8897, 1.2167], ['domme', 'DOM-1', 44.8018, 1.2158]] as const) {
      const c = await inject({ method: 'POST', url: `/api/tenants/${tenant}/inventory`, payload: [{ deviceId: id, lat, lon, group: 'centre', nominalPowerW: 60 }] });
      expect(c.statusCode, c.body).toBeLessThan(300);
      devices.set(id, { dev: await provisionDevice(app, tenant, id), tenant, seq: 0 });
      await send(id, { hello: { firmwareVersion: '1.0.0' } });
    }
    // Sarlat: a night of November 2025 (4 h at 40 W), then two nights of November 2026 (4 h at 20 W each).
    await send('SRL-1', { energy: { records: records(1, '2025-11-10T19:00:00Z', 4, 40) } });
    await send('SRL-1', { energy: { records: [...records(17, '2026-11-10T19:00:00Z', 4, 20), ...records(33, '2026-11-11T19:00:00Z', 4, 20)] } });
    // Domme: a night of November 2026 only (3 h at 30 W): nothing to compare with.
    await send('DOM-1', { energy: { records: records(1, '2026-11-12T19:00:00Z', 3, 30) } });
    // Faults in Sarlat: a lamp failure raised 2026-11-05 18:00 and cleared 30 h later; a day burner raised on the 20th, still open.
    await send('SRL-1', { event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: S('2026-11-05T18:00:00Z'), value: 1000 } });
    await send('SRL-1', { event: { eventSeq: 2, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: false, time: S('2026-11-07T00:00:00Z'), value: 20000 } });
    await send('SRL-1', { event: { eventSeq: 3, type: pb.EventType.EVENT_TYPE_DAY_BURNER, active: true, time: S('2026-11-20T12:00:00Z'), value: 20000 } });
    await app.devices.idle();
  });
  afterAll(async () => { await app?.close(); });

  it('a town\'s month: the energy report\'s figures, the same month a year before, faults and repair time', async () => {
    const r = await inject('/api/tenants/sarlat/reports/council?month=2026-11');
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json() as CouncilReport;
    const api = (await inject('/api/tenants/sarlat/energy/report?month=2026-11&bucket=total')).json().total;
    const before = (await inject('/api/tenants/sarlat/energy/report?month=2025-11&bucket=total')).json().total;
    expect(rep.tenant).toEqual({ id: 'sarlat', name: 'Sarlat-la-Canéda', kind: 'town' });
    expect(rep.period).toEqual({ kind: 'month', label: 'novembre 2026', from: '2026-11-01', to: '2026-11-30' });
    expect(rep.lastYear).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    const f = rep.total;
    expect(f).toMatchObject({
      lights: 1, energyKwh: api.energyKwh, baselineKwh: api.baselineKwh, savedKwh: api.savedKwh, savedPct: api.savedPct, costEur: api.costEur,
      moneySavedEur: api.moneySavedEur, co2Kg: api.co2Kg, co2AvoidedKg: api.co2AvoidedKg, burningHours: api.burningHours, lastYearKwh: before.energyKwh,
    });
    // 8 h at 20 W this November, 4 h at 40 W the one before: 0.16 kWh both, no change.
    expect([f.energyKwh, f.lastYearKwh, f.changeVsLastYearPct, f.burningHours]).toEqual([0.16, 0.16, 0, 8]);
    expect(f.savedKwh).toBeGreaterThan(0);
    expect(f.faults).toEqual({ raised: 2, repaired: 1, openAtEnd: 1, medianRepairHours: 30, byType: { lamp_failure: 1, day_burner: 1 } });
    expect(rep.towns.map((t) => t.tenantId)).toEqual(['sarlat']);
  });

  it('a syndicate\'s month: each town and their total; the year before where there is one', async () => {
    const rep = (await inject('/api/tenants/sdee/reports/council?month=2026-11')).json() as CouncilReport;
    expect(rep.tenant.kind).toBe('syndicate');
    expect(rep.towns.map((t) => t.name)).toEqual(['Domme', 'Sarlat-la-Canéda']);
    const [domme, sarlat] = rep.towns.map((t) => t.figures) as [CouncilReport['total'], CouncilReport['total']];
    expect(domme).toMatchObject({ energyKwh: 0.09, lastYearKwh: 0, changeVsLastYearPct: null, faults: { raised: 0, repaired: 0, openAtEnd: 0, medianRepairHours: null } });
    expect(rep.total).toMatchObject({
      lights: 2, energyKwh: 0.25, lastYearKwh: 0.16, changeVsLastYearPct: 56.3,
      costEur: Math.round((domme.costEur + sarlat.costEur) * 100) / 100, faults: { raised: 2, repaired: 1, openAtEnd: 1, medianRepairHours: 30 },
    });
    // A year: the same figures as the month here (nothing else was measured), compared with 2025.
    const year = (await inject('/api/tenants/sdee/reports/council?year=2026')).json() as CouncilReport;
    expect(year.period).toMatchObject({ kind: 'year', label: '2026', from: '2026-01-01', to: '2026-12-31' });
    expect(year.total.energyKwh).toBe(0.25);
  });

  it('counts a fault by the town\'s local days', () => {
    // Midnight in France is 23:00 UTC in winter, 22:00 in summer (the energy settings' POSIX TZ).
    const fr = 'CET-1CEST,M3.5.0,M10.5.0/3';
    expect(new Date(localMidnight('2026-11-01', fr)).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(new Date(localMidnight('2026-07-01', fr)).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(localMidnight('2026-03-29', fr)).toISOString()).toBe('2026-03-28T23:00:00.000Z'); // the night clocks go forward
  });

  it('the CSV is French: BOM, French headers, `;`, decimal commas, a line per town and the total', async () => {
    const r = await inject('/api/tenants/sdee/reports/council.csv?month=2026-11');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/csv/);
    expect(r.headers['content-disposition']).toBe('attachment; filename="bilan-eclairage-sdee-2026-11.csv"');
    expect(r.body.startsWith('\uFEFFCommune;Points lumineux;Consommation (kWh);')).toBe(true);
    const lines = r.body.slice(1).trim().split('\r\n');
    expect(lines.map((l) => l.split(';')[0])).toEqual(['Commune', 'Domme', 'Sarlat-la-Canéda', 'Total']);
    const total = (lines[3] as string).split(';');
    expect(total.slice(1, 3)).toEqual(['2', '0,25']);
    expect(total[12]).toBe('56,3');
  });

  it('the PDF opens in pdf.js: A4 pages, the title, the period and every figure of the summary as the report has it', async () => {
    const rep = (await inject('/api/tenants/sdee/reports/council?month=2026-11')).json() as CouncilReport;
    const r = await inject('/api/tenants/sdee/reports/council.pdf?month=2026-11');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const { pages, text } = await pdfText(r.rawPayload);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Éclairage public — SDE Dordogne');
    expect(text).toContain('Bilan mensuel : novembre 2026');
    for (const figures of [rep.total, ...rep.towns.map((t) => t.figures)]) {
      for (const [label, value] of summaryLines(figures)) {
        expect(text, label).toContain(label);
        expect(text, `${label}: ${value}`).toContain(value);
      }
    }
    expect(text).toContain('Pannes par type : Allumé en plein jour 1, Lampe en panne 1'); // most first, then by name
  });

  it('asks for exactly one period, and answers 404 for a town it does not know', async () => {
    expect((await inject('/api/tenants/sarlat/reports/council')).json().code).toBe('SL_VALIDATION');
    expect((await inject('/api/tenants/sarlat/reports/council?month=2026-11&year=2026')).json().code).toBe('SL_VALIDATION');
    expect((await inject('/api/tenants/sarlat/reports/council?month=2026-13')).statusCode).toBe(400);
    expect((await inject('/api/tenants/nowhere/reports/council?month=2026-11')).statusCode).toBe(404);
  });
});
