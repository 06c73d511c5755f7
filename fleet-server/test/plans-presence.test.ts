/**
 * The decree check and the preview with presence steps (issue 17): the expected energy from a traffic profile
 * (plans/traffic.ts: a 7 × 24 table of detections per hour), the base and raised curves, and the findings.
 * Sarlat, January 2026, 10 luminaires of 36 W.
 */
import { describe, expect, it } from 'vitest';
import { draftPlanSchema, draftToProto, type GroupRules, type PlanDraft } from '../src/plans/model.js';
import { validatePlan } from '../src/plans/validate.js';
import { previewPlan } from '../src/plans/preview.js';
import { nightsFrom, powerW, toSite } from '../src/plans/night.js';
import { defaultTraffic, fromOccupancyProbability, fromQuarterHours, raisedFraction, rateAt } from '../src/plans/traffic.js';

const SITE = { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', lat: 44.889, lon: 1.216 };
const site = toSite(SITE);
const lum = [{ nominalW: 36, curve: 1, minLevel: 0, count: 10 }];
const evenings = nightsFrom('2026-01-12', 7); // Monday to Sunday evenings
const presence = (p: { baseLevel?: number; holdS?: number; fadeUpS?: number; fadeDownS?: number } = {}) =>
  ({ baseLevel: 0, holdS: 60, fadeUpS: 1, fadeDownS: 10, ...p });
/** Full light at sunset, presence mode (80 % on detection) from 23:00, off at sunrise. */
const plan = (mode = presence(), extra: Partial<PlanDraft> = {}): PlanDraft => draftPlanSchema.parse({
  programs: [{ id: 1, steps: [
    { anchor: 'sunset', offsetMin: 0, level: 100 },
    { anchor: 'clock', offsetMin: 23 * 60, level: 80, fadeS: 10, presence: mode },
    { anchor: 'sunrise', offsetMin: 0, level: 0 },
  ] }],
  defaultProgramId: 1, ...extra,
});
const fixed = draftPlanSchema.parse({ programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 23 * 60, level: 80, fadeS: 10 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] }], defaultProgramId: 1 });
const flat = (rate: number) => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => rate));

