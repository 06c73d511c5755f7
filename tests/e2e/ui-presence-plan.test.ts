/**
 * The plan editor with presence steps (issue 17) in a real headless Chromium: a manager turns a step into a presence
 * step, sets its base level, hold and fades; the live curve shows the base and the raised level, the preview gives
 * the expected hours raised from the street's traffic (a main road raised longer than a residential street, and the
 * estimate grows), the decree check flags a hold too short, and the saved version holds the presence mode (API).
 * French and English; no horizontal overflow at 390 px. Screenshots (prefix `presence`) in
 * test-artifacts/screenshots/<run>/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from '@streetlight/fleet-server';
import { authedInject, createUser, type Inject, TEST_SCRYPT } from '@streetlight/fleet-server/testing';
import { launchChromium, newContext, SCREENSHOT_DIR } from '../lib/browser.js';

type App = Awaited<ReturnType<typeof build>>;
const T = 'sarlat';
const PW = 'lampadaire-2026!';

describe('web UI: presence steps in the plan editor', () => {
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
  /** Waits for a preview reply after the last edit (the editor previews 350 ms after a change). */
  async function previewAfter(page: Page, edit: () => Promise<void>): Promise<Record<string, unknown>> {
    const reply = page.waitForResponse((r) => r.url().endsWith('/plans/preview') && r.request().method() === 'POST');
    await edit();
    return (await reply).json() as Promise<Record<string, unknown>>;
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sl-uipresence-'));
    app = await build({ config: { dataDir, httpPort: 0, mqttPort: 0 }, now: () => Date.parse('2026-12-01T10:00:00Z'), logger: false, passwordHashing: TEST_SCRYPT });
    url = `${await app.fleet.listen()}/`;
    root = await authedInject(app);
    expect((await root({ method: 'POST', url: `/api/tenants/${T}/inventory`, payload: [{ deviceId: 'pir-1', lat: 44.889, lon: 1.216, group: 'rue-fenelon', nominalPowerW: 36 }] })).statusCode).toBe(200);
    const res = await root({ method: 'POST', url: `/api/tenants/${T}/plans`, payload: { name: 'Rue Fénelon', plan: {
      programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 23 * 60, level: 80, fadeS: 10 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] }],
      rules: [], defaultProgramId: 1,
    } } });
    expect(res.statusCode, res.body).toBe(201);
    planId = (res.json() as { planId: number }).planId;
    await createUser(app, { email: 'gestion@sarlat.fr', name: 'Camille Gestion', password: PW, roles: { [T]: 'manager' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('edits a presence step: base and raised curves, expected hours from the traffic, decree findings, saved', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${url}#/t/${T}/plans/${planId}`);
    await page.waitForSelector('[data-testid=steps]');
    await page.waitForSelector('[data-testid=preview-kpis]');
    const fixedKwh = await page.locator('[data-testid=preview-kpis] b').first().textContent();
    // Step 1 (23:00, 80 %) becomes a presence step: off while nobody is there.
    const p1 = await previewAfter(page, () => page.check('[data-testid=presence-1]'));
    const row = page.locator('[data-testid=presence-row-1]');
    await row.waitFor();
    expect(await row.locator('input[name=presence-base]').inputValue()).toBe('0');
    expect(await row.locator('input[name=presence-hold]').inputValue()).toBe('60');
    expect((p1.presence as { steps: boolean }).steps).toBe(true);
    await page.waitForSelector('[data-testid=timeline-legend]');
    expect(await page.textContent('[data-testid=timeline-legend]')).toContain('sur détection');
    // Two curves: the raised one dashed over the base one.
    expect(await page.locator('[data-testid=timeline] svg path[stroke-dasharray]').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid=presence-expected]');
    const residential = await page.textContent('[data-testid=presence-expected]');
    expect(residential).toMatch(/relevé [\d,]+ h sur [\d,]+ h/);
    expect(await page.locator('[data-testid=preview-kpis] b').first().textContent()).not.toBe(fixedKwh);
    // A hold of 5 s: the decree check warns (a walker takes 15 s to cross a pole's light).
    await page.fill('[data-testid=presence-row-1] input[name=presence-hold]', '5');
    await page.locator('[data-testid=findings] li', { hasText: 'maintien de 5 s' }).waitFor();
    // A main road: raised longer than a residential street.
    const pRes = p1.nights as Array<{ raisedHours: number }>;
    await page.fill('[data-testid=presence-row-1] input[name=presence-hold]', '90');
    const pMain = await previewAfter(page, async () => { await page.selectOption('[data-testid=street-type]', 'main'); });
    expect((pMain.nights as Array<{ raisedHours: number }>)[0]!.raisedHours).toBeGreaterThan(pRes[0]!.raisedHours);
    await page.locator('[data-testid=presence-expected]', { hasText: 'axe principal' }).waitFor();
    // Base level 20 %, fades 2 s up and 30 s down.
    await page.locator('[data-testid=presence-row-1] input[name=presence-base]').fill('20');
    await page.fill('[data-testid=presence-row-1] input[name=presence-fade-up]', '2');
    await page.fill('[data-testid=presence-row-1] input[name=presence-fade-down]', '30');
    // Anticipation from the pole's learnt traffic: from 40 %, pre-lit at 50 %.
    await page.fill('[data-testid=presence-row-1] input[name=presence-anticipate]', '40');
    await page.locator('[data-testid=presence-row-1] input[name=presence-prelight]').fill('50');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'presence-editor-1366.png'), fullPage: true });
    await page.click('[data-testid=save-plan]');
    await page.locator('[data-testid=editor-message]').waitFor();
    const saved = (await root({ method: 'GET', url: `/api/tenants/${T}/plans/${planId}` })).json() as { plan: { programs: Array<{ steps: Array<{ presence?: unknown }> }> } };
    expect(saved.plan.programs[0]!.steps[1]!.presence).toEqual({ baseLevel: 20, holdS: 90, fadeUpS: 2, fadeDownS: 30, anticipatePct: 40, prelightLevel: 50 });
    expect(saved.plan.programs[0]!.steps[0]!.presence).toBeUndefined();
    // Reloaded, the editor shows the presence step as saved (the mode is not dropped on load).
    await page.reload();
    await page.locator('[data-testid=presence-row-1]').waitFor();
    expect(await page.locator('[data-testid=presence-row-1] input[name=presence-base]').inputValue()).toBe('20');
    expect(await page.locator('[data-testid=presence-row-1] input[name=presence-prelight]').inputValue()).toBe('50');
    await ctx.close();
  });

  it('reads in English, and fits a phone', async () => {
    const ctx = await newContext(browser, { viewport: 'phone', locale: 'en-GB' });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`${url}#/t/${T}/plans/${planId}`);
    await page.locator('[data-testid=presence-row-1]').waitFor();
    await page.waitForSelector('[data-testid=presence-expected]');
    expect(await page.textContent('[data-testid=presence-expected]')).toMatch(/raised [\d.]+ h of [\d.]+ h/);
    expect(await page.textContent('[data-testid=steps] thead')).toContain('Presence');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'presence-editor-390.png'), fullPage: true });
    expect(overflow).toBeLessThanOrEqual(1);
    await ctx.close();
  });
});
