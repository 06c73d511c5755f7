/** Plan validator: one test per structural error and per decree rule, at Sarlat over 2026. */
import { describe, expect, it } from 'vitest';
import { draftPlanSchema, type GroupRules, type PlanDraft } from '../src/plans/model.js';
import { validatePlan } from '../src/plans/validate.js';
import { previewPlan } from '../src/plans/preview.js';
import { draftToProto } from '../src/plans/model.js';
import { nightsFrom, powerW, toSite } from '../src/plans/night.js';

const SITE = { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', lat: 44.889, lon: 1.216 };
type Step = { anchor: 'clock' | 'sunset' | 'sunrise' | 'civil_dusk' | 'civil_dawn'; offsetMin: number; level: number; fadeS?: number };
const plan = (steps: Step[], extra: Partial<PlanDraft> = {}): PlanDraft =>
  draftPlanSchema.parse({ programs: [{ id: 1, steps }], defaultProgramId: 1, ...extra });
const check = (draft: PlanDraft, rules?: GroupRules, models?: Parameters<typeof validatePlan>[0]['models']) =>
  validatePlan({ draft, site: SITE, from: '2026-01-01', nights: 365, rules, models });
const codes = (r: ReturnType<typeof check>, severity = 'error') => r.findings.filter((f) => f.severity === severity).map((f) => f.code);

const GOOD: Step[] = [
  { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 60 },
  { anchor: 'clock', offsetMin: 23 * 60, level: 50, fadeS: 60 },
  { anchor: 'clock', offsetMin: 60, level: 0, fadeS: 60 },
];

describe('structural validation', () => {
  it('accepts a sound plan', () => {
    const r = check(plan(GOOD));
    expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('flags levels out of range, naming the step', () => {
    const r = check(plan([{ anchor: 'sunset', offsetMin: 0, level: 140 }, { anchor: 'sunrise', offsetMin: 0, level: -5 }]));
    const f = r.findings.filter((x) => x.code === 'level_out_of_range');
    expect(f.map((x) => x.ref?.step)).toEqual([0, 1]);
    expect(f[0]?.message.en).toContain('program 1 step 0');
  });

  it('flags clock and sun offsets out of range', () => {
    const r = check(plan([{ anchor: 'clock', offsetMin: -30, level: 50 }, { anchor: 'clock', offsetMin: 2200, level: 0 }, { anchor: 'sunset', offsetMin: 800, level: 20 }]));
    expect(codes(r)).toEqual(expect.arrayContaining(['clock_offset_out_of_range', 'sun_offset_out_of_range']));
    expect(r.findings.filter((f) => f.code === 'clock_offset_out_of_range').map((f) => f.ref?.step)).toEqual([0, 1]);
  });

  it('flags rules and a default that reference missing programs', () => {
    const r = check(plan(GOOD, { rules: [{ programId: 7, weekdays: 1, priority: 0 }], defaultProgramId: 9 }));
    expect(r.findings.filter((f) => f.code === 'missing_program').map((f) => f.ref?.programId).sort()).toEqual([7, 9]);
    expect(r.ok).toBe(false);
  });

  it('flags two steps at the same instant with different levels', () => {
    const r = check(plan([...GOOD, { anchor: 'clock', offsetMin: 23 * 60, level: 30 }]));
    const f = r.findings.find((x) => x.code === 'contradictory_steps');
    expect(f).toMatchObject({ severity: 'error', ref: { programId: 1, step: 1, otherStep: 3, nights: 365 } });
  });

  it('flags a clock step that falls after sunrise on the short nights', () => {
    const r = check(plan([
      { anchor: 'sunset', offsetMin: 0, level: 100 },
      { anchor: 'clock', offsetMin: 6 * 60 + 30, level: 60 },
      { anchor: 'sunrise', offsetMin: 0, level: 0 },
    ]));
    const f = r.findings.find((x) => x.code === 'step_order_changes');
    expect(f?.ref).toMatchObject({ programId: 1, step: 1, otherStep: 2 });
    expect(f?.message.en).toMatch(/shortest night: 2026-06-2\d/);
    // Sunrise in Sarlat is before 06:30 from about early May to early August (summer time).
    expect(f?.ref?.nights).toBeGreaterThan(60);
    expect(f?.ref?.nights).toBeLessThan(140);
  });

  it('flags a fade longer than the gap to the next step', () => {
    const r = check(plan([
      { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 3600 },
      { anchor: 'sunset', offsetMin: 30, level: 60 },
      { anchor: 'sunrise', offsetMin: 0, level: 0 },
    ]));
    expect(r.findings.find((x) => x.code === 'fade_exceeds_gap')).toMatchObject({ severity: 'error', ref: { step: 0, nights: 365 } });
  });

  it('warns when no step switches the light off', () => {
    const r = check(plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }]));
    expect(codes(r, 'warning')).toContain('never_off');
  });

  it('flags rules without days, bad dates, and duplicate program ids', () => {
    const r = check(draftPlanSchema.parse({
      programs: [{ id: 1, steps: GOOD }, { id: 1, steps: GOOD }],
      rules: [{ programId: 1 }, { programId: 1, dates: ['2026-02-30'] }], defaultProgramId: 1,
    }));
    expect(codes(r)).toEqual(expect.arrayContaining(['duplicate_program', 'empty_rule', 'bad_date']));
  });
});

