/**
 * Issue 15, done when: a town's lighting from the workshop to the pole, every part real.
 *
 * - The workshop: the device CLI provisions 21 controllers (20 and a spare; `device provision --devices … --json`),
 *   then flashes 21 simulated boards with them (`device flash`: identity into each board's NVS, a firmware image
 *   into its slot 0). The town's Mosquitto is started with the configuration the CLI generates (`device
 *   broker-config`: dynamic-security plugin, one account per controller) — the real path of an installation
 *   (docs/deployment.md); the fleet server (SQLite) connects to it with the servers' account.
 * - The desk: the lighting manager imports the town's 20 poles (street, cabinet and circuit, height, luminaire
 *   model, power, colour temperature, installation date; no controller yet) from a French Excel CSV through the
 *   Inventaire page in Chromium: a dry run and its report, then apply.
 * - The pole: the boards boot (each from its flashed files) and connect; an installer's phone (Chromium, 360 px,
 *   French) commissions each one — claim code typed, the phone's position given, the pole picked as the nearest
 *   of the town — and sees it on line. Each street has its plan; every controller follows it (70 % and 50 %),
 *   each with the luminaire the inventory has and the firmware version it was flashed with.
 * - A controller fails: the installer replaces it with the spare from the Remplacer tab; the pole keeps its history
 *   and its energy (the old controller's metered days), the spare follows the plan, and the retired controller is
 *   disconnected by Mosquitto and refused when it tries again.
 *
 * Screenshots (installer page at 360 px, the import report) go to test-artifacts/screenshots/<run>/ (prefix `t`)
 * and, with UPDATE_SCREENSHOTS=1, to tests/e2e/screenshots/ where they are committed (tests/README.md).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import mqtt from 'mqtt';
import { startFirmware, type Host } from '@streetlight/firmware';
import { buildSimImage, flashedBoard, SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, TEST_SCRYPT, type Inject } from '@streetlight/fleet-server/testing';
import { freePort } from '../lib/fleet-processes.js';
import { launchChromium, newContext, SCREENSHOT_DIR } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
/** Committed screenshots (UPDATE_SCREENSHOTS=1 writes them). */
const COMMITTED = join(ROOT, 'tests/e2e/screenshots');
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const MANAGER = 'gestion@sarlat.fr';
const INSTALLER = 'poseur@sarlat.fr';
const PHONE = { width: 360, height: 740 };
const SERVER = { username: 'fleet', password: 'fleet-secret-e2e' };
const VERSION = '1.4.0-e2e';
const MODEL = 'SL-ESP32';
const IDS = Array.from({ length: 21 }, (_, k) => `SRL-${String(k + 1).padStart(4, '0')}`);
const SPARE = IDS[20] as string;
/** The pole whose controller fails (metered, as is the spare, so the pole has energy to keep). */
const FAILING = 4;

/** The town's 20 poles: two streets of 10, 28 m apart. */
const POLES = Array.from({ length: 20 }, (_, k) => {
  const a = k < 10;
  const n = a ? k : k - 10;
  return {
    id: `${a ? 'MON' : 'THI'}-${String(n + 1).padStart(2, '0')}`, street: a ? 'Rue Montaigne' : 'Avenue Thiers',
    lat: Number(((a ? 44.88900 : 44.89200) + n * 0.00025).toFixed(5)), lon: Number(((a ? 1.21600 : 1.22000) + n * 0.0002).toFixed(5)),
    circuit: a ? 'D1' : 'D2', model: a ? 'LUMA-36' : 'LUMA-60', watts: a ? 36 : 60, cct: a ? 2700 : 3000,
  };
});
const LEVEL: Record<string, number> = { 'rue-montaigne': 70, 'avenue-thiers': 50 };
const groupOf = (street: string): string => (street === 'Rue Montaigne' ? 'rue-montaigne' : 'avenue-thiers');

