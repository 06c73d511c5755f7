/**
 * The web UI in a real headless Chromium against the real server, simulated boards running the firmware, and
 * the embedded broker (issue 7, "Done when"): sign in, create a plan in the editor, see a compliance finding,
 * assign it to a group and watch the boards of that group change level on the map, set an override on a group
 * and see it expire, export the energy CSV and check it, check that a viewer cannot change anything and that a
 * user of one town cannot reach another town's data through the UI or the API. Screenshots of every page at
 * desktop and tablet widths go to test-artifacts/screenshots/<run>/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionIdentities, type Inject, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { buildSimImage, createTown, townInventory, VirtualClock, type SimFleet } from '@streetlight/hardware-sim';
import { launchChromium, newContext, SCREENSHOT_DIR, screenshotBoth } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const OTHER = 'lyon';
const PW = 'lampadaire-2026!';
const COUNT = 30; // the first poles of the demo town: streets REP (23) and LIB (7)

interface Probe { x: number; y: number; state: string; level: number }

describe('web UI in Chromium', () => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  const libDevice = townInventory(T).slice(0, COUNT).find((p) => p.streetCode === 'LIB')?.deviceId as string;
  const repDevice = townInventory(T).slice(0, COUNT).find((p) => p.streetCode === 'REP')?.deviceId as string;

  async function signIn(page: Page, email: string, password = PW): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map]');
  }

  /** What the map draws for a light (from the page's own probe), once its state settles on `want`. */
  async function mapShows(page: Page, deviceId: string, want: (p: Probe) => boolean, timeoutMs = 30_000): Promise<Probe> {
    const handle = await page.waitForFunction(([id]) => {
      const probe = (globalThis as unknown as { slMapProbe?: (id: string) => unknown }).slMapProbe;
      return probe ? probe(id as string) : null;
    }, [deviceId], { timeout: timeoutMs, polling: 250 });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = (await page.evaluate((id) => (globalThis as unknown as { slMapProbe: (id: string) => Probe }).slMapProbe(id), deviceId));
      if (p && want(p)) return p;
      if (Date.now() > deadline) throw new Error(`map never showed the wanted state for ${deviceId}: ${JSON.stringify(p)}`);
      await page.waitForTimeout(250);
    }
    void handle;
  }

  /** The colour of the lights' canvas pixel at a light's centre (the probe gives it from the map's top left; the canvas, in Leaflet's pane, has its own). */
  async function pixel(page: Page, p: Probe): Promise<[number, number, number]> {
    return page.evaluate(([x, y]) => {
      type Rect = { left: number; top: number };
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): Rect; getContext(k: string): { getImageData(a: number, b: number, c: number, d: number): { data: number[] } }; width: number; clientWidth: number } } }).document;
      const map = doc.querySelector('[data-testid=map]').getBoundingClientRect();
      const c = doc.querySelector('[data-testid=map-canvas]');
      const at = c.getBoundingClientRect();
      const k = c.width / c.clientWidth;
      const d = c.getContext('2d').getImageData(Math.round((map.left + (x as number) - at.left) * k), Math.round((map.top + (y as number) - at.top) * k), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    }, [p.x, p.y]);
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-ui-'));
    // 18:30 in Sarlat on a winter evening, after sunset.
    clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') });
    // OTA configured (issue 6): a signing key, so the firmware page can upload images and run campaigns.
    const otaKey = generateSigningKey(join(dataDir, 'ota.pem'));
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dataDir, 'ota.pem') }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app); // platform admin for the set-up only
    for (const [id, name] of [[T, 'Sarlat-la-Canéda'], [OTHER, 'Lyon']]) {
      expect((await root({ method: 'POST', url: '/api/tenants', payload: { id, name } })).statusCode).toBe(200);
    }
    const broker = new URL(app.fleet.brokerUrl);
    // Boards with an HLW8012 metering chip, so energy records flow (issue 5's metering), and trusting the OTA key.
    const identity = await provisionIdentities(app, T, townInventory(T).slice(0, COUNT).map((p) => p.deviceId), { otaKeys: [{ keyId: otaKey.keyId, publicKey: otaKey.publicKey }] });
    fleet = createTown({ clock, tenant: T, town: T, count: COUNT, broker: { host: broker.hostname, port: Number(broker.port) }, identity, boardDefaults: { meter: 'hlw8012' } });
    const poles = townInventory(T).slice(0, COUNT);
    const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: poles.map((p) => ({
      deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode, luminaireModel: p.luminaire.id, nominalPowerW: p.nominalW, cctK: p.luminaire.cctK,
    })) });
    expect(inv.statusCode, inv.body).toBe(200);
    // Another town with its own lights, which Sarlat's users must never reach.
    expect((await root({ method: 'POST', url: `/api/tenants/${OTHER}/inventory`, payload: [{ deviceId: 'lyon-1', poleRef: 'LY-1', lat: 45.76, lon: 4.83, group: 'quai' }] })).statusCode).toBe(200);
    // Every street starts on an 80 % evening plan.
    for (const g of ['REP', 'LIB']) {
      const r = await root({ method: 'PUT', url: `/api/tenants/${T}/groups/${g}/plan`, payload: {
        programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
      } });
      expect(r.statusCode, r.body).toBe(200);
    }
    // LIB is heritage lighting (decree art. 1 b): the decree wants it off by 01:00 (art. 2).
    expect((await root({ method: 'PUT', url: `/api/tenants/${T}/groups/LIB/settings`, payload: { category: 'b_heritage' } })).statusCode).toBe(200);
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    await createUser(app, { email: 'lecture@sarlat.fr', name: 'Lou Lecture', password: PW, roles: { [T]: 'viewer' } });
    await createUser(app, { email: 'admin@sarlat.fr', name: 'Alex Admin', password: PW, roles: { [T]: 'admin' } });
    await createUser(app, { email: 'gestion@lyon.fr', password: PW, roles: { [OTHER]: 'manager' } });
    await fleet.start({ staggerMs: 5 });
    // Virtual time runs 20× faster than the test while the browser works (boards fade, report, meter energy).
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

  it('signs in (a wrong password is refused), shows the town on the map coloured by state', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForSelector('input[name=email]');
    expect(await page.textContent('button[type=submit]')).toBe('Se connecter'); // French for a French browser
    await screenshotBoth(page, '01-login');
    await page.fill('input[name=email]', 'gestion@sarlat.fr');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await page.waitForSelector('[role=alert]');
    expect(await page.textContent('[role=alert]')).toContain('incorrect');
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map]');
    // Every light is drawn; once the boards report, they are lit at the plan's 80 %.
    const p = await mapShows(page, repDevice, (x) => x.state === 'dim' && x.level === 80, 60_000);
    expect(p.x).toBeGreaterThan(0);
    await page.waitForFunction(() => Number((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=count-dim]')?.textContent) === 30, undefined, { timeout: 60_000 });
    await screenshotBoth(page, '02-map');
    await ctx.close();
  });

  it('creates a plan in the editor, shows a decree finding, assigns it to a group, and the boards follow on the map', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-plans]');
    await page.waitForSelector('[data-testid=groups-table]');
    await screenshotBoth(page, '05-groups-plans');
    await page.click('[data-testid=new-plan]');
    await page.waitForSelector('[data-testid=plan-editor]');
    await page.fill('input[name=plan-name]', 'Patrimoine — soirée');
    await page.selectOption('[data-testid=preview-group]', 'LIB');
    // The default night keeps 50 % after 23:00 until morning: heritage lighting must be off by 01:00.
    const finding = page.locator('[data-testid=findings] li.f-error').first();
    await finding.waitFor({ timeout: 60_000 });
    expect(await finding.textContent()).toMatch(/01:00|1 h/);
    expect(await finding.textContent()).toMatch(/art\. 2/);
    // Preview figures are there and formatted the French way.
    const kpis = await page.textContent('[data-testid=preview-kpis]');
    expect(kpis).toMatch(/\d+,\d\s?kWh/);
    expect(await page.textContent('[data-testid=savings]')).toMatch(/\d+\s?%/);
    await screenshotBoth(page, '06-plan-editor');
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('[data-testid=editor-message]');
    expect(await page.textContent('[data-testid=editor-message]')).toContain('version 1');
    await page.selectOption('[data-testid=assign-group]', 'LIB');
    await page.click('[data-testid=assign]');
    await page.waitForFunction(() => /LIB/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=editor-message]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    // The server assigned it…
    const settings = (await root(`/api/tenants/${T}/groups/LIB/settings`)).json() as { planId: number };
    const plans = (await root(`/api/tenants/${T}/plans`)).json() as Array<{ planId: number; name: string }>;
    expect(plans.find((x) => x.planId === settings.planId)?.name).toBe('Patrimoine — soirée');
    // …and the boards of LIB go from 80 % to the new plan's 100 % on the map, while REP stays at 80 %.
    await page.click('[data-testid=nav-map]');
    const lib = await mapShows(page, libDevice, (x) => x.level === 100 && x.state === 'on', 60_000);
    const rep = await mapShows(page, repDevice, (x) => x.level === 80);
    const [cl, cr] = [await pixel(page, lib), await pixel(page, rep)];
    expect(cl).not.toEqual(cr); // brighter yellow for 100 % than for 80 %
    await ctx.close();
  });

  it('sets an override on a group with a duration, the map follows, and it expires by itself', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-plans]');
    await page.click('tr[data-group=LIB] button');
    const form = page.locator('[data-testid=override-group]');
    // A range input: set it the way a user's drag does (value, then an input event).
    await form.locator('input[name=level]').evaluate((el) => {
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
      input.value = '20';
      input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', { bubbles: true }));
    });
    await form.locator('select[name=duration]').selectOption('15');
    await form.locator('button[type=submit]').click();
    await form.locator('[role=status]').waitFor();
    expect(await form.locator('[role=status]').textContent()).toMatch(/7 point/);
    await page.click('[data-testid=nav-map]');
    const p = await mapShows(page, libDevice, (x) => x.level === 20, 60_000);
    expect(p.state).toBe('dim');
    // The light's page says until when.
    await page.goto(`${url}#/t/${T}/light/${libDevice}`);
    await page.waitForSelector('[data-testid=override-device]');
    expect(await page.textContent('[data-testid=override-device]')).toMatch(/Forçage à 20\s%\sjusqu’à/);
    await screenshotBoth(page, '04-light-detail');
    // 15 minutes later (virtual time), the boards return to their plan by themselves.
    clock.stop();
    const until = clock.now() + 16 * 60_000;
    await clock.runUntil(() => clock.now() >= until, { stepMs: 5_000, yieldMs: 2 });
    clock.start(20);
    await page.click('[data-testid=nav-map]');
    await mapShows(page, libDevice, (x) => x.level === 100, 60_000);
    await page.goto(`${url}#/t/${T}/light/${libDevice}`);
    await page.waitForSelector('[data-testid=override-device]');
    await page.waitForFunction(() => /Aucun forçage/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=override-device]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await ctx.close();
  });

  it('lists and filters lights, and exports the energy CSV with the metered figures', async () => {
    // Let a couple of hours of metering happen (15-minute records).
    clock.stop();
    const until = clock.now() + 2 * 3_600_000;
    await clock.runUntil(() => clock.now() >= until, { stepMs: 5_000, yieldMs: 1 });
    clock.start(20);
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-lights]');
    await page.waitForSelector('[data-testid=light-count]');
    await page.fill('[data-testid=light-search]', 'LIB');
    await page.waitForFunction(() => /^7 /.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=light-count]')?.textContent ?? ''));
    await page.fill('[data-testid=light-search]', '');
    await screenshotBoth(page, '03-lights');

    await page.click('[data-testid=nav-energy]');
    await page.fill('[data-testid=energy-month]', '2026-01');
    await page.waitForSelector('[data-testid=energy-kpis]', { timeout: 60_000 });
    await screenshotBoth(page, '07-energy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csv = readFileSync(await download.path() as string, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header?.split(';')).toEqual(expect.arrayContaining(['period', 'energy_kwh', 'saved_kwh']));
    const cols = (header ?? '').split(';');
    const day = rows.map((r) => r.split(';')).find((c) => c[cols.indexOf('period')] === '2026-01-15');
    expect(day, csv).toBeDefined();
    const kwh = Number((day?.[cols.indexOf('energy_kwh')] ?? '').replace(',', '.'));
    // 30 luminaires lit for about 2.5 h: clearly more than nothing, less than all of them at full power.
    expect(kwh).toBeGreaterThan(0.5);
    expect(kwh).toBeLessThan(30 * 0.1 * 4);
    // The API report agrees with the file.
    const api = (await root(`/api/tenants/${T}/energy/report?month=2026-01&bucket=day`)).json() as { rows: Array<{ period: string; energyKwh: number }> };
    expect(api.rows.find((r) => r.period === '2026-01-15')?.energyKwh).toBeCloseTo(kwh, 2);
    await ctx.close();
  });

  it('shows alarms, runs a firmware campaign (upload, start, progress, pause) and, to admins, users and the audit log of every change', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, 'admin@sarlat.fr');
    await page.click('[data-testid=nav-alarms]');
    await page.waitForTimeout(800);
    await screenshotBoth(page, '08-alarms');
    await page.click('[data-testid=nav-firmware]');
    // Upload a signed image through the page, start a campaign on LIB, watch its progress, pause it.
    await page.waitForSelector('[data-testid=upload-image]');
    await page.setInputFiles('[data-testid=upload-image] input[type=file]', {
      name: 'streetlight-0.2.0.bin', mimeType: 'application/octet-stream',
      buffer: Buffer.from(buildSimImage({ version: '0.2.0', hardwareModels: ['SL-ESP32-SIM'], kind: 'full' }, 64 * 1024)),
    });
    await page.fill('[data-testid=upload-image] input[name=version]', '0.2.0');
    await page.fill('[data-testid=upload-image] input[name=models]', 'SL-ESP32-SIM');
    await page.click('[data-testid=upload-image] button[type=submit]');
    await page.waitForFunction(() => /0\.2\.0/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=images]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.selectOption('[data-testid=new-campaign] select[name=group]', 'LIB');
    await page.click('[data-testid=new-campaign] button[type=submit]');
    const campaign = page.locator('[data-testid=campaigns] li').first();
    await campaign.waitFor({ timeout: 60_000 });
    await campaign.locator('button.link').click();
    await page.waitForSelector('[data-testid=campaign-detail] .wave');
    expect(await page.textContent('[data-testid=campaign-detail]')).toContain('SRL-LIB-');
    await page.click('[data-testid=campaign-detail] button:has-text("Suspendre")');
    await page.waitForFunction(() => /suspendue/.test((globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=campaigns]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await screenshotBoth(page, '09-firmware');
    await page.click('[data-testid=nav-admin]');
    await page.waitForSelector('[data-testid=audit]');
    const audit = await page.textContent('[data-testid=audit]');
    // Plan creation, assignment and the override, each with who did it.
    expect(audit).toContain('gestion@sarlat.fr');
    // In words (issue 16), not the method and route.
    expect(audit).toContain('Plan « Patrimoine — soirée » créé');
    expect(audit).toContain('Groupe LIB : plan « Patrimoine — soirée »');
    expect(audit).toMatch(/Forçage du groupe LIB à 20\s?% pendant 15 min/);
    expect(audit).toContain('Campagne de mise à jour');
    expect(audit).not.toMatch(/\b(POST|PUT) \//);
    await screenshotBoth(page, '10-admin');
    await page.click('a.who');
    await page.waitForSelector('input[autocomplete=new-password]');
    await screenshotBoth(page, '11-account');
    await ctx.close();
  });

  it('a viewer sees everything and can change nothing, in the UI or through the API', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const page = await ctx.newPage();
    await signIn(page, 'lecture@sarlat.fr');
    expect(await page.textContent('[data-testid=nav-plans]')).toBe('Groups and plans'); // English browser
    await page.click('[data-testid=nav-plans]');
    await page.waitForSelector('[data-testid=plan-list]');
    expect(await page.locator('[data-testid=new-plan]').count()).toBe(0);
    expect(await page.locator('tr[data-group=LIB] button').count()).toBe(0);
    expect(await page.locator('[data-testid=nav-admin]').count()).toBe(0);
    await page.goto(`${url}#/t/${T}/light/${libDevice}`);
    await page.waitForSelector('[data-testid=light-level]');
    expect(await page.locator('[data-testid=override-device]').count()).toBe(0);
    // Going around the UI does not help: the API refuses with the session's own CSRF token.
    const status = await page.evaluate(async ([t, d]) => {
      const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
      const put = await fetch(`/api/tenants/${t}/devices/${d}/override`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ level: 1, durationS: 600 }) });
      const plan = await fetch(`/api/tenants/${t}/plans`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ name: 'x', plan: { programs: [{ id: 1, steps: [] }], defaultProgramId: 1 } }) });
      return [put.status, plan.status];
    }, [T, libDevice]);
    expect(status).toEqual([403, 403]);
    await ctx.close();
  });

  it('a user of one town cannot reach another town through the UI or the API', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page, 'gestion@sarlat.fr');
    const towns = await page.locator('[data-testid=town] option').allTextContents();
    expect(towns).toEqual(['Sarlat-la-Canéda']);
    // A hand-made link to Lyon lands back in the user's own town.
    await page.goto(`${url}#/t/${OTHER}/lights`);
    await page.waitForFunction((t) => (globalThis as unknown as { location: { hash: string } }).location.hash.startsWith(`#/t/${t}/`), T);
    const res = await page.evaluate(async (o) => {
      const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
      const list = await (await fetch('/api/tenants')).json() as Array<{ id: string }>;
      const read = await fetch(`/api/tenants/${o}/devices`);
      const one = await fetch(`/api/tenants/${o}/devices/lyon-1`);
      const write = await fetch(`/api/tenants/${o}/devices/lyon-1/override`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ level: 1, durationS: 600 }) });
      return { list: list.map((x) => x.id), read: read.status, one: one.status, write: write.status };
    }, OTHER);
    expect(res).toEqual({ list: [T], read: 404, one: 404, write: 404 });
    // And the other way round: Lyon's manager sees only Lyon.
    const ctx2 = await newContext(browser);
    const page2 = await ctx2.newPage();
    await signIn(page2, 'gestion@lyon.fr');
    expect(await page2.locator('[data-testid=town] option').allTextContents()).toEqual(['Lyon']);
    expect(await page2.evaluate(async (t) => (await fetch(`/api/tenants/${t}/devices`)).status, T)).toBe(404);
    await ctx2.close();
    await ctx.close();
  });
});
