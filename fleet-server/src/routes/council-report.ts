/**
 * The council report (issue 16, src/reports/council.ts): a town's or a syndicate's month or year of consumption,
 * savings (against the baseline and the same period a year before), euros, CO₂, burning hours and faults, as JSON,
 * French CSV and PDF. Viewer role; a syndicate's report covers the member towns the caller may read.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import type { Principal } from '../auth/model.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { ReportRepository } from '../db/report-repository.js';
import { attachment, CSV_CONTENT_TYPE } from '../energy/csv.js';
import { fleetError } from '../errors.js';
import { complianceSummary } from '../reports/compliance-summary.js';
import { councilCsv, councilPdf, periodDays, sumFigures, townFigures, type CouncilPeriod, type CouncilReport } from '../reports/council.js';

const id = z.string().min(1).max(ID_MAX_LENGTH).regex(/^[A-Za-z0-9_-]+$/);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });
const periodQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM').optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

const faults = z.object({
  raised: z.number(), repaired: z.number(), openAtEnd: z.number(), medianRepairHours: z.number().nullable(), byType: z.record(z.string(), z.number()),
});
const figures = z.object({
  lights: z.number(), energyKwh: z.number(), baselineKwh: z.number(), savedKwh: z.number(), savedPct: z.number().nullable(), costEur: z.number(),
  moneySavedEur: z.number(), co2Kg: z.number(), co2AvoidedKg: z.number(), burningHours: z.number(), lastYearKwh: z.number(),
  changeVsLastYearPct: z.number().nullable(), faults,
});
const compliance = z.object({
  groups: z.array(z.object({
    groupId: z.string(), planId: z.number().nullable(), planName: z.string().nullable(), lights: z.number(),
    errors: z.number().nullable().describe('error findings of the group\'s plan over the period (null: no plan)'), warnings: z.number().nullable(),
    lightsBreachingArt3: z.number().describe('lights of the group whose luminaire breaches art. 3 (CCT > 3000 K for a, d, e; ULR ≥ 4 %)'),
  })),
  groupsWithErrors: z.number(), lightsBreachingArt3: z.number(),
}).describe('decree of 27 December 2018: findings per group and luminaires beyond art. 3');
const reportView = z.object({
  tenant: z.object({ id: z.string(), name: z.string(), kind: z.enum(['town', 'syndicate']) }),
  period: z.object({ kind: z.enum(['month', 'year']), label: z.string(), from: z.string(), to: z.string() }),
  lastYear: z.object({ from: z.string(), to: z.string() }),
  towns: z.array(z.object({ tenantId: z.string(), name: z.string(), tz: z.string(), figures, compliance: compliance.optional() })),
  total: figures,
  compliance: z.object({ groupsWithErrors: z.number(), lightsBreachingArt3: z.number() }).optional(),
  generatedAt: z.string(),
});

export async function councilReportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, auth } = app;
  const adapter = (repo as DrizzleRepository).adapter;
  const deps = { adapter, reports: new ReportRepository(adapter), energy: app.energy, now: () => app.fleet.now() };

  const periodOf = (q: z.infer<typeof periodQuery>): CouncilPeriod => {
    const bad = (message: string) => fleetError('VALIDATION', { issues: [{ in: 'querystring', field: 'month', message }] });
    if ((q.month === undefined) === (q.year === undefined)) throw bad('give one period: month=YYYY-MM or year=YYYY');
    return q.month !== undefined ? { kind: 'month', month: q.month } : { kind: 'year', year: q.year as number };
  };

  async function report(tenant: string, q: z.infer<typeof periodQuery>, principal: Principal): Promise<CouncilReport> {
    const period = periodOf(q);
    if (!(await repo.getTenant(tenant)) && !(await auth.repo.getProfile(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
    const profile = await auth.profile(tenant);
    const kind = profile.kind === 'syndicate' ? 'syndicate' : 'town';
    const members = kind === 'syndicate'
      ? (await auth.repo.listProfiles()).filter((p) => p.parentId === tenant && p.kind !== 'syndicate').sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      : [{ tenantId: tenant, name: profile.name }];
    const towns: CouncilReport['towns'] = [];
    const repairs: number[] = [];
    for (const m of members) {
      if (kind === 'syndicate' && !(await auth.roleOn(principal, m.tenantId))) continue;
      const t = await townFigures(deps, m.tenantId, period);
      const days = periodDays(period);
      const c = await complianceSummary(app.plans, app.calendar.store, m.tenantId, { from: days.from, to: days.to });
      towns.push({ tenantId: m.tenantId, name: m.name, tz: t.tz, figures: t.figures, compliance: c });
      repairs.push(...t.repairHours);
    }
    const days = periodDays(period);
    return {
      tenant: { id: tenant, name: profile.name, kind },
      period: { kind: period.kind, label: days.label, from: days.from, to: days.to },
      lastYear: { from: days.lastFrom, to: days.lastTo },
      towns, total: sumFigures(towns.map((t) => t.figures), repairs),
      compliance: {
        groupsWithErrors: towns.reduce((n, t) => n + (t.compliance?.groupsWithErrors ?? 0), 0),
        lightsBreachingArt3: towns.reduce((n, t) => n + (t.compliance?.lightsBreachingArt3 ?? 0), 0),
      },
      generatedAt: new Date(app.fleet.now()).toISOString(),
    };
  }

  const schema = (summary: string, description: string) => ({
    tags: ['reports'], summary, description, params: z.object({ tenant: id }), querystring: periodQuery,
  });
  const DESCRIPTION = 'Period: month=YYYY-MM or year=YYYY (the town\'s local days), compared with the same period a year before. Energy figures are '
    + 'the town\'s energy report (GET …/energy/report); faults: raised in the period, repaired in it (median hours from raise to clear), open at its end. '
    + 'A syndicate: its member towns the caller may read, and their total.';

  r.get('/api/tenants/:tenant/reports/council', {
    schema: { ...schema('Council report: consumption, savings, euros, CO2, burning hours and faults for a month or a year', DESCRIPTION), response: { 200: reportView, 400: errorBody, 404: errorBody } },
  }, async (req) => report(req.params.tenant, req.query, req.principal as Principal));

  r.get('/api/tenants/:tenant/reports/council.csv', {
    schema: schema('The council report as CSV for French spreadsheets (French headers, `;`, decimal commas, UTF-8 with BOM)', DESCRIPTION),
  }, async (req, reply) => {
    const rep = await report(req.params.tenant, req.query, req.principal as Principal);
    reply.header('content-type', CSV_CONTENT_TYPE).header('content-disposition', attachment(`bilan-eclairage-${rep.tenant.id}-${rep.period.from.slice(0, rep.period.kind === 'month' ? 7 : 4)}.csv`));
    return councilCsv(rep);
  });

  r.get('/api/tenants/:tenant/reports/council.pdf', {
    schema: schema('The council report as a PDF (A4) to print or attach to the council\'s papers', DESCRIPTION),
  }, async (req, reply) => {
    const rep = await report(req.params.tenant, req.query, req.principal as Principal);
    reply.header('content-type', 'application/pdf').header('content-disposition', attachment(`bilan-eclairage-${rep.tenant.id}-${rep.period.from.slice(0, rep.period.kind === 'month' ? 7 : 4)}.pdf`));
    return councilPdf(rep);
  });
}
