/**
 * Issue 5 REST routes: energy reports (JSON and CSV), per-tenant energy settings, record gaps, raw records,
 * quarantined records (implausible at ingest: list, accept, reject). All under /api/tenants/:tenant/… (alarms: routes/alarms.ts)
 * (GET = viewer; PUT/POST = manager or installer once the auth of issue 7 guards that prefix). Formulas and
 * defaults: src/energy/service.ts, src/energy/defaults.ts, README.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ID_MAX_LENGTH } from '@streetlight/protocol';
import { fleetError } from '../errors.js';
import { actorOf } from '../auth/model.js';
import { attachment, CSV_CONTENT_TYPE, toCsv } from '../energy/csv.js';
import type { Report, ReportRequest, ReportRow } from '../energy/service.js';
import type { QuarantineRow, QuarantineState } from '../db/energy-repository.js';
import { IMPLAUSIBLE_REASONS } from '../energy/plausibility.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { ReportRepository } from '../db/report-repository.js';
import { buildReport } from '../reads/reports.js';

const id = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be [A-Za-z0-9_-]').min(1).max(ID_MAX_LENGTH);
const tenantParams = z.object({ tenant: id });
const deviceParams = z.object({ tenant: id, deviceId: id });

const errorBody = z.object({
  code: z.string(), message: z.string(), statusCode: z.number(), requestId: z.string().optional(), details: z.unknown().optional(),
});
const errors = { 400: errorBody, 404: errorBody };

const isRealDay = (s: string): boolean => {
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
};
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD').refine(isRealDay, 'not a calendar day');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
const year = z.string().regex(/^\d{4}$/, 'must be YYYY');

/** Longest range a report may span, and the longest with daily buckets. */
const MAX_RANGE_DAYS = 3660;
const MAX_DAILY_DAYS = 366;

const reportQuery = z.object({
  from: day.optional().describe('first local day (with `to`), inclusive'),
  to: day.optional().describe('last local day, inclusive'),
  day: day.optional().describe('one local day'),
  month: month.optional().describe('one local month'),
  year: year.optional().describe('one local year'),
  bucket: z.enum(['day', 'month', 'year', 'total']).optional().describe('period of each row; default: hours→total for a day, day for a month, month for a year, total for a range'),
  by: z.enum(['tenant', 'group', 'device']).default('tenant').describe('what each row sums over'),
  group: id.optional().describe('only devices of this group'),
  device: id.optional().describe('only this device'),
});
const csvQuery = reportQuery.extend({
  locale: z.enum(['en', 'fr']).default('en').describe('fr: `;` separator, decimal comma, UTF-8 BOM'),
});