describe('decree of 27 December 2018', () => {
  const heritage: GroupRules = { category: 'b_heritage', zone: 'ordinary' };

  it('heritage: lit before sunset is an error citing art. 2 II b', () => {
    const r = check(plan([{ anchor: 'sunset', offsetMin: -30, level: 100 }, { anchor: 'clock', offsetMin: 60, level: 0 }]), heritage);
    const f = r.findings.find((x) => x.code === 'lit_before_sunset');
    expect(f).toMatchObject({ severity: 'error', article: 'arrêté du 27/12/2018, art. 2 II b', ref: { step: 0, nights: 365 } });
    expect(f?.message.fr).toContain('coucher du soleil');
  });

  it('heritage: lit after 01:00 is an error; off at 01:00 complies, DST nights included', () => {
    const late = check(plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 120, level: 0 }]), heritage);
    expect(late.findings.find((x) => x.code === 'lit_after_limit')).toMatchObject({ ref: { step: 1, nights: 365 } });
    expect(check(plan([{ anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 60 }, { anchor: 'clock', offsetMin: 60, level: 0 }]), heritage).ok).toBe(true);
    // A fade to 0 that starts at 01:00 still lights after 01:00.
    expect(check(plan(GOOD), heritage).findings.find((x) => x.code === 'lit_after_limit')?.message.en).toContain('up to 1 min');
  });

  it('parks: off later than 1 h after closing is an error; 01:00 applies without a closing time', () => {
    const parks: GroupRules = { category: 'b_parks', zone: 'ordinary', activity: { opensAt: '08:00', closesAt: '22:00' } };
    const p = (offMin: number) => plan([{ anchor: 'sunset', offsetMin: 0, level: 80 }, { anchor: 'clock', offsetMin: offMin, level: 0 }]);
    expect(check(p(23 * 60 + 30), parks).findings.find((x) => x.code === 'lit_after_limit')?.message.en).toContain('1 h after closing');
    expect(check(p(23 * 60), parks).ok).toBe(true);
    expect(check(p(90), { category: 'b_parks', zone: 'ordinary' }).ok).toBe(false);
  });

  it('non-residential buildings: before sunset or after 01:00 (art. 2 II d)', () => {
    const d: GroupRules = { category: 'd_buildings', zone: 'ordinary' };
    const r = check(plan([{ anchor: 'clock', offsetMin: 17 * 60, level: 100 }, { anchor: 'clock', offsetMin: 90, level: 0 }]), d);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.article])).toEqual([
      ['lit_before_sunset', 'arrêté du 27/12/2018, art. 2 II d'], ['lit_after_limit', 'arrêté du 27/12/2018, art. 2 II d'],
    ]);
  });

  it('shop windows: 01:00 or 1 h after a later closing; on again at 07:00 or 1 h before opening', () => {
    const shop: GroupRules = { category: 'd_shop_windows', zone: 'ordinary', activity: { opensAt: '06:30', closesAt: '01:30' } };
    const steps = (off: number, on: number): PlanDraft => plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: off, level: 0 }, { anchor: 'clock', offsetMin: on, level: 100 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }]);
    expect(check(steps(150, 5 * 60 + 30), shop).findings.filter((f) => f.code === 'lit_after_limit')).toEqual([]);   // 02:30 off, 05:30 on = 1 h before 06:30
    expect(check(steps(180, 5 * 60 + 30), shop).findings.find((f) => f.code === 'lit_after_limit')?.ref?.step).toBe(1); // 03:00: too late
    expect(check(steps(150, 5 * 60), shop).findings.find((f) => f.code === 'lit_after_limit')?.ref?.step).toBe(2);     // on at 05:00: too early
  });

  it('activity-linked road lighting: off ≤ 1 h after the activity, on ≥ 07:00 or 1 h before (art. 2 I a)', () => {
    const a: GroupRules = { category: 'a', zone: 'ordinary', activity: { opensAt: '09:00', closesAt: '22:00' } };
    const r = check(plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 23 * 60, level: 0 }, { anchor: 'clock', offsetMin: 6 * 60, level: 100 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }]), a);
    const f = r.findings.filter((x) => x.code === 'lit_after_activity');
    expect(f.map((x) => [x.article, x.ref?.step])).toEqual([['arrêté du 27/12/2018, art. 2 I a', 2]]);
    const late = check(plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 23 * 60 + 15, level: 0 }]), a);
    expect(late.findings.find((x) => x.code === 'lit_after_activity')).toMatchObject({ ref: { step: 1, nights: 365 }, message: { en: expect.stringContaining('up to 15 min') } });
  });

  it('road lighting without an economic activity: an info finding, never an error', () => {
    const r = check(plan([{ anchor: 'sunset', offsetMin: -20, level: 100 }, { anchor: 'sunrise', offsetMin: 20, level: 0 }]), { category: 'a', zone: 'ordinary' });
    expect(r.ok).toBe(true);
    expect(r.findings.find((f) => f.code === 'no_hour_rule_road')).toMatchObject({ severity: 'info', article: expect.stringContaining('L2212-2') });
  });

  it('car parks: off 2 h after the activity ends (art. 2 e)', () => {
    const e: GroupRules = { category: 'e', zone: 'ordinary', activity: { opensAt: '08:00', closesAt: '20:00' } };
    const p = (off: number) => plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: off, level: 0 }]);
    expect(check(p(22 * 60), e).ok).toBe(true);
    expect(check(p(22 * 60 + 30), e).findings.find((f) => f.code === 'lit_after_activity')?.article).toBe('arrêté du 27/12/2018, art. 2 e');
    expect(check(p(22 * 60), { category: 'e', zone: 'ordinary' }).findings.map((f) => f.code)).toContain('activity_hours_missing');
  });

  it('luminaires: > 3000 K for a, > 2400 K in a nature reserve, ULR limits (art. 3 and 4)', () => {
    const models = [{ id: 'M4000', cctK: 4000, ulrPct: 0, count: 3 }, { id: 'M2700', cctK: 2700, ulrPct: 2, count: 2 }, { id: 'MULR', cctK: 2200, ulrPct: 5, count: 1 }];
    const road = check(plan(GOOD), { category: 'a', zone: 'ordinary' }, models);
    expect(road.findings.filter((f) => f.ref?.modelId).map((f) => [f.code, f.ref?.modelId, f.severity])).toEqual([
      ['cct_above_3000k', 'M4000', 'error'], ['ulr_above_4pct', 'MULR', 'error'], ['ulr_above_1pct', 'M2700', 'warning'],
    ]);
    const reserve = check(plan(GOOD), { category: 'a', zone: 'nature_reserve' }, models);
    expect(reserve.findings.filter((f) => f.code === 'cct_above_2400k').map((f) => [f.ref?.modelId, f.article])).toEqual([
      ['M4000', 'arrêté du 27/12/2018, art. 4'], ['M2700', 'arrêté du 27/12/2018, art. 4'],
    ]);
    // Heritage lighting has no CCT cap in art. 3 and is outside the ULR rule here.
    expect(check(plan(GOOD), heritage, models).findings.filter((f) => f.ref?.modelId)).toEqual([]);
  });
});

describe('preview and energy', () => {
  it('estimates energy against a full-power dusk-to-dawn baseline', () => {
    const site = toSite(SITE);
    const evenings = nightsFrom('2026-01-10', 7);
    const lum = [{ nominalW: 36, curve: 1, minLevel: 0, count: 10 }];
    const full = previewPlan(draftToProto(plan([{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }])), site, { evenings, luminaires: lum });
    expect(full.energyKwh).toBeCloseTo(full.baselineKwh, 2);
    expect(full.savedPct).toBeCloseTo(0, 1);
    const p = previewPlan(draftToProto(plan(GOOD)), site, { evenings, luminaires: lum, sampleMin: 30 });
    expect(p.nights).toHaveLength(7);
    // Off at 01:00: about 6 h of the ~15 h night at full power, 2 h at 50 %.
    expect(p.savedPct).toBeGreaterThan(40);
    expect(p.savedPct).toBeLessThan(60);
    expect(p.nights[0]?.steps.map((s) => s.level)).toEqual([100, 50, 0]);
    expect(p.nights[0]?.samples.some((s) => s.level === 50)).toBe(true);
    expect(powerW({ nominalW: 36, curve: 1, minLevel: 0 }, 100)).toBeCloseTo(36, 6);
  });
});
