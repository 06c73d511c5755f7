/**
 * Energy reports for the API (issue 14): the tenant's settings and the rollup sums of ReportRepository, in the
 * report's units (toRow, energy/service.ts: the formulas are written once there). Same reply as
 * EnergyService.report, computed in fewer passes over the rollups (db/report-repository.ts).
 */
import type { ReportRepository } from '../db/report-repository.js';
import type { ReportCell } from '../db/energy-repository.js';
import { toRow, type EnergyService, type Report, type ReportRequest } from '../energy/service.js';

export async function buildReport(reports: ReportRepository, energy: Pick<EnergyService, 'settings'>, req: ReportRequest): Promise<Report> {
  const [settings, { cells, total }] = await Promise.all([
    energy.settings(req.tenantId),
    reports.report({ tenantId: req.tenantId, from: req.from, to: req.to, bucket: req.bucket, by: req.by, groupId: req.groupId, deviceId: req.deviceId }),
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
