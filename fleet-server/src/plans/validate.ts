/**
 * One entry point for the API: structural checks, then (when the plan is sound enough to run) the
 * decree's hour rules for the group and the luminaire rules for its models.
 */
import { addDays, expandDraft, type CalendarData } from './calendar.js';
import { checkHours, checkLuminaires } from './compliance.js';
import { draftToProto, type Finding, type GroupRules, type ModelFacts, type PlanDraft } from './model.js';
import { nightsFrom, toSite, type SiteInput } from './night.js';
import { nightChecks, staticChecks } from './structural.js';

export interface ValidationInput {
  draft: PlanDraft;
  site: SiteInput;
  /** First evening of the period (YYYY-MM-DD) and number of nights. */
  from: string;
  nights: number;
  rules?: GroupRules | undefined;
  models?: readonly ModelFacts[] | undefined;
  /** The town's calendar data: rules referencing sets are evaluated with their nights of the period. */
  calendar?: CalendarData | undefined;
}

export interface ValidationResult { ok: boolean; errors: number; warnings: number; findings: Finding[] }

const ORDER = { error: 0, warning: 1, info: 2 } as const;

export function validatePlan(input: ValidationInput): ValidationResult {
  const findings = staticChecks(input.draft);
  // Night checks need a plan the firmware can resolve: ids and references must be right first.
  const blocking = findings.some((f) => f.severity === 'error' && ['duplicate_program', 'missing_program'].includes(f.code));
  if (!blocking) {
    const site = toSite(input.site);
    const evenings = nightsFrom(input.from, input.nights);
    const to = addDays(input.from, input.nights);
    const draft = expandDraft(input.draft, input.calendar ?? { alsaceMoselle: false, school: [] }, input.from, to);
    findings.push(...nightChecks(draft, site, evenings));
    if (input.rules) findings.push(...checkHours(draftToProto(draft), site, input.rules, evenings));
  }
  if (input.rules && input.models) findings.push(...checkLuminaires(input.rules, input.models));
  findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ok: errors === 0, errors, warnings: findings.filter((f) => f.severity === 'warning').length, findings };
}
