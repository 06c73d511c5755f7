/**
 * Compliance of a plan with the French decree on light pollution: arrêté du 27 décembre 2018 relatif à la
 * prévention, à la réduction et à la limitation des nuisances lumineuses (NOR TREP1831126A), as amended
 * by the arrêté du 29 mai 2019. Every finding cites its article.
 *
 * Hours (art. 2), evaluated night by night over the period with the firmware's own step resolution:
 * - a) lighting linked to an economic activity (group has activity hours): off ≤ 1 h after the activity
 *   ends, on again ≥ 07:00 or 1 h before it starts if earlier (art. 2 I a). Without activity hours,
 *   road lighting has no hour rule in the decree: switching it off is the mayor's police power
 *   (CGCT L2212-2) → an info finding, never an error.
 * - b) heritage: on ≥ sunset, off ≤ 01:00; parks and gardens: on ≥ sunset, off ≤ 1 h after closing
 *   (01:00 when no closing time is given) (art. 2 II b).
 * - d) non-residential buildings (façades, interior light emitted outside): on ≥ sunset, off ≤ 01:00;
 *   shop windows: off ≤ 01:00 or 1 h after closing if later, on ≥ 07:00 or 1 h before opening if earlier
 *   (art. 2 II d).
 * - e) car parks annexed to an activity: on ≥ sunset, off ≤ 2 h after the activity ends, on ≥ 07:00 or
 *   1 h before it starts (art. 2 e).
 * - g) outdoor worksites: off ≤ 1 h after the activity ends, on ≥ 07:00 or 1 h before it starts (art. 2 g).
 * - c) sports and f) events: no hour rule checked (info).
 * "Sunset" is the firmware's sunset (zenith 90.833°, upper limb at the horizon with standard refraction,
 * the time the NOAA calculator and ephemerides publish). The decree does not say which sunset (Cerema,
 * "plages horaires d'extinction": civil, nautical or astronomical are all defensible, the choice is the
 * operator's); this one is the earliest of them, hence the strictest reading of "on at the earliest at
 * sunset". No tolerance is applied: a step anchored on `sunset` with offset ≥ 0 complies by construction.
 * Activity hours apply every night (no weekly closing days are modelled).
 *
 * Luminaires (art. 3 and 4): CCT > 3000 K for a, d, e (art. 3); CCT > 2400 K in nature reserves
 * (art. 4; warning in astronomical sites, whose own order sets the limit); ULR ≥ 4 % error, 1–4 %
 * warning (art. 3: < 1 % for installations since 2020, existing ones ≤ 4 % from 2025) for a, b parks,
 * e and g (heritage and building illumination is aimed at façades, outside the ULR rule).
 *
 * Presence steps (issue 17): the hours apply to the light that stands, the step's base level — a base level above 0
 * in a switch-off window is lit there (error, as any step). The raise on detection is what art. 2 allows to adapt
 * ("ces prescriptions peuvent être adaptées lorsqu'elles sont couplées à des dispositifs de détection de
 * présence"): a presence step that can raise the light within a switch-off window is a warning (the adaptation
 * belongs to the categories and local orders that admit it: check them), never an error. And per step: a hold
 * too short for a walker to cross the pole's light (warning), a fade up too slow to light them in time (warning), a
 * base level equal to the raised one (no saving: info).
 */
import type { Site } from '@streetlight/firmware';
import type { Plan } from '@streetlight/protocol/lean';
import { litSpans, localAt, night, type LitSpan, type Night } from './night.js';
import { baseNight } from './preview.js';
import { CATEGORY_LABEL, minutesOf, type Finding, type GroupRules, type ModelFacts } from './model.js';

const DECREE = 'arrêté du 27/12/2018';
const H = 60;

interface Window {
  code: string;
  article: string;
  /** Forbidden span of the night, local minutes after midnight of the evening (≥ 1440 = morning), or 'sunset'. */
  from: number | 'start';
  to: number | 'sunset' | 'end';
  en: string;
  fr: string;
}

