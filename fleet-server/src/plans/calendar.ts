/**
 * Calendar sets for plans (issue 16): French public holidays, school holidays by zone (imported from the
 * ministry's open dataset), named events; their expansion into the dated rules the firmware understands.
 *
 * A rule may reference sets (`sets: ['fr-public-holidays']`) instead of dates. The firmware only knows
 * weekday masks and explicit evening dates (≤ MAX_RULE_DATES per rule, ≤ MAX_PLAN_RULES rules), so the
 * server expands the sets into dated rules over a window starting at the version's date, stores that
 * expansion with the version (what a device gets is reproducible), and publishes a new version before the
 * window runs out or when the set's data change (docs/architecture.md, "Calendar sets").
 *
 * Nights are evening dates, as in the firmware (schedule.ts `programFor`): a public holiday's night is the
 * one that starts on the holiday's evening; a school holiday's nights are those whose morning is a holiday
 * day, i.e. the evening before the first holiday day up to the evening two days before classes resume
 * (the Sunday evening before a Monday return is a school night).
 */
import { MAX_PLAN_RULES, MAX_RULE_DATES } from '@streetlight/protocol';
import type { StoredPlan } from '../devices/plan.js';

export const SCHOOL_ZONES = ['A', 'B', 'C', 'Corse'] as const;
export type SchoolZone = (typeof SCHOOL_ZONES)[number];
export const PUBLIC_HOLIDAYS_SET = 'fr-public-holidays';
export const CALENDAR_SETS = [PUBLIC_HOLIDAYS_SET, ...SCHOOL_ZONES.map((z) => `fr-school-${z}` as const)] as const;
export type CalendarSetId = (typeof CALENDAR_SETS)[number];

const DAY_MS = 86_400_000;
const dayMs = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
};
const dateOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => dateOf(dayMs(date) + n * DAY_MS);

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus / Jones / Butcher), YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface NamedDate { date: string; name: { fr: string; en: string } }

/**
 * French public holidays of a year (Code du travail L3133-1: 11 days), plus Good Friday and 26 December in
 * Alsace-Moselle (Code du travail L3134-13). Sorted by date.
 */
