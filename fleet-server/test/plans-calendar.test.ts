/**
 * Calendar sets of plans (issue 16): French public holidays (Easter-based ones over many years, Alsace-Moselle),
 * the ministry's school holiday file (fixture in the official format; malformed files refused with line numbers),
 * the expansion into the firmware's bounded dated rules, the month view and the decree check over a year.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_PLAN_RULES, MAX_RULE_DATES } from '@streetlight/protocol';
import { programFor } from '@streetlight/firmware';
import type { Plan } from '@streetlight/protocol/lean';
import {
  easterSunday, expandForDevice, frenchPublicHolidays, needsRefresh, parseSchoolHolidayCsv, SchoolCsvError, setNights, type CalendarData,
} from '../src/plans/calendar.js';
import { monthView } from '../src/plans/calendar-view.js';
import { draftPlanSchema, draftToStored } from '../src/plans/model.js';
import { dayMs } from '../src/plans/night.js';
import { toProtoPlan } from '../src/devices/plan.js';
import { validatePlan } from '../src/plans/validate.js';

const CSV = readFileSync(new URL('./fixtures/fr-en-calendrier-scolaire.csv', import.meta.url), 'utf8');
const school = parseSchoolHolidayCsv(CSV);
const DATA: CalendarData = { alsaceMoselle: false, school: school.periods };

describe('French public holidays', () => {
  it('computes Easter Sunday for years with published dates, including the extremes', () => {
    const known: Record<number, string> = {
      1818: '1818-03-22', 1943: '1943-04-25', 2000: '2000-04-23', 2008: '2008-03-23', 2011: '2011-04-24', 2019: '2019-04-21',
      2024: '2024-03-31', 2025: '2025-04-20', 2026: '2026-04-05', 2027: '2027-03-28', 2038: '2038-04-25', 2285: '2285-03-22',
    };
    for (const [y, d] of Object.entries(known)) expect(easterSunday(Number(y)), y).toBe(d);
    // Always a Sunday, between 22 March and 25 April, over four centuries.
    for (let y = 1900; y <= 2300; y++) {
      const e = easterSunday(y);
      expect(new Date(dayMs(e)).getUTCDay()).toBe(0);
      expect(e.slice(5) >= '03-22' && e.slice(5) <= '04-25').toBe(true);
    }
  });

  it('has the 11 days, the Easter-based ones moving with Easter', () => {
    const y2025 = frenchPublicHolidays(2025);
    expect(y2025.map((h) => h.date)).toEqual([
      '2025-01-01', '2025-04-21', '2025-05-01', '2025-05-08', '2025-05-29', '2025-06-09', '2025-07-14', '2025-08-15', '2025-11-01', '2025-11-11', '2025-12-25',
    ]);
    const y2024 = frenchPublicHolidays(2024).map((h) => h.date);
    expect(y2024).toContain('2024-04-01'); // Easter Monday
    expect(y2024).toContain('2024-05-09'); // Ascension = Easter + 39
    expect(y2024).toContain('2024-05-20'); // Whit Monday = Easter + 50
    expect(frenchPublicHolidays(2024).find((h) => h.date === '2024-07-14')?.name.fr).toBe('Fête nationale');
  });

  it('adds Good Friday and 26 December in Alsace-Moselle', () => {
    const am = frenchPublicHolidays(2025, true);
    expect(am).toHaveLength(13);
    expect(am.map((h) => h.date)).toEqual(expect.arrayContaining(['2025-04-18', '2025-12-26']));
    expect(frenchPublicHolidays(2026, true).map((h) => h.date)).toContain('2026-04-03');
    expect(frenchPublicHolidays(2025, false).map((h) => h.date)).not.toContain('2025-12-26');
  });
});

describe('school holidays: the ministry file (fr-en-calendrier-scolaire)', () => {
  it('imports periods per zone, once each (the file lists a period per académie), as local dates', () => {
    const c = school.periods.filter((p) => p.zone === 'C');
    expect(c.map((p) => [p.description, p.start, p.end])).toEqual([
      ['Vacances de la Toussaint', '2024-10-19', '2024-11-04'],
      ['Vacances de Noël', '2024-12-21', '2025-01-06'],
      ['Vacances d\'Hiver', '2025-02-15', '2025-03-03'],
      ['Vacances de Printemps', '2025-04-12', '2025-04-28'],
      ['Pont de l\'Ascension', '2025-05-29', '2025-06-02'],
      ['Vacances d\'Été', '2025-07-05', '2025-09-01'],
      ['Vacances de la Toussaint', '2025-10-18', '2025-11-03'],
    ]);
    expect(school.periods.filter((p) => p.zone === 'A')).toHaveLength(5);
    expect(school.periods.filter((p) => p.zone === 'Corse')).toHaveLength(2);
    // Teachers' row, an overseas académie and a period without its end are skipped, with their lines.
    expect(school.skipped).toEqual([
      { line: 7, reason: 'zone Guadeloupe' }, { line: 20, reason: 'teachers only' }, { line: 24, reason: 'no end date' },
    ]);
  });

  it('gives the nights whose morning is a holiday: Friday evening to the evening before the last Sunday', () => {
    const n = setNights('fr-school-C', DATA, '2024-10-01', '2024-11-30').map((x) => x.date);
    expect(n[0]).toBe('2024-10-18'); // Friday evening, Saturday 19 is the first holiday day
    expect(n[n.length - 1]).toBe('2024-11-02'); // Saturday evening: Sunday 3 is a holiday; Sunday evening is a school night
    expect(n).toHaveLength(16);
  });

  it('refuses a malformed file whole, naming the lines', () => {
    const bad = [
      'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
      'Vacances de Noël;-;2024-12-20T23:00:00+00:00;2025-01-05T23:00:00+00:00;Paris;Zone C;2024-2025',
      'Vacances de Noël;-;le 21 décembre;2025-01-05T23:00:00+00:00;Paris;Zone C;2024-2025',
      'Vacances d\'Hiver;-;2025-03-02T23:00:00+00:00;2025-02-14T23:00:00+00:00;Paris;Zone C;2024-2025',
      'Vacances de Printemps;-;2025-04-11T22:00:00+00:00;Paris;Zone C;2024-2025',
    ].join('\n');
    let err: unknown;
    try { parseSchoolHolidayCsv(bad); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(SchoolCsvError);
    expect((err as SchoolCsvError).problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect((err as SchoolCsvError).problems[0]?.message).toMatch(/Date de début/);
    expect(() => parseSchoolHolidayCsv('date;vacances_zone_a\n2024-10-19;True')).toThrow(/missing column/);
  });
});

const PLAN = draftPlanSchema.parse({
  programs: [
    { id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 30, level: 0 }] },
    { id: 2, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'clock', offsetMin: 120, level: 0 }] },
    { id: 3, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100 }, { anchor: 'sunrise', offsetMin: 0, level: 0 }] },
  ],
  rules: [
    { programId: 2, weekdays: ['fri', 'sat'] },
    { programId: 3, sets: ['fr-public-holidays'], priority: 1 },
    { programId: 2, sets: ['fr-school-C'] },
    { programId: 3, dates: ['2025-06-21'], name: 'Fête de la musique', priority: 2 },
  ],
  defaultProgramId: 1,
});

describe('expansion for the devices', () => {
  it('fits the firmware bounds and gives every night the program the abstract plan gives', () => {
    const stored = draftToStored(PLAN);
    const x = expandForDevice(stored, DATA, '2024-09-01');
    expect(x).toBeDefined();
    const exp = x as NonNullable<typeof x>;
    expect(exp.rules.length).toBeLessThanOrEqual(MAX_PLAN_RULES);
    for (const r of exp.rules) expect(r.dates.length).toBeLessThanOrEqual(MAX_RULE_DATES);
    expect(exp.to > '2025-09-01').toBe(true);
    const device = toProtoPlan(1, 1, { ...stored, calendar: exp }) as Plan;
    const view = [...monthView(PLAN, DATA, '2024-12'), ...monthView(PLAN, DATA, '2025-07')];
    for (const n of view) expect(programFor(device, dayMs(n.date))?.id, n.date).toBe(n.programId);
    // A stored version without expansion gives no set night to a device (never a wrong one): the default program.
    expect(programFor(toProtoPlan(1, 1, stored) as Plan, dayMs('2024-12-25'))?.id).toBe(1);
  });

  it('shortens the window when the dates do not fit, and asks for a refresh before it runs out', () => {
    const many = draftToStored(draftPlanSchema.parse({
      ...PLAN, rules: [...PLAN.rules, ...Array.from({ length: 12 }, (_, k) => ({ programId: 1, weekdays: 1 << (k % 7) }))],
    }));
    const x = expandForDevice(many, DATA, '2024-09-01') as NonNullable<ReturnType<typeof expandForDevice>>;
    expect(x.rules.length).toBeLessThanOrEqual(MAX_PLAN_RULES);
    expect(x.to < '2025-09-01').toBe(true);
    const withCal = { ...many, calendar: x };
    expect(needsRefresh(withCal, '2024-09-02')).toBe(false);
    expect(needsRefresh(withCal, x.to.slice(0, 8) + '01')).toBe(true);
  });
});

describe('month view', () => {
  it('says which program runs each night and which rule chose it', () => {
    const dec = monthView(PLAN, DATA, '2024-12');
    const byDate = new Map(dec.map((n) => [n.date, n]));
    expect(dec).toHaveLength(31);
    expect(byDate.get('2024-12-25')).toMatchObject({ programId: 3, ruleIndex: 1, ruleSets: ['fr-public-holidays'], publicHoliday: { fr: 'Noël' } });
    expect(byDate.get('2024-12-23')).toMatchObject({ programId: 2, ruleIndex: 2, school: [{ zone: 'A' }, { zone: 'B' }, { zone: 'C' }, { zone: 'Corse' }] });
    expect(byDate.get('2024-12-03')).toMatchObject({ programId: 1, ruleIndex: null });
    expect(byDate.get('2024-12-06')).toMatchObject({ programId: 2, ruleIndex: 0 });
    const june = new Map(monthView(PLAN, DATA, '2025-06').map((n) => [n.date, n]));
    expect(june.get('2025-06-21')).toMatchObject({ programId: 3, ruleName: 'Fête de la musique' });
  });
});

describe('decree check over the year with the calendar', () => {
  it('cites the first holiday night where the heritage lighting stays on past 01:00', () => {
    const draft = draftPlanSchema.parse({ ...PLAN, rules: [PLAN.rules[1]] });
    const v = validatePlan({
      draft, site: { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', lat: 44.889, lon: 1.216 }, from: '2026-01-01', nights: 365,
      rules: { category: 'b_heritage', zone: 'ordinary' }, calendar: DATA,
    });
    const late = v.findings.filter((f) => f.severity === 'error' && f.ref?.programId === 3);
    expect(late.length).toBeGreaterThan(0);
    expect(late[0]?.ref?.night).toBe('2026-01-01');
    expect(late[0]?.ref?.nights).toBe(11);
    // The same plan's holiday rule on dates typed by hand for 2026 gives the same finding: the set is those 11 nights.
    const typed = draftPlanSchema.parse({ ...draft, rules: [{ programId: 3, priority: 1, dates: frenchPublicHolidays(2026).map((h) => h.date) }] });
    const v2 = validatePlan({ draft: typed, site: { tz: 'CET-1CEST,M3.5.0,M10.5.0/3', lat: 44.889, lon: 1.216 }, from: '2026-01-01', nights: 365, rules: { category: 'b_heritage', zone: 'ordinary' } });
    expect(v2.findings.filter((f) => f.ref?.programId === 3).map((f) => [f.code, f.ref?.night, f.ref?.nights])).toEqual(late.map((f) => [f.code, f.ref?.night, f.ref?.nights]));
  });
});