const hm = (m: number): string => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
/** Closing time as minutes after the evening's midnight: before noon means after midnight. */
const closingMin = (hhmm: string): number => { const m = minutesOf(hhmm); return m < 12 * H ? m + 1440 : m; };
/** Earliest morning switch-on: 07:00, or 1 h before opening if the activity starts earlier (art. 2). */
const morningMin = (opensAt: string | undefined): number => {
  const seven = 1440 + 7 * H;
  if (!opensAt) return seven;
  const o = minutesOf(opensAt);
  return o < 12 * H ? Math.min(seven, 1440 + o - H) : seven;
};

function windows(rules: GroupRules): { windows: Window[]; infos: Finding[] } {
  const w: Window[] = [];
  const infos: Finding[] = [];
  const act = rules.activity ?? undefined;
  const beforeSunset = (article: string): Window => ({
    code: 'lit_before_sunset', article, from: 'start', to: 'sunset',
    en: 'lit before sunset (the decree allows switching on at sunset at the earliest)', fr: 'allumé avant le coucher du soleil (allumage au plus tôt au coucher du soleil)',
  });
  const activityWindow = (article: string, afterH: number): Window | undefined => {
    if (!act) return undefined;
    const off = closingMin(act.closesAt) + afterH * H;
    const on = morningMin(act.opensAt);
    if (off >= on) return undefined;
    return {
      code: 'lit_after_activity', article, from: off, to: on,
      en: `lit between ${hm(off)} (${afterH} h after the activity ends at ${act.closesAt}) and ${hm(on)} (07:00, or 1 h before it starts if earlier)`,
      fr: `allumé entre ${hm(off)} (${afterH} h après la fin de l'activité à ${act.closesAt}) et ${hm(on)} (7 h, ou 1 h avant le début de l'activité si plus tôt)`,
    };
  };
  const missingHours = (article: string): Finding => ({
    severity: 'warning', code: 'activity_hours_missing', article: `${DECREE}, ${article}`,
    message: {
      en: `${CATEGORY_LABEL[rules.category].en}: the decree ties the hours to the activity; set the group's activity hours to check them`,
      fr: `${CATEGORY_LABEL[rules.category].fr} : l'arrêté fixe les horaires par rapport à l'activité ; renseignez les horaires d'activité du groupe`,
    },
  });
  switch (rules.category) {
    case 'a': {
      const aw = activityWindow('art. 2 I a', 1);
      if (aw) w.push(aw);
      else if (!act) {
        infos.push({
          severity: 'info', code: 'no_hour_rule_road', article: `${DECREE}, art. 2; CGCT art. L2212-2`,
          message: {
            en: 'Road lighting not linked to an economic activity: the decree sets no switch-off hours; switching off at night is the mayor\'s decision (CGCT L2212-2, police powers).',
            fr: 'Éclairage de voirie non lié à une activité économique : l\'arrêté ne fixe pas d\'horaire ; l\'extinction nocturne relève du maire (CGCT L2212-2, pouvoirs de police).',
          },
        });
      }
      break;
    }
    case 'b_heritage':
      w.push(beforeSunset('art. 2 II b'));
      w.push({ code: 'lit_after_limit', article: 'art. 2 II b', from: 1440 + H, to: 'end', en: 'lit after 01:00 (heritage lighting is off at 01:00 at the latest)', fr: 'allumé après 1 h (mise en valeur du patrimoine éteinte à 1 h au plus tard)' });
      break;
    case 'b_parks': {
      w.push(beforeSunset('art. 2 II b'));
      const off = act ? closingMin(act.closesAt) + H : 1440 + H;
      w.push({
        code: 'lit_after_limit', article: 'art. 2 II b', from: off, to: 'end',
        en: act ? `lit after ${hm(off)} (parks and gardens are off 1 h after closing at ${act.closesAt} at the latest)` : 'lit after 01:00 (no closing time given for this park: 01:00 applies)',
        fr: act ? `allumé après ${hm(off)} (parcs et jardins éteints au plus tard 1 h après la fermeture à ${act.closesAt})` : 'allumé après 1 h (pas d\'heure de fermeture renseignée : 1 h s\'applique)',
      });
      break;
    }
    case 'd_buildings':
      w.push(beforeSunset('art. 2 II d'));
      w.push({ code: 'lit_after_limit', article: 'art. 2 II d', from: 1440 + H, to: 'end', en: 'lit after 01:00 (non-residential building lighting is off at 01:00 at the latest)', fr: 'allumé après 1 h (éclairage des bâtiments non résidentiels éteint à 1 h au plus tard)' });
      break;
    case 'd_shop_windows': {
      const off = Math.max(1440 + H, act ? closingMin(act.closesAt) + H : 0);
      const on = morningMin(act?.opensAt);
      if (off < on) {
        w.push({
          code: 'lit_after_limit', article: 'art. 2 II d', from: off, to: on,
          en: `shop windows lit between ${hm(off)} (01:00, or 1 h after closing if later) and ${hm(on)} (07:00, or 1 h before opening if earlier)`,
          fr: `vitrines allumées entre ${hm(off)} (1 h, ou 1 h après la fermeture si plus tard) et ${hm(on)} (7 h, ou 1 h avant l'ouverture si plus tôt)`,
        });
      }
      break;
    }
    case 'e': {
      w.push(beforeSunset('art. 2 e'));
      const aw = activityWindow('art. 2 e', 2);
      if (aw) w.push(aw);
      else if (!act) infos.push(missingHours('art. 2 e'));
      break;
    }
    case 'g': {
      const aw = activityWindow('art. 2 g', 1);
      if (aw) w.push(aw);
      else if (!act) infos.push(missingHours('art. 2 g'));
      break;
    }
    case 'c':
    case 'f':
      infos.push({
        severity: 'info', code: 'no_hour_rule', article: `${DECREE}, art. 2`,
        message: { en: `${CATEGORY_LABEL[rules.category].en}: no switch-off hours are checked for this category`, fr: `${CATEGORY_LABEL[rules.category].fr} : aucun horaire d'extinction n'est vérifié pour cette catégorie` },
      });
      break;
  }
  return { windows: w, infos };
}

