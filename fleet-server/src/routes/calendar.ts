/**
 * Calendar routes (issue 16), under /api/tenants/:tenant/…: the town's calendar settings (Alsace-Moselle),
 * the import of the ministry's school holiday file, the nights of each calendar set, and the month view of a
 * plan (which program runs each night and why), for a draft or for a group's assigned plan.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { CalendarRepository } from '../db/calendar-repository.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { fleetError } from '../errors.js';
import { CALENDAR_SETS, frenchPublicHolidays, parseSchoolHolidayCsv, SchoolCsvError, SCHOOL_CSV_COLUMNS, SCHOOL_ZONES, setNights } from '../plans/calendar.js';
import { CalendarService } from '../plans/calendar-service.js';
import { monthView } from '../plans/calendar-view.js';
import { draftPlanSchema, type PlanDraft } from '../plans/model.js';
import type { StoredPlan } from '../devices/plan.js';

declare module 'fastify' {
  interface FastifyInstance {
    calendar: CalendarService;
  }
}

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const groupParams = z.object({ tenant: id, groupId: id });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be YYYY-MM-DD');
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const errors = { 400: errorBody, 404: errorBody, 422: errorBody };
const named = z.object({ fr: z.string(), en: z.string() });

const settingsView = z.object({
  alsaceMoselle: z.boolean().describe('Good Friday and 26 December are public holidays (Alsace-Moselle)'),
  school: z.object({
    importedAt: z.string().nullable(), source: z.string().nullable(),
    zones: z.array(z.object({ zone: z.enum(SCHOOL_ZONES), periods: z.number(), first: z.string().nullable(), last: z.string().nullable() })),
  }),
}).meta({ id: 'CalendarSettings' });

const period = z.object({ zone: z.enum(SCHOOL_ZONES), description: z.string(), start: z.string().describe('first holiday day'), end: z.string().describe('the day classes resume'), schoolYear: z.string() });

const monthReply = z.object({
  month: z.string(),
  planId: z.number().nullable(), planVersion: z.number().nullable(),
  defaultProgramId: z.number(),
  rules: z.array(z.object({ index: z.number(), programId: z.number(), name: z.string().nullable(), sets: z.array(z.string()), priority: z.number() })),
  nights: z.array(z.object({
    date: z.string().describe('evening of the night'), weekday: z.number().describe('0 = Monday'),
    programId: z.number().nullable(), ruleIndex: z.number().nullable().describe('the rule that chose the program; null = the default program'),
    ruleName: z.string().nullable(), ruleSets: z.array(z.string()),
    publicHoliday: named.nullable(), school: z.array(z.object({ zone: z.string(), name: z.string() })),
  })),
}).meta({ id: 'PlanCalendarMonth' });

const SCHOOL_TYPES = ['text/csv', 'text/plain', 'application/vnd.ms-excel', 'application/octet-stream'];

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const adapter = (app.repo as DrizzleRepository).adapter;
  const store = new CalendarRepository(adapter);
  const service = new CalendarService(store, app.plans.store, () => app.plans, app.fleet.now);
  app.decorate('calendar', service);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo } = app;
  const base = '/api/tenants/:tenant';

  async function requireTenant(tenant: string): Promise<void> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  }

  const view = async (tenant: string): Promise<z.output<typeof settingsView>> => {
    const [s, periods] = await Promise.all([store.settings(tenant), store.schoolPeriods(tenant)]);
    return {
      alsaceMoselle: s.alsaceMoselle,
      school: {
        importedAt: s.schoolImportedAt ? new Date(s.schoolImportedAt).toISOString() : null, source: s.schoolSource,
        zones: SCHOOL_ZONES.map((zone) => {
          const p = periods.filter((x) => x.zone === zone);
          return { zone, periods: p.length, first: p[0]?.start ?? null, last: p[p.length - 1]?.end ?? null };
        }),
      },
    };
  };

  r.get(`${base}/calendar/settings`, {
    schema: {
      tags: ['calendar'], summary: 'The town\'s calendar: Alsace-Moselle holidays, school holidays imported per zone',
      description: 'What the calendar sets of plans draw on: whether the town observes the two Alsace-Moselle public holidays, and the school holiday periods imported from the ministry\'s file, per zone.',
      params: tenantParams, response: { 200: settingsView, ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return view(req.params.tenant);
  });

  r.put(`${base}/calendar/settings`, {
    schema: {
      tags: ['calendar'], summary: 'Set whether the town observes the Alsace-Moselle public holidays',
      description: 'Good Friday and 26 December (Code du travail L3134-13). Plans using the public holiday set get a new version, pushed to their devices.',
      params: tenantParams, body: z.strictObject({ alsaceMoselle: z.boolean() }),
      response: { 200: settingsView.extend({ plansRepublished: z.array(z.number()) }), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    await store.putSettings(tenant, req.body, app.fleet.now());
    const plansRepublished = await service.refreshUsing(tenant);
    return { ...(await view(tenant)), plansRepublished };
  });

  await app.register(async (scoped) => {
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    scoped.removeContentTypeParser(['text/plain']);
    scoped.addContentTypeParser(SCHOOL_TYPES, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    s.post(`${base}/calendar/school-holidays`, {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ['calendar'], summary: 'Import the school holidays from the ministry\'s open dataset (CSV)',
        description: 'The body is the CSV export of data.education.gouv.fr "fr-en-calendrier-scolaire" (`;` separated, UTF-8, header '
          + `${SCHOOL_CSV_COLUMNS.join(';')} and Académies). Zones A, B, C and Corse are kept; teachers-only rows, overseas zones and rows `
          + 'without an end date are skipped and listed. The periods of the school years in the file replace those stored. A malformed file is '
          + 'refused whole (400, details.problems with line numbers). Plans using school holiday sets get a new version, pushed to their devices.',
        params: tenantParams,
        querystring: z.object({ source: z.string().max(200).optional().describe('where the file came from, kept with the import') }),
        response: {
          200: z.object({
            periods: z.number(), byZone: z.record(z.string(), z.number()), schoolYears: z.array(z.string()),
            skipped: z.array(z.object({ line: z.number(), reason: z.string() })), plansRepublished: z.array(z.number()),
          }).meta({ id: 'SchoolHolidayImport' }),
          ...errors,
        },
      },
    }, async (req) => {
      const { tenant } = req.params;
      await requireTenant(tenant);
      const body = req.body;
      if (!(body instanceof Uint8Array) || body.byteLength === 0) throw fleetError('VALIDATION', { reason: 'empty_file' }, 'The body must be the CSV file');
      let parsed;
      try {
        parsed = parseSchoolHolidayCsv(new TextDecoder('utf-8', { fatal: false }).decode(body));
      } catch (err) {
        if (err instanceof SchoolCsvError) throw fleetError('VALIDATION', { reason: 'file_refused', problems: err.problems.slice(0, 100) }, err.message);
        throw err;
      }
      if (!parsed.periods.length) throw fleetError('VALIDATION', { reason: 'no_period', skipped: parsed.skipped.length }, 'The file has no period for zones A, B, C or Corse');
      await store.importSchool(tenant, parsed.periods, req.query.source ?? 'data.education.gouv.fr fr-en-calendrier-scolaire', app.fleet.now());
      const plansRepublished = await service.refreshUsing(tenant);
      const byZone: Record<string, number> = {};
      for (const p of parsed.periods) byZone[p.zone] = (byZone[p.zone] ?? 0) + 1;
      return { periods: parsed.periods.length, byZone, schoolYears: [...new Set(parsed.periods.map((p) => p.schoolYear))].sort(), skipped: parsed.skipped, plansRepublished };
    });
  });

  r.get(`${base}/calendar/school-holidays`, {
    schema: {
      tags: ['calendar'], summary: 'The school holiday periods imported for the town',
      description: 'Per zone, each period\'s first holiday day and the day classes resume, as the ministry\'s file gives them.',
      params: tenantParams, querystring: z.object({ zone: z.enum(SCHOOL_ZONES).optional() }),
      response: { 200: z.array(period), ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    const all = await store.schoolPeriods(req.params.tenant);
    return req.query.zone ? all.filter((p) => p.zone === req.query.zone) : all;
  });

  r.get(`${base}/calendar/sets`, {
    schema: {
      tags: ['calendar'], summary: 'The calendar sets a plan rule can reference, with their nights in a period',
      description: 'fr-public-holidays (11 days, 13 in Alsace-Moselle), fr-school-A, -B, -C, -Corse (from the imported file). '
        + 'Nights are evening dates: a public holiday\'s evening; for school holidays, the evenings whose next morning is a holiday day.',
      params: tenantParams,
      querystring: z.object({ from: date.optional().describe('default: 1 January of the current year'), to: date.optional().describe('exclusive; default: a year after from') }),
      response: { 200: z.array(z.object({ id: z.enum(CALENDAR_SETS), nights: z.array(z.object({ date: z.string(), name: named })) })), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    const from = req.query.from ?? `${new Date(app.fleet.now()).getUTCFullYear()}-01-01`;
    const to = req.query.to ?? `${Number(from.slice(0, 4)) + 1}${from.slice(4)}`;
    if (to <= from || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000) throw fleetError('VALIDATION', { issues: [{ in: 'querystring', field: 'to', message: 'to must be after from, within 3 years' }] });
    const data = await store.data(tenant);
    return CALENDAR_SETS.map((s) => ({ id: s, nights: setNights(s, data, from, to) }));
  });

  r.get(`${base}/calendar/public-holidays/:year`, {
    schema: {
      tags: ['calendar'], summary: 'French public holidays of a year, for the town',
      description: 'The 11 public holidays (Code du travail L3133-1), Easter-based ones computed, plus Good Friday and 26 December when the town observes Alsace-Moselle\'s.',
      params: tenantParams.extend({ year: z.coerce.number().int().min(1900).max(2200) }),
      response: { 200: z.array(z.object({ date: z.string(), name: named })), ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return frenchPublicHolidays(req.params.year, (await store.settings(req.params.tenant)).alsaceMoselle);
  });

  const rulesOf = (d: PlanDraft) => d.rules.map((x, index) => ({ index, programId: x.programId, name: x.name ?? null, sets: x.sets ?? [], priority: x.priority }));

  r.post(`${base}/plans/calendar/preview`, {
    schema: {
      tags: ['plans', 'calendar'], summary: 'Month view of a plan draft: the program of each night and the rule that chose it',
      description: 'Computed with the firmware\'s own rule resolution on the plan with its sets expanded for the month. Give the draft (`plan`) or a saved `planId`.',
      params: tenantParams,
      body: z.strictObject({ plan: draftPlanSchema.optional(), planId: z.number().int().min(1).optional(), month }),
      response: { 200: monthReply, ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    let draft = req.body.plan;
    let planId: number | null = null;
    let planVersion: number | null = null;
    if (!draft) {
      if (!req.body.planId) throw fleetError('VALIDATION', { issues: [{ in: 'body', field: 'plan', message: 'give plan or planId' }] });
      const v = await app.plans.store.getVersion(tenant, req.body.planId);
      if (!v) throw fleetError('PLAN_NOT_FOUND', { tenant, planId: req.body.planId });
      draft = draftOfStored(v.body as unknown as StoredPlan);
      planId = v.id; planVersion = v.version;
    }
    if (!draft.programs.some((p) => p.id === draft.defaultProgramId)) throw fleetError('PLAN_INVALID', { findings: [] });
    return { month: req.body.month, planId, planVersion, defaultProgramId: draft.defaultProgramId, rules: rulesOf(draft), nights: monthView(draft, await store.data(tenant), req.body.month) };
  });

  r.get(`${base}/groups/:groupId/calendar`, {
    schema: {
      tags: ['groups', 'calendar'], summary: 'Month view of the plan assigned to a group',
      description: 'Which program the group\'s assigned plan (latest version) runs each night of the month, and the rule that chose it (weekday, dates, a calendar set or a named event).',
      params: groupParams, querystring: z.object({ month }),
      response: { 200: monthReply, ...errors },
    },
  }, async (req) => {
    const { tenant, groupId } = req.params;
    if (!(await repo.groupExists(tenant, groupId))) throw fleetError('GROUP_NOT_FOUND', { tenant, groupId });
    const settings = await app.plans.store.getGroupSettings(tenant, groupId);
    if (!settings?.planId) throw fleetError('PLAN_NOT_FOUND', { tenant, groupId, reason: 'no plan assigned to the group' });
    const v = await app.plans.store.getVersion(tenant, settings.planId);
    if (!v) throw fleetError('PLAN_NOT_FOUND', { tenant, planId: settings.planId });
    const draft = draftOfStored(v.body as unknown as StoredPlan);
    return { month: req.query.month, planId: v.id, planVersion: v.version, defaultProgramId: draft.defaultProgramId, rules: rulesOf(draft), nights: monthView(draft, await store.data(tenant), req.query.month) };
  });

  // Windows running out: checked at start and every hour (the server's clock).
  const tick = async (): Promise<void> => {
    for (const t of await repo.listTenants()) {
      try { await service.refreshDue(t.id); } catch (err) { app.log.warn({ err, tenant: t.id }, 'calendar refresh failed'); }
    }
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  app.addHook('onReady', async () => {
    void tick();
    timer = setInterval(() => void tick(), 3_600_000);
    timer.unref();
  });
  app.addHook('onClose', async () => { if (timer) clearInterval(timer); });
}
(calendarRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

/** A stored plan body back to the draft shape (weekday masks accepted), sets and names kept. */
export function draftOfStored(p: StoredPlan): PlanDraft {
  return draftPlanSchema.parse({
    programs: p.programs, defaultProgramId: p.defaultProgramId,
    rules: p.rules.map((r) => ({
      programId: r.programId, priority: r.priority, ...(r.weekdayMask ? { weekdays: r.weekdayMask } : {}), ...(r.dates.length ? { dates: r.dates } : {}),
      ...(r.sets?.length ? { sets: r.sets } : {}), ...(r.name ? { name: r.name } : {}),
    })),
  });
}
