/**
 * Issue 16, "a real map", in a real headless Chromium against the real server, simulated boards running the
 * firmware and the embedded broker: the town's streets drawn from its poles with their names (no tile server),
 * the legend's glyphs told apart without colour (grey levels and a deuteranope's view), search by street, pole
 * or device id, a lasso drawn around lights → a new group → the group's override → the boards change level, and
 * a base layer from the town's own tile server (a local HTTP server started here, serving a generated PNG tile).
 * Screenshots at 1366, 820 and 390 px (`map-*.png`, committed in e2e/screenshots/ with UPDATE_SCREENSHOTS=1: tests/README.md).
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionIdentities, type Inject, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { createTown, TOWNS, townInventory, VirtualClock, type SimFleet } from '@streetlight/hardware-sim';
import { launchChromium, newContext, SCREENSHOT_DIR } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const COUNT = 45; // the first poles of the demo town: REP (23), LIB (7), NES (15)
// Committed screenshots (tests/README.md): written to e2e/screenshots/ with UPDATE_SCREENSHOTS=1, else with the run's others.
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? fileURLToPath(new URL('./screenshots/', import.meta.url)) : SCREENSHOT_DIR;
const WIDTHS = { 1366: { width: 1366, height: 900 }, 820: { width: 820, height: 1180 }, 390: { width: 390, height: 844 } } as const;

interface Probe { x: number; y: number; state: string; level: number }
interface Shown { mode: string; lights: number; drawn: number; streets: number; labels: string[]; zoom: number }

/** A PNG of one colour (RGB), for the tile server. */
function solidPng(size: number, [r, g, b]: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) { row[1 + x * 3] = r; row[2 + x * 3] = g; row[3 + x * 3] = b; }
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('the map: streets, search, lasso, tiles', () => {
  let app: App;
  let fleet: SimFleet;
  let clock: VirtualClock;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  const poles = townInventory(T).slice(0, COUNT);
  const nameOf = new Map((TOWNS.sarlat?.streets ?? []).map((s) => [s.code, s.name]));
  const lib = poles.filter((p) => p.streetCode === 'LIB');

  async function signIn(page: Page, base = url): Promise<void> {
    await page.goto(base);
    await page.fill('input[name=email]', 'gestion@sarlat.fr');
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=map]');
  }
  const shown = async (page: Page): Promise<Shown | null> => page.evaluate(() => (globalThis as unknown as { slMapShown?: Shown }).slMapShown ?? null);
  const probe = async (page: Page, id: string): Promise<Probe | null> =>
    page.evaluate((d) => (globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(d) ?? null, id);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uimap-'));
    mkdirSync(SHOTS, { recursive: true });
    clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') }); // after sunset in Sarlat
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda' } })).statusCode).toBe(200);
    const broker = new URL(app.fleet.brokerUrl);
    const identity = await provisionIdentities(app, T, poles.map((p) => p.deviceId));
    fleet = createTown({ clock, tenant: T, town: T, count: COUNT, broker: { host: broker.hostname, port: Number(broker.port) }, identity });
    const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: poles.map((p) => ({
      deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode, nominalPowerW: p.nominalW,
    })) });
    expect(inv.statusCode, inv.body).toBe(200);
    // The poles carry their street's name (inventory model): the map names the streets with it.
    for (const p of poles) {
      const r = await root({ method: 'PUT', url: `/api/tenants/${T}/inventory/poles/${p.poleRef}`, payload: { lat: p.lat, lon: p.lon, street: nameOf.get(p.streetCode) } });
      expect(r.statusCode, r.body).toBe(200);
    }
    for (const g of ['REP', 'LIB', 'NES']) {
      const r = await root({ method: 'PUT', url: `/api/tenants/${T}/groups/${g}/plan`, payload: {
        programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 80, fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
      } });
      expect(r.statusCode, r.body).toBe(200);
    }
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    await fleet.start({ staggerMs: 5 });
    clock.start(20);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    clock?.stop();
    fleet?.dispose();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('draws the streets from the poles with their names, a legend of shapes told apart without colour; screenshots at 1366, 820 and 390 px', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page);
    // Every light drawn once the boards report (lit at the plan's 80 %), the three streets drawn and named.
    await page.waitForFunction((n) => {
      const s = (globalThis as unknown as { slMapShown?: Shown }).slMapShown;
      return !!s && s.lights === n && s.drawn === n && s.streets === 3 && s.labels.length >= 2;
    }, COUNT, { timeout: 60_000, polling: 200 }).catch(async (e: unknown) => { throw new Error(`${String(e)}: ${JSON.stringify(await shown(page))}`); });
    await page.waitForFunction((id) => (globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(id)?.level === 80, poles[0]!.deviceId, { timeout: 60_000, polling: 250 });
    const s = await shown(page) as Shown;
    expect(s.labels.every((l) => [...nameOf.values()].includes(l)), s.labels.join(', ')).toBe(true);
    expect(await page.textContent('[data-testid=legend]')).toContain('Rues tracées d’après la position des poteaux');
    // Legend glyphs: pairwise different in grey levels and as a deuteranope sees them (Machado et al. 2009, severity 1).
    const glyphs = await page.$$eval('[data-testid=legend] canvas[data-glyph]', (cs) => cs.map((c) => {
      const el = c as unknown as { width: number; height: number; dataset: { glyph: string }; getContext(k: string): { getImageData(a: number, b: number, w: number, h: number): { data: number[] } } };
      const d = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
      const grey: number[] = []; const deut: number[] = []; const alpha: number[] = [];
      for (let k = 0; k < d.length; k += 4) {
        const a = (d[k + 3] as number) / 255; const r = d[k] as number; const g = d[k + 1] as number; const b = d[k + 2] as number;
        grey.push(255 * (1 - a) + a * (0.299 * r + 0.587 * g + 0.114 * b));
        const dr = 0.367322 * r + 0.860646 * g - 0.227968 * b; const dg = 0.280085 * r + 0.672501 * g + 0.047413 * b; const db = -0.01182 * r + 0.04294 * g + 0.968881 * b;
        deut.push(255 * (1 - a) + a * dr, 255 * (1 - a) + a * dg, 255 * (1 - a) + a * db);
        alpha.push(a > 0.5 ? 1 : 0);
      }
      return { state: el.dataset.glyph, grey, deut, alpha };
    }));
    expect(glyphs.map((g) => g.state).sort()).toEqual(['dim', 'fault', 'off', 'offline', 'on', 'unknown', 'updating']);
    const meanDiff = (a: number[], b: number[]): number => a.reduce((s2, v, k) => s2 + Math.abs(v - (b[k] ?? 255)), 0) / a.length;
    for (let a = 0; a < glyphs.length; a++) {
      for (let b = a + 1; b < glyphs.length; b++) {
        const ga = glyphs[a]!; const gb = glyphs[b]!;
        expect(meanDiff(ga.grey, gb.grey), `${ga.state} and ${gb.state} in grey`).toBeGreaterThan(8);
        expect(meanDiff(ga.deut, gb.deut), `${ga.state} and ${gb.state} for a deuteranope`).toBeGreaterThan(8);
      }
    }
    // Shapes, not colour alone: the fault triangle, the updating diamond and the never-connected square each cover another outline than the discs.
    const mask = (st: string): number[] => glyphs.find((g) => g.state === st)!.alpha;
    for (const st of ['fault', 'updating', 'unknown']) expect(meanDiff(mask(st), mask('on')), st).toBeGreaterThan(0.05);
    expect(await page.textContent('[data-testid=legend]')).toContain('triangle = panne');
    for (const [w, size] of Object.entries(WIDTHS)) {
      await page.setViewportSize(size);
      await page.click('.map-tools button:nth-child(3)'); // fit
      await page.waitForFunction((n) => (globalThis as unknown as { slMapShown?: Shown }).slMapShown?.drawn === n, COUNT, { timeout: 20_000, polling: 100 });
      const box = await page.locator('[data-testid=map]').boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      await page.screenshot({ path: join(SHOTS, `map-${w}.png`) });
    }
    await ctx.close();
  });

  it('searches by street, pole or device id: zooms there and selects', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const page = await ctx.newPage();
    await signIn(page);
    await page.waitForFunction(() => ((globalThis as unknown as { slMapShown?: Shown }).slMapShown?.drawn ?? 0) > 0, undefined, { timeout: 30_000 });
    const before = (await shown(page) as Shown).zoom;
    // A street: the map fits it, the street is shown.
    await page.fill('[data-testid=map-search]', 'liberté');
    await page.waitForSelector('[data-testid=search-hit][data-kind=street]');
    expect(await page.textContent('[data-testid=search-hits]')).toContain('Rue de la Liberté');
    await page.click('[data-testid=search-hit][data-kind=street]');
    await page.waitForSelector('[data-testid=street-shown]');
    expect(await page.textContent('[data-testid=street-shown]')).toBe('Rue de la Liberté');
    await page.waitForFunction((z) => ((globalThis as unknown as { slMapShown?: Shown }).slMapShown?.zoom ?? 0) > z, before, { timeout: 10_000 });
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    for (const p of lib) {
      const at = await page.waitForFunction((id) => (globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(id), p.deviceId, { timeout: 10_000 }).then((h) => h.jsonValue() as Promise<Probe>);
      expect(at.x, p.deviceId).toBeGreaterThan(0); expect(at.x).toBeLessThan(box.width);
      expect(at.y, p.deviceId).toBeGreaterThan(0); expect(at.y).toBeLessThan(box.height);
    }
    await page.screenshot({ path: join(SHOTS, 'map-search-street.png') });
    // A pole reference: the light's card opens.
    const pole = poles[10]!;
    await page.fill('[data-testid=map-search]', pole.poleRef.toLowerCase());
    await page.waitForSelector('[data-testid=search-hit][data-kind=pole]');
    await page.click('[data-testid=search-hit][data-kind=pole]');
    await page.waitForSelector('[data-testid=map-selection]');
    expect(await page.textContent('[data-testid=map-selection] h3')).toBe(pole.poleRef);
    // A device id, Enter takes the first hit.
    const dev = lib[3]!;
    await page.fill('[data-testid=map-search]', dev.deviceId);
    await page.waitForSelector('[data-testid=search-hit][data-kind=device]');
    await page.press('[data-testid=map-search]', 'Enter');
    await page.waitForFunction((p) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=map-selection] h3')?.textContent === p, dev.poleRef, { timeout: 10_000 });
    const z = (await shown(page) as Shown).zoom;
    expect(z).toBeGreaterThanOrEqual(19);
    await page.fill('[data-testid=map-search]', 'no-such-thing');
    await page.waitForSelector('text=Nothing found.');
    await ctx.close();
  });

  it('lasso: draws around lights, puts them in a new group, overrides the group: the boards change level', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page);
    // The Rue de la Liberté fills the map, then the lasso goes around its lights.
    await page.fill('[data-testid=map-search]', 'Liberté');
    await page.click('[data-testid=search-hit][data-kind=street]');
    await page.waitForSelector('[data-testid=street-shown]');
    await page.click('[data-testid=lasso-tool]');
    await page.waitForSelector('[data-testid=map-draw]');
    await page.waitForFunction((ids) => ids.every((id) => !!(globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(id)), lib.map((p) => p.deviceId), { timeout: 20_000 });
    const at = await Promise.all(lib.map(async (p) => (await probe(page, p.deviceId))!));
    const box = (await page.locator('[data-testid=map]').boundingBox())!;
    // A freehand loop: an ellipse around the street's lights, 10 px out, drawn in 40 steps.
    const xs = at.map((p) => p.x); const ys = at.map((p) => p.y);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2; const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const rx = (Math.max(...xs) - Math.min(...xs)) / 2 * 1.45 + 14; const ry = (Math.max(...ys) - Math.min(...ys)) / 2 * 1.45 + 14;
    const loop: [number, number][] = Array.from({ length: 41 }, (_, k) => [cx + rx * Math.cos((k / 40) * 2 * Math.PI), cy + ry * Math.sin((k / 40) * 2 * Math.PI)]);
    await page.mouse.move(box.x + loop[0]![0], box.y + loop[0]![1]);
    await page.mouse.down();
    for (const [x, y] of loop.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 2 });
    await page.waitForSelector('[data-testid=lasso-shape]');
    await page.mouse.up();
    await page.waitForSelector('[data-testid=selected-count]');
    // What the loop encloses, every light of the town checked by the test itself.
    const inLoop: string[] = [];
    for (const p of poles) {
      const q = await probe(page, p.deviceId);
      if (q && ((q.x - cx) / rx) ** 2 + ((q.y - cy) / ry) ** 2 < 0.97) inLoop.push(p.deviceId);
    }
    for (const p of lib) expect(inLoop).toContain(p.deviceId);
    await page.waitForFunction((n) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } }).document.querySelector('[data-testid=selected-count]')?.textContent === `${n} sélectionnés`, inLoop.length, { timeout: 10_000 });
    await page.selectOption('select[name=member-group]', '');
    await page.fill('input[name=new-group]', 'LASSO');
    await page.click('[data-testid=add-to-group]');
    await page.waitForSelector('[data-testid=group-actions]');
    const members = ((await root(`/api/tenants/${T}/devices?group=LASSO`)).json() as Array<{ id: string }>).map((d) => d.id).sort();
    expect(members).toEqual([...inLoop].sort());
    // The group's override: 30 % for an hour.
    const form = page.locator('[data-testid=group-actions] [data-testid=override-group]');
    // A range input: set it the way a user's drag does (value, then an input event).
    await form.locator('input[name=level]').evaluate((el) => {
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
      input.value = '30';
      input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, o: object) => unknown }).Event('input', { bubbles: true }));
    });
    await page.screenshot({ path: join(SHOTS, 'map-lasso-1366.png') });
    await form.locator('button[type=submit]').click();
    // The boards (simulated, running the firmware, over MQTT) report 30 %; the map shows it.
    for (const id of inLoop) {
      await page.waitForFunction((d) => {
        const p = (globalThis as unknown as { slMapProbe?: (id: string) => Probe | null }).slMapProbe?.(d);
        return p?.level === 30 && p.state === 'dim';
      }, id, { timeout: 60_000, polling: 250 });
    }
    for (const id of inLoop) {
      const d = (await root(`/api/tenants/${T}/devices/${id}`)).json() as { reported: { level: number; levelSource: string } };
      expect(d.reported.level, id).toBe(30);
    }
    // The others stay on their plan's 80 %.
    const other = poles.find((p) => !inLoop.includes(p.deviceId))!;
    expect(((await root(`/api/tenants/${T}/devices/${other.deviceId}`)).json() as { reported: { level: number } }).reported.level).toBe(80);
    await ctx.close();
  });

  it('draws the town\'s own tiles when MAP_TILE_URL is set (a local tile server), and no streets of its own', async () => {
    const tile = solidPng(256, [186, 222, 140]);
    const asked: string[] = [];
    const tiles: Server = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': tile.length }).end(tile);
    });
    await new Promise<void>((r) => tiles.listen(0, '127.0.0.1', r));
    const port = (tiles.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'sl-uimap-tiles-'));
    const tiled = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, mapTileUrl: `http://127.0.0.1:${port}/tiles/{z}/{x}/{y}.png` }, logger: false, passwordHashing: TEST_SCRYPT });
    try {
      const base = `${await tiled.fleet.listen()}/`;
      const admin = await authedInject(tiled);
      expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat' } })).statusCode).toBe(200);
      expect((await admin({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: poles.slice(0, 5).map((p) => ({ deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode })) })).statusCode).toBe(200);
      await createUser(tiled, { email: 'gestion@sarlat.fr', password: PW, roles: { [T]: 'manager' } });
      const ctx = await newContext(browser);
      const page = await ctx.newPage();
      await signIn(page, base);
      await page.waitForFunction(() => ((globalThis as unknown as { slMapShown?: Shown }).slMapShown?.drawn ?? 0) === 5, undefined, { timeout: 30_000 });
      await page.waitForFunction(() => {
        const imgs = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ complete: boolean; naturalWidth: number }> } }).document.querySelectorAll('img.leaflet-tile');
        return imgs.length > 0 && Array.from(imgs).every((i) => i.complete && i.naturalWidth === 256);
      }, undefined, { timeout: 20_000 });
      expect(asked.length).toBeGreaterThan(0);
      // Only the town's view is asked for (the map waits for the lights before adding the tiles).
      expect(asked.every((a) => /^\/tiles\/1[5-9]\/\d+\/\d+\.png$/.test(a)), asked.join(' ')).toBe(true);
      expect((await shown(page))?.streets).toBe(0);
      expect(await page.textContent('[data-testid=legend]')).not.toContain('Rues tracées');
      // The tile's colour on screen, in a corner of the map away from the lights.
      const box = (await page.locator('[data-testid=map]').boundingBox())!;
      const shot = await page.screenshot({ clip: { x: box.x + box.width - 30, y: box.y + 30, width: 1, height: 1 } });
      const png = await page.evaluate(async (b64) => {
        const img = new Image(); img.src = `data:image/png;base64,${b64}`; await img.decode();
        const c = document.createElement('canvas'); c.width = 1; c.height = 1;
        const g = c.getContext('2d')!; g.drawImage(img, 0, 0);
        return Array.from(g.getImageData(0, 0, 1, 1).data).slice(0, 3);
      }, shot.toString('base64'));
      expect(png).toEqual([186, 222, 140]);
      await page.screenshot({ path: join(SHOTS, 'map-tiles-1366.png') });
      await ctx.close();
    } finally {
      await tiled.close();
      await new Promise((r) => tiles.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