function resolveWindow(site: Site, n: Night, w: Window): [number, number] | undefined {
  const from = w.from === 'start' ? n.start : localAt(site, n.evening, w.from);
  const to = w.to === 'end' ? n.end : w.to === 'sunset' ? n.sunset : localAt(site, n.evening, w.to);
  if (to === undefined || to <= from) return undefined;
  return [from, to];
}

/**
 * A walker (1.4 m/s) crosses the light of a pole (about 20 m at 30 m spacing) in 15 s: a shorter hold may dim on them
 * between detections (PIR modules re-trigger only on movement across their zones).
 */
export const PRESENCE_MIN_HOLD_S = 15;
/** A fade up slower than this lights a cyclist (5 m/s) after they have passed half the pole's light. */
export const PRESENCE_MAX_FADE_UP_S = 2;

/** Per-step findings of presence steps (no group rules needed). */
export function checkPresenceSteps(plan: Plan): Finding[] {
  const out: Finding[] = [];
  const article = 'arrêté du 27/12/2018, art. 2 (détection de présence)';
  for (const p of plan.programs ?? []) {
    (p.steps ?? []).forEach((s, step) => {
      const m = s.presence;
      if (!m) return;
      const ref = { programId: p.id ?? 0, step };
      const level = s.level ?? 0;
      if ((m.baseLevel ?? 0) >= level) {
        out.push({ severity: 'info', code: 'presence_no_saving', article, ref,
          message: { en: `program ${ref.programId} step ${step}: base level ${m.baseLevel ?? 0} % equals the raised level: presence saves nothing`, fr: `programme ${ref.programId}, pas ${step} : niveau de veille ${m.baseLevel ?? 0} % égal au niveau relevé : la détection n'économise rien` } });
      }
      if ((m.holdS ?? 0) < PRESENCE_MIN_HOLD_S) {
        out.push({ severity: 'warning', code: 'presence_hold_short', article, ref,
          message: { en: `program ${ref.programId} step ${step}: a hold of ${m.holdS ?? 0} s is shorter than a walker takes to cross a pole's light (${PRESENCE_MIN_HOLD_S} s)`, fr: `programme ${ref.programId}, pas ${step} : un maintien de ${m.holdS ?? 0} s est plus court que le temps d'un piéton sous un candélabre (${PRESENCE_MIN_HOLD_S} s)` } });
      }
      if ((m.fadeUpS ?? 0) > PRESENCE_MAX_FADE_UP_S) {
        out.push({ severity: 'warning', code: 'presence_fade_up_slow', article, ref,
          message: { en: `program ${ref.programId} step ${step}: a fade up of ${m.fadeUpS ?? 0} s lights a cyclist after they have passed (at most ${PRESENCE_MAX_FADE_UP_S} s)`, fr: `programme ${ref.programId}, pas ${step} : une montée de ${m.fadeUpS ?? 0} s éclaire un cycliste après son passage (${PRESENCE_MAX_FADE_UP_S} s au plus)` } });
      }
    });
  }
  return out;
}