export function frenchPublicHolidays(year: number, alsaceMoselle = false): NamedDate[] {
  const easter = easterSunday(year);
  const y = String(year);
  const out: NamedDate[] = [
    { date: `${y}-01-01`, name: { fr: 'Jour de l’an', en: 'New Year’s Day' } },
    { date: addDays(easter, 1), name: { fr: 'Lundi de Pâques', en: 'Easter Monday' } },
    { date: `${y}-05-01`, name: { fr: 'Fête du Travail', en: 'Labour Day' } },
    { date: `${y}-05-08`, name: { fr: 'Victoire 1945', en: 'Victory in Europe Day' } },
    { date: addDays(easter, 39), name: { fr: 'Ascension', en: 'Ascension Day' } },
    { date: addDays(easter, 50), name: { fr: 'Lundi de Pentecôte', en: 'Whit Monday' } },
    { date: `${y}-07-14`, name: { fr: 'Fête nationale', en: 'Bastille Day' } },
    { date: `${y}-08-15`, name: { fr: 'Assomption', en: 'Assumption Day' } },
    { date: `${y}-11-01`, name: { fr: 'Toussaint', en: 'All Saints’ Day' } },
    { date: `${y}-11-11`, name: { fr: 'Armistice 1918', en: 'Armistice Day' } },
    { date: `${y}-12-25`, name: { fr: 'Noël', en: 'Christmas Day' } },
  ];
  if (alsaceMoselle) {
    out.push({ date: addDays(easter, -2), name: { fr: 'Vendredi saint (Alsace-Moselle)', en: 'Good Friday (Alsace-Moselle)' } });
    out.push({ date: `${y}-12-26`, name: { fr: 'Saint-Étienne (Alsace-Moselle)', en: 'St Stephen’s Day (Alsace-Moselle)' } });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

// ------------------------------------------------------------------------------------------------ school

/** A school holiday period as stored: local dates, `end` = the day classes resume (exclusive). */
export interface SchoolPeriod { zone: SchoolZone; description: string; start: string; end: string; schoolYear: string }

export interface SchoolImport { periods: SchoolPeriod[]; skipped: Array<{ line: number; reason: string }> }
export class SchoolCsvError extends Error {
  constructor(readonly problems: Array<{ line: number; message: string }>) {
    super(`school holiday file refused: ${problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`);
  }
}

/** Columns of the ministry's dataset "fr-en-calendrier-scolaire" (CSV export with labels, `;` separated). */
export const SCHOOL_CSV_COLUMNS = ['Description', 'Population', 'Date de début', 'Date de fin', 'Zones', 'annee_scolaire'] as const;

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
/** `2023-10-20T22:00:00+00:00` (or a bare `2023-10-21`) → the local date in metropolitan France. */
function localDate(v: string): string | undefined {
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Number.isNaN(dayMs(s)) ? undefined : s;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : PARIS.format(t);
}

/** Splits one `;` line, with RFC 4180 quotes. */
function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let k = 0; k < line.length; k++) {
    const ch = line[k] as string;
    if (quoted) {
      if (ch === '"' && line[k + 1] === '"') { cur += '"'; k++; } else if (ch === '"') quoted = false; else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { out.push(cur); cur = ''; } else cur += ch;
  }
  out.push(cur);
  return out;
}

const ZONE_OF: Record<string, SchoolZone> = { 'zone a': 'A', 'zone b': 'B', 'zone c': 'C', corse: 'Corse' };

/**
 * Parses the ministry's file. Rows for teachers only (Population "Enseignants") and zones other than A, B,
 * C and Corse (overseas académies) are skipped and listed; a row without an end date is skipped (the
 * ministry publishes some before their end is known). Anything else malformed refuses the whole file with
 * the line numbers (1 = the header).
 */
export function parseSchoolHolidayCsv(text: string): SchoolImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitLine(lines[0] ?? '').map((h) => h.trim());
  const col = new Map(header.map((h, k) => [h, k]));
  const missing = SCHOOL_CSV_COLUMNS.filter((c) => !col.has(c));
  if (missing.length) throw new SchoolCsvError([{ line: 1, message: `missing column(s) ${missing.join(', ')} (expected the ministry's export: ${SCHOOL_CSV_COLUMNS.join(';')})` }]);
  const problems: Array<{ line: number; message: string }> = [];
  const skipped: SchoolImport['skipped'] = [];
  const seen = new Map<string, SchoolPeriod>();
  for (let k = 1; k < lines.length; k++) {
    const raw = lines[k] as string;
    if (!raw.trim()) continue;
    const line = k + 1;
    const cells = splitLine(raw);
    if (cells.length !== header.length) { problems.push({ line, message: `${cells.length} fields, the header has ${header.length}` }); continue; }
    const cell = (c: (typeof SCHOOL_CSV_COLUMNS)[number]): string => (cells[col.get(c) as number] ?? '').trim();
    const population = cell('Population');
    if (/enseignant/i.test(population)) { skipped.push({ line, reason: 'teachers only' }); continue; }
    const zone = ZONE_OF[cell('Zones').toLowerCase()];
    if (!zone) { skipped.push({ line, reason: `zone ${cell('Zones') || '(empty)'}` }); continue; }
    const description = cell('Description');
    if (!description) { problems.push({ line, message: 'empty Description' }); continue; }
    const schoolYear = cell('annee_scolaire');
    if (!/^\d{4}-\d{4}$/.test(schoolYear)) { problems.push({ line, message: `annee_scolaire "${schoolYear}" is not YYYY-YYYY` }); continue; }
    const start = localDate(cell('Date de début'));
    if (!start) { problems.push({ line, message: `Date de début "${cell('Date de début')}" is not a date` }); continue; }
    if (!cell('Date de fin')) { skipped.push({ line, reason: 'no end date' }); continue; }
    const end = localDate(cell('Date de fin'));
    if (!end) { problems.push({ line, message: `Date de fin "${cell('Date de fin')}" is not a date` }); continue; }
    if (end <= start) { problems.push({ line, message: `Date de fin ${end} is not after Date de début ${start}` }); continue; }
    if (dayMs(end) - dayMs(start) > 100 * DAY_MS) { problems.push({ line, message: `a period of ${(dayMs(end) - dayMs(start)) / DAY_MS} days` }); continue; }
    // One row per académie in the dataset: a zone's period is listed many times.
    const key = `${zone}|${start}|${end}`;
    if (!seen.has(key)) seen.set(key, { zone, description, start, end, schoolYear });
  }
  if (problems.length) throw new SchoolCsvError(problems);
  return { periods: [...seen.values()].sort((a, b) => a.zone.localeCompare(b.zone) || a.start.localeCompare(b.start)), skipped };
}

// ------------------------------------------------------------------------------------------------ sets

export interface CalendarData { alsaceMoselle: boolean; school: readonly SchoolPeriod[] }