const reportRow = z.object({
  key: z.string(), period: z.string(), energyKwh: z.number(), burningHours: z.number(), averageLevelPct: z.number().nullable(),
  baselineKwh: z.number(), savedKwh: z.number(), savedPct: z.number().nullable(), costEur: z.number(), moneySavedEur: z.number(),
  co2Kg: z.number(), co2AvoidedKg: z.number(), devices: z.number(), records: z.number(), coveredHours: z.number(), devicesWithoutBaseline: z.number(),
});
const settingsView = z.object({
  tz: z.string().describe('POSIX TZ rule of the day boundaries'),
  tariffEurPerKwh: z.number(), emissionGPerKwh: z.number(), isDefault: z.boolean(),
});
const reportView = z.object({
  tenant: z.string(), from: z.string(), to: z.string(), bucket: z.string(), by: z.string(), group: z.string().nullable(), device: z.string().nullable(),
  settings: settingsView, rows: z.array(reportRow), total: reportRow,
});
const settingsBody = z.strictObject({
  tz: z.string().min(3).max(64).optional().describe('POSIX TZ rule, e.g. CET-1CEST,M3.5.0,M10.5.0/3'),
  tariffEurPerKwh: z.number().min(0).max(10).optional(),
  emissionGPerKwh: z.number().min(0).max(2000).optional(),
});
const gapView = z.object({ deviceId: z.string(), fromSeq: z.number(), toSeq: z.number(), count: z.number(), state: z.enum(['open', 'lost']), detectedAt: z.string() });
const recordView = z.object({
  // null: undated, the interval closed before the device had valid time (the rollups place it; README "Undated records").
  seq: z.number(), start: z.string().nullable(), durationS: z.number(), energyMwh: z.number(), minPowerMw: z.number(), maxPowerMw: z.number(),
  avgPowerMw: z.number(), burningS: z.number(), avgLevelPct: z.number(), receivedAt: z.string(),
});
const quarantineView = z.object({
  id: z.number(), deviceId: z.string(), seq: z.number().describe('server seq, as in …/energy/records'),
  start: z.string().nullable().describe('null: undated'), durationS: z.number(), energyMwh: z.number(), energyKwh: z.number(),
  burningS: z.number(), avgLevelPct: z.number(), minPowerMw: z.number(), maxPowerMw: z.number(), avgPowerMw: z.number(),
  reason: z.string().describe(`the check it failed: ${IMPLAUSIBLE_REASONS.join(', ')}`), detail: z.string(),
  state: z.enum(['pending', 'accepted', 'rejected', 'superseded']).describe('superseded: a plausible record of the same seq came later and counts instead'),
  receivedAt: z.string(), decidedAt: z.string().nullable(), decidedBy: z.string().nullable(),
});
const decisionBody = z.strictObject({
  deviceId: id,
  seqs: z.array(z.number().int().min(1)).min(1).max(1000).describe('server seqs of the device\'s quarantined records'),
});
const decisionView = z.object({
  changed: z.number().describe('records whose state this request changed (0 when decided already)'),
  records: z.array(quarantineView).describe('the requested records as they are now'),
  notFound: z.array(z.number()).describe('requested seqs the device has no quarantined record for'),
});
const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

function toQuarantineView(x: QuarantineRow): z.infer<typeof quarantineView> {
  return {
    id: x.id, deviceId: x.deviceId, seq: x.seq, start: x.start > 0 ? iso(x.start * 1000)! : null, durationS: x.durationS, energyMwh: x.energyMwh,
    energyKwh: x.energyMwh / 1e6, burningS: x.burningS, avgLevelPct: x.avgLevelX10 / 10, minPowerMw: x.minPowerMw, maxPowerMw: x.maxPowerMw,
    avgPowerMw: x.avgPowerMw, reason: x.reason, detail: x.detail, state: x.state as QuarantineState, receivedAt: iso(x.receivedAt)!,
    decidedAt: iso(x.decidedAt), decidedBy: x.decidedBy,
  };
}

const CSV_HEADER = ['period', 'energy_kwh', 'burning_hours', 'average_level_pct', 'baseline_kwh', 'saved_kwh', 'saved_pct', 'cost_eur',
  'money_saved_eur', 'co2_kg', 'co2_avoided_kg', 'devices', 'records', 'covered_hours', 'devices_without_baseline'] as const;
const csvCells = (r: ReportRow) => [r.period, r.energyKwh, r.burningHours, r.averageLevelPct, r.baselineKwh, r.savedKwh, r.savedPct, r.costEur,
  r.moneySavedEur, r.co2Kg, r.co2AvoidedKg, r.devices, r.records, r.coveredHours, r.devicesWithoutBaseline];