/**
 * Hour findings (art. 2) of a plan for a group's rules, over the given evenings at the site, and the presence
 * steps' findings (checkPresenceSteps, and a raise on detection within a switch-off window).
 */
export function checkHours(plan: Plan, site: Site, rules: GroupRules, evenings: readonly number[]): Finding[] {
  const { windows: ws, infos } = windows(rules);
  const out: Finding[] = [...infos, ...checkPresenceSteps(plan)];
  for (const w of ws) {
    const hits = new Map<string, { programId: number; step: number; first: string; count: number; worstMin: number }>();
    const raises = new Map<string, { programId: number; step: number; first: string; count: number; worstMin: number }>();
    for (const e of evenings) {
      const raisedNight = night(site, plan, e);
      // The hours apply to the light that stands: a presence step's base level.
      const n = baseNight(raisedNight);
      const span = resolveWindow(site, n, w);
      if (!span) continue;
      if (n !== raisedNight) {
        // The presence steps that can raise the light within the window (their raised level > 0).
        const steps = raisedNight.steps.filter((s) => s.at >= n.start && s.at < n.end);
        steps.forEach((s, i) => {
          if (!s.presence || s.level <= 0 || (s.presence.baseLevel ?? 0) > 0) return; // a lit base is an error below
          const overlap = Math.min(steps[i + 1]?.at ?? n.end, span[1]) - Math.max(s.at, span[0]);
          if (overlap <= 0) return;
          const key = `${n.program?.id ?? 0}|${s.index}`;
          const h = raises.get(key);
          if (h) { h.count++; h.worstMin = Math.max(h.worstMin, overlap / 60_000); }
          else raises.set(key, { programId: n.program?.id ?? 0, step: s.index, first: n.date, count: 1, worstMin: overlap / 60_000 });
        });
      }
      for (const lit of litSpans(n)) {
        const overlap = Math.min(lit.to, span[1]) - Math.max(lit.from, span[0]);
        if (overlap <= 0) continue;
        // The step to blame: for "too early", the one that switches on; for "too late", the one that switches off.
        // A span that starts inside the window was switched on too early; one that runs into it, off too late.
        const step = lit.from >= span[0] ? lit.onStep : (lit.offStep ?? lit.onStep);
        const key = `${n.program?.id ?? 0}|${step}`;
        const h = hits.get(key);
        if (h) { h.count++; h.worstMin = Math.max(h.worstMin, overlap / 60_000); }
        else hits.set(key, { programId: n.program?.id ?? 0, step, first: n.date, count: 1, worstMin: overlap / 60_000 });
        break;
      }
    }
    for (const h of hits.values()) {
      const mins = Math.round(h.worstMin);
      out.push({
        severity: 'error', code: w.code, article: `${DECREE}, ${w.article}`,
        message: {
          en: `${CATEGORY_LABEL[rules.category].en}: ${w.en} — program ${h.programId} step ${h.step}, on ${h.count} nights from ${h.first} (up to ${mins} min)`,
          fr: `${CATEGORY_LABEL[rules.category].fr} : ${w.fr} — programme ${h.programId}, pas ${h.step}, sur ${h.count} nuits dès le ${h.first} (jusqu'à ${mins} min)`,
        },
        ref: { programId: h.programId, step: h.step, night: h.first, nights: h.count },
      });
    }
    for (const h of raises.values()) {
      const mins = Math.round(h.worstMin);
      out.push({
        severity: 'warning', code: 'presence_in_off_hours', article: `${DECREE}, ${w.article}`,
        message: {
          en: `${CATEGORY_LABEL[rules.category].en}: ${w.en} — on detection only (presence step, base level off): program ${h.programId} step ${h.step}, on ${h.count} nights from ${h.first} (up to ${mins} min); the decree lets presence detection adapt the hours: check it applies to this installation`,
          fr: `${CATEGORY_LABEL[rules.category].fr} : ${w.fr} — sur détection seulement (pas de présence, veille éteinte) : programme ${h.programId}, pas ${h.step}, sur ${h.count} nuits dès le ${h.first} (jusqu'à ${mins} min) ; l'arrêté permet d'adapter les horaires avec une détection de présence : vérifier que cela s'applique à cette installation`,
        },
        ref: { programId: h.programId, step: h.step, night: h.first, nights: h.count },
      });
    }
  }
  return out;
}

