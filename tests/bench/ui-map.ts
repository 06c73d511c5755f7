/**
 * `pnpm bench:ui-map` — the web UI's map with 10,000 lights in headless Chromium (issue 7).
 *
 * A server in process with N commissioned lights on a 10 km × 10 km grid (default 10,000), each registered
 * with a Hello and a state report (a quarter off, the rest lit at various levels, a few offline), a lighting
 * manager signed in through the UI. Issue 11: every light is provisioned first and its frames carry its MAC (the
 * service drops any other). Prints: the device list API time and size, the time from sign-in to the map
 * having drawn every light, and the time of one redraw after a zoom (click → the canvas redrawn, two animation
 * frames; at least two frame periods, ≈ 33 ms at 60 Hz) and of the canvas draw itself, averaged over 20 zooms in and out.
 *
 * Environment: BENCH_LIGHTS (default 10000), CHROMIUM_PATH (default /usr/bin/chromium).
 *
 * Issue 14: through benchReport (bench/results/ui-map.json: machine, date, load, CPU of this process, which is the
 * server, and of Chromium's processes). Checked: the device list counts every light, the map drew every light
 * that connected, each zoom redrew. The device list is read 10 times (first, median, p99) and the zoom repeated
 * 50 times (p50, p99).
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

const N = Number(process.env.BENCH_LIGHTS ?? 10_000);
const report = benchReport('ui-map');
const result = report.result;
const ZOOMS = 50;
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
    deviceId, poleRef: `P${k}`, lat: 44.85 + (Math.floor(k / side) / side) * 0.09, lon: 1.15 + ((k % side) / side) * 0.125, group: `street-${k % 200}`, nominalPowerW: 40,
  }));
  const inv = await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: rows });
  if (inv.statusCode !== 200) throw new Error(`inventory: ${inv.statusCode} ${inv.body}`);
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
  // Issue 14: the map gets clusters (or, zoomed in, points) from GET /map; the page says what it drew
  // (window.slMapShown: mode, the town's lights, the lights drawn on screen).
  type Shown = { mode: string; lights: number; drawn: number } | undefined;
  const shownNow = async (): Promise<Shown> => page.evaluate('window.slMapShown') as Promise<Shown>;
  const drewAll = await page.waitForFunction((n) => {
    const s = (globalThis as unknown as { slMapShown?: { lights: number; drawn: number } }).slMapShown;
    return !!s && s.lights === n && s.drawn === n;
  }, N, { timeout: 60_000, polling: 50 }).then(() => true, () => false);
  if (drewAll) result('ui_map_first_draw', Math.round(performance.now() - t1), 'ms');
  const shown = await shownNow();
  report.check('the map drew every light of the town (the legend counts them all)', drewAll, `${JSON.stringify(shown)} of ${N}`);
  result('ui_map_first_mode_clusters', shown?.mode === 'clusters' ? 1 : 0, 'bool');
  const mapReply = await root(`/api/tenants/${T}/map`);
  result('ui_map_api_size', Math.round(mapReply.body.length / 1024), 'KiB');
  // A string, not a function: tsx would add its `__name` helper to a function body, which the page lacks.
  const redraw = await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    const [plus, minus] = document.querySelectorAll('.map-tools button');
    const total = []; const draw = [];
    for (let k = 0; k < ${ZOOMS}; k++) {
      const s = performance.now();
      window.slMapDrawMs = -1;
      (k % 2 ? minus : plus).click(); // in and out: the whole town stays on screen
      await frame();
      total.push(performance.now() - s);
      draw.push(window.slMapDrawMs);
    }
    return [total, draw];
  })()`) as [number[], number[]];
  const [zooms, draws] = redraw;
  report.check(`each of the ${ZOOMS} zooms redrew the map`, draws.every((d) => d >= 0), `${draws.filter((d) => d < 0).length} without a draw`);
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  result('ui_map_zoom_to_frame', Math.round(mean(zooms) * 10) / 10, 'ms');
  result('ui_map_zoom_to_frame_p50', Math.round(pct(zooms, 50) * 10) / 10, 'ms');
  result('ui_map_zoom_to_frame_p99', Math.round(pct(zooms, 99) * 10) / 10, 'ms');
  result('ui_map_draw', Math.round(mean(draws) * 10) / 10, 'ms');
  result('ui_map_draw_p99', Math.round(pct(draws, 99) * 10) / 10, 'ms');
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
report.note(`${N} lights on a 10 km grid, server in process (SQLite), headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'})`);
await report.finish();
