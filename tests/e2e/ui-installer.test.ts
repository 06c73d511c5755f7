/**
 * The installer's commissioning page (issue 15) on a 360 px phone, in a real headless Chromium against the real
 * server, its embedded broker and three simulated boards provisioned for the town and on line, not yet
 * commissioned. An installer commissions board 1 by the text of its label's QR code and board 2 by its id and a
 * claim code typed in lower case with spaces, both at the phone's position ("Ma position"); the page then shows the
 * board on line and its level against its plan, and the API has the inventory row. A wrong code is refused in
 * words and writes nothing; a request lost by the network is sent again by itself; a reload keeps what was typed.
 * Then board 1 fails: the installer replaces it on its pole with board 3 (its label typed), sees board 3 answer at
 * the street's plan level, and the pole keeps its history; board 1 is retired, out of the list, and can no longer
 * log in to the broker. Last, board 2's pole is taken out of service from the Retirer tab (confirmation required).
 * Screenshots at 360 px go to test-artifacts/screenshots/<run>/ (prefix `i`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import mqtt from 'mqtt';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevices, type Inject, type TestDevice, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { createTown, townInventory, VirtualClock, type SimFleet } from '@streetlight/hardware-sim';
import { launchChromium, newContext, SCREENSHOT_DIR } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const INSTALLER = 'poseur@sarlat.fr';
const PHONE = { width: 360, height: 740 };
/** Where the phone says it is: the foot of a pole in Sarlat, to 6 m. */
const HERE = { latitude: 44.889134, longitude: 1.216872, accuracy: 6 };
const MODEL = 'LED-36';

interface Detail {
  online: boolean; state?: string; groups: string[];
  reported: { level: number | null } | null;
  inventory: { poleRef: string | null; lat: number | null; lon: number | null; group: string | null; luminaireModel: string | null; nominalPowerW: number | null } | null;
}

