/**
 * The plan calendar in a real headless Chromium (issue 16): a plan with a public holiday exception shows, in the
 * month view, the holiday's program on the holiday's night and the default program on the nights around it; an
 * event added in the UI moves its night to the event's program; the ministry's school holiday file imported from
 * the page (a malformed one refused with its line); both languages; no horizontal overflow at 390 px.
 * Screenshots at 1366, 820 and 390 px (prefix `cal`) in test-artifacts/screenshots/<run>/.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, type Inject, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { launchChromium, newContext, PHONE, SCREENSHOT_DIR, VIEWPORTS } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';
const FIXTURE = resolve(import.meta.dirname, '../../fleet-server/test/fixtures/fr-en-calendrier-scolaire.csv');

describe('web UI: the plan calendar', () => {
  let app: App;
  let dataDir: string;
  let browser: Browser;
  let root: Inject;
  let url: string;
  let planId: number;

  async function signIn(page: Page): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=email]', 'gestion@sarlat.fr');
    await page.fill('input[name=password]', PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('nav');
  }
  const cell = (page: Page, date: string) => page.locator(`[data-testid=cal-grid] [data-date="${date}"]`);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uical-'));
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => Date.parse('2026-12-01T10:00:00Z'), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ deviceId: 'cal-1', lat: 44.889, lon: 1.216, group: 'cathedrale', nominalPowerW: 30 }] })).statusCode).toBe(200);
    const res = await root({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: 'Cathédrale', plan: {
      programs: [
        { id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 30, level: 0 }] },
        { id: 2, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 120, level: 0 }] },
      ],
      rules: [{ programId: 2, sets: ['fr-public-holidays'], priority: 1 }],
      defaultProgramId: 1,
    } } });
    expect(res.statusCode, res.body).toBe(201);
    planId = (res.json() as { planId: number }).planId;
    // Heritage lighting (decree art. 2: off by 01:00): the holiday program, off at 02:00, is flagged on its nights.
    expect((await root({ method: 'PUT', url: `/api/tenants/${T}/groups/cathedrale/settings`, payload: { category: 'b_heritage' } })).statusCode).toBe(200);
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the holiday exception on the holiday\'s night, and an event added in the editor on its own', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${url}#/t/${T}/plans/${planId}`);
    await page.waitForSelector('[data-testid=plan-calendar]');
    await page.fill('[data-testid=cal-month]', '2026-12');
    await cell(page, '2026-12-25').waitFor();
    expect(await cell(page, '2026-12-25').getAttribute('data-program')).toBe('2');
    expect(await cell(page, '2026-12-25').locator('[data-testid=cal-holiday]').textContent()).toBe('Noël');
    expect(await cell(page, '2026-12-25').textContent()).toContain('Jours fériés');
    for (const d of ['2026-12-24', '2026-12-26']) expect(await cell(page, d).getAttribute('data-program'), d).toBe('1');
    // The decree check over the year with the calendar: the finding says the first night it happens on (Christmas).
    const finding = page.locator('[data-testid=findings] li', { hasText: 'dès la nuit du' }).first();
    await finding.waitFor();
    expect(await finding.textContent()).toMatch(/dès la nuit du 25/);
    // The grid starts on Monday: 1 December 2026 is a Tuesday, in the second column.
    const first = await cell(page, '2026-12-01').boundingBox();
    const monday = await cell(page, '2026-12-07').boundingBox();
    expect(first && monday && first.x > monday.x).toBe(true);

    // An event (a festival night) on 18 December: its night goes to program 2, the others stay.
    await page.click('[data-testid=cal-add-event]');
    await page.fill('[data-testid=cal-event-name]', 'Festival des lumières');
    await page.fill('[data-testid=cal-event-date]', '2026-12-18');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { getAttribute(a: string): string | null; textContent: string } | null } })
      .document.querySelector('[data-testid=cal-grid] [data-date="2026-12-18"]')?.textContent?.includes('Festival des lumières') ?? false);
    expect(await cell(page, '2026-12-18').getAttribute('data-program')).toBe('2');
    expect(await cell(page, '2026-12-17').getAttribute('data-program')).toBe('1');
    await page.click('[data-testid=save-plan]');
    await page.waitForSelector('[data-testid=editor-message]');
    const saved = (await root(`/api/tenants/${T}/plans/${planId}`)).json() as { latestVersion: number; plan: { rules: Array<{ name?: string; dates: string[] }>; calendar: { rules: Array<{ dates: string[] }> } } };
    expect(saved.latestVersion).toBe(2);
    expect(saved.plan.rules.find((r) => r.name === 'Festival des lumières')?.dates).toEqual(['2026-12-18']);
    expect(saved.plan.calendar.rules.flatMap((r) => r.dates)).toEqual(expect.arrayContaining(['2026-12-25', '2026-12-18', '2027-01-01']));

    // The ministry's school holiday file, imported from the page; a malformed one refused with its line.
    await page.click('[data-testid=cal-town] summary');
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\nNoël;-;demain;2025-01-05;Paris;Zone C;2024-2025\n');
    await page.setInputFiles('[data-testid=cal-school-file]', bad);
    await page.waitForSelector('[data-testid=cal-town] .error');
    expect(await page.locator('[data-testid=cal-town] .error').textContent()).toMatch(/ligne 2/);
    await page.setInputFiles('[data-testid=cal-school-file]', FIXTURE);
    await page.waitForSelector('[data-testid=cal-town] .ok');
    expect(await page.locator('[data-testid=cal-town] .ok').textContent()).toBe('19 périodes importées.');

    // Screenshots at the three widths; no horizontal overflow on a phone.
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    for (const [name, size] of [...Object.entries(VIEWPORTS), ['phone', PHONE]] as const) {
      await page.setViewportSize(size);
      await cell(page, '2026-12-25').scrollIntoViewIfNeeded();
      await page.locator('[data-testid=plan-calendar]').screenshot({ path: join(SCREENSHOT_DIR, `cal-month-${name}-${size.width}.png`) });
      const overflow = await page.evaluate(() => { const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement; return d.scrollWidth - d.clientWidth; });
      expect(overflow, `horizontal overflow at ${size.width}px`).toBeLessThanOrEqual(1);
    }
    await ctx.close();
  });

  it('speaks English to an English browser', async () => {
    const ctx = await newContext(browser, { locale: 'en-GB' });
    const page = await ctx.newPage();
    await signIn(page);
    await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('sl-lang', 'en'));
    await page.goto(`${url}#/t/${T}/plans/${planId}`);
    await page.reload();
    await page.waitForSelector('[data-testid=plan-calendar]');
    await page.fill('[data-testid=cal-month]', '2026-12');
    await cell(page, '2026-12-25').waitFor();
    expect(await cell(page, '2026-12-25').locator('[data-testid=cal-holiday]').textContent()).toBe('Christmas Day');
    expect(await page.locator('[data-testid=plan-calendar] h3').textContent()).toBe('Calendar');
    const missing = await page.evaluate(() => (globalThis as unknown as { slI18nMissing?: string[] }).slI18nMissing ?? []);
    expect(missing).toEqual([]);
    await ctx.close();
  });
});
