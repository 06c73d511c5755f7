/**
 * The council report's decree compliance summary (issue 16): per group, the findings of its plan over the period
 * (with the town's calendar) and the lights whose luminaire breaches art. 3 — in the JSON, the French CSV and the PDF.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { build } from '../src/app.js';
import { authedInject, type Inject } from '../src/testing.js';
import { tempDir } from './helpers.js';

const T = 'sarlat';
const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

describe('council report: decree compliance summary', () => {
  let app: FastifyInstance;
  let as: Inject;
  const call = async (url: string, method: 'GET' | 'POST' | 'PUT' = 'GET', payload?: unknown) => {
    const res = await as({ method, url: `/api/tenants/${T}${url}`, ...(payload !== undefined ? { payload: payload as object } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res;
  };

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => Date.UTC(2026, 11, 2, 10) });
    as = await authedInject(app, { tenant: T, role: 'manager' });
    await call('/luminaire-models/LED-4000K', 'PUT', { cctK: 4000, ulrPct: 0.5, nominalW: 60 });
    await call('/luminaire-models/LANTERNE', 'PUT', { cctK: 2700, ulrPct: 0.5, nominalW: 24 });
    await call('/inventory', 'POST', [
      { deviceId: 'gar-1', lat: 44.89, lon: 1.216, group: 'GAR', luminaireModel: 'LED-4000K' },
      { deviceId: 'gar-2', lat: 44.8901, lon: 1.2161, group: 'GAR', luminaireModel: 'LED-4000K' },
      { deviceId: 'cat-1', lat: 44.8892, lon: 1.2158, group: 'CAT', luminaireModel: 'LANTERNE' },
    ]);
    const steps = (off: number) => [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: off, level: 0 }];
    const avenue = (await call('/plans', 'POST', { name: 'Avenues', plan: { programs: [{ id: 1, steps: steps(6 * 60) }], defaultProgramId: 1 } })).json();
    // Heritage lighting off at 00:30, but on public holidays until 02:00: art. 2 breached on those nights.
    const heritage = (await call('/plans', 'POST', { name: 'Cathédrale', plan: {
      programs: [{ id: 1, steps: steps(30) }, { id: 2, steps: steps(120) }], rules: [{ programId: 2, sets: ['fr-public-holidays'], priority: 1 }], defaultProgramId: 1,
    } })).json();
    await call('/groups/GAR/settings', 'PUT', { category: 'a', planId: avenue.planId });
    await call('/groups/CAT/settings', 'PUT', { category: 'b_heritage', planId: heritage.planId });
  });
  afterAll(async () => { await app?.close(); });

  it('counts per group the plan\'s findings over the period and the lights beyond art. 3', async () => {
    const nov = (await call('/reports/council?month=2026-11')).json();
    const c = nov.towns[0].compliance;
    const byGroup = Object.fromEntries(c.groups.map((g: { groupId: string }) => [g.groupId, g]));
    expect(byGroup.GAR).toMatchObject({ planName: 'Avenues', lights: 2, lightsBreachingArt3: 2 });
    expect(byGroup.CAT).toMatchObject({ planName: 'Cathédrale', lights: 1, lightsBreachingArt3: 0 });
    // November 2026 has two public holidays (1 and 11): the heritage plan's error is there; in the group API too.
    expect(byGroup.CAT.errors).toBeGreaterThan(0);
    const api = (await call('/groups/CAT/compliance?from=2026-11-01&nights=30')).json();
    expect(byGroup.CAT.errors).toBe(api.errors);
    expect(c).toMatchObject({ groupsWithErrors: 2, lightsBreachingArt3: 2 }); // GAR: 4000 K on a road (art. 3)
    expect(nov.compliance).toEqual({ groupsWithErrors: 2, lightsBreachingArt3: 2 });
    // A month without holidays: the heritage plan complies.
    const oct = (await call('/reports/council?month=2026-10')).json();
    expect(oct.towns[0].compliance.groups.find((g: { groupId: string }) => g.groupId === 'CAT').errors).toBe(0);
  });

  it('puts the summary in the French CSV and in the PDF', async () => {
    const csv = (await call('/reports/council.csv?month=2026-11')).body.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const header = csv[0]?.split(';') ?? [];
    const row = csv[1]?.split(';') ?? [];
    expect(header.slice(-2)).toEqual(['Groupes non conformes (arrêté du 27/12/2018)', 'Points lumineux hors art. 3 (température de couleur, ULR)']);
    expect(row.slice(-2)).toEqual(['2', '2']);
    const pdf = await call('/reports/council.pdf?month=2026-11');
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
    let text = '';
    for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((x) => ('str' in x ? x.str : '')).join(' ');
    text = text.replace(/\s+/g, ' ');
    expect(text).toContain('Conformité à l’arrêté du 27 décembre 2018');
    expect(text).toContain('GAR — Avenues (2 pts)');
    expect(text).toMatch(/CAT — Cathédrale \(1 pt\) [1-9]\d* erreurs?/);
  });
});
