/**
 * The council report through the UI in a real headless Chromium (issue 16): on the energy page, the "Rapport du
 * conseil" card shows money saved and CO₂ avoided as the API's JSON report has them; the PDF and the French CSV are
 * downloaded by clicking, the PDF read with pdf.js (fleet-server's copy): A4 page count and the figures equal to the
 * JSON; a year chosen in the page gives the year's files. Screenshots at 1366, 820 and 390 px (prefix `council`).
 */
import { readFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevice, type Inject, type TestDevice, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { launchChromium, newContext, PHONE, SCREENSHOT_DIR, VIEWPORTS } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const S = (iso: string) => Date.parse(iso) / 1000;
// pdf.js as the fleet server's tests use it (a dev dependency of @streetlight/fleet-server).
const fleetRequire = createRequire(resolve(import.meta.dirname, '../../fleet-server/package.json'));
const PDFJS = fleetRequire.resolve('pdfjs-dist/legacy/build/pdf.mjs');
const STANDARD_FONTS = `${join(dirname(fleetRequire.resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;
const fr = (v: number, digits: number, unit: string) => `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v).replace(/[\u202f\u00a0]/g, ' ')} ${unit}`;

/** The part of pdf.js used here (its types live with fleet-server's copy). */
interface PdfJs {
  getDocument(o: { data: Uint8Array; useSystemFonts: boolean; standardFontDataUrl: string }): { promise: Promise<{
    numPages: number;
    getPage(n: number): Promise<{ view: number[]; getTextContent(): Promise<{ items: Array<{ str?: string }> }> }>;
  }> };
}
interface Figures { energyKwh: number; savedKwh: number; moneySavedEur: number; co2AvoidedKg: number; costEur: number; faults: { raised: number } }

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; size: number[] }> {
  const { getDocument } = await import(pathToFileURL(PDFJS).href) as PdfJs;
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, standardFontDataUrl: STANDARD_FONTS }).promise;
  let text = '';
  let size: number[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    size = page.view.slice(2).map(Math.round);
    text += `${(await page.getTextContent()).items.map((x) => x.str ?? '').join(' ')}\n`;
  }
  return { pages: doc.numPages, text: text.replace(/\s+/g, ' '), size };
}

describe('web UI: the council report', () => {
  let app: App;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;

  async function signIn(page: Page): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=email]', 'gestion@sarlat.fr');
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav');
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uicouncil-'));
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => Date.parse('2026-12-02T10:00:00Z'), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda', kind: 'town' } })).statusCode).toBe(200);
    expect((await root({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/LED-4000K`, payload: { cctK: 4000, ulrPct: 0.5, nominalW: 60 } })).statusCode).toBe(200);
    expect((await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ deviceId: 'SRL-1', lat: 44.8897, lon: 1.2167, group: 'GAR', luminaireModel: 'LED-4000K', nominalPowerW: 60 }] })).statusCode).toBeLessThan(300);
    const dev: TestDevice = await provisionDevice(app, T, 'SRL-1');
    let seq = 0;
    const send = (body: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic(T, 'SRL-1'), dev.uplink({ seq: ++seq, ...body }));
    const records = (first: number, from: string, hours: number, watts: number) => Array.from({ length: hours * 4 }, (_, i) => ({
      seq: first + i, start: S(from) + i * 900, durationS: 900, energyMwh: Math.round((watts * 1000 * 900) / 3600), burningS: 900, avgLevelX10: 500, avgPowerMw: watts * 1000,
    }));
    await send({ hello: { firmwareVersion: '1.0.0' } });
    await send({ energy: { records: records(1, '2025-11-10T19:00:00Z', 4, 40) } });
    await send({ energy: { records: [...records(17, '2026-11-10T19:00:00Z', 4, 20), ...records(33, '2026-11-11T19:00:00Z', 4, 20)] } });
    await send({ event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: S('2026-11-05T18:00:00Z'), value: 1000 } });
    await app.devices.idle();
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows money saved and CO2, downloads the PDF and the CSV with the API\'s figures', async () => {
    const json = (await root(`/api/tenants/${T}/reports/council?month=2026-11`)).json() as { total: Figures; compliance: { groupsWithErrors: number; lightsBreachingArt3: number } };
    expect(json.total.moneySavedEur).toBeGreaterThan(0);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${url}#/t/${T}/energy`);
    await page.fill('[data-testid=energy-month]', '2026-11');
    await page.waitForFunction(() => /novembre 2026/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=council-report] h3')?.textContent ?? ''));
    const money = (await page.locator('[data-testid=council-money]').textContent())?.replace(/[\u202f\u00a0]/g, ' ');
    expect(money).toBe(fr(json.total.moneySavedEur, 2, '€'));
    expect((await page.locator('[data-testid=council-co2]').textContent())?.replace(/[\u202f\u00a0]/g, ' ')).toBe(`${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(json.total.co2AvoidedKg).replace(/[\u202f\u00a0]/g, ' ')} kg`);
    expect(await page.locator('[data-testid=council-compliance] b').textContent()).toBe(`${json.compliance.groupsWithErrors} / ${json.compliance.lightsBreachingArt3}`);

    const [pdfDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=council-pdf]')]);
    expect(pdfDl.suggestedFilename()).toBe('bilan-eclairage-sarlat-2026-11.pdf');
    const pdf = await pdfText(readFileSync(await pdfDl.path()));
    expect(pdf.pages).toBe(1);
    expect(pdf.size).toEqual([595, 842]); // A4 in points
    for (const want of [fr(json.total.energyKwh, 1, 'kWh'), fr(json.total.moneySavedEur, 2, '€'), fr(json.total.costEur, 2, '€'), fr(json.total.co2AvoidedKg, 1, 'kg'), 'novembre 2026', 'Conformité à l’arrêté du 27 décembre 2018']) {
      expect(pdf.text, want).toContain(want);
    }
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=council-csv]')]);
    const csv = readFileSync(await csvDl.path(), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
    const col = (name: string) => csv[1]?.[csv[0]?.indexOf(name) ?? -1];
    expect(col('Économie (€)')).toBe(String(json.total.moneySavedEur).replace('.', ','));
    expect(col('Consommation (kWh)')).toBe(String(json.total.energyKwh).replace('.', ','));

    // The year: the year's PDF.
    await page.selectOption('.toolbar select >> nth=0', 'year');
    await page.waitForFunction(() => /2026$/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=council-report] h3')?.textContent ?? ''));
    const [yearDl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=council-pdf]')]);
    expect(yearDl.suggestedFilename()).toBe('bilan-eclairage-sarlat-2026.pdf');
    const year = (await root(`/api/tenants/${T}/reports/council?year=2026`)).json() as { total: Figures };
    expect((await pdfText(readFileSync(await yearDl.path()))).text).toContain(fr(year.total.energyKwh, 1, 'kWh'));

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [name, size] of [...Object.entries(VIEWPORTS), ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      await page.locator('[data-testid=council-report]').screenshot({ path: join(SCREENSHOT_DIR, `council-${name}-${size.width}.png`) });
      const overflow = await page.evaluate(() => { const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement; return d.scrollWidth - d.clientWidth; });
      expect(overflow, `horizontal overflow at ${size.width}px`).toBeLessThanOrEqual(1);
    }
    await ctx.close();
  });
});
