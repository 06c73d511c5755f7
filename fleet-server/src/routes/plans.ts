/**
 * Plans area REST routes (issue 4), under /api/tenants/:tenant/…: named plans and their versions, the
 * validator (structure + decree of 27 December 2018) usable before saving, the preview with its energy
 * estimate, group settings (decree category, zone, activity hours, plan assignment and priority), group
 * membership, and the luminaire model catalogue. Zod schemas give validation and the OpenAPI document.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_CLO_LXX_PCT, MAX_CLO_RATED_H, MIN_CLO_LXX_PCT, MIN_CLO_RATED_H } from '@streetlight/protocol';
import { ID_MAX_LENGTH, MAX_PLAN_RULES, MAX_RULE_DATES } from '@streetlight/protocol';
import { PlansRepository, type GroupSettingsRow, type LuminaireModelRow } from '../db/plans-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { DEFAULT_TZ, type ConfigPatch } from '../devices/device-config.js';
import { fleetError } from '../errors.js';
import { activitySchema, CATEGORIES, draftPlanSchema, draftToProto, draftToStored, findingSchema, ZONES, type PlanDraft } from '../plans/model.js';
import { nightsFrom, toSite, type SiteInput } from '../plans/night.js';
import { staticChecks } from '../plans/structural.js';
import { MAX_PREVIEW_NIGHTS, previewPlan } from '../plans/preview.js';
import { defaultTraffic, occupancyTableSchema, STREET_TYPES } from '../plans/traffic.js';
import { PlanService, rulesOf, type GroupContext } from '../plans/service.js';
import { validatePlan, type ValidationResult } from '../plans/validate.js';
import type { StoredPlan } from '../devices/plan.js';
import { addDays, CalendarTooLargeError, expandDraft } from '../plans/calendar.js';
import { draftOfStored } from './calendar.js';

declare module 'fastify' {
  interface FastifyInstance {
    plans: PlanService;
  }
}

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const modelId = z.string().min(1).max(64);
const tenantParams = z.object({ tenant: id });
const planParams = z.object({ tenant: id, planId: z.coerce.number().int().min(1) });
const versionParams = z.object({ tenant: id, planId: z.coerce.number().int().min(1), version: z.coerce.number().int().min(1) });
const groupParams = z.object({ tenant: id, groupId: id });
const modelParams = z.object({ tenant: id, modelId });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody, 422: errorBody };

const siteSchema = z.strictObject({
  tz: z.string().min(1).max(64).default(DEFAULT_TZ).describe('POSIX TZ rule, as the device gets it'),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
const rulesSchema = z.strictObject({
  category: z.enum(CATEGORIES).describe('decree art. 1 category (b and d split by art. 2)'),
  zone: z.enum(ZONES).default('ordinary').describe('decree art. 4'),
  activity: activitySchema.nullable().optional(),
});
const validationReply = z.object({
  ok: z.boolean().describe('no error finding'), errors: z.number(), warnings: z.number(),
  period: z.object({ from: z.string(), nights: z.number() }),
  site: z.object({ tz: z.string(), lat: z.number(), lon: z.number() }).nullable(),
  findings: z.array(findingSchema),
}).meta({ id: 'Validation' });

const planSummary = z.object({
  planId: z.number(), name: z.string(), description: z.string().nullable(), latestVersion: z.number(),
  groups: z.array(z.string()).describe('groups this plan is assigned to'), createdAt: z.string(), updatedAt: z.string(),
});
const planVersionView = z.object({ planId: z.number(), version: z.number(), createdAt: z.string(), plan: z.unknown().describe('the stored plan body (weekdays as masks)') });

const groupSettingsBody = z.strictObject({
  category: z.enum(CATEGORIES).optional(),
  zone: z.enum(ZONES).optional(),
  activity: activitySchema.nullable().optional().describe('activity (opening) hours; null clears them'),
  planId: z.number().int().min(1).nullable().optional().describe('plan assigned to the group; null unassigns'),
  priority: z.number().int().min(-1000).max(1000).optional().describe('higher wins when a light is in several groups with plans; default 0'),
});
const groupSettingsView = z.object({
  groupId: z.string(), category: z.enum(CATEGORIES), zone: z.enum(ZONES), activity: activitySchema.nullable(),
  planId: z.number().nullable(), priority: z.number(), members: z.number(),
});

/** Dimming interfaces of LED drivers: PWM, analogue 0–10 V / 1–10 V, DALI, and DALI-2 with D4i luminaire data (IEC 62386-25x). */
export const DRIVER_INTERFACES = ['pwm', '0-10v', '1-10v', 'dali', 'd4i'] as const;
const modelBody = z.strictObject({
  name: z.string().max(200).optional(),
  cctK: z.number().int().min(1000).max(10000).nullable().optional().describe('nominal colour temperature, K (decree art. 3 and 4)'),
  ulrPct: z.number().min(0).max(100).nullable().optional().describe('upward light ratio, % (decree art. 3)'),
  nominalW: z.number().int().min(1).max(100000).describe('rated input power, W'),
  curve: z.enum(['linear', 'logarithmic']).default('linear').describe('dimming curve the device applies (SetConfig.curve)'),
  minLevel: z.number().int().min(0).max(100).default(0).describe('lowest non-zero level, % (SetConfig.min_level)'),
  fluxLm: z.number().int().min(1).max(1_000_000).nullable().optional().describe('nominal luminous flux, lm (decree art. 3: kept per installation); this and the next three: absent = kept, null = cleared'),
  cieFluxCode3Pct: z.number().min(0).max(100).nullable().optional().describe('CIE flux code n°3, % (decree art. 3: > 95 %)'),
  maxPowerW: z.number().int().min(1).max(100000).nullable().optional().describe('maximum electrical power, W (decree: kept per installation)'),
  driverInterface: z.enum(DRIVER_INTERFACES).nullable().optional().describe('how the controller dims the driver: pwm, 0-10v, 1-10v, dali, d4i (DALI-2 with D4i data)'),
  cloLxxPct: z.number().int().min(MIN_CLO_LXX_PCT).max(MAX_CLO_LXX_PCT).nullable().optional()
    .describe('lumen maintenance Lxx: % of the initial flux left at cloRatedH burning hours (e.g. 80 for L80); with cloRatedH, controllers of this model keep their light constant as the LED ages (constant light output); absent = kept, null = cleared'),
  cloRatedH: z.number().int().min(MIN_CLO_RATED_H).max(MAX_CLO_RATED_H).nullable().optional().describe('burning hours of the Lxx figure (e.g. 100000)'),
}).refine((b) => (b.cloLxxPct == null) === (b.cloRatedH == null), { message: 'cloLxxPct and cloRatedH go together', path: ['cloRatedH'] });
const modelView = z.object({
  id: z.string(), name: z.string().nullable(), cctK: z.number().nullable(), ulrPct: z.number().nullable(), nominalW: z.number(),
  curve: z.enum(['linear', 'logarithmic']), minLevel: z.number(), updatedAt: z.string(),
  fluxLm: z.number().nullable(), cieFluxCode3Pct: z.number().nullable(), maxPowerW: z.number().nullable(), driverInterface: z.enum(DRIVER_INTERFACES).nullable(),
  cloLxxPct: z.number().nullable(), cloRatedH: z.number().nullable(),
});

