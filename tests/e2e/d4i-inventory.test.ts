/**
 * Issue 17 "Done when": a D4i driver's data reaches the inventory and its failure raises an alarm. The real firmware
 * on a simulated board whose luminaire has a DALI-2 LED driver with D4i memory banks (and a BL0940 metering chip on
 * the same board's other UART), the fleet server (embedded broker, SQLite) on the same virtual clock; everything read
 * through the REST API: the light's luminaire data with its sources, the decree file, the FIWARE Streetlight export,
 * and the LED failure's alarm, raised then cleared when the LED is repaired.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirmware, DALI_POLL_MS, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { settleNetwork } from '@streetlight/hardware-sim/testing';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, provisionDevice, TEST_SCRYPT, type Inject } from '@streetlight/fleet-server/testing';
import type { Browser } from 'playwright-core';
import { launchChromium, newContext, screenshotBoth } from '../lib/browser.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TENANT = 'd4itown';
const DEVICE = 'D4I-1';
const SARLAT = { lat: 44.8897, lon: 1.2166 };
const LUMINAIRE = { gtin: 3_760_123_450_029, serial: '0000000000BEEF01', yearOfManufacture: 25, weekOfManufacture: 9, nominalPowerW: 36, fluxLm: 5200, cctK: 2700 };

interface AlarmView { id: number; type: string; state: string; deviceId: string }
interface Sourced { value: unknown; source: string | null; driver: unknown }

describe('a D4i driver describes its luminaire to the inventory, and its failure raises an alarm', () => {
  const clock = new VirtualClock({ start: Date.parse('2026-11-23T18:00:00Z') }); // 19:00 in Sarlat: dark
  let app: Awaited<ReturnType<typeof build>>;
  let inject: Inject;
  let board: SimBoard;
  let browser: Browser | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd4i-e2e-'));

  const settle = async (): Promise<void> => {
    await settleNetwork({
      idle: () => app.devices.idle(),
      progress: () => app.fleet.metrics.framesReceived + app.fleet.metrics.downlinksSent + board.link.attempts,
      describe: () => `virtual ${new Date(clock.now()).toISOString()}`,
    });
  };
  /** Moves the clock a second at a time, the network settled after each step, until `check` holds; returns the virtual delay. */
  async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
    const from = clock.now();
    for (;;) {
      if (await check()) return clock.now() - from;
      if (clock.now() - from >= timeoutMs) {
        throw new Error(`${what}: not after ${timeoutMs / 1000} virtual s; board ${board.state}, link ${board.online ? 'up' : 'down'}, `
          + `status ${JSON.stringify((board.firmware as unknown as Firmware | undefined)?.status().dali)}`);
      }
      clock.advance(1000);
      await settle();
    }
  }
  const luminaireData = async () => (await inject(`/api/tenants/${TENANT}/devices/${DEVICE}/luminaire-data`)).json() as {
    report: null | { reason: string; d4i: boolean; luminaire: Record<string, unknown>; driver: Record<string, unknown>; diagnostics: { failures: string[]; energyWh: number; ledOnHours: number } };
    values: Record<'gtin' | 'nominalPowerW' | 'cctK' | 'fluxLm', Sourced>;
  };
  const alarms = async (): Promise<AlarmView[]> => (await inject(`/api/tenants/${TENANT}/alarms?limit=100`)).json().alarms;

  beforeAll(async () => {
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => clock.now(), logger: false, passwordHashing: TEST_SCRYPT });
    inject = await authedInject(app);
    // Commissioned with its pole and a declared CCT, but neither its rated power nor its flux: the driver knows them.
    const res = await inject({ method: 'POST', url: `/api/tenants/${TENANT}/inventory`, payload: [{ deviceId: DEVICE, poleRef: 'P-0012', lat: SARLAT.lat, lon: SARLAT.lon, cctK: 3000 }] });
    expect(res.statusCode, res.body).toBe(200);
    const url = new URL(app.fleet.brokerUrl);
    const { identity } = await provisionDevice(app, TENANT, DEVICE, { broker: { host: url.hostname, port: Number(url.port) } });
    board = new SimBoard({
      clock, identity, position: SARLAT, nominalW: 36, meter: 'bl0940',
      dali: { info: LUMINAIRE, past: { operatingH: 12_000, starts: 4000, energyWh: 250_000, ledOnH: 11_500 } },
      firmware: (host: Host) => startFirmware(host),
    });
    board.powerOn();
  });

  afterAll(async () => {
    await browser?.close();
    board?.dispose();
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("comes online and its driver's data reaches the light's inventory, the decree file and the FIWARE export", async () => {
    const delay = await until('the luminaire report stored', async () => (await luminaireData()).report !== null, 5 * 60_000);
    process.stdout.write(`D4i report on the server ${(delay / 1000).toFixed(0)} s (virtual) after power-on\n`);
    const data = await luminaireData();
    expect(data.report).toMatchObject({
      reason: 'boot', d4i: true,
      luminaire: { gtin: '3760123450029', serial: LUMINAIRE.serial, yearOfManufacture: 2025, weekOfManufacture: 9, nominalPowerW: 36, fluxLm: 5200, cctK: 2700 },
      driver: { firmware: '1.4' },
      diagnostics: { failures: [] },
    });
    expect(data.report!.diagnostics.energyWh).toBeGreaterThanOrEqual(250_000);
    expect(data.report!.diagnostics.ledOnHours).toBe(11_500);
    // Sources: the GTIN, rated power and flux from the driver; the declared CCT kept, the driver's beside it.
    expect(data.values).toEqual({
      gtin: { value: '3760123450029', source: 'driver', driver: '3760123450029' },
      nominalPowerW: { value: 36, source: 'driver', driver: 36 },
      cctK: { value: 3000, source: 'declared', driver: 2700 },
      fluxLm: { value: 5200, source: 'driver', driver: 5200 },
    });
    // The decree file: maximum power and flux no longer missing, said to come from the driver, with the GTIN.
    const csv = await inject(`/api/tenants/${TENANT}/exports/decree-compliance.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    const [header, line] = csv.body.replace(/^\uFEFF/, '').split('\r\n').map((l) => l.split(';'));
    const cell = (name: string): string | undefined => line?.[header!.indexOf(name)];
    expect(cell('Support')).toBe('P-0012');
    expect(cell('Contrôleur')).toBe(DEVICE);
    expect(cell('Puissance maximale (W)')).toBe('36');
    expect(cell('Flux lumineux (lm)')).toBe('5200');
    expect(cell('Température de couleur (K)')).toBe('3000');
    expect(cell('GTIN')).toBe('3760123450029');
    expect(cell('Valeurs du driver D4i')).toBe('puissance, flux');
    expect(cell('Valeurs manquantes')).not.toMatch(/Puissance|Flux/);
    // FIWARE Streetlight: the rated power the inventory lacked, from the driver.
    const ld = (await inject(`/api/tenants/${TENANT}/exports/streetlights.ngsi-ld.json?format=keyValues`)).json() as Array<Record<string, unknown>>;
    expect(ld.find((e) => String(e.id).endsWith(`:${DEVICE}`))).toMatchObject({ powerRating: 36 });
  }, 300_000);

  it('the server asks it to read its driver again: a new report, on request', async () => {
    const res = await inject({ method: 'POST', url: `/api/tenants/${TENANT}/devices/${DEVICE}/luminaire-data/read` });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ online: true });
    await until('the requested report', async () => (await luminaireData()).report?.reason === 'requested', 2 * 60_000);
  }, 120_000);

  it('an LED failure the driver reports raises an led_failure alarm; repaired, the alarm clears', async () => {
    board.dali!.setLedOpen(true);
    const raised = await until('led_failure open', async () => (await alarms()).some((a) => a.type === 'led_failure' && a.state === 'open'), 5 * DALI_POLL_MS);
    expect(raised).toBeLessThanOrEqual(3 * DALI_POLL_MS);
    expect((await alarms()).find((a) => a.type === 'led_failure')).toMatchObject({ deviceId: DEVICE });
    board.dali!.setLedOpen(false);
    const cleared = await until('led_failure cleared', async () => (await alarms()).some((a) => a.type === 'led_failure' && a.state === 'cleared'), 5 * DALI_POLL_MS);
    process.stdout.write(`led_failure: alarm open ${(raised / 1000).toFixed(0)} s and cleared ${(cleared / 1000).toFixed(0)} s (virtual) after the fault and the repair\n`);
  }, 300_000);

  it("the light's page shows the driver's data with its sources and the driver's alarm, in French and English", async () => {
    const PW = 'lampadaire-d4i-2026';
    await createUser(app, { email: 'gestion@d4i.fr', name: 'Camille Gestion', password: PW, roles: { [TENANT]: 'manager' } });
    const url = `${await app.fleet.listen()}/`;
    browser = await launchChromium();
    for (const [locale, words] of [
      ['fr-FR', { title: 'Luminaire décrit par son driver', driver: 'relevé par le driver', declared: 'déclaré', says: 'le driver indique 2', alarm: 'LED en panne (driver)', read: 'Relire le driver', sent: 'Demande envoyée' }],
      ['en-GB', { title: 'The luminaire as its driver describes it', driver: 'reported by the driver', declared: 'declared', says: 'the driver says 2', alarm: 'LED failure (driver)', read: 'Read the driver again', sent: 'Request sent' }],
    ] as const) {
      const ctx = await newContext(browser, { locale });
      const page = await ctx.newPage();
      await page.goto(url);
      await page.fill('input[name=email]', 'gestion@d4i.fr');
      await page.fill('input[name=password]', PW);
      await page.click('button[type=submit]');
      await page.waitForSelector('nav');
      await page.goto(`${url}#/t/${TENANT}/light/${DEVICE}`);
      const card = page.locator('[data-testid=light-d4i]');
      await card.waitFor();
      const text = await card.innerText();
      expect(text).toContain(words.title);
      expect(await page.locator('[data-testid=d4i-gtin]').innerText()).toMatch(new RegExp(`3760123450029\\s+${words.driver}`));
      expect(await page.locator('[data-testid=d4i-flux]').innerText()).toContain(words.driver);
      expect(await page.locator('[data-testid=d4i-cct]').innerText()).toContain(words.declared);
      expect(await page.locator('[data-testid=d4i-cct]').innerText()).toContain(words.says);
      // The cleared LED failure is in the light's alarms, named in the page's language; no key or code shown raw.
      const body = await page.locator('body').innerText();
      expect(body).toContain(words.alarm);
      expect(body).not.toMatch(/\b(d4iFail_|d4iReason_|event_|led_failure|srcDriver)/);
      // The read button: a touch target of 44 px, and it says the request went out.
      const button = page.locator('[data-testid=d4i-read]');
      expect(await button.innerText()).toBe(words.read);
      expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await button.click();
      await page.locator('[data-testid=light-d4i] [role=status]').filter({ hasText: words.sent }).waitFor();
      await screenshotBoth(page, `d4i-light-${locale}`);
      await ctx.close();
    }

  }, 300_000);
});
