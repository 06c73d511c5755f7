/**
 * `pnpm bench:ui-map` — the web UI's map with 100,000 lights in headless Chromium (issues 7, 14, 16).
 *
 * A server in process with N commissioned lights on a 10 km × 10 km grid (default 100,000), each row of the grid a
 * street (its name on its poles' inventory group), each light registered with a Hello and a state report (a quarter
 * off, the rest lit at various levels, a few offline, 2 % never connected), a lighting manager signed in through the
 * UI. Issue 11: every light is provisioned first and its frames carry its MAC (the service drops any other).
 *
 * Prints: the device list API time and size; the map's time to first draw (sign-in click → the Leaflet map has
 * drawn every light of the town, as clusters); the streets API time; and the frame times while the user pans
 * (mouse drags) and zooms (wheel): every animation frame's interval is recorded in the page while real input events
 * drive Leaflet, p50 and p99 (≈ 16.7 ms at 60 Hz is fluid); the canvas draw itself (p50, p99), which Leaflet runs
 * when a move or zoom ends.
 *
 * Environment: BENCH_LIGHTS (default 100000), CHROMIUM_PATH (default /usr/bin/chromium).
 *
 * Through benchReport (bench/results/ui-map.json: machine, date, load, CPU of this process, which is the server,
 * and of Chromium's processes). Checked: the device list counts every light, the map drew every light, each pan
 * and zoom redrew the map.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevices } from '@streetlight/fleet-server/testing';
import { encodePresence, statusTopic, uplinkTopic, pb } from '@streetlight/protocol';
import { launchChromium, newContext } from '../lib/browser.js';
import { benchReport, childProcesses, processTreeCpu } from './lib/report.js';
import { pct } from './lib/loadgen.js';

const N = Number(process.env.BENCH_LIGHTS ?? 100_000);
const report = benchReport('ui-map');
const result = report.result;
const PANS = 12;
const ZOOMS = 12;
const T = 'bigtown';

const dataDir = mkdtempSync(join(tmpdir(), 'sl-bench-ui-'));
const app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, logger: false });
const browser = await launchChromium();
try {
  const url = `${await app.fleet.listen()}/`;
  const root = await authedInject(app);
  await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Big town' } });
  const side = Math.ceil(Math.sqrt(N));
  const ids = Array.from({ length: N }, (_, k) => `L-${String(k).padStart(5, '0')}`);
  const rows = ids.map((deviceId, k) => ({
    deviceId, poleRef: `P${k}`, lat: 44.85 + (Math.floor(k / side) / side) * 0.09, lon: 1.15 + ((k % side) / side) * 0.125, group: `rue-${Math.floor(k / side)}`, nominalPowerW: 40,
  }));
  for (let k = 0; k < rows.length; k += 10_000) {
    const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows.slice(k, k + 10_000) });
    if (inv.statusCode !== 200) throw new Error(`inventory: ${inv.statusCode} ${inv.body}`);
  }
  const devices = await provisionDevices(app, T, ids, { hardwareModel: 'esp32' });
  for (const [k, deviceId] of ids.entries()) {
    if (k % 50 === 0) continue; // 2 % never connect
    const dev = devices.get(deviceId)!;
    await app.devices.handleMessage(statusTopic(T, deviceId), encodePresence({ online: k % 37 !== 0, bootCount: 1 }));
    await app.devices.handleMessage(uplinkTopic(T, deviceId), dev.uplink({ seq: 1, hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32' } }));
    const level = k % 4 === 0 ? 0 : 20 + (k % 5) * 20;
    await app.devices.handleMessage(uplinkTopic(T, deviceId), dev.uplink({ seq: 2, state: { level, targetLevel: level, source: pb.LevelSource.LEVEL_SOURCE_PLAN, powerMw: level * 400 } }));
  }
  await createUser(app, { email: 'bench@big.town', password: 'bench-password-1', roles: { [T]: 'manager' } });

  const listTimes: number[] = [];
  let list = await root(`/api/tenants/${T}/devices`);
  for (let k = 0; k < 10; k++) {
    const t0 = performance.now();
    list = await root(`/api/tenants/${T}/devices`);
    listTimes.push(performance.now() - t0);
  }
  // The list may be paged (X-Total-Count: the lights matching; the body, one page): either way it must count them all.
  const inResponse = (list.json() as unknown[]).length;
  const total = list.headers['x-total-count'] === undefined ? inResponse : Number(list.headers['x-total-count']);
  report.check('the device list counts every light', list.statusCode === 200 && total === N, `${total} of ${N}, ${inResponse} in the response`);
  result('ui_devices_api_rows', inResponse, 'lights');
  result('ui_devices_api', Math.round(listTimes[0] ?? 0), 'ms');
  result('ui_devices_api_median', Math.round(pct(listTimes, 50)), 'ms');
  result('ui_devices_api_p99', Math.round(pct(listTimes, 99)), 'ms');
  result('ui_devices_api_size', Math.round(list.body.length / 1024), 'KiB');

  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  await page.fill('input[name=email]', 'bench@big.town');
  await page.fill('input[name=password]', 'bench-password-1');
  const t1 = performance.now();
  await page.click('button[type=submit]');
  // The map says what it drew (window.slMapShown: mode, the town's lights, the lights drawn on screen).
  type Shown = { mode: string; lights: number; drawn: number; streets: number } | undefined;
  const shownNow = async (): Promise<Shown> => page.evaluate('window.slMapShown') as Promise<Shown>;
  const drewAll = await page.waitForFunction((n) => {
    const s = (globalThis as unknown as { slMapShown?: { lights: number; drawn: number } }).slMapShown;
    return !!s && s.lights === n && s.drawn === n;
  }, N, { timeout: 120_000, polling: 50 }).then(() => true, () => false);
  if (drewAll) result('ui_map_first_draw', Math.round(performance.now() - t1), 'ms');
  const shown = await shownNow();
  report.check('the map drew every light of the town (the legend counts them all)', drewAll, `${JSON.stringify(shown)} of ${N}`);
  result('ui_map_first_mode_clusters', shown?.mode === 'clusters' ? 1 : 0, 'bool');
  const mapReply = await root(`/api/tenants/${T}/map`);
  result('ui_map_api_size', Math.round(mapReply.body.length / 1024), 'KiB');
  const ts = performance.now();
  const streets = await root(`/api/tenants/${T}/map/streets`);
  result('ui_map_streets_api', Math.round(performance.now() - ts), 'ms');
  result('ui_map_streets', (streets.json() as unknown[]).length, 'streets');

  // Frame times: every animation frame's interval, recorded in the page while real input drives Leaflet.
  const box = await page.locator('[data-testid=map]').boundingBox();
  if (!box) throw new Error('no map');
  const cx = box.x + box.width / 2; const cy = box.y + box.height / 2;
  // A string, not a function: tsx would add its `__name` helper to a function body, which the page lacks.
  const startFrames = `(() => { const w = window; w.slFrames = []; w.slDraws = []; w.slFramesOn = true; let last = performance.now();
    const tick = (t) => { if (!w.slFramesOn) return; w.slFrames.push(t - last); last = t; if (w.slMapDrawMs !== w.slLastDraw) { w.slDraws.push(w.slMapDrawMs); w.slLastDraw = w.slMapDrawMs; } requestAnimationFrame(tick); };
    w.slMapDrawMs = -1; w.slLastDraw = -1; requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); }); })()`;
  const stopFrames = '(() => { window.slFramesOn = false; return [window.slFrames.slice(1), window.slDraws.filter((d) => d >= 0)]; })()';
  const drawCount = async (): Promise<number> => page.evaluate('window.slDraws ? window.slDraws.length : 0') as Promise<number>;
  const settle = async (before: number): Promise<boolean> => {
    const until = performance.now() + 10_000;
    while (performance.now() < until) { if (await drawCount() > before) return true; await new Promise((r) => setTimeout(r, 20)); }
    return false;
  };
  // Pans: drags of 300 px in 30 mouse moves, in the four directions in turn.
  await page.evaluate(startFrames);
  let panRedrew = 0;
  for (let k = 0; k < PANS; k++) {
    const [dx, dy] = [[300, 0], [0, 200], [-300, 0], [0, -200]][k % 4] as [number, number];
    const before = await drawCount();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + dx, cy + dy, { steps: 30 });
    await page.mouse.up();
    if (await settle(before)) panRedrew++;
  }
  const [panFrames, panDraws] = await page.evaluate(stopFrames) as [number[], number[]];
  report.check(`each of the ${PANS} pans redrew the map`, panRedrew === PANS, `${panRedrew} of ${PANS}`);
  // Zooms: wheel steps in and out at the centre (Leaflet's animated zoom), the whole town staying in reach.
  await page.evaluate(startFrames);
  let zoomRedrew = 0;
  for (let k = 0; k < ZOOMS; k++) {
    const before = await drawCount();
    await page.mouse.move(cx, cy);
    await page.mouse.wheel(0, k % 2 ? 240 : -240);
    if (await settle(before)) zoomRedrew++;
  }
  const [zoomFrames, zoomDraws] = await page.evaluate(stopFrames) as [number[], number[]];
  report.check(`each of the ${ZOOMS} zooms redrew the map`, zoomRedrew === ZOOMS, `${zoomRedrew} of ${ZOOMS}`);
  const r1 = (v: number): number => Math.round(v * 10) / 10;
  const frames = [...panFrames, ...zoomFrames];
  result('ui_map_frames', frames.length, 'frames');
  result('ui_map_frame_p50', r1(pct(frames, 50)), 'ms');
  result('ui_map_frame_p99', r1(pct(frames, 99)), 'ms');
  result('ui_map_pan_frame_p50', r1(pct(panFrames, 50)), 'ms');
  result('ui_map_pan_frame_p99', r1(pct(panFrames, 99)), 'ms');
  result('ui_map_zoom_frame_p50', r1(pct(zoomFrames, 50)), 'ms');
  result('ui_map_zoom_frame_p99', r1(pct(zoomFrames, 99)), 'ms');
  const draws = [...panDraws, ...zoomDraws];
  result('ui_map_draw_p50', r1(pct(draws, 50)), 'ms');
  result('ui_map_draw_p99', r1(pct(draws, 99)), 'ms');
  result('ui_map_lights', N, 'lights');
  const chromium = childProcesses().filter((c) => /chrom/i.test(c.comm));
  for (const c of chromium) {
    const t = processTreeCpu(c.pid);
    if (t) report.cpu(`chromium (pid ${c.pid} and its children)`, t);
  }
  await ctx.close();
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
report.note(`${N} lights on a 10 km grid (a street per row), server in process (SQLite), Leaflet map in headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`);
await report.finish();
