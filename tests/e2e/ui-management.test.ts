/**
 * The web UI beyond issue 7's done-when steps, in a real headless Chromium against the real server and
 * simulated boards: the energy syndicate's view across its member towns (and a town user kept out of it), the
 * "updating" state of lights in an OTA campaign on the map, the list and the light's page, times in the
 * town's time zone whatever the browser's zone, and the management pages (group membership from the list and
 * from the map, luminaire catalogue, tariff / emission factor / zone, API tokens shown once and revoked, an
 * account disabled by its admin whose open session ends at once). Screenshots at desktop and tablet widths go
 * to test-artifacts/screenshots/<run>/ (prefix `m`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionIdentities, type Inject, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { buildSimImage, createTown, townInventory, VirtualClock, type SimFleet } from '@streetlight/hardware-sim';
import { launchChromium, newContext, SCREENSHOT_DIR, screenshotBoth } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const SYN = 'sde24';
const T = 'sarlat';
const DOMME = 'domme';
const OTHER = 'lyon';
const PW = 'lampadaire-2026!';
const COUNT = 30; // the first poles of the demo town: streets REP (23) and LIB (7)

interface Probe { x: number; y: number; state: string; level: number }
type Doc = { querySelector(s: string): { textContent: string } | null };

describe('web UI: syndicate, updating, town time, management', () => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  const poles = townInventory(T).slice(0, COUNT);
  const rep = poles.filter((p) => p.streetCode === 'REP').map((p) => p.deviceId);
  const lib = poles.filter((p) => p.streetCode === 'LIB').map((p) => p.deviceId);

  async function signIn(page: Page, email: string, password = PW, landing = '[data-testid=map]'): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
    await page.waitForSelector(landing);
  }

  async function mapShows(page: Page, deviceId: string, want: (p: Probe) => boolean, timeoutMs = 30_000): Promise<Probe> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = await page.evaluate((id) => (globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(id) ?? null, deviceId);
      if (p && want(p)) return p;
      if (Date.now() > deadline) throw new Error(`map never showed the wanted state for ${deviceId}: ${JSON.stringify(p)}`);
      await page.waitForTimeout(250);
    }
  }

  /** A browser context whose page accepts the confirmation dialogs the UI asks. */
  async function context(opts: Parameters<typeof newContext>[1] = {}): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await newContext(browser, opts);
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    return { ctx, page };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uim-'));
    clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') }); // 18:30 in Sarlat, after sunset
    const otaKey = generateSigningKey(join(dataDir, 'ota.pem'));
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dataDir, 'ota.pem') }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    for (const [id, name, kind, parentId] of [[SYN, 'SDE 24', 'syndicate', null], [T, 'Sarlat-la-Canéda', 'town', SYN], [DOMME, 'Domme', 'town', SYN], [OTHER, 'Lyon', 'town', null]] as const) {
      expect((await root({ method: 'POST', url: '/api/tenants', payload: { id, name, kind, parentId } })).statusCode).toBe(200);
    }
    const broker = new URL(app.fleet.brokerUrl);
    const identity = await provisionIdentities(app, T, townInventory(T).slice(0, COUNT).map((p) => p.deviceId), { otaKeys: [{ keyId: otaKey.keyId, publicKey: otaKey.publicKey }] });
    fleet = createTown({ clock, tenant: T, town: T, count: COUNT, broker: { host: broker.hostname, port: Number(broker.port) }, identity, boardDefaults: { meter: 'hlw8012' } });
    const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: poles.map((p) => ({
      deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode, luminaireModel: p.luminaire.id, nominalPowerW: p.nominalW, cctK: p.luminaire.cctK,
    })) });
    expect(inv.statusCode, inv.body).toBe(200);
    // Domme: three poles commissioned, not connected yet. Lyon: not a member of the syndicate.
    expect((await root({ method: 'POST', url: `/api/tenants/${DOMME}/inventory`, payload: [1, 2, 3].map((k) => ({ deviceId: `dom-${k}`, lat: 44.8 + k / 1000, lon: 1.22, group: 'bourg', nominalPowerW: 30 })) })).statusCode).toBe(200);
    expect((await root({ method: 'POST', url: `/api/tenants/${OTHER}/inventory`, payload: [{ deviceId: 'lyon-1', lat: 45.76, lon: 4.83, group: 'quai' }] })).statusCode).toBe(200);
    for (const g of ['REP', 'LIB']) {
      const r = await root({ method: 'PUT', url: `/api/tenants/${T}/groups/${g}/plan`, payload: {
        programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
      } });
      expect(r.statusCode, r.body).toBe(200);
    }
    await createUser(app, { email: 'chef@sde24.fr', name: 'Claude Syndicat', password: PW, roles: { [SYN]: 'manager' } });
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    await createUser(app, { email: 'admin@sarlat.fr', name: 'Alex Admin', password: PW, roles: { [T]: 'admin' } });
    await createUser(app, { email: 'agent@sarlat.fr', name: 'Dominique Agent', password: PW, roles: { [T]: 'installer' } });
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

  it('a syndicate manager lands on the member towns with their counts and energy, and opens a town', async () => {
    // A couple of hours of metering first (15-minute records), so the overview has energy to show.
    clock.stop();
    const until = clock.now() + 2 * 3_600_000;
    await clock.runUntil(() => clock.now() >= until, { stepMs: 5_000, yieldMs: 1 });
    clock.start(20);
    const { ctx, page } = await context();
    await signIn(page, 'chef@sde24.fr', PW, '[data-testid=towns-table]');
    expect(await page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash)).toBe(`#/t/${SYN}/towns`);
    await page.fill('[data-testid=towns-month]', '2026-01');
    await page.waitForFunction(() => /kWh/.test(((globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=kwh-sarlat]')?.textContent) ?? ''));
    const rows = await page.locator('[data-testid=towns-table] tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as unknown as { dataset: { town: string } }).dataset.town));
    expect(rows).toEqual([DOMME, T]); // by name; Lyon is not a member
    const domme = await page.locator(`tr[data-town=${DOMME}] td`).allTextContents();
    expect(domme[1]).toBe('3'); // 3 lights
    expect(domme[4]).toBe('3'); // never connected
    // Sarlat's energy here equals the town's own report (French number format).
    const api = (await root(`/api/tenants/${T}/energy/report?month=2026-01`)).json() as { total: { energyKwh: number } };
    expect(api.total.energyKwh).toBeGreaterThan(0.5);
    const shown = Number((await page.textContent('[data-testid=kwh-sarlat]'))?.replace(/[^\d,]/g, '').replace(',', '.'));
    expect(shown).toBeCloseTo(api.total.energyKwh, 0);
    await screenshotBoth(page, 'm01-syndicate-towns');
    // The selector groups the member towns under the syndicate; a town leads back to the overview.
    const groups = await page.locator('[data-testid=town] optgroup').evaluateAll((gs) => gs.map((g) => (g as unknown as { label: string }).label));
    expect(groups).toEqual(['SDE 24']);
    await page.click(`[data-testid=open-${T}]`);
    await page.waitForSelector('[data-testid=map]');
    await mapShows(page, rep[0] as string, (p) => p.level === 80, 60_000);
    await page.click('[data-testid=to-syndicate]');
    await page.waitForSelector('[data-testid=towns-table]');
    await ctx.close();
  });

  it('a town manager never sees the syndicate view, through the UI or the API', async () => {
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    expect(await page.locator('[data-testid=town] option').allTextContents()).toEqual(['Sarlat-la-Canéda']);
    await page.goto(`${url}#/t/${SYN}/towns`);
    await page.waitForFunction((t) => (globalThis as unknown as { location: { hash: string } }).location.hash.startsWith(`#/t/${t}/`), T);
    const status = await page.evaluate(async ([s, d]) => [(await fetch(`/api/tenants/${s}/towns`)).status, (await fetch(`/api/tenants/${d}/devices`)).status], [SYN, DOMME]);
    expect(status).toEqual([404, 404]);
    await ctx.close();
  });

  it('shows lights in an OTA campaign as updating on the map, in the list and on their page', async () => {
    // A campaign on LIB whose install window (10:00–11:00) is far from now: the canary is offered the image and
    // stays in the campaign, waiting for its window.
    const img = await root({ method: 'POST', url: `/api/tenants/${T}/ota/images?version=0.3.0&hardwareModels=SL-ESP32-SIM`, headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(buildSimImage({ version: '0.3.0', hardwareModels: ['SL-ESP32-SIM'], kind: 'full' }, 32 * 1024)) });
    expect(img.statusCode, img.body).toBe(201);
    const c = await root({ method: 'POST', url: `/api/tenants/${T}/ota/campaigns`, payload: { imageId: img.json().id, name: 'Correctif 0.3.0', target: { group: 'LIB' }, window: { startMin: 600, endMin: 660 } } });
    expect(c.statusCode, c.body).toBe(201);
    const detail = (await root(`/api/tenants/${T}/ota/campaigns/${c.json().id}`)).json() as { deviceStates: Array<{ deviceId: string; state: string }> };
    const canary = detail.deviceStates.find((d) => d.state === 'offered')?.deviceId as string;
    expect(lib).toContain(canary);
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    await mapShows(page, canary, (p) => p.state === 'updating', 30_000);
    const other = lib.find((d) => d !== canary) as string;
    expect((await mapShows(page, other, () => true)).state).not.toBe('updating');
    expect(Number(await page.textContent('[data-testid=count-updating]'))).toBe(1);
    await page.click(`[data-testid=map]`, { position: await mapShows(page, canary, () => true).then((p) => ({ x: p.x, y: p.y })) });
    await page.waitForSelector('[data-testid=map-ota]');
    expect(await page.textContent('[data-testid=map-ota]')).toContain('Correctif 0.3.0');
    await screenshotBoth(page, 'm02-map-updating');
    await page.click('[data-testid=nav-lights]');
    await page.selectOption('[data-testid=state-filter]', 'updating');
    await page.waitForFunction(() => /^1 /.test(((globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=light-count]')?.textContent) ?? ''));
    expect(await page.textContent(`tr[data-light=${canary}]`)).toContain('Mise à jour');
    await page.goto(`${url}#/t/${T}/light/${canary}`);
    await page.waitForSelector('[data-testid=light-ota]');
    expect(await page.textContent('[data-testid=light-state]')).toBe('Mise à jour');
    expect(await page.textContent('[data-testid=light-ota]')).toMatch(/Correctif 0\.3\.0 — proposée/);
    await screenshotBoth(page, 'm03-light-updating');
    // Cancelled before it started: the light is no longer updating.
    expect((await root({ method: 'POST', url: `/api/tenants/${T}/ota/campaigns/${c.json().id}/cancel` })).statusCode).toBe(200);
    await page.goto(`${url}#/t/${T}/map`);
    await page.waitForSelector('[data-testid=map]');
    await ctx.close();
  });

  it('shows times in the town\'s zone for a browser in another zone, with the zone where ambiguous', async () => {
    const device = rep[1] as string;
    const ov = await root({ method: 'PUT', url: `/api/tenants/${T}/devices/${device}/override`, payload: { level: 50, durationS: 86_400 } });
    expect(ov.statusCode, ov.body).toBe(202);
    const expiresAt = Date.parse(ov.json().expiresAt);
    // What a person in Sarlat reads on a wall clock (the tz database's Europe/Paris, independent of the UI's code).
    const paris = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(expiresAt);
    const newYork = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }).format(expiresAt);
    // A manager travelling in New York.
    const { ctx, page } = await context({ timezoneId: 'America/New_York' });
    await signIn(page, 'gestion@sarlat.fr');
    expect(await page.textContent('[data-testid=town-zone]')).toContain('CET');
    await page.goto(`${url}#/t/${T}/light/${device}`);
    await page.waitForSelector('[data-testid=override-device]');
    const line = await page.textContent('[data-testid=override-device] .override-now');
    expect(line).toContain(`${paris}\u00a0CET`);
    expect(line).not.toContain(newYork);
    await screenshotBoth(page, 'm04-light-town-time');
    // The plan preview: sunset of the evaluated night in town time, as the preview API computes it.
    await page.click('[data-testid=nav-plans]');
    await page.click('[data-testid=new-plan]');
    await page.selectOption('[data-testid=preview-group]', 'REP');
    await page.waitForSelector('[data-testid=timeline-zone]', { timeout: 60_000 });
    const from = await page.inputValue('input[type=date]');
    const preview = (await root({ method: 'POST', url: `/api/tenants/${T}/plans/preview`, payload: { plan: { programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }] }], defaultProgramId: 1 }, groupId: 'REP', from, nights: 1 } })).json() as { nights: Array<{ sunset: string }> };
    const sunset = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(Date.parse(preview.nights[0]?.sunset as string));
    expect(await page.textContent('[data-testid=timeline-zone]')).toContain(`Coucher du soleil ${sunset}\u00a0CET`);
    // The preview starts on the town's date (real time, like the editor), not New York's.
    expect(from).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(Date.now()));
    await ctx.close();
    // A browser in the town's own zone shows no zone next to the same time.
    const home = await context();
    await signIn(home.page, 'gestion@sarlat.fr');
    await home.page.goto(`${url}#/t/${T}/light/${device}`);
    await home.page.waitForSelector('[data-testid=override-device]');
    expect(await home.page.textContent('[data-testid=override-device] .override-now')).toMatch(new RegExp(`${paris}$`));
    await home.ctx.close();
  });

  it('adds lights to a group from the list and from the map selection tool', async () => {
    const { ctx, page } = await context({ viewport: 'tablet' });
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-lights]');
    await page.waitForSelector('[data-testid=light-count]');
    const [a, b] = rep as [string, string];
    await page.check(`tr[data-light=${a}] input[type=checkbox]`);
    await page.check(`tr[data-light=${b}] input[type=checkbox]`);
    expect(await page.textContent('[data-testid=selected-count]')).toBe('2 sélectionnés');
    await page.selectOption('select[name=member-group]', '');
    await page.fill('input[name=new-group]', 'FETE');
    await page.click('[data-testid=add-to-group]');
    await page.waitForSelector('[data-testid=membership-message]');
    expect(await page.textContent('[data-testid=membership-message]')).toContain('FETE (2 membres)');
    await screenshotBoth(page, 'm05-lights-membership');
    const members = async () => ((await root(`/api/tenants/${T}/devices?group=FETE`)).json() as Array<{ id: string }>).map((d) => d.id).sort();
    expect(await members()).toEqual([a, b].sort());
    // On the map: the selection tool, a rectangle dragged around one light of LIB, added to FETE.
    await page.click('[data-testid=nav-map]');
    const target = lib[0] as string;
    await page.click('[data-testid=select-tool]');
    // The tool is on once the map has re-rendered with it (a drag before that pans the map: seen on a loaded machine).
    await page.waitForSelector('[data-testid=map].selecting');
    const p = await mapShows(page, target, () => true, 30_000);
    const box = await page.locator('[data-testid=map]').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.move(box.x + p.x - 5, box.y + p.y - 5);
    await page.mouse.down();
    await page.mouse.move(box.x + p.x + 2, box.y + p.y + 2, { steps: 4 });
    await page.mouse.move(box.x + p.x + 5, box.y + p.y + 5, { steps: 4 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=selected-count]');
    const picked = Number((await page.textContent('[data-testid=selected-count]'))?.match(/\d+/)?.[0]);
    expect(picked).toBeGreaterThanOrEqual(1);
    await page.selectOption('select[name=member-group]', 'FETE');
    await screenshotBoth(page, 'm06-map-selection');
    await page.click('[data-testid=add-to-group]');
    await page.waitForSelector('[data-testid=membership-message]');
    const after = await members();
    expect(after).toContain(target);
    expect(after.length).toBeGreaterThanOrEqual(3);
    // Removing from the list takes them out again.
    await page.click('[data-testid=nav-lights]');
    await page.waitForSelector(`tr[data-light=${a}]`);
    await page.check(`tr[data-light=${a}] input[type=checkbox]`);
    await page.selectOption('select[name=member-group]', 'FETE');
    await page.click('[data-testid=remove-from-group]');
    await page.waitForSelector('[data-testid=membership-message]');
    expect(await members()).not.toContain(a);
    await ctx.close();
  });

  it('edits the luminaire catalogue and the tariff and emission factor of the energy reports', async () => {
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-settings]');
    await page.waitForSelector('[data-testid=energy-settings] input[name=tariff]');
    await page.fill('input[name=tariff]', '0,168');
    await page.fill('input[name=emission]', '60');
    await page.click('[data-testid=energy-settings] button[type=submit]');
    await page.waitForSelector('[data-testid=energy-settings] [role=status]');
    expect((await root(`/api/tenants/${T}/energy/settings`)).json()).toMatchObject({ tariffEurPerKwh: 0.168, emissionGPerKwh: 60, isDefault: false });
    await page.click('[data-testid=add-model]');
    await page.fill('input[name=model-id]', 'LED-40');
    await page.fill('input[name=model-name]', 'Lanterne de style 40 W');
    await page.fill('input[name=nominal-w]', '40');
    await page.selectOption('select[name=curve]', 'logarithmic');
    await page.fill('input[name=min-level]', '10');
    await page.fill('input[name=cct]', '2700');
    await page.fill('input[name=ulr]', '0.5');
    // The decree's fields and the driver's dimming interface.
    await page.fill('input[name=flux]', '4800');
    await page.fill('input[name=cie3]', '98.5');
    await page.fill('input[name=max-power]', '42');
    await page.selectOption('select[name=driver]', '1-10v');
    await page.click('[data-testid=model-form] button[type=submit]');
    await page.waitForSelector('[data-testid=catalogue-message]');
    await page.waitForSelector('[data-testid=catalogue] tr[data-model=LED-40]');
    expect(await page.textContent('[data-testid=catalogue] tr[data-model=LED-40]')).toMatch(/40\s?W.*logarithmique.*10\s?%/);
    expect((await root(`/api/tenants/${T}/luminaire-models/LED-40`)).json()).toMatchObject({
      nominalW: 40, curve: 'logarithmic', minLevel: 10, cctK: 2700, ulrPct: 0.5, fluxLm: 4800, cieFluxCode3Pct: 98.5, maxPowerW: 42, driverInterface: '1-10v',
    });
    await screenshotBoth(page, 'm07-settings');
    // The energy page's cost follows the new tariff.
    const report = (await root(`/api/tenants/${T}/energy/report?month=2026-01`)).json() as { total: { energyKwh: number; costEur: number } };
    expect(report.total.costEur).toBeCloseTo(report.total.energyKwh * 0.168, 2);
    await ctx.close();
  });

  it('an admin creates an API token shown once, revokes it, and disables an account whose session ends at once', async () => {
    // The agent is signed in somewhere else.
    const agent = await context();
    await signIn(agent.page, 'agent@sarlat.fr');
    const { ctx, page } = await context();
    await signIn(page, 'admin@sarlat.fr');
    await page.click('[data-testid=nav-admin]');
    await page.waitForSelector('[data-testid=create-token]');
    await page.fill('input[name=token-name]', 'Export SIG');
    await page.selectOption('select[name=token-role]', 'viewer');
    await page.fill('input[name=token-days]', '90');
    await page.click('[data-testid=create-token] button[type=submit]');
    await page.waitForSelector('[data-testid=token-secret]');
    const secret = (await page.textContent('[data-testid=token-secret]')) ?? '';
    expect(secret).toMatch(/^slt_[\w-]{43}$/);
    const use = () => fetch(`${url}api/tenants/${T}/devices`, { headers: { authorization: `Bearer ${secret}` } }).then((r) => r.status);
    expect(await use()).toBe(200);
    await screenshotBoth(page, 'm08-admin-token');
    // Shown once: after a reload the secret is nowhere on the page.
    await page.reload();
    await page.waitForSelector('[data-testid=tokens] tr[data-token="Export SIG"]');
    expect(await page.content()).not.toContain(secret.slice(4));
    await page.click('[data-testid=tokens] tr[data-token="Export SIG"] button[data-action=revoke]');
    await page.waitForFunction(() => /révoqué/.test(((globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=tokens] tr[data-token="Export SIG"]')?.textContent) ?? ''));
    expect(await use()).toBe(401);

    // Disable the agent: their open page is signed out at its next request, and they cannot sign in again.
    const row = page.locator('tr[data-user="agent@sarlat.fr"]');
    await row.locator('summary').click();
    await row.locator('button[data-action=disable]').click();
    await page.waitForSelector('tr[data-user="agent@sarlat.fr"] [data-testid=disabled-badge]');
    await screenshotBoth(page, 'm09-admin-users');
    // Their page's next request signs them out: a click on the menu, or the page's own refresh if it comes first
    // (on a loaded machine it can, and the menu is gone before the click).
    const signInForm = agent.page.waitForSelector('input[name=email]', { timeout: 60_000 });
    await Promise.race([agent.page.click('[data-testid=nav-lights]', { timeout: 60_000 }).catch(() => undefined), signInForm]);
    await signInForm;
    await agent.page.fill('input[name=email]', 'agent@sarlat.fr');
    await agent.page.fill('input[name=password]', PW);
    await agent.page.click('button[type=submit]');
    await agent.page.waitForSelector('[role=alert]');
    expect(await agent.page.textContent('[role=alert]')).toContain('incorrect');
    // The audit log names who disabled whom.
    await page.reload();
    await page.waitForSelector('[data-testid=audit]');
    expect(await page.textContent('[data-testid=audit]')).toContain('Compte agent@sarlat.fr désactivé'); // in words (issue 16)
    await agent.ctx.close();
    await ctx.close();
  });

  it('changing the town\'s zone in the settings changes every time shown', async () => {
    const device = rep[1] as string; // the override of the time-zone test is still in force
    const d = (await root(`/api/tenants/${T}/devices/${device}`)).json() as { desired: { override: { expiresAt: string } } };
    const expiresAt = Date.parse(d.desired.override.expiresAt);
    const { ctx, page } = await context();
    await signIn(page, 'gestion@sarlat.fr');
    await page.click('[data-testid=nav-settings]');
    await page.waitForSelector('select[name=tz-preset]');
    await page.selectOption('select[name=tz-preset]', '<+04>-4'); // La Réunion
    await page.click('[data-testid=energy-settings] button[type=submit]');
    await page.waitForSelector('[data-testid=energy-settings] [role=status]');
    await page.waitForFunction(() => /UTC\+04/.test(((globalThis as unknown as { document: Doc }).document.querySelector('[data-testid=town-zone]')?.textContent) ?? ''));
    await page.goto(`${url}#/t/${T}/light/${device}`);
    await page.waitForSelector('[data-testid=override-device]');
    const reunion = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Indian/Reunion' }).format(expiresAt);
    expect(await page.textContent('[data-testid=override-device] .override-now')).toContain(`${reunion}\u00a0UTC+04`);
    expect((await root(`/api/tenants/${T}/energy/settings`)).json()).toMatchObject({ tz: '<+04>-4' });
    await ctx.close();
  });
});