const evalTarget = {
  groupId: id.optional().describe('evaluate for this group: its site (pole centroid, TZ), decree category/zone/hours and luminaires'),
  site: siteSchema.optional().describe('site to evaluate at (overrides the group\'s)'),
  rules: rulesSchema.optional().describe('decree category/zone/hours (override the group\'s)'),
};

const iso = (ms: number): string => new Date(ms).toISOString();
const toModelView = (m: LuminaireModelRow) => ({
  id: m.id, name: m.name, cctK: m.cctK, ulrPct: m.ulrPct, nominalW: m.nominalW, curve: m.curve === 'logarithmic' ? 'logarithmic' as const : 'linear' as const,
  minLevel: m.minLevel, updatedAt: iso(m.updatedAt),
  fluxLm: m.fluxLm, cieFluxCode3Pct: m.cieFluxCode3Pct, maxPowerW: m.maxPowerW,
  driverInterface: (DRIVER_INTERFACES as readonly string[]).includes(m.driverInterface ?? '') ? m.driverInterface as (typeof DRIVER_INTERFACES)[number] : null,
  cloLxxPct: m.cloLxxPct ?? null, cloRatedH: m.cloRatedH ?? null,
});

/** Draft from a stored plan (weekday masks are accepted by the draft schema; calendar sets and names kept). */
const storedToDraft = (p: StoredPlan): PlanDraft => draftOfStored(p);

