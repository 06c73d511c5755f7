/**
 * Structural validation of a plan draft: what would make the pole do something other than what the
 * author wrote, whatever the decree says. Each finding names the program and the step (0-based index).
 * The checks OSGP's documentation lists as *not* done by its platform (duplicates, contradicting entries,
 * shortest/longest night, DST) are done here, over every night of the evaluated period, with the
 * firmware's own step resolution (DST nights included).
 */
import { MAX_PLAN_PROGRAMS, MAX_PLAN_RULES, MAX_PLAN_STEPS, MAX_RULE_DATES } from '@streetlight/protocol';
import { programFor, type Site } from '@streetlight/firmware';
import { dateOf, night, type Night } from './night.js';
import { draftToProto, stepLabel, type Finding, type PlanDraft } from './model.js';

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Sun-anchored offsets beyond ±12 h cannot stay inside a noon-to-noon night. */
export const MAX_SUN_OFFSET_MIN = 720;

const ref = (programId: number, step?: number, extra: Partial<NonNullable<Finding['ref']>> = {}): NonNullable<Finding['ref']> =>
  ({ programId, ...(step !== undefined ? { step } : {}), ...extra });

function err(code: string, en: string, fr: string, r?: Finding['ref'], severity: Finding['severity'] = 'error'): Finding {
  return { severity, code, article: 'structure', message: { en, fr }, ...(r ? { ref: r } : {}) };
}

/** Checks that need no site: ids, references, ranges, protocol limits. */
export function staticChecks(draft: PlanDraft): Finding[] {
  const out: Finding[] = [];
  const ids = new Set<number>();
  if (draft.programs.length > MAX_PLAN_PROGRAMS) out.push(err('too_many_programs', `at most ${MAX_PLAN_PROGRAMS} programs fit a device`, `au plus ${MAX_PLAN_PROGRAMS} programmes par équipement`));
  if (draft.rules.length > MAX_PLAN_RULES) out.push(err('too_many_rules', `at most ${MAX_PLAN_RULES} calendar rules fit a device`, `au plus ${MAX_PLAN_RULES} règles de calendrier par équipement`));
  for (const p of draft.programs) {
    if (ids.has(p.id)) out.push(err('duplicate_program', `program id ${p.id} is used twice`, `l'identifiant de programme ${p.id} est utilisé deux fois`, ref(p.id)));
    ids.add(p.id);
    if (p.steps.length === 0) out.push(err('empty_program', `program ${p.id} has no step: the light stays off`, `le programme ${p.id} n'a aucun pas : la lumière reste éteinte`, ref(p.id), 'warning'));
    if (p.steps.length > MAX_PLAN_STEPS) out.push(err('too_many_steps', `program ${p.id} has ${p.steps.length} steps; a device holds ${MAX_PLAN_STEPS}`, `le programme ${p.id} a ${p.steps.length} pas ; un équipement en accepte ${MAX_PLAN_STEPS}`, ref(p.id)));
    p.steps.forEach((s, i) => {
      const name = `program ${p.id} step ${i} (${stepLabel(s)})`;
      const nom = `programme ${p.id}, pas ${i} (${stepLabel(s)})`;
      if (!Number.isInteger(s.level) || s.level < 0 || s.level > 100) {
        out.push(err('level_out_of_range', `${name}: level must be an integer 0–100 %`, `${nom} : le niveau doit être un entier de 0 à 100 %`, ref(p.id, i)));
      }
      if (s.fadeS > 3600) out.push(err('fade_out_of_range', `${name}: fade ${s.fadeS} s is longer than 1 h`, `${nom} : fondu de ${s.fadeS} s, plus d'une heure`, ref(p.id, i)));
      if (s.anchor === 'clock') {
        // Firmware (schedule.ts): clock minutes < 720 mean the morning (+1440). Valid: 0–2159 (noon to noon).
        if (s.offsetMin < 0 || s.offsetMin >= 2160) {
          out.push(err('clock_offset_out_of_range', `${name}: clock offset ${s.offsetMin} min is outside 0–2159 (local minutes after midnight of the evening; < 720 or ≥ 1440 = the morning)`,
            `${nom} : l'heure ${s.offsetMin} min est hors de 0–2159 (minutes après minuit du soir ; < 720 ou ≥ 1440 = le matin)`, ref(p.id, i)));
        }
      } else if (Math.abs(s.offsetMin) > MAX_SUN_OFFSET_MIN) {
        out.push(err('sun_offset_out_of_range', `${name}: offset ${s.offsetMin} min exceeds ±${MAX_SUN_OFFSET_MIN} min from the ${s.anchor}`,
          `${nom} : décalage de ${s.offsetMin} min au-delà de ±${MAX_SUN_OFFSET_MIN} min`, ref(p.id, i)));
      }
    });
  }
  if (!ids.has(draft.defaultProgramId)) {
    out.push(err('missing_program', `defaultProgramId ${draft.defaultProgramId} names no program`, `defaultProgramId ${draft.defaultProgramId} ne désigne aucun programme`, { programId: draft.defaultProgramId }));
  }
  draft.rules.forEach((r, i) => {
    if (!ids.has(r.programId)) {
      out.push(err('missing_program', `calendar rule ${i} refers to program ${r.programId}, which does not exist`, `la règle ${i} désigne le programme ${r.programId}, qui n'existe pas`, { programId: r.programId, ruleIndex: i }));
    }
    const dates = r.dates ?? [];
    if (r.weekdays === undefined && dates.length === 0 && !r.sets?.length) out.push(err('empty_rule', `calendar rule ${i} has neither weekdays, dates nor sets: it never applies`, `la règle ${i} n'a ni jours, ni dates, ni ensemble : elle ne s'applique jamais`, { ruleIndex: i }));
    if (dates.length > MAX_RULE_DATES) out.push(err('too_many_dates', `calendar rule ${i} has ${dates.length} dates; a device holds ${MAX_RULE_DATES}`, `la règle ${i} a ${dates.length} dates ; maximum ${MAX_RULE_DATES}`, { ruleIndex: i }));
    for (const d of dates) {
      if (!DATE_RE.test(d) || dateOf(Date.parse(`${d}T00:00:00Z`)) !== d) {
        out.push(err('bad_date', `calendar rule ${i}: "${d}" is not a date (YYYY-MM-DD)`, `règle ${i} : « ${d} » n'est pas une date (AAAA-MM-JJ)`, { ruleIndex: i }));
      }
    }
  });
  return out;
}

