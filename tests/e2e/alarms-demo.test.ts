/**
 * An alarm from injection to notification to intervention to clearing, in Chromium, on the demo (scripts/demo.ts, what
 * `pnpm demo` runs) with a real SMTP server started by the test on a free port (smtp-server):
 * - the lighting manager sets the on-duty e-mails in the UI (the SMTP password never comes back);
 * - the Simulation panel puts a lamp failure on one light and a supply fault on a cabinet's circuit; the simulated
 *   controllers detect them and the alarms appear;
 * - the digest arrives at the sink: French, the cabinet's fault one line with its count, a link to the lamp's alarm;
 * - the mail's link opens the alarm's panel; the manager assigns it to a maintenance company, records the intervention
 *   (parts replaced), and lifts the fault in the simulation; the controller reports the fault gone and the panel says
 *   it was cleared by the device; the supply fault is cleared by hand with a reason.
 * Every wait is on a condition. Screenshots at 1366, 820 and 390 px go to test-artifacts/screenshots/<run>/ and, with
 * UPDATE_SCREENSHOTS=1, to tests/e2e/screenshots/ (committed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, newContext, PHONE, SCREENSHOT_DIR, VIEWPORTS } from '../lib/browser.js';
import { LONG, removeTemps, ROOT, temp } from '../lib/doc-commands.js';
import { startSmtpSink, type SmtpSink } from '../../fleet-server/test/smtp-sink.js';

const COMMITTED = join(ROOT, 'tests/e2e/screenshots');

interface Demo { url: string; password: string; stop: () => Promise<number | null> }

async function startDemo(dataDir: string): Promise<Demo> {
  const child: ChildProcess = spawn(process.execPath, ['--conditions=@streetlight/source', '--import', 'tsx', 'scripts/demo.ts',
    '--data-dir', dataDir, '--http-port', '0', '--mqtt-port', '0', '--speed', '120', '--boards', '24'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
  let stdout = ''; let stderr = '';
  child.stdout?.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); });
  const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exited = false;
  void closed.then(() => { exited = true; });
  const banner = /UI\s+(http:\/\/\S+)\/\n\s+sign in as\s+\S+\s+\/\s+(\S+)/;
  const deadline = Date.now() + 300_000;
  let m: RegExpExecArray | null;
  while (!(m = banner.exec(stdout))) {
    if (exited || Date.now() > deadline) throw new Error(`the demo did not start\n--- stdout\n${stdout.slice(-3000)}\n--- stderr\n${stderr.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url: m[1] as string, password: m[2] as string, stop: async () => { child.kill('SIGINT'); return closed; } };
}

/** Polls until `check` gives a truthy value; fails after `ms` of real time naming what it waited for. */
async function until<T>(what: string, check: () => Promise<T | undefined | null | false>, ms = 240_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const size of [VIEWPORTS.desktop, VIEWPORTS.tablet, PHONE]) {
    await page.setViewportSize(size);
    const file = join(SCREENSHOT_DIR, `${name}-${size.width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(COMMITTED, { recursive: true });
      copyFileSync(file, join(COMMITTED, `${name}-${size.width}.png`));
    }
  }
  if (original) await page.setViewportSize(original);
}

describe('an alarm handled to the end, in the browser, on the demo', () => {
  let sink: SmtpSink;
  beforeAll(async () => { sink = await startSmtpSink(); });
  afterAll(async () => { await sink?.stop(); removeTemps(); });

  it('goes from a simulated fault to the on-duty mail, an intervention and the clearing', async () => {
    const demo = await startDemo(temp('sl-alarms-'));
    const browser = await launchChromium();
    try {
      const ctx = await newContext(browser, { locale: 'fr-FR' });
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${demo.url}/`);
      await page.fill('input[name=email]', 'manager@sarlat.demo');
      await page.fill('input[name=password]', demo.password);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=nav-alarms]');
      await page.click('[data-testid=nav-alarms]');

      // The on-duty e-mails, set in the UI.
      await page.click('[data-testid=alarm-settings] summary');
      await page.waitForSelector('[data-testid=mail-settings] [data-testid=mail-save]');
      await page.check('[data-testid=mail-enabled]');
      await page.fill('[data-testid=mail-recipientsText]', 'astreinte@sarlat.example');
      await page.fill('[data-testid=mail-smtpHost]', '127.0.0.1');
      await page.fill('[data-testid=mail-smtpPort]', String(sink.port));
      await page.selectOption('[data-testid=mail-smtpTls]', 'none');
      await page.fill('[data-testid=mail-smtpUser]', '');
      await page.fill('[data-testid=mail-password]', 'mot-de-passe-smtp');
      await page.fill('[data-testid=mail-fromAddress]', 'eclairage@sarlat.example');
      await page.click('[data-testid=mail-save]');
      await page.waitForSelector('[data-testid=mail-settings] [role=status]');
      const settings = await page.evaluate(async () => (await fetch(location.pathname.replace(/\/$/, '') + '/api/tenants/sarlat/notifications/settings')).text());
      expect(settings).toContain('"hasPassword":true');
      expect(settings).not.toContain('mot-de-passe-smtp');
      await page.fill('[data-testid=company-name]', 'Citéos Périgord');
      await page.fill('[data-testid=company-phone]', '+33 5 53 00 00 00');
      await page.click('[data-testid=company-add]');
      await page.waitForSelector('[data-testid=companies] li');

      // A lamp failure on one light, a supply fault on a cabinet's circuit: from the Simulation panel.
      await page.waitForSelector('[data-testid=simulation] [data-testid=sim-target] option', { state: 'attached' });
      const light = await page.$eval('[data-testid=sim-target]', (s) => (s as HTMLSelectElement).value);
      await page.click('[data-testid=sim-inject]');
      await page.selectOption('[data-testid=sim-kind]', 'supply_fault');
      const circuit = await page.$eval('[data-testid=sim-target]', (s) => (s as HTMLSelectElement).value);
      await page.click('[data-testid=sim-inject]');
      await page.waitForSelector('[data-testid=sim-faults] li:nth-child(2)');
      const cabinet = circuit.split('/')[0] as string;

      // The controllers detect them: the alarms appear in the list (polled every 5 s).
      await until('the lamp failure in the list', async () => (await page.textContent('[data-testid=alarms-table]').catch(() => ''))?.includes(light));
      // The digests: French, one mail per 15-minute period at most, the cabinet's fault one line with its count, a link to
      // the lamp's alarm. The two faults land in one period or in two, as the demo's clock and the machine's load have it.
      const mails = await until('the digests at the SMTP sink', async () => {
        const lamp = sink.mails.find((m) => new RegExp(`Panne de lampe — [^\\n]*contrôleur ${light}`).test(m.text ?? ''));
        const supply = sink.mails.find((m) => /Tension d’alimentation basse — armoire/.test(m.text ?? ''));
        return lamp && supply ? { lamp, supply } : undefined;
      }, 300_000).catch(async (e: unknown) => { throw new Error(`${String(e)}; mails: ${JSON.stringify(sink.mails.map((m) => m.text))}`); });
      for (const m of new Set([mails.lamp, mails.supply])) {
        expect(m.subject).toMatch(/^\[Sarlat-la-Canéda\] \d+ nouvelles? alarmes? d’éclairage public \(\d\d h \d\d – \d\d h \d\d\)$/);
        expect(sink.mails.filter((x) => x.subject === m.subject && x.text === m.text)).toHaveLength(1); // never sent twice
      }
      expect(mails.supply.text).toMatch(new RegExp(`Tension d’alimentation basse — armoire ${cabinet}, départ D1 : \\d+ points lumineux`));
      const link = new RegExp(`Panne de lampe — [^\\n]*contrôleur ${light}[^\\n]*\\n  (\\S+)`).exec(mails.lamp.text ?? '')?.[1] as string;
      expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/t\/sarlat\/alarms\/\d+$/);
      await shoot(page, 'alarms-list');

      // The mail's link opens the alarm's panel: notified, then assigned, intervention recorded.
      await page.goto(link);
      await page.waitForSelector('[data-testid=alarm-panel] [data-testid=alarm-notified]');
      await page.selectOption('[data-testid=alarm-assign-to]', { label: 'Citéos Périgord' });
      await page.click('[data-testid=alarm-assign]');
      await until('assigned', async () => (await page.textContent('[data-testid=alarm-state]')) === 'Confiée');
      await page.fill('[data-testid=alarm-comment]', 'Nacelle prévue ce soir');
      await page.click('[data-testid=alarm-add-comment]');
      await page.waitForSelector('.alarm-comments li');
      await page.click('[data-testid=alarm-intervention] summary');
      await page.fill('[data-testid=iv-when]', '2026-12-08T09:30');
      await page.fill('[data-testid=iv-by]', 'Citéos — J. Martin');
      await page.fill('[data-testid=iv-what]', 'Driver LED remplacé');
      await page.fill('[data-testid=iv-parts]', 'Driver 40 W 1–10 V');
      await page.click('[data-testid=iv-save]');
      await until('intervened', async () => (await page.textContent('[data-testid=alarm-state]')) === 'Intervention faite');
      expect(await page.textContent('[data-testid=alarm-panel]')).toContain('Driver LED remplacé');
      expect(await page.textContent('[data-testid=alarm-panel]')).toContain('Nacelle prévue ce soir');
      await shoot(page, 'alarm-panel');

      // The repair: the fault lifted in the simulation; the controller reports it gone and the alarm is cleared.
      await page.click(`[data-testid=sim-faults] li:has-text("${light}") [data-testid=sim-lift]`);
      await until('cleared by the device', async () => (await page.textContent('[data-testid=alarm-state]')) === 'Terminée', 300_000);
      expect(await page.textContent('[data-testid=alarm-cleared]')).toContain('le contrôleur ne voit plus le défaut');

      // The cabinet's alarms: the list filtered by cabinet, one cleared by hand with a reason.
      await page.goto(`${demo.url}/#/t/sarlat/alarms?cabinet=${cabinet}&type=voltage_low`);
      await page.waitForSelector('[data-testid=alarms-table] tbody tr');
      await page.click('[data-testid=alarms-table] tbody tr td a');
      await page.waitForSelector('[data-testid=alarm-clear-reason]');
      await page.fill('[data-testid=alarm-clear-reason]', 'Disjoncteur réarmé, tension revenue');
      await page.click('[data-testid=alarm-clear]');
      await until('cleared by hand', async () => (await page.textContent('[data-testid=alarm-cleared]').catch(() => ''))?.includes('Disjoncteur réarmé'));
      await shoot(page, 'alarm-cleared');
      expect(errors).toEqual([]);
      await ctx.close();
    } finally {
      await browser.close();
      expect(await demo.stop()).toBe(0);
    }
  }, LONG);
});
