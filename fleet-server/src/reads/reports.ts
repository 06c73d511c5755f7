/**
 * Energy reports for the API (issue 14): the tenant's settings and the rollup sums of ReportRepository, in the
 * report's units (toRow, energy/service.ts: the formulas are written once there). EnergyService.report is this too.
 * A town's report reads the per-town rollups; `perDevice` sums the per-device ones instead, and `referenceReport`
 * the original way (tests and bench:api hold the fast paths to it).
 */
import type { ReportRepository } from '../db/report-repository.js';
import type { EnergyRepository, ReportCell } from '../db/energy-repository.js';
import { toRow, type EnergyService, type EnergySettings, type Report, type ReportRequest } from '../energy/service.js';

export async function buildReport(reports: ReportRepository, energy: Pick<EnergyService, 'settings'>, req: ReportRequest, opts: { perDevice?: boolean } = {}): Promise<Report> {
  const [settings, { cells, total }] = await Promise.all([
    energy.settings(req.tenantId),
    reports.report({ tenantId: req.tenantId, from: req.from, to: req.to, bucket: req.bucket, by: req.by, groupId: req.groupId, deviceId: req.deviceId }, opts),
  ]);
  const empty: ReportCell = {
    key: req.tenantId, period: `${req.from}/${req.to}`, energyMwh: 0, burningS: 0, levelX10S: 0, durationS: 0, records: 0, devices: 0,
    baselineWs: 0, baselineEnergyMwh: 0, devicesWithoutBaseline: 0,
  };
  return {
    tenant: req.tenantId, from: req.from, to: req.to, bucket: req.bucket, by: req.by, group: req.groupId ?? null, device: req.deviceId ?? null,
    settings, rows: cells.map((c) => toRow(c, settings)), total: toRow(total ?? empty, settings),
  };
}

/**
 * The same report summed the original way, over the per-device rollups with EnergyRepository.report (a
 * `count(distinct …)` per cell and a second query for the total): what the fast paths are held to (tests, bench:api).
 */
export async function referenceReport(energy: EnergyRepository, settings: EnergySettings, req: ReportRequest): Promise<Report> {
  const q = { tenantId: req.tenantId, from: req.from, to: req.to, groupId: req.groupId, deviceId: req.deviceId };
  const [cells, totals] = await Promise.all([
    energy.report({ ...q, bucket: req.bucket, by: req.by }),
    energy.report({ ...q, bucket: 'total', by: 'tenant' }),
  ]);
  const empty: ReportCell = {
    key: req.tenantId, period: `${req.from}/${req.to}`, energyMwh: 0, burningS: 0, levelX10S: 0, durationS: 0, records: 0, devices: 0,
    baselineWs: 0, baselineEnergyMwh: 0, devicesWithoutBaseline: 0,
  };
  return {
    tenant: req.tenantId, from: req.from, to: req.to, bucket: req.bucket, by: req.by, group: req.groupId ?? null, device: req.deviceId ?? null,
    settings, rows: cells.map((c) => toRow(c, settings)), total: toRow(totals[0] ?? empty, settings),
  };
}
