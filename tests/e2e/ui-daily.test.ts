/**
 * The lighting manager's daily pages in a real headless Chromium (issue 16, "Defects seen" 2, 5, 6, 7 and 8), against
 * the real server with 30 simulated boards (streets REP and LIB) and two controllers this test speaks for (TST-1 in
 * REP, TST-2 in LIB: two nights of energy records each, a lamp failure on TST-1), on a server without OTA.
 * - Energy "by group": one row and one bar per group over the period, not one per group and day.
 * - Every page in French and in English: no missing translation key, no raw code (`lamp_failure`, `major`,
 *   `synced`), nothing of the other language, French plurals right ("1 ouverte", never "1 ouvertes").
 * - The audit log in words, not `POST /plans` and JSON.
 * - The plan editor has a URL (a plan's name links to it, a reload keeps it), and "assign to group" proposes the
 *   group being previewed.
 * - Layout, by geometry: the map panel's override form fits at 1366 px, the energy chart's unit clears its top tick,
 *   the phone map's buttons cover no light, and each light state has its own glyph, told apart in grey levels too.
 * Screenshots (prefix `d`) go to test-artifacts/screenshots/<run>/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevice, provisionIdentities, type Inject, type TestDevice, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { createTown, townInventory, VirtualClock, type SimFleet } from '@streetlight/hardware-sim';
import { dictionaries } from '../../fleet-server/src/ui/i18n.js';
import { launchChromium, newContext, SCREENSHOT_DIR, screenshotBoth } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const COUNT = 30;
const START = Date.parse('2026-01-15T17:30:00Z'); // 18:30 in Sarlat, after sunset
type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('web UI: the daily pages (issue 16)', () => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  let planId: number;
  const poles = townInventory(T).slice(0, COUNT);
  const tst = new Map<string, TestDevice>();
  let seq = 1;
  const send = (id: string, body: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic(T, id), (tst.get(id) as TestDevice).uplink({ seq: seq++, ...body }));

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map]');
  }

  async function context(opts: Parameters<typeof newContext>[1] = {}): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await newContext(browser, opts);
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    return { ctx, page };
  }

  /** Opens a page of the town and waits until nothing on it says it is loading. */
  async function open(page: Page, path: string, ready?: string): Promise<void> {
    await page.goto(`${url}#/t/${T}/${path}`);
    if (ready) await page.waitForSelector(ready);
    await page.waitForFunction(() => {
      const main = (globalThis as unknown as { document: { querySelector(s: string): { innerText: string } | null } }).document.querySelector('.main');
      return main !== null && !/Chargement…|Loading…|^…$/.test(main.innerText.trim());
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uid-'));
    clock = new VirtualClock({ start: START });
    // No OTA signing key: the firmware page says why updates are off.
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda' } })).statusCode).toBe(200);
    const broker = new URL(app.fleet.brokerUrl);
    const identity = await provisionIdentities(app, T, poles.map((p) => p.deviceId));
    fleet = createTown({ clock, tenant: T, town: T, count: COUNT, broker: { host: broker.hostname, port: Number(broker.port) }, identity, boardDefaults: { meter: 'hlw8012' } });
    const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [
      ...poles.map((p) => ({ deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode, luminaireModel: p.luminaire.id, nominalPowerW: p.nominalW, cctK: p.luminaire.cctK })),
      { deviceId: 'TST-1', poleRef: 'REP-T1', lat: 44.8922, lon: 1.2149, group: 'REP', nominalPowerW: 24 },
      { deviceId: 'TST-2', poleRef: 'LIB-T2', lat: 44.8899, lon: 1.2165, group: 'LIB', nominalPowerW: 24 },
    ] });
    expect(inv.statusCode, inv.body).toBe(200);
    // A named plan on both streets.
    const plan = await root({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: 'Soirée 80', plan: {
      programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
    } } });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = (plan.json() as { planId: number }).planId;
    for (const g of ['REP', 'LIB']) expect((await root({ method: 'PUT', url: `/api/tenants/${T}/groups/${g}/settings`, payload: { planId } })).statusCode).toBe(200);
    // The two controllers this test speaks for: two nights of records each (13 and 14 January), a lamp failure.
    for (const [id, version] of [['TST-1', '0.9.0'], ['TST-2', '0.9.1']] as const) {
      tst.set(id, await provisionDevice(app, T, id));
      await send(id, { hello: { firmwareVersion: version } });
      const records = [13, 14].flatMap((day, d) => Array.from({ length: 8 }, (_, k) => ({
        seq: d * 8 + k + 1, start: Date.UTC(2026, 0, day, 18) / 1000 + k * 900, durationS: 900, energyMwh: 6000, burningS: 900, avgLevelX10: 1000, avgPowerMw: 24_000,
      })));
      await send(id, { energy: { records } });
    }
    await send('TST-1', { event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: START / 1000, value: 400, detail: 'P 0.4 W at 80 %' } });
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    await createUser(app, { email: 'admin@sarlat.fr', name: 'Alex Admin', password: PW, roles: { [T]: 'admin' } });
    await fleet.start({ staggerMs: 5 });
    clock.start(20);
    browser = await launchChromium();
    console.log(`screenshots: ${SCREENSHOT_DIR}`);
  });

  afterAll(async () => {
    await browser?.close();
    clock?.stop();
    fleet?.dispose();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('energy by group: one row and one bar per group over the month', async () => {
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    await open(page, 'energy', '[data-testid=energy-kpis]');
    await page.fill('[data-testid=energy-month]', '2026-01');
    await page.check('[data-testid=by-group]');
    // Wait for the table by group (the rows shown before the switch are other keys): then it must hold each group once.
    await page.waitForFunction(() => {
      const tds = [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ textContent: string }> } }).document.querySelectorAll('[data-testid=energy-rows] tr td:first-child')];
      return tds.length >= 2 && tds.every((td) => td.textContent === 'LIB' || td.textContent === 'REP');
    });
    const keys = await page.$$eval('[data-testid=energy-rows] tr td:first-child', (tds) => tds.map((td) => (td as unknown as { textContent: string }).textContent));
    expect(keys.sort()).toEqual(['LIB', 'REP']);
    const labels = await page.$$eval('[data-testid=energy-chart] text.bar-label', (ts) => ts.map((t) => (t as unknown as { textContent: string }).textContent));
    expect(labels.sort()).toEqual(['LIB', 'REP']);
    // Each group's row is the month's sum (the API's total per group).
    const report = (await root(`/api/tenants/${T}/energy/report?month=2026-01&by=group&bucket=total`)).json() as { rows: Array<{ key: string; energyKwh: number }> };
    expect(report.rows.map((r) => r.key).sort()).toEqual(['LIB', 'REP']);
    await screenshotBoth(page, 'd01-energy-by-group');
    await ctx.close();
  });

  it('opens the plan editor at its own URL from the plan\'s name, and proposes the previewed group for the assignment', async () => {
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    await open(page, 'plans', '[data-testid=plan-list]');
    const link = page.locator(`[data-testid=plan-list] b > a[href="#/t/${T}/plans/${planId}"]`);
    expect(await link.textContent()).toBe('Soirée 80');
    await link.click();
    await page.waitForSelector('[data-testid=plan-editor]');
    expect(new URL(page.url()).hash).toBe(`#/t/${T}/plans/${planId}`);
    await page.reload();
    await page.waitForSelector('[data-testid=plan-editor]');
    expect(await page.inputValue('input[name=plan-name]')).toBe('Soirée 80');
    for (const g of ['LIB', 'REP']) {
      await page.selectOption('[data-testid=preview-group]', g);
      expect(await page.inputValue('[data-testid=assign-group]')).toBe(g);
    }
    // A new plan has its URL too.
    await open(page, 'plans', '[data-testid=new-plan]');
    await page.click('[data-testid=new-plan]');
    await page.waitForSelector('[data-testid=plan-editor]');
    expect(new URL(page.url()).hash).toBe(`#/t/${T}/plans/new`);
    await ctx.close();
  });

  it('walks every page in French and English: no missing key, no raw code, nothing of the other language, French plurals', async () => {
    // Something to see on every page: an open alarm (TST-1, set up above), a group override, an audit trail.
    const manager = await authedInject(app, { tenant: T, role: 'manager' });
    expect((await manager({ method: 'PUT', url: `/api/tenants/${T}/groups/LIB/override`, payload: { level: 40, durationS: 3600, fadeS: 2 } })).statusCode).toBeLessThan(300);
    const rep = poles.find((p) => p.streetCode === 'REP')?.deviceId as string;
    // Frugal learning (issue 17): TST-1's weekly traffic profile (someone at 22:00 on weekdays), as heat maps on its page.
    const cells = new Uint8Array(672);
    for (let d = 0; d < 5; d++) cells[d * 96 + 22 * 4] = 200;
    await send('TST-1', { profile: { weeks: 4, cellMinutes: 15, cells, watchedCells: 240 } });
    const pages: Array<[string, string | undefined]> = [
      ['map', '[data-testid=legend]'], ['lights', 'table'], [`light/${rep}`, '[data-testid=light-state]'], ['light/TST-1', '[data-testid=light-state]'],
      ['plans', '[data-testid=plan-list]'], [`plans/${planId}`, '[data-testid=findings]'], ['energy', '[data-testid=energy-kpis]'], ['alarms', '[data-testid=alarms-table]'],
      ['firmware', '[data-testid=ota-unconfigured]'], ['settings', 'form'], ['install', 'form'], ['admin', '[data-testid=audit]'], ['account', 'form'],
      ['inventory', '[data-testid=poles] table'], ['inventory/REP-T1', '[data-testid=pole-history] table'],
    ];
    const problems: string[] = [];
    for (const lang of ['fr', 'en'] as const) {
      const { ctx, page } = await context({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
      await page.goto(url);
      await page.waitForSelector('input[name=email]');
      await check(page, lang, 'login', problems);
      await signIn(page, 'admin@sarlat.fr');
      for (const [path, ready] of pages) {
        await open(page, path, ready);
        if (path === 'energy') { await page.fill('[data-testid=energy-month]', '2026-01'); await page.waitForSelector('[data-testid=energy-chart]'); }
        await check(page, lang, path, problems);
        if (path === 'light/TST-1') {
          // The light's learnt week: 7 × 24 cells, each said in words in the page's language; Monday 22 h the darkest.
          await page.waitForSelector('[data-testid=light-heatmap]');
          expect(await page.locator('[data-testid=light-heatmap] td').count()).toBe(168);
          const label = await page.locator('[data-testid=light-heatmap] tbody tr').first().locator('td').nth(22).getAttribute('aria-label');
          expect(label).toMatch(lang === 'fr' ? /^lun\. 22 h : 78\s%$/ : /^Mon 22:00: 78\s?%$/); // Intl's percent: a narrow no-break space in French
        }
      }
      await screenshotBoth(page, `d02-account-${lang}`);
      await ctx.close();
    }
    expect(problems).toEqual([]);
  });

  it('shows the audit log in words', async () => {
    const manager = await authedInject(app, { tenant: T, role: 'manager' });
    expect((await manager({ method: 'PUT', url: `/api/tenants/${T}/groups/LIB/override`, payload: { level: 40, durationS: 3600, fadeS: 2 } })).statusCode).toBeLessThan(300);
    const { ctx, page } = await context();
    await signIn(page, 'admin@sarlat.fr');
    await open(page, 'admin', '[data-testid=audit]');
    const rows = await page.$$eval('[data-testid=audit] tbody tr', (trs) => trs.map((tr) => (tr as unknown as { innerText: string }).innerText));
    expect(rows.length).toBeGreaterThan(2);
    for (const r of rows) {
      expect(r, 'a raw route').not.toMatch(/\b(POST|PUT|PATCH|DELETE) \//);
      expect(r, 'raw JSON').not.toMatch(/[{[]"/);
    }
    const text = rows.join('\n');
    expect(text).toContain('Soirée 80'); // the plan named, with its group
    expect(text).toMatch(/Forçage.*LIB|LIB.*forçage/i);
    expect(text).toContain('Mise en service de 32 points lumineux');
    expect(text).toContain('Collectivité « Sarlat-la-Canéda » créée ou modifiée');
    expect(text, 'an audited route without its sentence').not.toMatch(/^(Création|Modification|Suppression) sur /m);
    await screenshotBoth(page, 'd03-audit');
    await ctx.close();
  });

  it('lays out: the map panel\'s override form fits at 1366 px, the chart\'s unit clears its ticks, a phone\'s map buttons cover no light, each state its own glyph', async () => {
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    const rep = poles.find((p) => p.streetCode === 'REP')?.deviceId as string;
    const probe = async (id: string) => page.evaluate((d) => (globalThis as unknown as { slMapProbe?: (id: string) => { x: number; y: number } | null }).slMapProbe?.(d) ?? null, id);
    await page.waitForFunction((d) => !!(globalThis as unknown as { slMapProbe?: (id: string) => unknown }).slMapProbe?.(d), rep);
    const at = await probe(rep) as { x: number; y: number };
    const canvas = await page.locator('[data-testid=map]').boundingBox() as Box;
    await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
    const form = page.locator('[data-testid=map-selection] [data-testid=override-device]');
    await form.waitFor();
    await screenshotBoth(page, 'd04-map-selection');
    const card = await page.locator('[data-testid=map-selection]').boundingBox() as Box;
    for (const label of await form.locator('label').all()) {
      const b = await label.boundingBox() as Box;
      expect(b.x + b.width, `"${await label.innerText()}" runs out of the panel`).toBeLessThanOrEqual(card.x + card.width + 0.5);
      const fits = await label.evaluate((el) => { const e = el as unknown as { scrollWidth: number; clientWidth: number }; return `${e.scrollWidth} ≤ ${e.clientWidth + 1}: ${e.scrollWidth <= e.clientWidth + 1}`; });
      expect(fits, `"${await label.innerText()}" clipped`).toMatch(/true$/);
      for (const input of await label.locator('input, select').all()) {
        const ib = await input.boundingBox() as Box;
        expect(ib.x + ib.width, `the field of "${await label.innerText()}" runs out of the panel`).toBeLessThanOrEqual(card.x + card.width + 0.5);
      }
    }
    await screenshotBoth(page, 'd04-map-selection');

    // Each state's glyph (legend = map): pairwise different in grey levels, so colour is not the only cue.
    const glyphs = await page.$$eval('[data-testid=legend] canvas[data-glyph]', (cs) => cs.map((c) => {
      const el = c as unknown as { width: number; height: number; dataset: { glyph: string }; getContext(k: string): { getImageData(a: number, b: number, w: number, h: number): { data: number[] } } };
      const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      const grey: number[] = [];
      for (let k = 0; k < d.length; k += 4) {
        const a = (d[k + 3] as number) / 255;
        grey.push(255 * (1 - a) + a * (0.299 * (d[k] as number) + 0.587 * (d[k + 1] as number) + 0.114 * (d[k + 2] as number)));
      }
      return { state: el.dataset.glyph, grey };
    }));
    expect(glyphs.map((g) => g.state).sort()).toEqual(['dim', 'fault', 'off', 'offline', 'on', 'unknown', 'updating']);
    for (let a = 0; a < glyphs.length; a++) {
      for (let b = a + 1; b < glyphs.length; b++) {
        const ga = glyphs[a] as { state: string; grey: number[] }; const gb = glyphs[b] as { state: string; grey: number[] };
        const diff = ga.grey.reduce((s, v, k) => s + Math.abs(v - (gb.grey[k] ?? 255)), 0) / ga.grey.length;
        expect(diff, `${ga.state} and ${gb.state} look alike in grey levels`).toBeGreaterThan(8);
      }
    }

    // The energy chart's unit does not overlap its tick labels.
    await open(page, 'energy', '[data-testid=energy-kpis]');
    await page.fill('[data-testid=energy-month]', '2026-01');
    await page.waitForSelector('[data-testid=energy-chart] text.unit');
    const unit = await page.locator('[data-testid=energy-chart] text.unit').boundingBox() as Box;
    for (const tick of await page.locator('[data-testid=energy-chart] text.tick').all()) {
      const tb = await tick.boundingBox() as Box;
      expect(overlap(unit, tb), `the unit overlaps the tick "${await tick.textContent()}"`).toBe(false);
    }
    await ctx.close();

    // A phone: the map's buttons leave every light visible.
    const phone = await context({ viewport: 'phone' });
    await signIn(phone.page, 'gestion@sarlat.fr');
    await phone.page.waitForFunction((d) => !!(globalThis as unknown as { slMapProbe?: (id: string) => unknown }).slMapProbe?.(d), rep);
    const mapBox = await phone.page.locator('[data-testid=map]').boundingBox() as Box;
    const tools = await phone.page.locator('.map-tools').boundingBox() as Box;
    const covered: string[] = [];
    for (const id of [...poles.map((p) => p.deviceId), 'TST-1', 'TST-2']) {
      const p = await phone.page.evaluate((d) => (globalThis as unknown as { slMapProbe: (id: string) => { x: number; y: number } | null }).slMapProbe(d), id);
      if (p && overlap({ x: mapBox.x + p.x - 6, y: mapBox.y + p.y - 6, width: 12, height: 12 }, tools)) covered.push(id);
    }
    expect(covered).toEqual([]);
    await phone.page.screenshot({ path: join(SCREENSHOT_DIR, 'd05-map-phone.png') });
    await phone.ctx.close();
  });
});

/** What a page must not show in `lang`: missing keys, raw codes, the other language, wrong French plurals. */
async function check(page: Page, lang: 'fr' | 'en', where: string, problems: string[]): Promise<void> {
  const { text, missing } = await page.evaluate(() => {
    const g = globalThis as unknown as { document: { body: { innerText: string } }; slI18nMissing?: string[] };
    return { text: g.document.body.innerText, missing: [...(g.slI18nMissing ?? [])] };
  });
  const say = (what: string): void => { problems.push(`${lang} ${where}: ${what}`); };
  for (const k of missing) say(`missing key ${k}`);
  for (const m of text.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b/g)) say(`raw code "${m[0]}"`);
  const other = dictionaries[lang === 'fr' ? 'en' : 'fr'];
  const mine = dictionaries[lang];
  const own = new Set(Object.values(mine).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))));
  for (const [key, v] of Object.entries(other)) {
    for (const s of typeof v === 'string' ? [v] : Object.values(v)) {
      // Sentences and phrases, not single words both languages share ("installation", "Total"), nor part of one of ours.
      if (!s.includes(' ') || s.length < 8 || s.includes('{') || own.has(s) || [...own].some((o) => o.includes(s))) continue;
      if (text.includes(s)) say(`"${s}" (${key}) from the other language`);
    }
  }
  if (lang === 'fr') {
    // English words a French page never needs (the server's English messages, raw states).
    for (const m of text.matchAll(/\b(synced|devices|failed|threshold|major|minor|critical|rolled back|the|is|not|with|and|of)\b/g)) say(`English "${m[0]}"`);
    const singular = new Set(['mois', 'fois', 'pas', 'prix', 'temps', 'cours', 'avis', 'poids', 'accès', 'succès']);
    for (const m of text.matchAll(/(?<![\d.,])\b1[\s\u202f\u00a0]+([a-zà-ÿ]+s)\b/g)) if (!singular.has(m[1] as string)) say(`plural after 1: "${m[0]}"`);
    for (const m of text.matchAll(/\S+\(s\)/g)) say(`"(s)" plural: "${m[0]}"`);
  } else {
    for (const m of text.matchAll(/\b(Kio|Mio|Gio)\b/g)) say(`French unit "${m[0]}"`);
    const singular = new Set(['status', 'class', 'bus', 'lens', 'gas']);
    for (const m of text.matchAll(/(?<![\d.,])\b1 ([a-z]+s)\b/g)) if (!singular.has(m[1] as string)) say(`plural after 1: "${m[0]}"`);
  }
}