describe('traffic profiles', () => {
  it('a Poisson street: the share of time raised is 1 − e^(−λT), T = hold + half the fades', () => {
    expect(raisedFraction(0, 60)).toBe(0);
    expect(raisedFraction(6, 60)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(raisedFraction(6, 50, 10, 10)).toBeCloseTo(1 - Math.exp(-0.1), 12);
    expect(raisedFraction(3600, 60)).toBeCloseTo(1, 12);
  });

  it('default tables: 7 × 24, a main road busier than a residential street, weekend small hours busier', () => {
    const res = defaultTraffic('residential');
    expect(res).toHaveLength(7);
    for (const row of res) expect(row).toHaveLength(24);
    expect(defaultTraffic('main')[0]![22]).toBeGreaterThan(res[0]![22]!);
    expect(res[5]![2]).toBeGreaterThan(res[1]![2]!); // Saturday 02:00 vs Tuesday 02:00
    // Local Monday 22:00 (UTC-midnight-based local ms, as toLocalMs gives).
    expect(rateAt(res, Date.UTC(2026, 0, 12, 22, 30))).toBe(res[0]![22]);
  });

  it('a learned profile plugs in: probabilities → rates; quarter-hour cells folded into hours', () => {
    const p = fromOccupancyProbability(flat(1 - Math.exp(-2)));
    expect(p[3]![4]).toBeCloseTo(2, 12);
    const quarters = Array.from({ length: 7 }, () => Array.from({ length: 96 }, () => 1 - Math.exp(-0.5)));
    expect(fromQuarterHours(quarters)[6]![23]).toBeCloseTo(2, 12);
  });
});

describe('preview of presence steps', () => {
  it('the curve shows the base level and the raised level; energy lies between base and raised, growing with traffic', () => {
    const quiet = previewPlan(draftToProto(plan()), site, { evenings, luminaires: lum, traffic: flat(0) });
    const some = previewPlan(draftToProto(plan()), site, { evenings, luminaires: lum, traffic: flat(6) });
    const busy = previewPlan(draftToProto(plan()), site, { evenings, luminaires: lum, traffic: flat(600) });
    const steady = previewPlan(draftToProto(fixed), site, { evenings, luminaires: lum });
    const n = some.nights[0]!;
    expect(n.steps.map((s) => [s.level, s.baseLevel])).toEqual([[100, undefined], [80, 0], [0, undefined]]);
    const late = n.samples.filter((s) => s.raised !== undefined);
    expect(late.length).toBeGreaterThan(20);
    expect(late.every((s) => s.level === 0 && s.raised === 80)).toBe(true);
    expect(some.presence).toEqual({ steps: true, traffic: 'given' });
    expect(n.presenceHours).toBeGreaterThan(7);
    // 6 passers-by an hour, T = 60 + 5.5 s: raised 10.3 % of the presence hours.
    expect(n.raisedHours / n.presenceHours).toBeCloseTo(raisedFraction(6, 60, 1, 10), 3);
    // Exact expectation: quiet = sunset..23:00 at full; the raise adds p × P(80 %) over the presence hours.
    const addWh = 10 * powerW(lum[0]!, 80) * n.raisedHours;
    expect(n.energyKwh - quiet.nights[0]!.energyKwh).toBeCloseTo(addWh / 1000, 2);
    expect(quiet.energyKwh).toBeLessThan(some.energyKwh);
    expect(some.energyKwh).toBeLessThan(busy.energyKwh);
    // A street busy all night costs what the fixed plan at the raised level costs (within the fades).
    expect(busy.energyKwh).toBeCloseTo(steady.energyKwh, 0);
    expect(busy.energyKwh).toBeLessThanOrEqual(steady.energyKwh + 0.01);
  });

  it('the default traffic is a residential street (weekday and weekend nights differ)', () => {
    const p = previewPlan(draftToProto(plan()), site, { evenings, luminaires: lum });
    expect(p.presence.traffic).toBe('default_residential');
    const hours = p.nights.map((x) => x.raisedHours);
    // Weekday nights alike; Friday and Saturday evenings (indices 4 and 5) run into the weekend's small hours
    // (twice the traffic until 04:00) and quieter early mornings (half until 09:00).
    expect(hours[2]!).toBeCloseTo(hours[1]!, 1);
    expect(Math.abs(hours[4]! - hours[1]!)).toBeGreaterThan(0.05);
    expect(hours.every((h) => h > 0)).toBe(true);
  });

  it('a plan without presence steps is previewed as before', () => {
    const p = previewPlan(draftToProto(fixed), site, { evenings, luminaires: lum });
    expect(p.presence.steps).toBe(false);
    expect(p.nights[0]!.samples.every((s) => s.raised === undefined)).toBe(true);
    expect(p.nights[0]!.raisedHours).toBe(0);
  });
});

describe('decree check of presence steps', () => {
  const check = (draft: PlanDraft, rules: GroupRules) => validatePlan({ draft, site: SITE, from: '2026-01-01', nights: 365, rules });
  const heritage: GroupRules = { category: 'b_heritage', zone: 'ordinary' };
  const road: GroupRules = { category: 'a', zone: 'ordinary' };
  const byCode = (r: ReturnType<typeof check>, code: string) => r.findings.filter((f) => f.code === code);
  /** Heritage lighting off at 01:00: full from sunset, presence from 01:00. */
  const heritagePlan = (baseLevel: number) => draftPlanSchema.parse({
    programs: [{ id: 1, steps: [
      { anchor: 'sunset', offsetMin: 0, level: 100 },
      { anchor: 'clock', offsetMin: 25 * 60, level: 60, presence: presence({ baseLevel }) },
      { anchor: 'sunrise', offsetMin: 0, level: 0 },
    ] }],
    defaultProgramId: 1,
  });

  it('the switch-off hours apply to the base level: a base of 0 after 01:00 is no error, the raise on detection is a warning', () => {
    const r = check(heritagePlan(0), heritage);
    expect(byCode(r, 'lit_after_limit')).toEqual([]);
    const w = byCode(r, 'presence_in_off_hours');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', ref: { programId: 1, step: 1 } });
    expect(w[0]!.message.fr).toContain('détection');
    expect(r.ok).toBe(true);
  });

  it('a base level above 0 in the switch-off hours is lit there: an error', () => {
    const r = check(heritagePlan(10), heritage);
    expect(byCode(r, 'lit_after_limit')).toHaveLength(1);
    expect(byCode(r, 'presence_in_off_hours')).toEqual([]);
    expect(r.ok).toBe(false);
  });

  it('per step: hold too short, fade up too slow, no saving', () => {
    const r = check(plan(presence({ holdS: 5, fadeUpS: 8, baseLevel: 80 })), road);
    expect(byCode(r, 'presence_hold_short')[0]).toMatchObject({ severity: 'warning', ref: { step: 1 } });
    expect(byCode(r, 'presence_fade_up_slow')[0]).toMatchObject({ severity: 'warning', ref: { step: 1 } });
    expect(byCode(r, 'presence_no_saving')[0]).toMatchObject({ severity: 'info', ref: { step: 1 } });
    const ok = check(plan(), road);
    expect(ok.findings.filter((f) => f.code.startsWith('presence_'))).toEqual([]);
  });
});