/** Waits until `check` holds (real time: Mosquitto, Chromium and the boards are real), failing after `ms` with `what`. */
async function until<T>(check: () => Promise<T | undefined | false> | T | undefined | false, what: () => string | Promise<string>, ms = 120_000): Promise<T> {
  for (const end = Date.now() + ms; ;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`not within ${ms / 1000} s: ${await what()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The page's document, as the functions run in Chromium see it (the tests' program has no DOM lib). */
type Doc = { document: { querySelector(s: string): { textContent: string | null } | null } };

interface Detail {
  online: boolean; firmwareVersion: string | null; groups: string[];
  reported: { level: number | null; levelSource: string | null } | null;
  inventory: { poleRef: string | null; lat: number | null; lon: number | null; group: string | null; luminaireModel: string | null; nominalPowerW: number | null } | null;
}

describe('a town from the workshop to the pole: 20 controllers provisioned, flashed, imported, commissioned on the phone, one replaced', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-town-'));
  const dataDir = join(dir, 'data');
  const clock = new VirtualClock({ start: Date.parse('2026-01-15T17:30:00Z') }); // 18:30 in Sarlat, after sunset
  const boards = new Map<string, SimBoard>();
  const claim = new Map<string, string>();
  let mosquitto: ChildProcess | undefined;
  let brokerUrl = '';
  let app: App;
  let root: Inject;
  let url: string;
  let browser: Browser;
  const t0 = Date.now();
  const detail = async (id: string): Promise<Detail> => (await root(`/api/tenants/${T}/devices/${id}`)).json() as Detail;

  /** The device CLI, as `npx -y pnpm@10 --filter @streetlight/fleet-server run device …` runs it (without pnpm's start-up). */
  const cli = async (args: string[]): Promise<string> => (await run(process.execPath, ['--conditions=@streetlight/source', '--import', 'tsx', 'src/device-cli.ts', ...args], {
    cwd: join(ROOT, 'fleet-server'), env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: dir, MQTT_USERNAME: SERVER.username, MQTT_PASSWORD: SERVER.password },
    maxBuffer: 16 * 1024 * 1024,
  })).stdout;

  async function shot(page: Page, name: string, committed?: string, target?: string): Promise<void> {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = join(SCREENSHOT_DIR, `${name}.png`);
    if (target) await page.locator(target).screenshot({ path: file });
    else await page.screenshot({ path: file });
    if (committed && process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(COMMITTED, { recursive: true });
      copyFileSync(file, join(COMMITTED, `${committed}.png`));
    }
  }

  async function signIn(ctx: BrowserContext, email: string, size?: { width: number; height: number }): Promise<Page> {
    const page = await ctx.newPage();
    if (size) await page.setViewportSize(size);
    await page.goto(url);
    await page.fill('input[name=email]', email);
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=nav-inventory]');
    return page;
  }

  beforeAll(async () => {
    // ---- the workshop: provision 21 controllers, flash 21 simulated boards
    const port = await freePort();
    brokerUrl = `mqtt://127.0.0.1:${port}`;
    const made = JSON.parse(await cli(['provision', '--tenant', T, '--devices', `${IDS[0]}..${SPARE}`, '--model', MODEL, '--broker', brokerUrl, '--out-dir', join(dir, 'batch'), '--json'])) as {
      devices: Array<{ deviceId: string; claimCode: string }>;
    };
    for (const d of made.devices) claim.set(d.deviceId, d.claimCode);
    expect(claim.size).toBe(21);
    writeFileSync(join(dir, 'firmware.slimg'), buildSimImage({ version: VERSION, hardwareModels: [MODEL], kind: 'full' }, 16_384));
    const flashed = JSON.parse(await cli(['flash', '--devices', `${IDS[0]}..${SPARE}`, '--identity-dir', join(dir, 'batch'), '--image', join(dir, 'firmware.slimg'),
      '--sim-dir', join(dir, 'boards'), '--model', MODEL, '--json'])) as { firmwareVersion: string; boards: unknown[] };
    expect([flashed.firmwareVersion, flashed.boards.length]).toEqual([VERSION, 21]);

    // ---- the town's Mosquitto, configured by the CLI from the device table
    const conf = join(dir, 'mosquitto');
    const persistence = join(dir, 'mosquitto-data');
    mkdirSync(persistence, { recursive: true });
    expect(await cli(['broker-config', '--out', conf, '--listener', `127.0.0.1:${port}`, '--persistence-dir', persistence])).toMatch(/for 21 device\(s\)/);
    // Started as root, Mosquitto reads its files and writes its persistence after dropping to its own user.
    for (const d of [dir, conf]) chmodSync(d, 0o755);
    chmodSync(persistence, 0o777);
    mosquitto = spawn(process.env.MOSQUITTO_BIN ?? '/usr/sbin/mosquitto', ['-c', join(conf, 'mosquitto.conf')], { stdio: 'ignore' });
    await until(async () => {
      try {
        await (await mqtt.connectAsync(brokerUrl, { ...SERVER, clientId: 'fleet-probe', reconnectPeriod: 0, connectTimeout: 2000 })).endAsync();
        return true;
      } catch {
        return false;
      }
    }, () => 'Mosquitto listening with the generated configuration', 30_000);

    // ---- the fleet server on that broker, the town's catalogue, cabinet and people
    app = await build({
      config: { dataDir, httpPort: 0, mqttUrl: brokerUrl, mqttUsername: SERVER.username, mqttPassword: SERVER.password, mqttShareGroup: 'town-e2e' },
      now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT,
    });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    await until(() => app.fleet.mqttConnected(), () => 'the server on Mosquitto', 30_000);
    expect((await root({ method: 'POST', url: '/api/tenants', payload: { id: T, name: 'Sarlat-la-Canéda', kind: 'town' } })).statusCode).toBe(200);
    for (const [id, w] of [['LUMA-36', 36], ['LUMA-60', 60]] as const) {
      expect((await root({ method: 'PUT', url: `/api/tenants/${T}/luminaire-models/${id}`, payload: { name: `Lanterne LED ${w} W`, nominalW: w } })).statusCode).toBe(200);
    }
    expect((await root({ method: 'PUT', url: `/api/tenants/${T}/inventory/cabinets/AR-01`, payload: { name: 'Place de la Liberté', pdl: '09876543210123', contractedKva: 12, tariff: 'C5 BT base' } })).statusCode).toBe(200);
    for (const c of ['D1', 'D2']) expect((await root({ method: 'PUT', url: `/api/tenants/${T}/inventory/cabinets/AR-01/circuits/${c}`, payload: {} })).statusCode).toBe(200);
    await createUser(app, { email: MANAGER, name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    await createUser(app, { email: INSTALLER, name: 'Sam Poseur', password: PW, roles: { [T]: 'installer' } });

    // ---- the boards: each boots from its flashed files; the failing one and the spare have a metering chip
    for (const [k, id] of IDS.entries()) {
      const pole = POLES[k];
      const metered = k === FAILING || id === SPARE;
      const b = new SimBoard({
        clock, ...flashedBoard(join(dir, 'boards'), id), nominalW: pole?.watts ?? 36, firmware: (host: Host) => startFirmware(host),
        ...(pole ? { position: { lat: pole.lat, lon: pole.lon } } : {}), ...(metered ? { meter: 'bl0940' as const } : {}),
      });
      boards.set(id, b);
      b.powerOn();
    }
    clock.start(20);
    browser = await launchChromium();
    console.log(`screenshots: ${SCREENSHOT_DIR}`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    clock.stop();
    for (const b of boards.values()) b.dispose();
    await app?.close();
    const p = mosquitto;
    if (p && p.exitCode === null) await new Promise<void>((r) => { p.once('exit', () => r()); p.kill('SIGTERM'); });
    rmSync(dir, { recursive: true, force: true });
    console.log(`installers-town: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
  });

  it('imports the town\'s 20 poles from a French Excel CSV on the Inventaire page: dry run, report, apply', async () => {
    // Every board is on line through Mosquitto, none commissioned yet, each with the version it was flashed with.
    await until(async () => {
      const ds = await Promise.all(IDS.map(detail));
      return ds.every((d) => d.online && d.firmwareVersion === VERSION && d.inventory === null);
    }, async () => `boards: ${JSON.stringify((await Promise.all(IDS.map(detail))).map((d) => [d.online, d.firmwareVersion]))}`);

    const csv = ['Support;Rue;Latitude;Longitude;Armoire;Départ;Hauteur (m);Modèle;Puissance;Température de couleur;Date de pose',
      ...POLES.map((p) => [p.id, p.street, p.lat.toFixed(5).replace('.', ','), p.lon.toFixed(5).replace('.', ','), 'AR-01', p.circuit, '8', p.model, p.watts, p.cct, '15/03/2019'].join(';'))].join('\r\n');
    const ctx = await newContext(browser);
    const page = await signIn(ctx, MANAGER);
    await page.click('[data-testid=nav-inventory]');
    await page.waitForSelector('[data-testid=import]');
    // A first try with mistakes: each rejected line with its number and the reason in French; nothing can be applied.
    const [head, ...lines] = csv.split('\r\n');
    const bad = [head, lines[0], (lines[1] as string).replace('LUMA-36', 'LUMA-99'), (lines[2] as string).replace(/;44,8\d+;/, ';quarante-quatre;'), lines[0]].join('\r\n');
    await page.setInputFiles('input[name=import-file]', { name: 'poteaux-sarlat-v0.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'latin1') });
    await page.click('[data-testid=import-dry-run]');
    await page.waitForSelector('[data-testid=import-report][data-applied=false]');
    expect(await page.textContent('[data-testid=import-summary]')).toBe('4 lignes rejetées : rien ne sera écrit tant qu’elles ne seront pas corrigées.');
    expect(await page.textContent('[data-testid=import-lines] tr[data-line="3"]')).toContain('modèle de luminaire LUMA-99 absent du catalogue');
    expect(await page.textContent('[data-testid=import-lines] tr[data-line="4"]')).toContain('la latitude « quarante-quatre » n’est pas un nombre');
    expect(await page.textContent('[data-testid=import-lines] tr[data-line="5"]')).toContain('le poteau MON-01 est sur les lignes 2, 5');
    expect(await page.isDisabled('[data-testid=import-apply]')).toBe(true);
    await shot(page, 't00-import-rejected', 'import-report-rejected', '[data-testid=import]');
    await page.setInputFiles('input[name=import-file]', { name: 'poteaux-sarlat.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });
    await page.click('[data-testid=import-dry-run]');
    await page.waitForSelector('[data-testid=import-report][data-applied=false]');
    expect(await page.textContent('[data-testid=import-summary]')).toBe('Aucune ligne rejetée : l’import peut être appliqué.');
    expect(await page.locator('[data-testid=import-lines] tr[data-status=created]').count()).toBe(20);
    expect(await page.textContent('[data-testid=import-lines] tr[data-line="2"]')).toContain('poteau MON-01');
    await shot(page, 't01-import-report', 'import-report', '[data-testid=import]');
    expect(((await root(`/api/tenants/${T}/inventory/poles`)).json() as unknown[]).length).toBe(0); // a dry run writes nothing
    await page.click('[data-testid=import-apply]');
    await page.waitForSelector('[data-testid=import-report][data-applied=true]');
    await page.waitForSelector('[data-testid=poles] tr[data-pole="THI-10"]');
    const poles = (await root(`/api/tenants/${T}/inventory/poles`)).json() as Array<{ id: string; luminaires: Array<{ modelId: string; controller: string | null }> }>;
    expect(poles.map((p) => [p.id, p.luminaires[0]?.modelId, p.luminaires[0]?.controller])).toEqual(POLES.map((p) => [p.id, p.model, null]));
    await ctx.close();
  }, 180_000);

  it('commissions the 20 boards from the phone at 360 px: code typed, position given, the nearest pole picked; each follows its street\'s plan', async () => {
    const ctx = await newContext(browser);
    await ctx.grantPermissions(['geolocation'], { origin: new URL(url).origin });
    const page = await signIn(ctx, INSTALLER, PHONE);
    await page.waitForSelector('[data-testid=install-form]');
    const started = Date.now();
    for (const [k, pole] of POLES.entries()) {
      const id = IDS[k] as string;
      // At the foot of the pole, the phone's fix 3 m off.
      await ctx.setGeolocation({ latitude: pole.lat + 0.00002, longitude: pole.lon + 0.00002, accuracy: 5 });
      await page.fill('input[name=device-id]', id);
      await page.fill('input[name=claim-code]', (claim.get(id) as string).toLowerCase());
      await page.click('[data-testid=locate]');
      await page.waitForSelector('[data-testid=accuracy]');
      await page.click('[data-testid=near-poles]');
      const first = await page.waitForSelector('[data-testid=near-list] li:first-child button');
      expect(await first.getAttribute('data-pole')).toBe(pole.id);
      await first.click();
      await page.waitForSelector('[data-testid=pole-picked]');
      // The pole's luminaire and cabinet are shown as the inventory has them.
      expect([await page.inputValue('select[name=model]'), await page.inputValue('input[name=power]'), await page.inputValue('select[name=cabinet]')]).toEqual([pole.model, String(pole.watts), 'AR-01']);
      if (k === 0) {
        expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        const box = await first.boundingBox();
        expect(box && box.height >= 44).toBe(true);
        await shot(page, 't02-installer-pole-picked', 'installer-pole-picked');
      }
      const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/devices/${id}/commission`));
      await page.click('[data-testid=commission]');
      const body = (await sent).postDataJSON() as Record<string, unknown>;
      // A pole of the town keeps its own position: the phone's is not sent.
      expect(body).toMatchObject({ claimCode: claim.get(id), poleRef: pole.id, luminaireModel: pole.model, nominalPowerW: pole.watts, cabinetId: 'AR-01', circuitId: pole.circuit });
      expect(body.lat).toBeUndefined();
      await page.waitForSelector(`[data-testid=install-status][data-device="${id}"] [data-testid=status-link]`);
      await page.waitForFunction(() => (globalThis as unknown as Doc).document.querySelector('[data-testid=status-link]')?.textContent === 'En ligne');
      // The first light of a street makes its group: the manager assigns the street its named plan; the street's
      // next lights get it at once when commissioned.
      if (k === 0 || k === 10) {
        const g = groupOf(pole.street);
        const plan = await root({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: `${pole.street} ${LEVEL[g]} %`, plan: {
          programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: LEVEL[g], fadeS: 1 }, { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 1 }] }], defaultProgramId: 1,
        } } });
        expect(plan.statusCode, plan.body).toBe(201);
        const assigned = await root({ method: 'PUT', url: `/api/tenants/${T}/groups/${g}/settings`, payload: { category: 'a', zone: 'ordinary', activity: null, planId: (plan.json() as { planId: number }).planId, priority: 0 } });
        expect(assigned.statusCode, assigned.body).toBe(200);
      }
      if (k === 1) {
        // The lamp answers at its street's plan level before the installer leaves.
        await page.waitForFunction(() => ((globalThis as unknown as Doc).document.querySelector('[data-testid=status-level]')?.textContent ?? '').replace(/\s/g, '') === '70%')
          .catch(async (e: unknown) => { throw new Error(`${String(e)}\npage: ${await page.textContent('[data-testid=install-status]')}\napi: ${JSON.stringify(await detail(id))}`); });
        await shot(page, 't03-installer-status', 'installer-status');
      }
      await page.click('[data-testid=next-controller]');
      await page.waitForSelector('[data-testid=install-form]');
    }
    console.log(`installers-town: 20 controllers commissioned on the phone in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await ctx.close();

    // Every controller on its imported pole, with the pole's luminaire and street, at its street's plan level.
    await until(async () => {
      const ds = await Promise.all(POLES.map((_, k) => detail(IDS[k] as string)));
      return ds.every((d, k) => d.online && d.reported?.levelSource === 'plan' && d.reported.level === LEVEL[groupOf((POLES[k] as { street: string }).street)]);
    }, async () => `levels: ${JSON.stringify((await Promise.all(POLES.map((_, k) => detail(IDS[k] as string)))).map((d) => [d.online, d.reported]))}`);
    for (const [k, pole] of POLES.entries()) {
      const d = await detail(IDS[k] as string);
      expect(d.inventory).toMatchObject({ poleRef: pole.id, lat: pole.lat, lon: pole.lon, group: groupOf(pole.street), luminaireModel: pole.model, nominalPowerW: pole.watts });
      expect(d.firmwareVersion).toBe(VERSION);
      // The lamp itself: the board's light output is the plan's level.
      expect(Math.round((boards.get(IDS[k] as string) as SimBoard).levelPct)).toBe(LEVEL[groupOf(pole.street)]);
    }
  }, 300_000);

  it('replaces a failed controller with the spare from the phone: the pole keeps its history and energy, the old one is cut off by Mosquitto', async () => {
    const pole = POLES[FAILING] as (typeof POLES)[number];
    const oldId = IDS[FAILING] as string;
    const old = boards.get(oldId) as SimBoard;
    // The failing controller has metered energy on its pole (a report every virtual minute).
    expect((await root({ method: 'PUT', url: `/api/tenants/${T}/devices/${oldId}/config`, payload: { energyIntervalS: 60 } })).statusCode).toBe(200);
    const day = '2026-01-15';
    const energy = async () => (await root(`/api/tenants/${T}/inventory/poles/${pole.id}/energy?from=${day}&to=2026-01-16`)).json() as { totalWh: number; days: Array<{ deviceId: string; energyWh: number }> };
    const before = await until(async () => { const e = await energy(); return e.totalWh > 0 && e; }, async () => `energy of ${pole.id}: ${JSON.stringify(await energy())}`);

    const ctx = await newContext(browser);
    await ctx.grantPermissions(['geolocation'], { origin: new URL(url).origin });
    const page = await signIn(ctx, INSTALLER, PHONE);
    await page.click('[data-testid=install-mode] [data-mode=replace]');
    await page.fill('input[name=replace-pole]', pole.id);
    await page.click('[data-testid=find-pole]');
    expect(await (await page.waitForSelector('[data-testid=pole-info]')).textContent()).toContain(oldId);
    await page.fill('input[name=new-label]', `SLC1:${SPARE}:${claim.get(SPARE) as string}`);
    await page.click('[data-testid=replace]');
    expect(await (await page.waitForSelector('[data-testid=replaced]')).textContent())
      .toBe(`Contrôleur ${oldId} remplacé par ${SPARE} sur le poteau ${pole.id} ; l’ancien est retiré, ses accès révoqués.`);
    await ctx.close();

    // The spare takes the street's plan at once, on the same luminaire.
    await until(async () => { const d = await detail(SPARE); return d.reported?.levelSource === 'plan' && d.reported.level === 70; }, async () => JSON.stringify(await detail(SPARE)));
    expect((await detail(SPARE)).inventory).toMatchObject({ poleRef: pole.id, luminaireModel: pole.model, group: 'rue-montaigne' });
    const p = (await root(`/api/tenants/${T}/inventory/poles/${encodeURIComponent(pole.id)}`)).json() as { luminaires: Array<{ id: string; controller: string }>; history: Array<{ deviceId: string; endReason: string | null; replacedBy: string | null }> };
    expect(p.history.map((h) => [h.deviceId, h.endReason, h.replacedBy])).toEqual([[oldId, 'replaced', SPARE], [SPARE, null, null]]);
    expect(p.luminaires.map((l) => [l.id, l.controller])).toEqual([[`L-${pole.id}`, SPARE]]);
    // The pole's energy keeps the old controller's days.
    const after = await energy();
    expect(after.totalWh).toBeGreaterThanOrEqual(before.totalWh);
    expect(after.days.some((d) => d.deviceId === oldId && d.energyWh > 0)).toBe(true);
    // Out of the town's lights; Mosquitto dropped its connection and refuses it from now on.
    expect(((await root(`/api/tenants/${T}/devices`)).json() as Array<{ id: string }>).map((d) => d.id)).not.toContain(oldId);
    await until(() => !old.online, () => `${oldId} still connected to Mosquitto`, 60_000);
    const { user, password } = old.identity.mqtt;
    const refused = await mqtt.connectAsync(brokerUrl, { username: user, password, clientId: oldId, reconnectPeriod: 0, connectTimeout: 5000 })
      .then(async (c) => { await c.endAsync(true); return false; }, () => true);
    expect(refused).toBe(true);
    // The desk's pole page tells the story.
    const desk = await newContext(browser);
    const dp = await signIn(desk, MANAGER);
    await dp.goto(`${url}#/t/${T}/inventory/${pole.id}`);
    const row = await dp.waitForSelector(`[data-testid=pole-history] tr[data-device="${oldId}"]`);
    expect(await row.getAttribute('data-end')).toBe('replaced');
    expect(await row.textContent()).toContain(`remplacé par ${SPARE}`);
    await desk.close();
  }, 240_000);
});
