/**
 * The month view of a plan (issue 16): which program runs each night and which rule chose it, computed by
 * the firmware's own rule resolution (`programFor`, firmware/src/schedule.ts) on the plan with its sets
 * expanded, so the calendar shows what the poles will do.
 */
import { programFor } from '@streetlight/firmware';
import type { Plan } from '@streetlight/protocol/lean';
import { addDays, expandDraft, frenchPublicHolidays, SCHOOL_ZONES, setNights, type CalendarData } from './calendar.js';
import { draftToProto, type PlanDraft } from './model.js';
import { dayMs } from './night.js';
import { weekdayMask } from '../devices/plan.js';

export interface CalendarNight {
  date: string;
  weekday: number;
  programId: number | null;
  /** The rule that chose the program (index in the plan's rules), or null: the default program. */
  ruleIndex: number | null;
  ruleName: string | null;
  ruleSets: string[];
  /** What the day is in the town's calendar, whether a rule uses it or not. */
  publicHoliday: { fr: string; en: string } | null;
  school: Array<{ zone: string; name: string }>;
}

/** `YYYY-MM` → [first evening, first evening of the next month). */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: `${next}-01` };
}

export function monthView(draft: PlanDraft, data: CalendarData, month: string): CalendarNight[] {
  const { from, to } = monthRange(month);
  const expanded = expandDraft(draft, data, from, to);
  const plan = draftToProto(expanded);
  // Which rule won: the same rules, each with a program of its own (id = its index + 1), resolved by the
  // firmware's programFor; a set rule with no night this month is kept (it matches nothing, as on the device).
  const probe: Plan = {
    programs: [...draft.rules.map((_, k) => ({ id: k + 1, steps: [] })), { id: 0xffffffff, steps: [] }],
    rules: draft.rules.map((r, k) => {
      const dates = new Set((r.dates ?? []).filter((d) => !r.sets?.length || (d >= from && d < to)));
      for (const s of r.sets ?? []) for (const n of setNights(s, data, from, to)) dates.add(n.date);
      return { programId: k + 1, weekdayMask: weekdayMask(r.weekdays as never), priority: r.priority, dates: [...dates].map((d) => Number(d.replace(/-/g, ''))) };
    }),
    defaultProgramId: 0xffffffff,
  };
  const holidays = new Map<string, { fr: string; en: string }>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) for (const h of frenchPublicHolidays(y, data.alsaceMoselle)) holidays.set(h.date, h.name);
  const school = new Map<string, Array<{ zone: string; name: string }>>();
  for (const z of SCHOOL_ZONES) for (const n of setNights(`fr-school-${z}`, data, from, to)) school.set(n.date, [...(school.get(n.date) ?? []), { zone: z, name: n.name.fr }]);
  const out: CalendarNight[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) {
    const e = dayMs(d);
    const program = programFor(plan, e);
    const won = programFor(probe, e)?.id ?? 0xffffffff;
    const ruleIndex = won === 0xffffffff ? null : won - 1;
    const rule = ruleIndex === null ? undefined : draft.rules[ruleIndex];
    out.push({
      date: d, weekday: (new Date(e).getUTCDay() + 6) % 7, programId: program?.id ?? null, ruleIndex,
      ruleName: rule?.name ?? null, ruleSets: rule?.sets ?? [],
      publicHoliday: holidays.get(d) ?? null, school: school.get(d) ?? [],
    });
  }
  return out;
}
