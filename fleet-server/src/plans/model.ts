/**
 * Plan drafts, group rules and findings: the shapes the validator, the preview and the API share.
 * A draft is looser than a stored plan (planBodySchema in devices/plan.ts) on purpose: the validator must
 * be able to say *which* step is wrong (level 140, clock offset −30) instead of a bare schema error.
 */
import { z } from 'zod';
import { ANCHORS, WEEKDAYS, presenceModeSchema, storedPlan, toProtoPlan, type PlanBody, type StoredPlan } from '../devices/plan.js';
import type { Plan } from '@streetlight/protocol/lean';
import { CALENDAR_SETS } from './calendar.js';

export const draftStepSchema = z.strictObject({
  anchor: z.enum(ANCHORS),
  /** Minutes relative to the anchor; for `clock`, minutes after local midnight of the evening (< 720 or ≥ 1440: the morning). */
  offsetMin: z.number().int(),
  level: z.number(),
  fadeS: z.number().int().min(0).default(0),
  /** Presence on demand (devices/plan.ts presenceModeSchema): kept as the stored plan has it. */
  presence: presenceModeSchema.optional(),
});

export const draftPlanSchema = z.strictObject({
  programs: z.array(z.strictObject({ id: z.number().int().min(1), steps: z.array(draftStepSchema) })).min(1).max(64),
  rules: z.array(z.strictObject({
    programId: z.number().int().min(1),
    weekdays: z.union([z.number().int().min(0).max(127), z.array(z.enum(WEEKDAYS)).max(7)]).optional(),
    dates: z.array(z.string()).max(366).optional(),
    priority: z.number().int().min(0).max(1000).default(0),
    /** Calendar sets the rule applies on (plans/calendar.ts): public holidays, school holidays of a zone. */
    sets: z.array(z.enum(CALENDAR_SETS)).max(CALENDAR_SETS.length).optional(),
    /** The rule's name, e.g. an event's; shown in the calendar and in findings. */
    name: z.string().max(120).optional(),
  })).max(64).default([]),
  defaultProgramId: z.number().int().min(1),
}).meta({ id: 'PlanDraft' });
export type PlanDraft = z.output<typeof draftPlanSchema>;

/** Decree art. 1 categories; b and d are split because art. 2 gives their parts different hours. */
export const CATEGORIES = ['a', 'b_heritage', 'b_parks', 'c', 'd_buildings', 'd_shop_windows', 'e', 'f', 'g'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABEL: Record<Category, { fr: string; en: string }> = {
  a: { fr: 'a) éclairage de la voirie et des déplacements', en: 'a) road lighting / safe movement' },
  b_heritage: { fr: 'b) mise en valeur du patrimoine', en: 'b) heritage lighting' },
  b_parks: { fr: 'b) parcs et jardins', en: 'b) parks and gardens' },
  c: { fr: 'c) équipements sportifs', en: 'c) sports facilities' },
  d_buildings: { fr: 'd) bâtiments non résidentiels', en: 'd) non-residential buildings' },
  d_shop_windows: { fr: 'd) vitrines de commerce', en: 'd) shop windows' },
  e: { fr: 'e) parcs de stationnement', en: 'e) open car parks' },
  f: { fr: 'f) événementiel', en: 'f) events' },
  g: { fr: 'g) chantiers', en: 'g) worksites' },
};

/** Decree art. 4: stricter rules in astronomical observation sites and nature reserves. */
export const ZONES = ['ordinary', 'astronomical_site', 'nature_reserve'] as const;
export type Zone = (typeof ZONES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const activitySchema = z.strictObject({
  /** Local time the activity (shop, park, site) opens in the morning, HH:MM. */
  opensAt: hhmm,
  /** Local time it closes, HH:MM; before 12:00 means after midnight. */
  closesAt: hhmm,
});
export type Activity = z.output<typeof activitySchema>;

export interface GroupRules {
  category: Category;
  zone: Zone;
  /** Activity hours; for category a, their presence means the lighting is linked to an economic activity. */
  activity?: Activity | null | undefined;
}

/** A luminaire model as the validator needs it. */
export interface ModelFacts { id: string; cctK?: number | null | undefined; ulrPct?: number | null | undefined; count: number }

export const findingSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  /** Stable identifier of the check, e.g. `lit_before_sunset`. */
  code: z.string(),
  /** Where the rule comes from, e.g. "arrêté du 27/12/2018, art. 2 II b". */
  article: z.string(),
  message: z.object({ fr: z.string(), en: z.string() }),
  ref: z.object({
    programId: z.number().optional(),
    /** Index of the step in its program (0-based). */
    step: z.number().optional(),
    otherStep: z.number().optional(),
    /** First night (evening date) where it happens. */
    night: z.string().optional(),
    /** How many nights of the evaluated period it affects. */
    nights: z.number().optional(),
    ruleIndex: z.number().optional(),
    modelId: z.string().optional(),
  }).optional(),
}).meta({ id: 'Finding' });
export type Finding = z.output<typeof findingSchema>;

/** HH:MM → minutes after midnight. */
export function minutesOf(hhmmValue: string): number {
  const [h, m] = hhmmValue.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A draft without structural errors, as the firmware receives it (proto Plan, lean shape). */
export function draftToProto(draft: PlanDraft, id = 0, version = 0): Plan {
  return toProtoPlan(id, version, draftToStored(draft)) as Plan;
}

export function draftToStored(draft: PlanDraft): StoredPlan {
  return storedPlan({ ...draft, rules: draft.rules.map((r) => ({ ...r })) } as PlanBody);
}

export const stepLabel = (s: { anchor: string; offsetMin: number; level: number }): string => {
  if (s.anchor === 'clock') {
    const m = ((s.offsetMin % 1440) + 1440) % 1440;
    return `clock ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')} → ${s.level} %`;
  }
  return `${s.anchor}${s.offsetMin >= 0 ? '+' : ''}${s.offsetMin} min → ${s.level} %`;
};
