/**
 * Dimming plans as the API accepts them, and their conversion to protocol v1 `Plan` (downlink.proto).
 * Bounds follow protocol/src/limits.ts so a stored plan always encodes into a valid SetPlan.
 */
import { z } from 'zod';
import {
  MAX_PLAN_PROGRAMS, MAX_PLAN_RULES, MAX_PLAN_STEPS, MAX_PRESENCE_FADE_DOWN_S, MAX_PRESENCE_FADE_UP_S, MAX_PRESENCE_HOLD_S, MAX_RULE_DATES, pb, type Downlink,
} from '@streetlight/protocol';

export type ProtoPlan = NonNullable<NonNullable<Downlink['plan']>['plan']>;

export const ANCHORS = ['clock', 'sunset', 'sunrise', 'civil_dusk', 'civil_dawn'] as const;
export type AnchorName = (typeof ANCHORS)[number];
const ANCHOR_VALUE: Record<AnchorName, number> = {
  clock: pb.Anchor.ANCHOR_CLOCK, sunset: pb.Anchor.ANCHOR_SUNSET, sunrise: pb.Anchor.ANCHOR_SUNRISE,
  civil_dusk: pb.Anchor.ANCHOR_CIVIL_DUSK, civil_dawn: pb.Anchor.ANCHOR_CIVIL_DAWN,
};

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const uint32 = z.number().int().min(0).max(0xffffffff);

/**
 * Presence on demand (protocol README): the step's `level` is the raised level, the light stays at `baseLevel` until
 * the pole's sensor (or a neighbour, `presence_ahead`) sees someone. Bounds as the protocol's (src/limits.ts).
 */
export const presenceModeSchema = z.strictObject({
  baseLevel: z.number().int().min(0).max(100),
  holdS: z.number().int().min(1).max(MAX_PRESENCE_HOLD_S),
  fadeUpS: z.number().int().min(0).max(MAX_PRESENCE_FADE_UP_S).default(0),
  fadeDownS: z.number().int().min(0).max(MAX_PRESENCE_FADE_DOWN_S).default(0),
  /** Issue 17, frugal learning: pre-light when the pole's learnt traffic says someone passes within minutes with at least this probability (%); absent or 0: plain presence. */
  anticipatePct: z.number().int().min(0).max(100).optional(),
  /** The pre-lit level: baseLevel .. the step's level; absent or 0: the step's level. */
  prelightLevel: z.number().int().min(0).max(100).optional(),
});
export type PresenceModeBody = z.output<typeof presenceModeSchema>;

export const planStepSchema = z.strictObject({
  anchor: z.enum(ANCHORS),
  /** Minutes relative to the anchor; for `clock`, minutes after local midnight (> 1440 = after the night's midnight). */
  offsetMin: z.number().int().min(-1440).max(2880),
  level: z.number().int().min(0).max(100),
  fadeS: z.number().int().min(0).max(3600).default(0),
  presence: presenceModeSchema.optional(),
}).refine((s) => !s.presence || s.presence.baseLevel <= s.level, { message: 'presence.baseLevel must not exceed the step level', path: ['presence', 'baseLevel'] })
  .refine((s) => !s.presence?.prelightLevel || (s.presence.prelightLevel <= s.level && s.presence.prelightLevel >= s.presence.baseLevel),
    { message: 'presence.prelightLevel must lie between the base level and the step level', path: ['presence', 'prelightLevel'] });

export const planRuleSchema = z.strictObject({
  programId: z.number().int().min(1).max(0xffffffff),
  /** Bit 0 = Monday … bit 6 = Sunday, or a list of day names (the evening of the night). */
  weekdays: z.union([z.number().int().min(0).max(127), z.array(z.enum(WEEKDAYS)).max(7)]).optional(),
  /** Evening dates, YYYY-MM-DD. */
  dates: z.array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD')).max(MAX_RULE_DATES).optional(),
  priority: z.number().int().min(0).max(1000).default(0),
});

