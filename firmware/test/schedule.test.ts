import { Anchor, type Plan } from '@streetlight/protocol/lean';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, nightOf, programFor, resolveNight, type Site } from '../src/schedule.js';
import { sunEventUtc, ZENITH_OFFICIAL } from '../src/sun.js';
import { parsePosixTz } from '../src/tz.js';

const SARLAT: Site = { tz: parsePosixTz('CET-1CEST,M3.5.0,M10.5.0/3'), latDeg: 44.8897, lonDeg: 1.2166 };
const utc = (iso: string): number => Date.parse(iso);
const clock = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

/** Sobriety plan: full at sunset, 50 % from 23:00, off 01:00–05:00, 50 % until sunrise. */
const sobriety: Plan = {
  id: 7, version: 3, defaultProgramId: 1,
  programs: [
    { id: 1, steps: [
      { anchor: Anchor.ANCHOR_SUNSET, offsetMin: 0, level: 100, fadeS: 5 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: clock('23:00'), level: 50, fadeS: 60 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: clock('01:00'), level: 0, fadeS: 60 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: clock('05:00'), level: 50, fadeS: 60 },
      { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 0, level: 0, fadeS: 5 },
    ] },
    // Festival nights: full all night.
    { id: 2, steps: [
      { anchor: Anchor.ANCHOR_SUNSET, offsetMin: -10, level: 100 },
      { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 10, level: 0 },
    ] },
    // Weekend: off only from 02:00.
    { id: 3, steps: [
      { anchor: Anchor.ANCHOR_SUNSET, level: 100 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: clock('02:00'), level: 0 },
      { anchor: Anchor.ANCHOR_SUNRISE, level: 0 },
    ] },
  ],
  rules: [
    { programId: 3, weekdayMask: 0b0110000 }, // Friday and Saturday evenings
    { programId: 2, dates: [20260714, 20261231], priority: 0 },
  ],
};

describe('plan evaluation over a night', () => {
  const evening = utc('2026-11-23T00:00:00Z'); // a Monday
  const sunset = sunEventUtc(evening, SARLAT.latDeg, SARLAT.lonDeg, ZENITH_OFFICIAL, false) as number;
  const sunrise = sunEventUtc(evening + 86_400_000, SARLAT.latDeg, SARLAT.lonDeg, ZENITH_OFFICIAL, true) as number;

  it('is off in the afternoon and says when the night starts', () => {
    const d = evaluatePlan(SARLAT, sobriety, utc('2026-11-23T13:00:00Z'));
    expect(d.level).toBe(0);
    expect(d.nextAt).toBe(sunset);
  });

  it.each([
    ['just after sunset', 1, 100],
    ['23:30 CET', utc('2026-11-23T22:30:00Z'), 50],
    ['02:00 CET (heart of the night)', utc('2026-11-24T01:00:00Z'), 0],
    ['05:30 CET', utc('2026-11-24T04:30:00Z'), 50],
    ['after sunrise', -1, 0],
  ])('%s → %i %%', (_label, at, level) => {
    const t = at === 1 ? sunset + 1000 : at === -1 ? sunrise + 1000 : at;
    expect(evaluatePlan(SARLAT, sobriety, t).level).toBe(level);
  });

  it('attributes the small hours to the previous evening (noon-to-noon night)', () => {
    expect(nightOf(SARLAT, utc('2026-11-24T03:00:00Z'))).toBe(evening);
    expect(nightOf(SARLAT, utc('2026-11-24T10:59:59Z'))).toBe(evening); // 11:59:59 CET
    expect(nightOf(SARLAT, utc('2026-11-24T11:00:00Z'))).toBe(evening + 86_400_000); // noon CET
  });

  it('chooses programs by weekday and date, dated rules first', () => {
    expect(programFor(sobriety, utc('2026-11-23T00:00:00Z'))?.id).toBe(1); // Monday
    expect(programFor(sobriety, utc('2026-11-27T00:00:00Z'))?.id).toBe(3); // Friday
    expect(programFor(sobriety, utc('2026-07-14T00:00:00Z'))?.id).toBe(2); // Bastille Day, a Tuesday
    expect(programFor(sobriety, utc('2026-12-31T00:00:00Z'))?.id).toBe(2); // New Year's Eve, a Thursday
  });
});

describe('daylight saving change nights', () => {
  const plan = (hhmm: string): Plan => ({
    id: 1, version: 1, defaultProgramId: 1,
    programs: [{ id: 1, steps: [
      { anchor: Anchor.ANCHOR_SUNSET, level: 100 },
      { anchor: Anchor.ANCHOR_CLOCK, offsetMin: clock(hhmm), level: 30 },
      { anchor: Anchor.ANCHOR_SUNRISE, level: 0 },
    ] }],
  });

  it('runs a step in the repeated autumn hour exactly once, at its first occurrence', () => {
    const steps = resolveNight(SARLAT, plan('02:30'), utc('2026-10-24T00:00:00Z'));
    const at30 = steps.filter((s) => s.level === 30);
    expect(at30).toHaveLength(1);
    expect(at30[0]?.at).toBe(utc('2026-10-25T00:30:00Z')); // 02:30 CEST
    // Still 30 % during the second 02:30 (CET): not run again, not undone.
    expect(evaluatePlan(SARLAT, plan('02:30'), utc('2026-10-25T01:30:00Z')).level).toBe(30);
  });

  it('runs a step in the skipped spring hour once, just after the change', () => {
    const steps = resolveNight(SARLAT, plan('02:30'), utc('2026-03-28T00:00:00Z'));
    const at30 = steps.filter((s) => s.level === 30);
    expect(at30).toHaveLength(1);
    expect(at30[0]?.at).toBe(utc('2026-03-29T01:30:00Z')); // 03:30 CEST
    expect(evaluatePlan(SARLAT, plan('02:30'), utc('2026-03-29T01:29:59Z')).level).toBe(100);
    expect(evaluatePlan(SARLAT, plan('02:30'), utc('2026-03-29T01:30:00Z')).level).toBe(30);
  });

  it('keeps clock steps at the same local time on either side of a change', () => {
    const before = resolveNight(SARLAT, plan('23:00'), utc('2026-10-24T00:00:00Z')).find((s) => s.level === 30);
    const after = resolveNight(SARLAT, plan('23:00'), utc('2026-10-25T00:00:00Z')).find((s) => s.level === 30);
    expect(before?.at).toBe(utc('2026-10-24T21:00:00Z')); // 23:00 CEST
    expect(after?.at).toBe(utc('2026-10-25T22:00:00Z'));  // 23:00 CET
  });
});
