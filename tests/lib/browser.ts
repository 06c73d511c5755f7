/**
 * Headless Chromium for UI tests (Debian's /usr/bin/chromium driven by playwright-core), and the screenshot
 * folder of a run: test-artifacts/screenshots/<run>/ (git-ignored), <run> = UTC time of the run, or
 * SCREENSHOT_RUN when set. Widths: desktop 1366×900, tablet 820×1180 (portrait).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const VIEWPORTS = { desktop: { width: 1366, height: 900 }, tablet: { width: 820, height: 1180 } } as const;
/** A phone (390 × 844), for the tests that look at the narrowest layout; not among `screenshotBoth`'s widths. */
export const PHONE = { width: 390, height: 844 } as const;
export type ViewportName = keyof typeof VIEWPORTS | 'phone';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = join(repoRoot, 'test-artifacts', 'screenshots', process.env.SCREENSHOT_RUN ?? new Date().toISOString().replace(/[:.]/g, '-'));

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A French-speaking lighting manager's browser in Paris time, unless told otherwise (`timezoneId`: an IANA zone). */
export async function newContext(browser: Browser, opts: { viewport?: ViewportName; locale?: string; timezoneId?: string } = {}): Promise<BrowserContext> {
  const ctx = await browser.newContext({
    viewport: opts.viewport === 'phone' ? PHONE : VIEWPORTS[opts.viewport ?? 'desktop'], locale: opts.locale ?? 'fr-FR', timezoneId: opts.timezoneId ?? 'Europe/Paris', acceptDownloads: true,
  });
  // Waits end as soon as the page shows what they wait for; 60 s (not Playwright's 30) for a loaded machine.
  ctx.setDefaultTimeout(60_000);
  return ctx;
}

/** Screenshots the page at both widths (restores the original viewport). Returns the files written. */
export async function screenshotBoth(page: Page, name: string): Promise<string[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  const files: string[] = [];
  for (const [vp, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400); // layout, canvas resize and redraw
    const file = join(SCREENSHOT_DIR, `${name}-${vp}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  if (original) await page.setViewportSize(original);
  return files;
}