export const planBodySchema = z.strictObject({
  /** Existing plan id to publish a new version of; omitted → a new plan id. */
  planId: uint32.min(1).optional(),
  programs: z.array(z.strictObject({
    id: z.number().int().min(1).max(0xffffffff),
    steps: z.array(planStepSchema).min(1).max(MAX_PLAN_STEPS),
  })).min(1).max(MAX_PLAN_PROGRAMS),
  rules: z.array(planRuleSchema).max(MAX_PLAN_RULES).default([]),
  defaultProgramId: z.number().int().min(1).max(0xffffffff),
}).superRefine((plan, ctx) => {
  const ids = new Set<number>();
  plan.programs.forEach((p, i) => {
    if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['programs', i, 'id'], message: `duplicate program id ${p.id}` });
    ids.add(p.id);
  });
  if (!ids.has(plan.defaultProgramId)) {
    ctx.addIssue({ code: 'custom', path: ['defaultProgramId'], message: `no program with id ${plan.defaultProgramId}` });
  }
  plan.rules.forEach((r, i) => {
    if (!ids.has(r.programId)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'programId'], message: `no program with id ${r.programId}` });
    if (r.weekdays === undefined && !r.dates?.length) {
      ctx.addIssue({ code: 'custom', path: ['rules', i], message: 'a rule needs weekdays or dates' });
    }
  });
});

export type PlanBody = z.output<typeof planBodySchema>;

/** The plan as stored (JSON): weekdays normalised to a mask. */
export interface StoredPlan {
  programs: Array<{ id: number; steps: Array<{ anchor: AnchorName; offsetMin: number; level: number; fadeS: number; presence?: PresenceModeBody }> }>;
  rules: Array<{ programId: number; weekdayMask: number; dates: string[]; priority: number; sets?: string[]; name?: string }>;
  defaultProgramId: number;
  /**
   * The rules as the device gets them when some rule references calendar sets: the sets expanded into dated
   * rules for the nights [from, to) (plans/calendar.ts expandForDevice), fixed when the version is made.
   */
  calendar?: { from: string; to: string; rules: Array<{ programId: number; weekdayMask: number; dates: string[]; priority: number }> };
}

export function weekdayMask(w: number | readonly (typeof WEEKDAYS)[number][] | undefined): number {
  if (w === undefined) return 0;
  if (typeof w === 'number') return w;
  return w.reduce((mask, d) => mask | (1 << WEEKDAYS.indexOf(d)), 0);
}

/**
 * A plan body as stored. Named plans (plans/model.ts draftPlanSchema) also give rules calendar `sets`
 * (expanded per version by plans/calendar.ts) and a `name`; the device routes' body has neither.
 */
export function storedPlan(body: Omit<PlanBody, 'rules'> & { rules: Array<PlanBody['rules'][number] & { sets?: string[] | undefined; name?: string | undefined }> }): StoredPlan {
  return {
    programs: body.programs.map((p) => ({ id: p.id, steps: p.steps.map((s) => ({ ...s })) })),
    rules: body.rules.map((r) => ({
      programId: r.programId, weekdayMask: weekdayMask(r.weekdays), dates: r.dates ?? [], priority: r.priority,
      ...(r.sets?.length ? { sets: [...r.sets] } : {}), ...(r.name ? { name: r.name } : {}),
    })),
    defaultProgramId: body.defaultProgramId,
  };
}

export function toProtoPlan(id: number, version: number, plan: StoredPlan): ProtoPlan {
  return {
    id,
    version,
    programs: plan.programs.map((p) => ({
      id: p.id,
      steps: p.steps.map((s) => ({ anchor: ANCHOR_VALUE[s.anchor], offsetMin: s.offsetMin, level: s.level, fadeS: s.fadeS, ...(s.presence ? { presence: { ...s.presence } } : {}) })),
    })),
    // Rules with calendar sets go as their stored expansion; a set rule without one (no expansion made) matches no night.
    rules: (plan.calendar?.rules ?? plan.rules).filter((r) => r.weekdayMask || r.dates.length).map((r) => ({
      programId: r.programId, weekdayMask: r.weekdayMask, priority: r.priority,
      dates: r.dates.map((d) => Number(d.replace(/-/g, ''))),
    })),
    defaultProgramId: plan.defaultProgramId,
  };
}
