/**
 * The UI's time formatting in the town's zone (src/ui/i18n.ts): times are the town's wall clock (the firmware's
 * POSIX TZ code), and the zone is written where a reading is ambiguous — the browser's zone differs then, or
 * the time falls in the hour repeated when summer time ends. Checked against the tz database (Intl).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeI18n, townZone } from '../src/ui/i18n.js';

const FRANCE = 'CET-1CEST,M3.5.0,M10.5.0/3';
const browserTz = process.env.TZ;
/** Node applies a changed TZ to later Date calls: the "browser's" zone. */
const inBrowserZone = (tz: string): void => { process.env.TZ = tz; };
const paris = (ms: number, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('fr-FR', { ...opts, timeZone: 'Europe/Paris' }).format(ms);

describe('times in the town\'s zone', () => {
  afterEach(() => { if (browserTz === undefined) delete process.env.TZ; else process.env.TZ = browserTz; });

  it('shows the town\'s wall clock without the zone to a browser in the same zone', () => {
    inBrowserZone('Europe/Paris');
    const i = makeI18n('fr', townZone(FRANCE));
    const t = Date.parse('2026-01-15T17:30:00Z');
    expect(i.dateTime(t)).toBe(paris(t, { dateStyle: 'medium', timeStyle: 'short' }));
    expect(i.time(t)).toBe('18:30');
    expect(i.zone(t)).toBe('CET');
    expect(i.zone(Date.parse('2026-07-01T12:00:00Z'))).toBe('CEST');
  });

  it('adds the zone for a browser elsewhere, and keeps the town\'s clock', () => {
    inBrowserZone('America/New_York');
    const i = makeI18n('fr', townZone(FRANCE));
    const t = Date.parse('2026-01-15T17:30:00Z');
    expect(i.time(t)).toBe('18:30\u00a0CET');
    expect(i.dateTime(t)).toBe(`${paris(t, { dateStyle: 'medium', timeStyle: 'short' })}\u00a0CET`);
    expect(i.clock(t)).toBe('18:30'); // chart axes: never the zone
  });

  it('marks both occurrences of the repeated hour when summer time ends', () => {
    inBrowserZone('Europe/Paris');
    const i = makeI18n('en', townZone(FRANCE));
    const first = Date.parse('2026-10-25T00:30:00Z'); // 02:30 CEST
    const second = Date.parse('2026-10-25T01:30:00Z'); // 02:30 CET
    expect(i.time(first)).toBe('02:30\u00a0CEST');
    expect(i.time(second)).toBe('02:30\u00a0CET');
    expect(i.time(Date.parse('2026-10-25T03:30:00Z'))).toBe('04:30'); // after it: unambiguous
    expect(i.time(Date.parse('2026-03-29T01:30:00Z'))).toBe('03:30'); // spring forward: no repeated hour
  });

  it('names numeric zones by their offset, and gives the town\'s calendar date', () => {
    inBrowserZone('Europe/Paris');
    const reunion = makeI18n('fr', townZone('<+04>-4'));
    const t = Date.parse('2026-01-15T21:30:00Z');
    expect(reunion.time(t)).toBe('01:30\u00a0UTC+04');
    expect(reunion.localDate(t)).toBe('2026-01-16');
    expect(makeI18n('fr', townZone(FRANCE)).localDate(t)).toBe('2026-01-15');
    expect(makeI18n('fr', townZone('<-03>3')).zone(t)).toBe('UTC\u221203');
    // A calendar day is shown as such whatever the zone.
    expect(reunion.day('2026-01-15')).toBe('15 janv. 2026');
    // No or a bad rule: the browser's zone, as before.
    expect(townZone('not a rule')).toBeNull();
    expect(makeI18n('fr', null).time(t)).toBe(new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' }).format(t));
  });
});
