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
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevices } from '@streetlight/fleet-server/testing';
import { encodePresence, statusTopic, uplinkTopic, pb } from '@streetlight/protocol';
import { launchChromium, newContext } from '../lib/browser.js';

const N = Number(process.env.BENCH_LIGHTS ?? 10_000);
const result = (name: string, value: number, unit: string): void => { process.stdout.write(`RESULT ${name} ${value} ${unit}\n`); };
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

  const t0 = performance.now();
  const list = await root(`/api/tenants/${T}/devices`);
  result('ui_devices_api', Math.round(performance.now() - t0), 'ms');
  result('ui_devices_api_size', Math.round(list.body.length / 1024), 'KiB');

  const ctx = await newContext(browser);
  const page = await ctx.newPage();
  await page.goto(url);
  await page.fill('input[name=email]', 'bench@big.town');
  await page.fill('input[name=password]', 'bench-password-1');
  const t1 = performance.now();
  await page.click('button[type=submit]');
  const last = ids[ids.length - 1] as string;
  await page.waitForFunction((id) => !!(globalThis as unknown as { slMapProbe?: (id: string) => unknown }).slMapProbe?.(id), last, { timeout: 120_000, polling: 50 });
  result('ui_map_first_draw', Math.round(performance.now() - t1), 'ms');
  // A string, not a function: tsx would add its `__name` helper to a function body, which the page lacks.
  const redraw = await page.evaluate(`(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
    const [plus, minus] = document.querySelectorAll('.map-tools button');
    let total = 0; let draw = 0;
    for (let k = 0; k < 20; k++) {
      const s = performance.now();
      (k % 2 ? minus : plus).click(); // in and out: the whole town stays on screen
      await frame();
      total += performance.now() - s;
      draw += window.slMapDrawMs;
    }
    return [total / 20, draw / 20];
  })()`) as [number, number];
  result('ui_map_zoom_to_frame', Math.round(redraw[0] * 10) / 10, 'ms');
  result('ui_map_draw', Math.round(redraw[1] * 10) / 10, 'ms');
  result('ui_map_lights', N, 'lights');
  await ctx.close();
} finally {
  await browser.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
