/**
 * The energy syndicate's view across its member towns (issue 7). A syndicate (tenant profile `kind:
 * syndicate`) runs the lighting of several towns (`parentId` = the syndicate); a role held on the syndicate
 * applies to each member town (auth/model.ts `effectiveRole`). This route sums each member town for a
 * period: lights, online/offline/never connected, faults (alarms not cleared), lights updating (active OTA
 * campaigns), energy, savings, cost and CO2 from the town's own energy report (its own local days, tariff and
 * emission factor).
 *
 * Access goes through the same hook as every tenant route: no role on the syndicate → 404. Each town in the
 * reply is checked again against the caller's effective role (a member town is reachable through the
 * syndicate role, so this only guards against a profile changed between the two reads). A town user has no
 * role on the syndicate and gets 404 here, as for any other tenant.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import type { Principal } from '../auth/model.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { DeviceQueryRepository } from '../db/device-query-repository.js';
import { ReportRepository } from '../db/report-repository.js';
import { buildReport } from '../reads/reports.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const errorBody = z.object({ code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional() });

const isRealDay = (s: string): boolean => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine(isRealDay, 'not a calendar day');

const periodQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM').optional().describe('one local month'),
  year: z.string().regex(/^\d{4}$/, 'must be YYYY').optional().describe('one local year'),
  from: day.optional().describe('first local day (with `to`), inclusive'),
  to: day.optional().describe('last local day, inclusive'),
});

const energyView = z.object({
  energyKwh: z.number(), baselineKwh: z.number(), savedKwh: z.number(), savedPct: z.number().nullable(),
  costEur: z.number(), moneySavedEur: z.number(), co2Kg: z.number(), co2AvoidedKg: z.number(),
});
const countsView = z.object({
  lights: z.number().describe('registered or commissioned'),
  online: z.number(),
  offline: z.number().describe('registered, not connected now'),
  neverConnected: z.number().describe('commissioned, never connected'),
  faulty: z.number().describe('lights with at least one alarm not cleared (open or acknowledged)'),
  openAlarms: z.number(),
  updating: z.number().describe('lights in an active OTA campaign (offered … rebooting)'),
});
const townView = z.object({ tenantId: z.string(), name: z.string(), role: z.string(), tz: z.string() }).extend(countsView.shape).extend({ energy: energyView });
const overviewView = z.object({
  syndicate: z.object({ tenantId: z.string(), name: z.string() }),
  from: z.string(), to: z.string(),
  towns: z.array(townView),
  total: countsView.extend({ energy: energyView }),
});

/** The inclusive local-day range of a period query (exactly one of month, year, from+to; default: this month). */
export function periodRange(q: z.infer<typeof periodQuery>, today: string): { from: string; to: string } {
  const bad = (field: string, message: string) => fleetError('VALIDATION', { issues: [{ in: 'querystring', field, message }] });
  const given = [q.month, q.year, q.from !== undefined || q.to !== undefined].filter(Boolean).length;
  if (given > 1) throw bad('month', 'give one period: month, year or from+to');
  const month = q.month ?? (given === 0 ? today.slice(0, 7) : undefined);
  if (month) {
    const [y, m] = month.split('-').map(Number) as [number, number];
    return { from: `${month}-01`, to: `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
  }
  if (q.year) return { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
  if (!q.from || !q.to) throw bad(q.from ? 'to' : 'from', 'from and to go together');
  if (q.from > q.to) throw bad('to', 'to is before from');
  if ((Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 >= 3660) throw bad('to', 'a period spans at most 3660 days');
  return { from: q.from, to: q.to };
}

type Energy = z.infer<typeof energyView>;
type Counts = z.infer<typeof countsView>;

export async function syndicateRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, auth } = app;

  // Issue 14: counted in SQL (a town of 100,000 lights is not read whole), reports over the rollups.
  const adapter = (repo as DrizzleRepository).adapter;
  const reads = new DeviceQueryRepository(adapter);
  const reports = new ReportRepository(adapter);

  /** Counts of one town: lights, connectivity, faults, OTA. */
  async function townCounts(tenant: string): Promise<Counts> {
    const updating = [...(await app.ota.updatingDevices(tenant)).keys()];
    const [lights, online, neverConnected, faulty, alarmCounts, updatingLights] = await Promise.all([
      reads.count(tenant, {}, updating), reads.count(tenant, { online: true }, updating), reads.count(tenant, { states: ['unknown'] }, updating),
      reads.count(tenant, { alarm: 'any' }, updating), app.alarms.counts(tenant), reads.count(tenant, { updating: true }, updating),
    ]);
    return {
      lights, online, offline: lights - neverConnected - online, neverConnected,
      faulty, openAlarms: alarmCounts.open, updating: updatingLights,
    };
  }

  r.get('/api/tenants/:tenant/towns', {
    schema: {
      tags: ['tenants'],
      summary: 'A syndicate\'s member towns with light counts, faults, offline lights, energy and savings for a period',
      description: 'Only for a syndicate (404 SL_NOT_SYNDICATE for a town). Period: month=YYYY-MM (default: the current month), year=YYYY or from+to (local days of each town). Energy figures are each town\'s own report (its time zone, tariff and emission factor).',
      params: z.object({ tenant: id }), querystring: periodQuery,
      response: { 200: overviewView, 400: errorBody, 404: errorBody },
    },
  }, async (req) => {
    const { tenant } = req.params;
    const profile = await auth.profile(tenant);
    if (profile.kind !== 'syndicate') throw fleetError('NOT_SYNDICATE', { tenant });
    const { from, to } = periodRange(req.query, new Date(app.fleet.now()).toISOString().slice(0, 10));
    const principal = req.principal as Principal;
    const members = (await auth.repo.listProfiles()).filter((p) => p.parentId === tenant && p.kind !== 'syndicate').sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    const towns: Array<z.infer<typeof townView>> = [];
    for (const m of members) {
      const role = await auth.roleOn(principal, m.tenantId);
      if (!role) continue;
      await repo.ensureTenant(m.tenantId, app.fleet.now());
      const [counts, rep] = await Promise.all([
        townCounts(m.tenantId),
        buildReport(reports, app.energy, { tenantId: m.tenantId, from, to, bucket: 'total', by: 'tenant' }),
      ]);
      const t = rep.total;
      towns.push({
        tenantId: m.tenantId, name: m.name, role, tz: rep.settings.tz, ...counts,
        energy: { energyKwh: t.energyKwh, baselineKwh: t.baselineKwh, savedKwh: t.savedKwh, savedPct: t.savedPct, costEur: t.costEur, moneySavedEur: t.moneySavedEur, co2Kg: t.co2Kg, co2AvoidedKg: t.co2AvoidedKg },
      });
    }
    const sum = (f: (x: z.infer<typeof townView>) => number): number => towns.reduce((s, x) => s + f(x), 0);
    const round = (v: number, d: number): number => Math.round(v * 10 ** d) / 10 ** d;
    const energy: Energy = {
      energyKwh: round(sum((x) => x.energy.energyKwh), 3), baselineKwh: round(sum((x) => x.energy.baselineKwh), 3), savedKwh: round(sum((x) => x.energy.savedKwh), 3),
      savedPct: null, costEur: round(sum((x) => x.energy.costEur), 2), moneySavedEur: round(sum((x) => x.energy.moneySavedEur), 2),
      co2Kg: round(sum((x) => x.energy.co2Kg), 3), co2AvoidedKg: round(sum((x) => x.energy.co2AvoidedKg), 3),
    };
    if (energy.baselineKwh > 0) energy.savedPct = round((energy.savedKwh / energy.baselineKwh) * 100, 1);
    return {
      syndicate: { tenantId: tenant, name: profile.name }, from, to, towns,
      total: {
        lights: sum((x) => x.lights), online: sum((x) => x.online), offline: sum((x) => x.offline), neverConnected: sum((x) => x.neverConnected),
        faulty: sum((x) => x.faulty), openAlarms: sum((x) => x.openAlarms), updating: sum((x) => x.updating), energy,
      },
    };
  });
}