export async function energyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { repo, devices, energy } = app;
  // Issue 14: reports over the rollups in fewer passes (db/report-repository.ts).
  const reports = new ReportRepository((repo as DrizzleRepository).adapter);

  async function requireTenant(tenant: string): Promise<void> {
    if (!(await repo.getTenant(tenant))) throw fleetError('TENANT_NOT_FOUND', { tenant });
  }

  const validation = (field: string, message: string) => fleetError('VALIDATION', { issues: [{ in: 'querystring', field, message }] });

  /** Turns the query's period (range, day, month or year) into an inclusive day range and a default bucket. */
  async function reportRequest(tenant: string, q: z.infer<typeof reportQuery>): Promise<ReportRequest> {
    const given = [q.from !== undefined || q.to !== undefined, q.day, q.month, q.year].filter(Boolean).length;
    if (given !== 1) throw validation('from', 'give exactly one period: from+to, day, month or year');
    let from: string;
    let to: string;
    let bucket: ReportRequest['bucket'];
    if (q.day) { from = to = q.day; bucket = 'total'; }
    else if (q.month) {
      const [y, m] = q.month.split('-').map(Number) as [number, number];
      from = `${q.month}-01`;
      to = `${q.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
      bucket = 'day';
    } else if (q.year) { from = `${q.year}-01-01`; to = `${q.year}-12-31`; bucket = 'month'; }
    else {
      if (!q.from || !q.to) throw validation(q.from ? 'to' : 'from', 'from and to go together');
      from = q.from; to = q.to; bucket = 'total';
    }
    if (from > to) throw validation('to', 'to is before from');
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
    bucket = q.bucket ?? bucket;
    if (days > MAX_RANGE_DAYS) throw validation('to', `a report spans at most ${MAX_RANGE_DAYS} days`);
    if (bucket === 'day' && days > MAX_DAILY_DAYS) throw validation('bucket', `daily rows over at most ${MAX_DAILY_DAYS} days`);
    await requireTenant(tenant);
    if (q.device) await devices.requireDevice(tenant, q.device);
    if (q.group && !(await repo.groupExists(tenant, q.group))) throw fleetError('GROUP_NOT_FOUND', { tenant, groupId: q.group });
    return { tenantId: tenant, from, to, bucket, by: q.by, groupId: q.group, deviceId: q.device };
  }

  // ---------------------------------------------------------------- reports

  r.get('/api/tenants/:tenant/energy/report', {
    schema: {
      tags: ['energy'], summary: 'Energy report: kWh, burning hours, average level, savings against a full-power dusk-to-dawn baseline, money and CO2',
      description: 'Days are local days in the tenant\'s time zone (energy settings). Baseline = nominal power × the night time (sunset→sunrise, zenith 90.833°) covered by received records. CSV: /energy/report.csv.',
      params: tenantParams, querystring: reportQuery, response: { 200: reportView, ...errors },
    },
  }, async (req) => buildReport(reports, energy, await reportRequest(req.params.tenant, req.query)));

  r.get('/api/tenants/:tenant/energy/report.csv', {
    schema: {
      tags: ['energy'], summary: 'The energy report as CSV (RFC 4180); locale=fr for `;` and decimal commas',
      params: tenantParams, querystring: csvQuery, produces: ['text/csv'],
    },
  }, async (req, reply) => {
    const { locale, ...q } = req.query;
    const rep: Report = await buildReport(reports, energy, await reportRequest(req.params.tenant, q));
    const keyName = rep.by;
    const rows = rep.rows.map((row) => [row.key, ...csvCells(row)]);
    rows.push(['total', ...csvCells(rep.total)]);
    const scope = rep.device ?? rep.group ?? rep.tenant;
    reply.header('content-type', CSV_CONTENT_TYPE);
    reply.header('content-disposition', attachment(`energy-${scope}-${rep.from}-${rep.to}-${rep.bucket}-by-${rep.by}.csv`));
    return reply.send(toCsv([keyName, ...CSV_HEADER], rows, { locale }));
  });

  // ---------------------------------------------------------------- settings

  r.get('/api/tenants/:tenant/energy/settings', {
    schema: { tags: ['energy'], summary: 'Time zone, tariff and emission factor of the tenant\'s reports (defaults until set)', params: tenantParams, response: { 200: settingsView, ...errors } },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    return energy.settings(req.params.tenant);
  });

  r.put('/api/tenants/:tenant/energy/settings', {
    schema: { tags: ['energy'], summary: 'Sets the time zone, tariff (€/kWh) and emission factor (gCO2e/kWh) of the tenant\'s reports', params: tenantParams, body: settingsBody, response: { 200: settingsView, ...errors } },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    try {
      return await energy.putSettings(req.params.tenant, req.body);
    } catch (err) {
      if ((err as Error).name === 'TzError' || /tz|TZ/.test((err as Error).message)) {
        throw fleetError('VALIDATION', { issues: [{ in: 'body', field: 'tz', message: (err as Error).message }] });
      }
      throw err;
    }
  });

  // ---------------------------------------------------------------- gaps and records

  r.get('/api/tenants/:tenant/energy/gaps', {
    schema: {
      tags: ['energy'], summary: 'Missing record ranges per device: open (still awaited) or lost (given up after the grace period)',
      params: tenantParams, querystring: z.object({ device: id.optional(), state: z.enum(['open', 'lost']).optional() }),
      response: { 200: z.array(gapView), ...errors },
    },
  }, async (req) => {
    await requireTenant(req.params.tenant);
    const rows = await energy.gaps(req.params.tenant, { deviceId: req.query.device, state: req.query.state });
    return rows.map((g) => ({ deviceId: g.deviceId, fromSeq: g.fromSeq, toSeq: g.toSeq, count: g.toSeq - g.fromSeq + 1, state: g.state as 'open' | 'lost', detectedAt: iso(g.detectedAt)! }));
  });

  r.get('/api/tenants/:tenant/devices/:deviceId/energy/records', {
    schema: {
      tags: ['energy'], summary: 'Raw interval records of a device (kept for the retention period), by seq',
      params: deviceParams, querystring: z.object({
        fromSeq: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(5000).default(500),
        last: z.coerce.number().int().min(1).max(5000).optional().describe('the newest N records instead, oldest first (fromSeq and limit are then ignored)'),
      }),
      response: { 200: z.array(recordView), ...errors },
    },
  }, async (req) => {
    const { tenant, deviceId } = req.params;
    await devices.requireDevice(tenant, deviceId);
    const rows = req.query.last !== undefined ? await reports.latestRecords(deviceId, req.query.last) : await energy.records(deviceId, req.query.fromSeq, req.query.limit);
    return rows.map((x) => ({
      seq: x.seq, start: x.start > 0 ? iso(x.start * 1000)! : null, durationS: x.durationS, energyMwh: x.energyMwh, minPowerMw: x.minPowerMw, maxPowerMw: x.maxPowerMw,
      avgPowerMw: x.avgPowerMw, burningS: x.burningS, avgLevelPct: x.avgLevelX10 / 10, receivedAt: iso(x.receivedAt)!,
    }));
  });

  // ---------------------------------------------------------------- quarantine

  r.get('/api/tenants/:tenant/energy/quarantine', {
    schema: {
      tags: ['energy'], summary: 'Energy records quarantined at ingest as implausible (not counted until accepted), by device and seq',
      description: 'Checks: energy against the rated power over the duration, duration, burning time, level, start within [2024-01-01 or retention, server clock + 5 min]. README "Plausibility and quarantine".',
      params: tenantParams,
      querystring: z.object({
        device: id.optional(), state: z.enum(['pending', 'accepted', 'rejected', 'superseded']).optional(),
        limit: z.coerce.number().int().min(1).max(5000).default(1000),
      }),
      response: { 200: z.array(quarantineView), ...errors },
    },
  }, async (req) => {
    const { tenant } = req.params;
    await requireTenant(tenant);
    if (req.query.device) await devices.requireDevice(tenant, req.query.device);
    const rows = await energy.quarantine(tenant, { deviceId: req.query.device, state: req.query.state, limit: req.query.limit });
    return rows.map(toQuarantineView);
  });

  for (const [action, decision] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    r.post(`/api/tenants/:tenant/energy/quarantine/${action}`, {
      schema: {
        tags: ['energy'],
        summary: decision === 'accepted'
          ? 'Accepts quarantined records of a device: they enter the records, rollups and reports, once (accepting again changes nothing)'
          : 'Rejects quarantined records of a device: kept for audit, never counted (rejecting again changes nothing)',
        description: 'Only pending records change. The device\'s implausible_energy alarm is cleared when none is pending any more.',
        params: tenantParams, body: decisionBody, response: { 200: decisionView, ...errors },
      },
    }, async (req) => {
      const { tenant } = req.params;
      await devices.requireDevice(tenant, req.body.deviceId);
      const device = { id: req.body.deviceId, tenantId: tenant };
      const by = req.principal ? actorOf(req.principal).actorName : null;
      const { changed, rows } = await energy.decide(device, req.body.seqs, decision, by);
      const found = new Set(rows.map((x) => x.seq));
      return { changed: changed.length, records: rows.map(toQuarantineView), notFound: [...new Set(req.body.seqs)].filter((q) => !found.has(q)) };
    });
  }
}