interface Tally { first: string; count: number; example?: string }
function tally(map: Map<string, Tally>, key: string, date: string, example?: string): void {
  const t = map.get(key);
  if (t) t.count++;
  else map.set(key, { first: date, count: 1, ...(example ? { example } : {}) });
}

/**
 * Checks over the nights of a period (evening dates), at the site: each program on the nights the calendar
 * gives it (all nights if it gets none, with an info), as the firmware resolves them.
 */
export function nightChecks(draft: PlanDraft, site: Site, evenings: readonly number[]): Finding[] {
  const out: Finding[] = [];
  const plan = draftToProto(draft);
  const byProgram = new Map<number, number[]>();
  for (const e of evenings) {
    const p = programFor(plan, e);
    if (p?.id !== undefined) byProgram.set(p.id, [...(byProgram.get(p.id) ?? []), e]);
  }
  for (const program of plan.programs ?? []) {
    const id = program.id ?? 0;
    const draftProgram = draft.programs.find((p) => p.id === id);
    if (!draftProgram || draftProgram.steps.length === 0) continue;
    let used = byProgram.get(id) ?? [];
    if (used.length === 0) {
      out.push(err('program_unused', `program ${id} is chosen on none of the ${evenings.length} nights evaluated; checked on all of them`,
        `le programme ${id} n'est retenu pour aucune des ${evenings.length} nuits évaluées ; vérifié sur toutes`, ref(id), 'info'));
      used = [...evenings];
    }
    const nights: Night[] = used.map((e) => night(site, plan, e, program));
    const label = (i: number): string => `step ${i} (${stepLabel(draftProgram.steps[i] as PlanDraft['programs'][number]['steps'][number])})`;
    const labelFr = (i: number): string => `pas ${i} (${stepLabel(draftProgram.steps[i] as PlanDraft['programs'][number]['steps'][number])})`;

    // Reference order: the longest night, where every step is meant to fit.
    const longest = nights.reduce((a, b) => ((b.sunrise ?? 0) - (b.sunset ?? 0) > (a.sunrise ?? 0) - (a.sunset ?? 0) ? b : a));
    const rank = new Map(longest.steps.map((s, i) => [s.index, i]));
    const shortest = nights.reduce((a, b) => ((b.sunrise ?? 0) - (b.sunset ?? 0) < (a.sunrise ?? 0) - (a.sunset ?? 0) ? b : a));

    const outside = new Map<string, Tally>();
    const contradict = new Map<string, Tally>();
    const duplicate = new Map<string, Tally>();
    const flips = new Map<string, Tally>();
    const fades = new Map<string, Tally>();
    const neverOff = new Map<string, Tally>();
    for (const n of nights) {
      const inside = n.steps.filter((s) => {
        if (s.at >= n.start && s.at < n.end) return true;
        tally(outside, String(s.index), n.date);
        return false;
      });
      for (let k = 0; k + 1 < inside.length; k++) {
        const a = inside[k]!;
        const b = inside[k + 1]!;
        if (a.at === b.at) tally(a.level === b.level ? duplicate : contradict, `${a.index}|${b.index}`, n.date);
        else if (a.fadeS * 1000 > b.at - a.at) tally(fades, String(a.index), n.date, `${Math.round((b.at - a.at) / 1000)} s`);
        const ra = rank.get(a.index);
        const rb = rank.get(b.index);
        if (ra !== undefined && rb !== undefined && ra > rb && a.at !== b.at) tally(flips, `${a.index}|${b.index}`, n.date);
      }
      const last = inside.at(-1);
      if (last && last.level > 0) tally(neverOff, String(last.index), n.date);
    }
    for (const [k, t] of outside) {
      const i = Number(k);
      out.push(err('step_outside_night', `program ${id} ${label(i)} falls outside its night (local noon to noon) on ${t.count} nights from ${t.first}: it never runs then`,
        `programme ${id}, ${labelFr(i)} : hors de sa nuit (midi à midi) sur ${t.count} nuits dès le ${t.first} ; il ne s'exécute jamais`, ref(id, i, { night: t.first, nights: t.count })));
    }
    for (const [k, t] of contradict) {
      const [i, j] = k.split('|').map(Number) as [number, number];
      out.push(err('contradictory_steps', `program ${id} ${label(i)} and ${label(j)} fall on the same instant with different levels on ${t.count} nights from ${t.first}: only the later one in the list takes effect`,
        `programme ${id}, ${labelFr(i)} et ${labelFr(j)} tombent au même instant avec des niveaux différents sur ${t.count} nuits dès le ${t.first} : seul le dernier s'applique`, ref(id, i, { otherStep: j, night: t.first, nights: t.count })));
    }
    for (const [k, t] of duplicate) {
      const [i, j] = k.split('|').map(Number) as [number, number];
      out.push(err('duplicate_steps', `program ${id} ${label(i)} and ${label(j)} fall on the same instant with the same level on ${t.count} nights from ${t.first}`,
        `programme ${id}, ${labelFr(i)} et ${labelFr(j)} tombent au même instant au même niveau sur ${t.count} nuits dès le ${t.first}`, ref(id, i, { otherStep: j, night: t.first, nights: t.count }), 'warning'));
    }
    for (const [k, t] of flips) {
      const [i, j] = k.split('|').map(Number) as [number, number];
      const short = shortest.date;
      out.push(err('step_order_changes', `program ${id} ${label(j)} comes after ${label(i)} on ${t.count} nights from ${t.first} (shortest night: ${short}), although it comes before it on the longest night (${longest.date}): on those nights it does not run where it was meant to`,
        `programme ${id}, ${labelFr(j)} passe après ${labelFr(i)} sur ${t.count} nuits dès le ${t.first} (nuit la plus courte : ${short}), alors qu'il le précède la nuit la plus longue (${longest.date}) : il ne s'exécute pas comme prévu ces nuits-là`,
        ref(id, j, { otherStep: i, night: t.first, nights: t.count })));
    }
    for (const [k, t] of fades) {
      const i = Number(k);
      out.push(err('fade_exceeds_gap', `program ${id} ${label(i)}: its fade (${draftProgram.steps[i]?.fadeS} s) is longer than the gap to the next step (${t.example ?? '?'}) on ${t.count} nights from ${t.first}; the next step cuts it short`,
        `programme ${id}, ${labelFr(i)} : le fondu (${draftProgram.steps[i]?.fadeS} s) dépasse l'écart avec le pas suivant (${t.example ?? '?'}) sur ${t.count} nuits dès le ${t.first}`, ref(id, i, { night: t.first, nights: t.count })));
    }
    for (const [k, t] of neverOff) {
      const i = Number(k);
      out.push(err('never_off', `program ${id}: the last step, ${label(i)}, leaves the light on until noon on ${t.count} nights from ${t.first} (no step switches it off)`,
        `programme ${id} : le dernier pas, ${labelFr(i)}, laisse la lumière allumée jusqu'à midi sur ${t.count} nuits dès le ${t.first}`, ref(id, i, { night: t.first, nights: t.count }), 'warning'));
    }
  }
  return out;
}
