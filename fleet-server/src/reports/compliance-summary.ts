/**
 * The council report's decree compliance summary (issue 16): per group of the town, the findings of its assigned
 * plan over the report's period (structure and the decree of 27 December 2018, with the town's calendar), and the
 * lights whose luminaire breaches art. 3 (colour temperature > 3000 K for categories a, d, e; ULR ≥ 4 % for a,
 * parks, e, g) — the same checks as the plan editor and GET …/groups/:g/compliance.
 */
import { DEFAULT_TZ } from '../devices/device-config.js';
import type { StoredPlan } from '../devices/plan.js';
import type { CalendarRepository } from '../db/calendar-repository.js';
import { checkLuminaires } from '../plans/compliance.js';
import type { PlanService } from '../plans/service.js';
import { validatePlan } from '../plans/validate.js';
import { draftOfStored } from '../routes/calendar.js';

export interface GroupCompliance {
  groupId: string;
  planId: number | null;
  planName: string | null;
  lights: number;
  /** Findings of the group's plan over the period (null: no plan assigned, or no placed pole to evaluate at). */
  errors: number | null;
  warnings: number | null;
  /** Distinct lights of the group whose luminaire breaches art. 3 for the group's category. */
  lightsBreachingArt3: number;
}

export interface ComplianceSummary {
  groups: GroupCompliance[];
  /** Groups whose plan has at least one error finding. */
  groupsWithErrors: number;
  /** Distinct lights of the town whose luminaire breaches art. 3 in one of their groups. */
  lightsBreachingArt3: number;
}

export const ART3_CODES = new Set(['cct_above_3000k', 'ulr_above_4pct']);

export async function complianceSummary(
  plans: PlanService, calendar: CalendarRepository, tenant: string, period: { from: string; to: string },
): Promise<ComplianceSummary> {
  const [groups, metas, data] = await Promise.all([plans.groupIds(tenant), plans.store.listPlanMeta(tenant), calendar.data(tenant)]);
  const nights = Math.round((Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / 86_400_000) + 1;
  const out: GroupCompliance[] = [];
  const breaching = new Set<string>();
  for (const groupId of groups) {
    const ctx = await plans.groupContext(tenant, groupId);
    const planId = ctx.settings?.planId || null;
    let errors: number | null = null;
    let warnings: number | null = null;
    if (planId) {
      const v = await plans.store.getVersion(tenant, planId);
      if (v) {
        const r = validatePlan({
          draft: draftOfStored(v.body as unknown as StoredPlan), site: ctx.site ?? { tz: DEFAULT_TZ, lat: 46.6, lon: 2.4 }, from: period.from, nights,
          rules: ctx.rules, models: ctx.models, calendar: data,
        });
        errors = r.errors; warnings = r.warnings;
      }
    }
    const bad = new Set(checkLuminaires(ctx.rules, ctx.models).filter((f) => ART3_CODES.has(f.code)).map((f) => f.ref?.modelId));
    const members = bad.size ? await plans.lightsOfModels(tenant, ctx.members, bad) : [];
    for (const d of members) breaching.add(d);
    out.push({ groupId, planId, planName: metas.find((m) => m.planId === planId)?.name ?? null, lights: ctx.members.length, errors, warnings, lightsBreachingArt3: members.length });
  }
  return { groups: out, groupsWithErrors: out.filter((g) => (g.errors ?? 0) > 0).length, lightsBreachingArt3: breaching.size };
}