function configOfModel(m: LuminaireModelRow): ConfigPatch {
  // Issue 17: the lumen maintenance goes to the controller (constant light output); none = 0/0 (CLO off).
  return {
    curve: m.curve === 'logarithmic' ? 'logarithmic' : 'linear', minLevel: m.minLevel, nominalPowerW: m.nominalW,
    cloLxxPct: m.cloLxxPct ?? 0, cloRatedH: m.cloLxxPct != null ? m.cloRatedH ?? 0 : 0,
  };
}

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const store = new PlansRepository((app.repo as DrizzleRepository).adapter);
  const service = new PlanService(app.repo, store, app.devices, app.fleet.now);
  app.decorate('plans', service);
  app.devices.modelConfig = async (tenant) => new Map((await store.listModels(tenant)).map((m) => [m.id, configOfModel(m)]));

  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo } = app;
  const base = '/api/tenants/:tenant';

  async function requireTenant(tenant: string): Promise<void> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  }
  async function requirePlan(tenant: string, planId: number) {
    const meta = await store.getPlanMeta(tenant, planId);
    if (!meta) throw fleetError('PLAN_NOT_FOUND', { tenant, planId });
    return meta;
  }
  async function requireGroup(tenant: string, groupId: string): Promise<void> {
    if (!(await repo.groupExists(tenant, groupId))) throw fleetError('GROUP_NOT_FOUND', { tenant, groupId });
  }
  /** The tenant's centroid, for checking a plan that is not tied to a group yet. */
  async function tenantSite(tenant: string): Promise<SiteInput | undefined> {
    const placed = (await repo.listInventory(tenant)).filter((i) => i.lat != null && i.lon != null);
    if (!placed.length) return undefined;
    return { tz: DEFAULT_TZ, lat: placed.reduce((s, i) => s + (i.lat as number), 0) / placed.length, lon: placed.reduce((s, i) => s + (i.lon as number), 0) / placed.length };
  }
  /** Default period: the calendar year of the server's current date (a representative year of nights). */
  function defaultPeriod(): { from: string; nights: number } {
    const y = new Date(app.fleet.now()).getUTCFullYear();
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return { from: `${y}-01-01`, nights: leap ? 366 : 365 };
  }

  async function evaluate(tenant: string, draft: PlanDraft, target: { groupId?: string | undefined; site?: SiteInput | undefined; rules?: z.output<typeof rulesSchema> | undefined; from?: string | undefined; nights?: number | undefined }, needSite: boolean) {
    let ctx: GroupContext | undefined;
    if (target.groupId) {
      await requireGroup(tenant, target.groupId);
      ctx = await service.groupContext(tenant, target.groupId);
    }
    const site = target.site ?? ctx?.site ?? (await tenantSite(tenant));
    if (!site && needSite) throw fleetError('PLAN_NO_SITE', { tenant, groupId: target.groupId });
    const period = { ...defaultPeriod(), ...(target.from ? { from: target.from } : {}), ...(target.nights ? { nights: target.nights } : {}) };
    const rules = target.rules ?? ctx?.rules;
    const result: ValidationResult = validatePlan({
      draft, site: site ?? { tz: DEFAULT_TZ, lat: 46.6, lon: 2.4 }, from: period.from, nights: period.nights,
      rules, models: ctx?.models, calendar: await app.calendar.store.data(tenant),
    });
    return { ...result, period, site: site ?? null, ctx };
  }

  /** Refuses a plan with structural errors; decree findings do not block saving (art. 2 VII derogations exist). */
  async function checkForSave(tenant: string, draft: PlanDraft) {
    const v = await evaluate(tenant, draft, {}, false);
    const structural = v.findings.filter((f) => f.severity === 'error' && f.article === 'structure');
    if (structural.length) throw fleetError('PLAN_INVALID', { findings: structural });
    return v.findings;
  }

  /** The draft of a preview with its calendar sets expanded over the previewed nights (from: default today). */
  async function previewDraft(tenant: string, b: { plan?: PlanDraft | undefined; planId?: number | undefined; version?: number | undefined; groupId?: string | undefined; from?: string | undefined; nights: number }): Promise<PlanDraft> {
    const draft = await draftOf(tenant, b);
    const from = b.from ?? new Date(app.fleet.now()).toISOString().slice(0, 10);
    return expandDraft(draft, await app.calendar.store.data(tenant), from, addDays(from, b.nights));
  }

  /** The stored body of a new version: calendar sets expanded for the devices (plans/calendar-service.ts). */
  async function forDevices(tenant: string, draft: PlanDraft): Promise<StoredPlan> {
    try {
      return await app.calendar.expand(tenant, draftToStored(draft));
    } catch (err) {
      if (!(err instanceof CalendarTooLargeError)) throw err;
      throw fleetError('PLAN_INVALID', {
        findings: [{
          severity: 'error', code: 'calendar_too_large', article: 'structure',
          message: { en: err.message, fr: `les ensembles du calendrier demandent plus de ${MAX_PLAN_RULES} règles de ${MAX_RULE_DATES} dates sur 60 nuits à partir du ${err.from}` },
        }],
      });
    }
  }

  // ---------------------------------------------------------------- plans

  r.get(`${base}/plans`, {
    schema: { tags: ['plans'], summary: 'Named plans of a tenant, with latest version and assigned groups', params: tenantParams, response: { 200: z.array(planSummary), ...errors } },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const [metas, latest, settings] = await Promise.all([store.listPlanMeta(tenant), store.latestVersions(tenant), store.listGroupSettings(tenant)]);
    return metas.map((m) => ({
      planId: m.planId, name: m.name, description: m.description, latestVersion: latest.get(m.planId) ?? 0,
      groups: settings.filter((s) => s.planId === m.planId).map((s) => s.groupId), createdAt: iso(m.createdAt), updatedAt: iso(m.updatedAt),
    }));
  });

  r.post(`${base}/plans`, {
    schema: {
      tags: ['plans'], summary: 'Create a named plan (version 1). Structural errors refuse it (422); findings are returned',
      params: tenantParams, body: z.strictObject({ name: z.string().min(1).max(200), description: z.string().max(2000).optional(), plan: draftPlanSchema }),
      response: { 201: z.object({ planId: z.number(), version: z.number(), findings: z.array(findingSchema) }), ...errors },
    },
  }, async (req, reply) => {
    const { tenant } = req.params;
    await repo.ensureTenant(tenant, app.fleet.now());
    const findings = await checkForSave(tenant, req.body.plan);
    const body = await forDevices(tenant, req.body.plan);
    const p = await store.createPlan(tenant, req.body.name, req.body.description ?? null, body as unknown as Record<string, unknown>, app.fleet.now());
    return reply.code(201).send({ planId: p.id, version: p.version, findings });
  });

  r.get(`${base}/plans/:planId`, {
    schema: {
      tags: ['plans'], summary: 'A plan: name, versions, latest body, assigned groups', params: planParams,
      response: { 200: planSummary.extend({ versions: z.array(z.object({ version: z.number(), createdAt: z.string() })), plan: z.unknown() }), ...errors },
    },
  }, async (req) => {
    const { tenant, planId } = req.params;
    const meta = await requirePlan(tenant, planId);
    const [versions, latest, settings] = await Promise.all([store.listVersions(tenant, planId), store.getVersion(tenant, planId), store.listGroupSettings(tenant)]);
    return {
      planId, name: meta.name, description: meta.description, latestVersion: latest?.version ?? 0,
      groups: settings.filter((s) => s.planId === planId).map((s) => s.groupId), createdAt: iso(meta.createdAt), updatedAt: iso(meta.updatedAt),
      versions: versions.map((v) => ({ version: v.version, createdAt: iso(v.createdAt) })), plan: latest?.body ?? null,
    };
  });

  r.patch(`${base}/plans/:planId`, {
    schema: { tags: ['plans'], summary: 'Rename / describe a plan', params: planParams, body: z.strictObject({ name: z.string().min(1).max(200).optional(), description: z.string().max(2000).nullable().optional() }), response: { 200: z.object({ planId: z.number() }), ...errors } },
  }, async (req) => {
    await requirePlan(req.params.tenant, req.params.planId);
    await store.renamePlan(req.params.tenant, req.params.planId, { ...(req.body.name !== undefined ? { name: req.body.name } : {}), ...(req.body.description !== undefined ? { description: req.body.description } : {}) }, app.fleet.now());
    return { planId: req.params.planId };
  });

  r.get(`${base}/plans/:planId/versions/:version`, {
    schema: { tags: ['plans'], summary: 'One version of a plan', params: versionParams, response: { 200: planVersionView, ...errors } },
  }, async (req) => {
    const { tenant, planId, version } = req.params;
    await requirePlan(tenant, planId);
    const v = await store.getVersion(tenant, planId, version);
    if (!v) throw fleetError('PLAN_NOT_FOUND', { tenant, planId, version });
    return { planId, version: v.version, createdAt: iso(v.createdAt), plan: v.body };
  });

  r.post(`${base}/plans/:planId/versions`, {
    schema: {
      tags: ['plans'], summary: 'Publish a new version: devices of the groups it is assigned to get it now',
      params: planParams, body: z.strictObject({ plan: draftPlanSchema }),
      response: { 201: z.object({ planId: z.number(), version: z.number(), devicesChanged: z.number(), findings: z.array(findingSchema) }), ...errors },
    },
  }, async (req, reply) => {
    const { tenant, planId } = req.params;
    await requirePlan(tenant, planId);
    const findings = await checkForSave(tenant, req.body.plan);
    const body = await forDevices(tenant, req.body.plan);
    const version = await store.addVersion(tenant, planId, body as unknown as Record<string, unknown>, app.fleet.now());
    const { changed } = await service.apply(tenant);
    return reply.code(201).send({ planId, version, devicesChanged: changed, findings });
  });

  r.post(`${base}/plans/validate`, {
    schema: {
      tags: ['plans'], summary: 'Validate a plan draft (structure, decree of 27 Dec 2018) without saving it',
      params: tenantParams,
      body: z.strictObject({
        plan: draftPlanSchema.optional(), planId: z.number().int().min(1).optional(), version: z.number().int().min(1).optional(),
        ...evalTarget, from: date.optional().describe('first evening; default 1 January of the current year'),
        nights: z.number().int().min(1).max(MAX_PREVIEW_NIGHTS).optional().describe('default: the whole year'),
      }),
      response: { 200: validationReply, ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const draft = await draftOf(tenant, req.body);
    const v = await evaluate(tenant, draft, req.body, true);
    return { ok: v.ok, errors: v.errors, warnings: v.warnings, period: v.period, site: v.site, findings: v.findings };
  });

  async function draftOf(tenant: string, b: { plan?: PlanDraft | undefined; planId?: number | undefined; version?: number | undefined; groupId?: string | undefined }): Promise<PlanDraft> {
    if (b.plan) return b.plan;
    let planId = b.planId;
    if (planId === undefined && b.groupId) planId = (await store.getGroupSettings(tenant, b.groupId))?.planId || undefined;
    if (planId === undefined) throw fleetError('VALIDATION', { issues: [{ in: 'body', field: 'plan', message: 'give plan, planId, or a groupId with a plan assigned' }] });
    const v = await store.getVersion(tenant, planId, b.version);
    if (!v) throw fleetError('PLAN_NOT_FOUND', { tenant, planId, version: b.version });
    return storedToDraft(v.body as unknown as StoredPlan);
  }

  r.post(`${base}/plans/preview`, {
    schema: {
      tags: ['plans'], summary: `Level curve per night and energy vs a full-power dusk-to-dawn baseline (≤ ${MAX_PREVIEW_NIGHTS} nights)`,
      params: tenantParams,
      body: z.strictObject({
        plan: draftPlanSchema.optional(), planId: z.number().int().min(1).optional(), version: z.number().int().min(1).optional(),
        ...evalTarget,
        luminaires: z.array(z.strictObject({ nominalW: z.number().min(0).max(100000), curve: z.enum(['linear', 'logarithmic']).default('linear'), minLevel: z.number().int().min(0).max(100).default(0), count: z.number().int().min(1) })).optional()
          .describe('loads to estimate; default: the group\'s luminaires'),
        from: date.optional().describe('first evening; default today (server clock)'),
        nights: z.number().int().min(1).max(MAX_PREVIEW_NIGHTS).default(7),
        sampleMin: z.number().int().min(1).max(120).default(15),
        traffic: z.union([
          z.strictObject({ streetType: z.enum(STREET_TYPES) }),
          z.strictObject({ perHour: occupancyTableSchema }),
        ]).optional().describe('presence steps: the street type\'s default traffic, or a table of detections per hour (7 × 24, Monday first, e.g. a learned profile); default: a residential street'),
      }),
      response: {
        200: z.object({
          site: z.object({ tz: z.string(), lat: z.number(), lon: z.number() }),
          luminaires: z.number(), energyKwh: z.number(), baselineKwh: z.number(), savedKwh: z.number(), savedPct: z.number(),
          model: z.string(),
          nights: z.array(z.object({
            date: z.string(), programId: z.number().nullable(), sunset: z.string().nullable(), sunrise: z.string().nullable(),
            steps: z.array(z.object({ at: z.string(), level: z.number(), fadeS: z.number(), step: z.number(), baseLevel: z.number().optional() })),
            samples: z.array(z.object({ at: z.string(), level: z.number(), raised: z.number().optional() })),
            litHours: z.number(), energyKwh: z.number(), baselineKwh: z.number(), presenceHours: z.number(), raisedHours: z.number(),
          })),
          presence: z.object({ steps: z.boolean(), traffic: z.enum(['given', 'default_residential']) }),
        }).meta({ id: 'Preview' }),
        ...errors,
      },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const b = req.body;
    // Calendar sets expanded over the nights previewed (issue 16), as the device's stored expansion gives them.
    const draft = await previewDraft(tenant, b);
    const structural = staticChecks(draft).filter((f) => f.severity === 'error' && ['duplicate_program', 'missing_program'].includes(f.code));
    if (structural.length) throw fleetError('PLAN_INVALID', { findings: structural });
    const ctx = b.groupId ? (await requireGroup(tenant, b.groupId), await service.groupContext(tenant, b.groupId)) : undefined;
    const site = b.site ?? ctx?.site ?? (await tenantSite(tenant));
    if (!site) throw fleetError('PLAN_NO_SITE', { tenant, groupId: b.groupId });
    const loads = b.luminaires?.map((l) => ({ ...l, curve: l.curve === 'logarithmic' ? 2 : 1 })) ?? ctx?.loads ?? [];
    const from = b.from ?? new Date(app.fleet.now()).toISOString().slice(0, 10);
    const traffic = b.traffic ? ('perHour' in b.traffic ? b.traffic.perHour : defaultTraffic(b.traffic.streetType)) : undefined;
    const p = previewPlan(draftToProto(draft), toSite(site), { evenings: nightsFrom(from, b.nights), sampleMin: b.sampleMin, luminaires: loads, traffic });
    return {
      site, ...p,
      model: 'P(level) per luminaire: firmware min level and dimming curve → PWM duty d; dark below d = 0.10 (0.4 W standby); lit: 0.4 + (W − 0.4)·d/(1 − 0.15(1 − d)); level 0 = 0 W. Baseline: nominal W from sunset to sunrise.',
    };
  });

  // ---------------------------------------------------------------- groups

  const settingsView = async (tenant: string, groupId: string, row: GroupSettingsRow | undefined) => {
    const rules = rulesOf(row);
    return {
      groupId, category: rules.category, zone: rules.zone, activity: rules.activity ?? null,
      planId: row?.planId ? row.planId : null, priority: row?.priority ?? 0,
      members: (await repo.groupMembers(tenant, groupId)).length,
    };
  };

  r.get(`${base}/groups/:groupId/settings`, {
    schema: { tags: ['groups'], summary: 'Decree category, zone, activity hours and assigned plan of a group', params: groupParams, response: { 200: groupSettingsView, ...errors } },
  }, async (req) => {
    const { tenant, groupId } = req.params;
    await requireGroup(tenant, groupId);
    return settingsView(tenant, groupId, await store.getGroupSettings(tenant, groupId));
  });

  r.put(`${base}/groups/:groupId/settings`, {
    schema: {
      tags: ['groups'], summary: 'Set a group\'s decree metadata and plan assignment; devices are re-resolved and pushed',
      params: groupParams, body: groupSettingsBody,
      response: { 200: groupSettingsView.extend({ devicesChanged: z.number(), compliance: validationReply.nullable() }), ...errors },
    },
  }, async (req) => {
    const { tenant, groupId } = req.params;
    await requireGroup(tenant, groupId);
    const b = req.body;
    if (b.planId) await requirePlan(tenant, b.planId);
    const cur = await store.getGroupSettings(tenant, groupId);
    const activity = b.activity === undefined ? (cur?.opensAt && cur.closesAt ? { opensAt: cur.opensAt, closesAt: cur.closesAt } : null) : b.activity;
    const row: GroupSettingsRow = {
      tenantId: tenant, groupId,
      category: b.category ?? cur?.category ?? 'a', zone: b.zone ?? cur?.zone ?? 'ordinary',
      opensAt: activity?.opensAt ?? null, closesAt: activity?.closesAt ?? null,
      planId: b.planId === null ? 0 : (b.planId ?? cur?.planId ?? 0), priority: b.priority ?? cur?.priority ?? 0,
      updatedAt: app.fleet.now(),
    };
    await store.putGroupSettings(row);
    const { changed } = await service.apply(tenant);
    let compliance: z.output<typeof validationReply> | null = null;
    if (row.planId) {
      const v = await evaluate(tenant, await draftOf(tenant, { planId: row.planId }), { groupId }, false);
      compliance = { ok: v.ok, errors: v.errors, warnings: v.warnings, period: v.period, site: v.site, findings: v.findings };
    }
    return { ...(await settingsView(tenant, groupId, row)), devicesChanged: changed, compliance };
  });

  r.get(`${base}/groups/:groupId/compliance`, {
    schema: {
      tags: ['groups'], summary: 'Findings for the group\'s assigned plan (structure, decree hours, luminaires) over a year',
      params: groupParams, querystring: z.object({ from: date.optional(), nights: z.coerce.number().int().min(1).max(MAX_PREVIEW_NIGHTS).optional() }),
      response: { 200: validationReply, ...errors },
    },
  }, async (req) => {
    const { tenant, groupId } = req.params;
    await requireGroup(tenant, groupId);
    const draft = await draftOf(tenant, { groupId });
    const v = await evaluate(tenant, draft, { groupId, from: req.query.from, nights: req.query.nights }, true);
    return { ok: v.ok, errors: v.errors, warnings: v.warnings, period: v.period, site: v.site, findings: v.findings };
  });

  r.post(`${base}/groups/:groupId/members`, {
    schema: {
      tags: ['groups'], summary: 'Add / remove members (a light may belong to several groups); creates the group; devices are re-resolved',
      params: groupParams, body: z.strictObject({ add: z.array(id).max(10_000).default([]), remove: z.array(id).max(10_000).default([]) }),
      response: { 200: z.object({ members: z.number(), devicesChanged: z.number() }), ...errors },
    },
  }, async (req) => {
    const { tenant, groupId } = req.params;
    await requireTenant(tenant);
    const owners = await repo.deviceTenants(req.body.add);
    const unknown = req.body.add.filter((d) => owners.get(d) !== tenant);
    if (unknown.length) throw fleetError('DEVICE_NOT_FOUND', { tenant, deviceIds: unknown.slice(0, 100) });
    await store.editMembers(tenant, groupId, req.body.add, req.body.remove, app.fleet.now());
    const { changed } = await service.apply(tenant);
    return { members: (await repo.groupMembers(tenant, groupId)).length, devicesChanged: changed };
  });

  r.get(`${base}/devices/:deviceId/plan-resolution`, {
    schema: {
      tags: ['plans'], summary: 'Which group\'s plan a device gets, and why', params: z.object({ tenant: id, deviceId: id }),
      response: { 200: z.object({ deviceId: z.string(), resolved: z.object({ planId: z.number(), planVersion: z.number(), groupId: z.string(), priority: z.number() }).nullable(), rule: z.string() }), ...errors },
    },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await app.devices.requireDevice(tenant, deviceId);
    const resolved = (await service.resolveAll(tenant)).get(deviceId) ?? null;
    return { deviceId, resolved, rule: 'highest group priority wins; equal priority: the group id that sorts first; latest plan version' };
  });

  // ---------------------------------------------------------------- luminaire models

  r.get(`${base}/luminaire-models`, {
    schema: { tags: ['luminaires'], summary: 'The tenant\'s luminaire model catalogue', params: tenantParams, response: { 200: z.array(modelView), ...errors } },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return (await store.listModels(req.params.tenant)).map(toModelView);
  });

  r.get(`${base}/luminaire-models/:modelId`, {
    schema: { tags: ['luminaires'], summary: 'One luminaire model', params: modelParams, response: { 200: modelView, ...errors } },
  }, async (req) => {
    const m = await store.getModel(req.params.tenant, req.params.modelId);
    if (!m) throw fleetError('MODEL_NOT_FOUND', req.params);
    return toModelView(m);
  });

  r.put(`${base}/luminaire-models/:modelId`, {
    schema: {
      tags: ['luminaires'], summary: 'Create or update a model; commissioned devices of this model get its curve, min level, power and lumen maintenance (new config, pushed)',
      params: modelParams, body: modelBody, response: { 200: modelView.extend({ devicesUpdated: z.number() }), ...errors },
    },
  }, async (req) => {
    const { tenant, modelId: mid } = req.params;
    await repo.ensureTenant(tenant, app.fleet.now());
    const b = req.body;
    const before = await store.getModel(tenant, mid);
    const row: LuminaireModelRow = {
      tenantId: tenant, id: mid, name: b.name ?? null, cctK: b.cctK ?? null, ulrPct: b.ulrPct ?? null, nominalW: b.nominalW,
      curve: b.curve, minLevel: b.minLevel, updatedAt: app.fleet.now(),
      // The decree's fields and the driver interface: absent = kept (a client that does not know them, e.g. an older
      // settings page, does not erase them); null clears.
      fluxLm: b.fluxLm === undefined ? before?.fluxLm ?? null : b.fluxLm,
      cieFluxCode3Pct: b.cieFluxCode3Pct === undefined ? before?.cieFluxCode3Pct ?? null : b.cieFluxCode3Pct,
      maxPowerW: b.maxPowerW === undefined ? before?.maxPowerW ?? null : b.maxPowerW,
      driverInterface: b.driverInterface === undefined ? before?.driverInterface ?? null : b.driverInterface,
      cloLxxPct: b.cloLxxPct === undefined ? before?.cloLxxPct ?? null : b.cloLxxPct,
      cloRatedH: b.cloRatedH === undefined ? before?.cloRatedH ?? null : b.cloRatedH,
    };
    await store.putModel(row);
    // Devices already commissioned with this model: a config patch each (a device's own nominal power wins).
    const inv = (await repo.listInventory(tenant)).filter((i) => i.luminaireModel === mid);
    for (const i of inv) {
      await app.devices.setConfig(tenant, i.deviceId, { ...configOfModel(row), ...(i.nominalPowerW != null ? { nominalPowerW: i.nominalPowerW } : {}) });
    }
    return { ...toModelView(row), devicesUpdated: inv.length };
  });

  r.delete(`${base}/luminaire-models/:modelId`, {
    schema: { tags: ['luminaires'], summary: 'Remove a model from the catalogue (devices keep their config)', params: modelParams, response: { 200: z.object({ deleted: z.boolean() }), ...errors } },
  }, async (req) => {
    if (!(await store.deleteModel(req.params.tenant, req.params.modelId))) throw fleetError('MODEL_NOT_FOUND', req.params);
    return { deleted: true };
  });
}
// Decorations (app.plans) belong to the root instance, as fastify-plugin would make them.
(planRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