describe('web UI: the installer commissions controllers on the pole (360 px)', () => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  let boards: TestDevice[];
  const ids = townInventory(T).slice(0, 3).map((p) => p.deviceId);
  const detail = async (id: string): Promise<Detail> => (await root(`/api/tenants/${T}/devices/${id}`)).json() as Detail;

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-phone.png`), fullPage: true });
  }

  /** An installer's phone: 360 × 740, French, its position known and allowed to the page; signed in. */
  async function phone(): Promise<{ ctx: BrowserContext; page: Page }> {
    const ctx = await newContext(browser);
    await ctx.grantPermissions(['geolocation'], { origin: new URL(url).origin });
    await ctx.setGeolocation(HERE);
    const page = await ctx.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(url);
    await page.fill('input[name=email]', INSTALLER);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    // An installer on a phone lands on the commissioning page.
    await page.waitForSelector('[data-testid=install-form]');
    expect(new URL(page.url()).hash).toBe(`#/t/${T}/install`);
    return { ctx, page };
  }

  /** "Ma position", and the position shown is the phone's. */
  async function locate(page: Page): Promise<void> {
    await page.click('[data-testid=locate]');
    await page.waitForSelector('[data-testid=accuracy]');
    expect(Number(await page.inputValue('input[name=lat]'))).toBe(HERE.latitude);
    expect(Number(await page.inputValue('input[name=lon]'))).toBe(HERE.longitude);
    expect(await page.textContent('[data-testid=accuracy]')).toContain('6 m');
  }

  /** What the page posts to the commission route (the next such request). */
  const commissionRequest = (page: Page): Promise<Request> =>
    page.waitForRequest((r) => r.method() === 'POST' && /\/devices\/[^/]+\/commission$/.test(r.url()));

  /** Waits until the status panel shows the board on line at `level` % (default: the level the API has from it). */
  async function seesLamp(page: Page, id: string, want?: number): Promise<void> {
    let level = want;
    if (level === undefined) {
      for (let d = await detail(id); ; d = await detail(id)) {
        if (d.online && typeof d.reported?.level === 'number') { level = d.reported.level; break; }
        await page.waitForTimeout(200);
      }
    }
    await page.waitForSelector(`[data-testid=install-status][data-device="${id}"]`);
    await page.waitForFunction(([lvl]) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document;
      return doc.querySelector('[data-testid=status-link]')?.textContent === 'En ligne'
        && (doc.querySelector('[data-testid=status-level]')?.textContent ?? '').replace(/\s/g, '') === `${lvl}%`;
    }, [level], { timeout: 90_000 }).catch(async (e: unknown) => {
      throw new Error(`${String(e)}\npage: ${await page.textContent('[data-testid=install-status]')}\napi: ${JSON.stringify(await detail(id))}`);
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uii-'));
    clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') }); // 18:30 in Sarlat, after sunset
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda', kind: 'town' } })).statusCode).toBe(200);
    // The luminaire catalogue has one model.
    const model = await root({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/${MODEL}`, payload: { name: 'Lanterne LED 36 W', nominalW: 36 } });
    expect(model.statusCode, model.body).toBeLessThan(300);
    const made = await provisionDevices(app, T, ids);
    boards = ids.map((id) => made.get(id) as TestDevice);
    const broker = new URL(app.fleet.brokerUrl);
    fleet = createTown({ clock, tenant: T, town: T, count: 3, broker: { host: broker.hostname, port: Number(broker.port) }, identity: (id) => made.get(id)?.identity });
    await createUser(app, { email: INSTALLER, name: 'Sam Poseur', password: PW, roles: { [T]: 'installer' } });
    await fleet.start({ staggerMs: 5 });
    clock.start(20);
    // The boards are on line, provisioned, not commissioned: no inventory row yet.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const ds = await Promise.all(ids.map(detail));
      if (ds.every((d) => d.online)) { expect(ds.map((d) => d.inventory ?? null)).toEqual([null, null, null]); break; }
      if (Date.now() > deadline) throw new Error(`boards not on line: ${JSON.stringify(ds.map((d) => d.online))}`);
      await new Promise((r) => setTimeout(r, 200));
    }
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

  it('commissions board 1 from its label\'s QR text at the phone\'s position, and shows the lamp answering', async () => {
    const [b1] = boards as [TestDevice];
    const { ctx, page } = await phone();
    expect(await page.textContent('[data-testid=nav-install]')).toBe('Mise en service');
    // Large enough to touch, one column inside 360 px.
    const save = await page.locator('[data-testid=commission]').boundingBox();
    expect(save && save.height >= 44 && save.width <= PHONE.width).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'i01-install-empty');

    await page.fill('input[name=label]', `SLC1:${b1.deviceId}:${b1.claimCode}`);
    expect(await page.textContent('[data-testid=label-read]')).toContain(b1.deviceId);
    await locate(page);
    await page.fill('input[name=pole-ref]', 'REP-P01');
    await page.selectOption('select[name=group]', { label: 'Nouveau groupe…' });
    // REP has a plan but no light yet: typed as a new name, it joins the plan's group.
    await page.fill('input[name=new-group]', 'REP');
    await page.selectOption('select[name=model]', MODEL);
    expect(await page.inputValue('input[name=power]')).toBe('36'); // the model's rated power
    await shot(page, 'i02-install-filled');

    const sent = commissionRequest(page);
    await page.click('[data-testid=commission]');
    const body = (await sent).postDataJSON() as Record<string, unknown>;
    expect(body).toEqual({ claimCode: b1.claimCode, lat: HERE.latitude, lon: HERE.longitude, accuracyM: 6, poleRef: 'REP-P01', group: 'REP', luminaireModel: MODEL, nominalPowerW: 36 });
    await page.waitForSelector(`[data-testid=install-status][data-device="${b1.deviceId}"]`);
    // The street REP is new with this light; the town's manager gives it its plan (80 % from sunset) while the
    // installer watches, and the lamp follows.
    const plan = await root({ method: 'PUT', url: `/api/tenants/${T}/groups/REP/plan`, payload: {
      programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
    } });
    expect(plan.statusCode, plan.body).toBe(200);
    await seesLamp(page, b1.deviceId, 80);
    expect(await page.textContent('[data-testid=status-target]')).toMatch(/^80\s?% \(plan\)$/);
    await shot(page, 'i03-install-status');

    const d = await detail(b1.deviceId);
    expect(d.inventory).toMatchObject({ poleRef: 'REP-P01', lat: HERE.latitude, lon: HERE.longitude, group: 'REP', luminaireModel: MODEL, nominalPowerW: 36 });
    expect(d.groups).toContain('REP');
    // Next controller: an empty form that keeps the street, the model and the power.
    await page.click('[data-testid=next-controller]');
    await page.waitForSelector('[data-testid=install-form]');
    expect([await page.inputValue('input[name=label]'), await page.inputValue('input[name=lat]'), await page.inputValue('input[name=pole-ref]')]).toEqual(['', '', '']);
    expect([await page.inputValue('select[name=group]'), await page.inputValue('select[name=model]'), await page.inputValue('input[name=power]')]).toEqual(['REP', MODEL, '36']);
    await ctx.close();
  });

  it('refuses a wrong claim code in words and writes nothing', async () => {
    const b3 = boards[2] as TestDevice;
    const { ctx, page } = await phone();
    const wrong = b3.claimCode === 'AAAA-BBBB-CCCC' ? 'AAAA-BBBB-CCCD' : 'AAAA-BBBB-CCCC';
    await page.fill('input[name=label]', `SLC1:${b3.deviceId}:${wrong}`);
    await locate(page);
    await page.click('[data-testid=commission]');
    await page.waitForSelector('[data-testid=install-error]');
    expect(await page.textContent('[data-testid=install-error]')).toBe('Refusé : code incorrect.');
    expect(await page.locator('[data-testid=retry]').count()).toBe(0); // a 4xx is not sent again
    await shot(page, 'i04-install-refused');
    expect((await detail(b3.deviceId)).inventory ?? null).toBeNull();
    // The form is as it was: the code can be corrected.
    expect(await page.inputValue('input[name=label]')).toBe(`SLC1:${b3.deviceId}:${wrong}`);
    await ctx.close();
  });

  it('replaces board 1 on its pole with board 3: the lamp answers at the plan\'s level, board 1 is retired and refused by the broker', async () => {
    const [b1, , b3] = boards as [TestDevice, TestDevice, TestDevice];
    const { ctx, page } = await phone();
    await page.click('[data-testid=install-mode] [data-mode=replace]');
    await page.waitForSelector('[data-testid=replace-form]');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const go = await page.locator('[data-testid=replace]').boundingBox();
    expect(go && go.height >= 44 && go.width <= PHONE.width).toBe(true);
    await page.fill('input[name=replace-pole]', 'REP-P01');
    await page.click('[data-testid=find-pole]');
    expect(await (await page.waitForSelector('[data-testid=pole-info]')).textContent()).toContain(b1.deviceId);
    await page.fill('input[name=new-label]', `SLC1:${b3.deviceId}:${b3.claimCode}`);
    expect(await page.textContent('[data-testid=new-label-read]')).toContain(b3.deviceId);
    await shot(page, 'i05-replace-filled');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/inventory/poles/REP-P01/replace-controller'));
    await page.click('[data-testid=replace]');
    expect((await sent).postDataJSON()).toEqual({ newDeviceId: b3.deviceId, claimCode: b3.claimCode });
    expect(await (await page.waitForSelector('[data-testid=replaced]')).textContent())
      .toBe(`Contrôleur ${b1.deviceId} remplacé par ${b3.deviceId} sur le poteau REP-P01 ; l’ancien est retiré, ses accès révoqués.`);
    // Board 3 takes the street's plan at once: 80 % after sunset, like board 1 before it.
    await seesLamp(page, b3.deviceId, 80);
    await shot(page, 'i06-replace-status');
    const d3 = await detail(b3.deviceId);
    expect(d3.inventory).toMatchObject({ poleRef: 'REP-P01', lat: HERE.latitude, lon: HERE.longitude, group: 'REP', luminaireModel: MODEL, nominalPowerW: 36 });
    const pole = (await root(`/api/tenants/${T}/inventory/poles/REP-P01`)).json() as { luminaires: Array<{ controller: string }>; history: Array<{ deviceId: string; endReason: string | null }> };
    expect(pole.history.map((h) => [h.deviceId, h.endReason])).toEqual([[b1.deviceId, 'replaced'], [b3.deviceId, null]]);
    expect(pole.luminaires.map((l) => l.controller)).toEqual([b3.deviceId]);
    const list = (await root(`/api/tenants/${T}/devices`)).json() as Array<{ id: string }>;
    expect(list.map((x) => x.id)).not.toContain(b1.deviceId);
    // Board 1's broker account is refused from now on.
    const broker = new URL(app.fleet.brokerUrl);
    const refused = await mqtt.connectAsync(`mqtt://${broker.hostname}:${broker.port}`, { ...b1.mqtt, clientId: b1.mqtt.clientId, reconnectPeriod: 0, connectTimeout: 5000 })
      .then(async (c) => { await c.endAsync(true); return false; }, () => true);
    expect(refused).toBe(true);
    await ctx.close();
  });

  it('commissions board 2 from its id and a code typed in lower case with spaces, through a reload and a lost request', async () => {
    const b2 = boards[1] as TestDevice;
    const { ctx, page } = await phone();
    const typed = b2.claimCode.toLowerCase().replace(/-/g, ' ');
    await page.fill('input[name=device-id]', b2.deviceId);
    await page.fill('input[name=claim-code]', typed);
    await page.fill('input[name=pole-ref]', 'REP-P02');
    await page.selectOption('select[name=group]', 'REP');
    await page.fill('input[name=power]', '30');
    // The phone reloads the page mid-form (a call, a tab killed): what was typed is still there.
    await page.reload();
    await page.waitForSelector('[data-testid=install-form]');
    expect([await page.inputValue('input[name=device-id]'), await page.inputValue('input[name=claim-code]'), await page.inputValue('input[name=pole-ref]'),
      await page.inputValue('select[name=group]'), await page.inputValue('input[name=power]')]).toEqual([b2.deviceId, typed, 'REP-P02', 'REP', '30']);
    await locate(page);

    // The first request is lost on the way: the page says so, counts down and sends it again by itself.
    let aborted = 0;
    await page.route('**/devices/*/commission', async (route) => {
      if (aborted++ === 0) await route.abort('internetdisconnected');
      else await route.continue();
    });
    const first = commissionRequest(page);
    await page.click('[data-testid=commission]');
    expect((await first).postDataJSON()).toMatchObject({ claimCode: b2.claimCode, lat: HERE.latitude, lon: HERE.longitude, poleRef: 'REP-P02', group: 'REP', nominalPowerW: 30 });
    await page.waitForSelector('[data-testid=retry]');
    expect(await page.textContent('[data-testid=retry]')).toMatch(/hors ligne — nouvel essai dans \d+ s/);
    await seesLamp(page, b2.deviceId);
    expect(aborted).toBe(2);
    const d = await detail(b2.deviceId);
    expect(d.inventory).toMatchObject({ poleRef: 'REP-P02', lat: HERE.latitude, lon: HERE.longitude, group: 'REP', nominalPowerW: 30 });
    // Saved: a reload shows an empty form for the next pole (street and power kept), not board 2's code.
    await page.reload();
    await page.waitForSelector('[data-testid=install-form]');
    expect([await page.inputValue('input[name=device-id]'), await page.inputValue('input[name=claim-code]'), await page.inputValue('select[name=group]')]).toEqual(['', '', 'REP']);
    await ctx.close();
  });

  it('takes board 2\'s pole out of service from the Retirer tab, with a confirmation', async () => {
    const b2 = boards[1] as TestDevice;
    const { ctx, page } = await phone();
    await page.click('[data-testid=install-mode] [data-mode=decommission]');
    await page.waitForSelector('[data-testid=decommission-form]');
    await page.selectOption('select[name=what]', 'pole');
    await page.fill('input[name=target]', 'REP-P02');
    await page.click('[data-testid=decommission]');
    expect(await page.textContent('[data-testid=install-error]')).toBe('Cochez la confirmation.'); // nothing sent without it
    expect((await root(`/api/tenants/${T}/inventory/poles/REP-P02`)).json().decommissionedAt).toBeNull();
    await page.check('input[name=confirm]');
    await shot(page, 'i07-retire-pole');
    await page.click('[data-testid=decommission]');
    expect(await (await page.waitForSelector('[data-testid=decommissioned]')).textContent()).toBe('Poteau REP-P02 retiré du service (1 contrôleur(s) retiré(s)).');
    const pole = (await root(`/api/tenants/${T}/inventory/poles/REP-P02`)).json() as { decommissionedAt: string | null; history: Array<{ deviceId: string; endReason: string }> };
    expect(pole.decommissionedAt).not.toBeNull();
    expect(pole.history.map((h) => [h.deviceId, h.endReason])).toEqual([[b2.deviceId, 'pole_decommissioned']]);
    expect(((await root(`/api/tenants/${T}/devices`)).json() as Array<{ id: string }>).map((x) => x.id)).not.toContain(b2.deviceId);
    // Again: said in words, not retried.
    await page.check('input[name=confirm]');
    await page.fill('input[name=target]', 'REP-P02');
    await page.click('[data-testid=decommission]');
    expect(await (await page.waitForSelector('[data-testid=install-error]')).textContent()).toBe('Refusé : ce poteau est retiré du service.');
    await ctx.close();
  });
});