/** Evening dates of a set within [from, to) (YYYY-MM-DD), each with the name of its day or period. */
export function setNights(set: string, data: CalendarData, from: string, to: string): NamedDate[] {
  const out: NamedDate[] = [];
  if (set === PUBLIC_HOLIDAYS_SET) {
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      for (const h of frenchPublicHolidays(y, data.alsaceMoselle)) if (h.date >= from && h.date < to) out.push(h);
    }
    return out;
  }
  const zone = set.startsWith('fr-school-') ? set.slice('fr-school-'.length) : undefined;
  if (!zone) return out;
  const seen = new Set<string>();
  for (const p of data.school) {
    if (p.zone !== zone) continue;
    // Evenings whose morning is a holiday day: start − 1 … end − 2.
    for (let d = addDays(p.start, -1); d < addDays(p.end, -1); d = addDays(d, 1)) {
      if (d >= from && d < to && !seen.has(d)) { seen.add(d); out.push({ date: d, name: { fr: p.description, en: p.description } }); }
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

type StoredRule = StoredPlan['rules'][number];

/** Rules with their sets replaced by the set's dates in [from, to), in place, chunked to `chunk` dates a rule. */
export function expandRules(rules: readonly StoredRule[], data: CalendarData, from: string, to: string, chunk = Number.POSITIVE_INFINITY): StoredRule[] {
  const out: StoredRule[] = [];
  for (const r of rules) {
    if (!r.sets?.length) { out.push({ programId: r.programId, weekdayMask: r.weekdayMask, dates: r.dates, priority: r.priority }); continue; }
    const dates = new Set(r.dates.filter((d) => d >= from && d < to));
    for (const s of r.sets) for (const n of setNights(s, data, from, to)) dates.add(n.date);
    const sorted = [...dates].sort();
    // A rule can also carry weekdays: kept on the first chunk (the firmware ORs dates and weekdays).
    if (!sorted.length) { if (r.weekdayMask) out.push({ programId: r.programId, weekdayMask: r.weekdayMask, dates: [], priority: r.priority }); continue; }
    for (let k = 0; k < sorted.length; k += chunk === Number.POSITIVE_INFINITY ? sorted.length : chunk) {
      out.push({ programId: r.programId, weekdayMask: k === 0 ? r.weekdayMask : 0, dates: sorted.slice(k, k + (chunk === Number.POSITIVE_INFINITY ? sorted.length : chunk)), priority: r.priority });
    }
  }
  return out;
}

/** Window lengths tried, longest first: a year and a month, then shorter until the firmware's bounds fit. */
export const WINDOW_DAYS = [400, 366, 300, 240, 180, 120, 90, 60] as const;
/** A version whose window ends within this many days of the current night is replaced (a new version). */
export const REFRESH_BEFORE_DAYS = 30;

export interface DeviceExpansion { from: string; to: string; rules: StoredRule[] }

/**
 * The dated rules a device gets for a plan from the night `from`: the longest window of WINDOW_DAYS whose
 * expansion fits MAX_PLAN_RULES rules of MAX_RULE_DATES dates. Plain rules' dates before `from` are dropped
 * (past nights). Undefined when the plan references no set; throws when even 60 days do not fit.
 */
export function expandForDevice(plan: StoredPlan, data: CalendarData, from: string): DeviceExpansion | undefined {
  if (!plan.rules.some((r) => r.sets?.length)) return undefined;
  for (const days of WINDOW_DAYS) {
    const to = addDays(from, days);
    const rules = expandRules(plan.rules, data, from, to, MAX_RULE_DATES);
    if (rules.length <= MAX_PLAN_RULES && rules.every((r) => r.dates.length <= MAX_RULE_DATES)) return { from, to, rules };
  }
  throw new CalendarTooLargeError(from);
}
export class CalendarTooLargeError extends Error {
  constructor(readonly from: string) {
    super(`the plan's calendar sets need more than ${MAX_PLAN_RULES} rules of ${MAX_RULE_DATES} dates for 60 nights from ${from}`);
  }
}

/** The plan over [from, to) for the server's own evaluation (calendar view, decree check): no firmware bound. */
export function expandForPeriod(plan: StoredPlan, data: CalendarData, from: string, to: string): StoredPlan {
  if (!plan.rules.some((r) => r.sets?.length)) return plan;
  const { calendar: _drop, ...rest } = plan;
  return { ...rest, rules: expandRules(plan.rules, data, from, to) };
}

/** Whether a stored version's expansion must be replaced at the night `today`. */
export function needsRefresh(plan: StoredPlan, today: string): boolean {
  if (!plan.rules.some((r) => r.sets?.length)) return false;
  if (!plan.calendar) return true;
  return addDays(today, REFRESH_BEFORE_DAYS) >= plan.calendar.to;
}

/** A draft (API shape) with its sets expanded over [from, to): what the server evaluates night by night. */
export function expandDraft<D extends { rules: Array<{ programId: number; weekdays?: number | string[] | undefined; dates?: string[] | undefined; priority: number; sets?: string[] | undefined; name?: string | undefined }> }>(
  draft: D, data: CalendarData, from: string, to: string,
): D {
  if (!draft.rules.some((r) => r.sets?.length)) return draft;
  const rules: D['rules'] = [];
  for (const r of draft.rules) {
    if (!r.sets?.length) { rules.push(r); continue; }
    const dates = new Set((r.dates ?? []).filter((d) => d >= from && d < to));
    for (const s of r.sets) for (const n of setNights(s, data, from, to)) dates.add(n.date);
    const { sets: _s, ...rest } = r;
    if (dates.size || r.weekdays !== undefined) rules.push({ ...rest, dates: [...dates].sort() });
  }
  return { ...draft, rules };
}