/** Luminaire findings (art. 3 and 4) for the models installed in a group. */
export function checkLuminaires(rules: GroupRules, models: readonly ModelFacts[]): Finding[] {
  const out: Finding[] = [];
  const cat = rules.category;
  for (const m of models) {
    const what = `${m.id} (${m.count} luminaire${m.count === 1 ? '' : 's'})`;
    if (m.cctK == null) {
      out.push({ severity: 'warning', code: 'cct_unknown', article: `${DECREE}, art. 3`, ref: { modelId: m.id },
        message: { en: `${what}: colour temperature unknown; the operator must keep it per installation`, fr: `${what} : température de couleur inconnue ; l'exploitant doit la tenir à jour` } });
    } else {
      if ((cat === 'a' || cat === 'd_buildings' || cat === 'd_shop_windows' || cat === 'e') && m.cctK > 3000) {
        out.push({ severity: 'error', code: 'cct_above_3000k', article: `${DECREE}, art. 3`, ref: { modelId: m.id },
          message: { en: `${what}: ${m.cctK} K exceeds 3000 K for ${CATEGORY_LABEL[cat].en}`, fr: `${what} : ${m.cctK} K dépasse 3000 K pour la catégorie ${CATEGORY_LABEL[cat].fr}` } });
      }
      if (rules.zone !== 'ordinary' && m.cctK > 2400) {
        const reserve = rules.zone === 'nature_reserve';
        out.push({ severity: reserve ? 'error' : 'warning', code: 'cct_above_2400k', article: `${DECREE}, art. 4`, ref: { modelId: m.id },
          message: reserve
            ? { en: `${what}: ${m.cctK} K exceeds 2400 K in a nature reserve`, fr: `${what} : ${m.cctK} K dépasse 2400 K dans une réserve naturelle` }
            : { en: `${what}: ${m.cctK} K exceeds 2400 K; check the astronomical site's order`, fr: `${what} : ${m.cctK} K dépasse 2400 K ; vérifier l'arrêté du site d'observation astronomique` } });
      }
    }
    if (cat === 'a' || cat === 'b_parks' || cat === 'e' || cat === 'g') {
      if (m.ulrPct == null) {
        out.push({ severity: 'warning', code: 'ulr_unknown', article: `${DECREE}, art. 3`, ref: { modelId: m.id },
          message: { en: `${what}: upward light ratio unknown; the operator must keep it per installation`, fr: `${what} : ULR inconnu ; l'exploitant doit le tenir à jour` } });
      } else if (m.ulrPct >= 4) {
        out.push({ severity: 'error', code: 'ulr_above_4pct', article: `${DECREE}, art. 3`, ref: { modelId: m.id },
          message: { en: `${what}: ULR ${m.ulrPct} % (limit < 1 % for new installations, 4 % for existing ones)`, fr: `${what} : ULR ${m.ulrPct} % (limite < 1 % pour les installations neuves, 4 % pour les existantes)` } });
      } else if (m.ulrPct >= 1) {
        out.push({ severity: 'warning', code: 'ulr_above_1pct', article: `${DECREE}, art. 3`, ref: { modelId: m.id },
          message: { en: `${what}: ULR ${m.ulrPct} % is allowed for existing installations only (new ones: < 1 %)`, fr: `${what} : ULR ${m.ulrPct} % admis pour les installations existantes seulement (neuves : < 1 %)` } });
      }
    }
  }
  return out;
}

export type { LitSpan };
