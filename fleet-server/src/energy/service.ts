/**
 * Energy service (issue 5): ingest of interval records with their rollups and the ack watermark, reports
 * (kWh, burning hours, average level, savings against a full-power dusk-to-dawn baseline, money and CO2),
 * per-tenant settings, and raw-record retention.
 *
 * Formulas (per device and local day, summed over the report's devices and days):
 *   energy            = Σ record.energy_mwh
 *   burning hours     = Σ record.burning_s / 3600
 *   average level     = Σ (record.avg_level_x10 × record.duration_s) / Σ record.burning_s / 10   (% while lit)
 *   baseline          = nominal W × Σ (part of each received record between sunset and the next sunrise)
 *   saved             = baseline − energy of the same devices (those with a nominal power and a position)
 *   money saved       = saved kWh × tariff (€/kWh);  CO2 avoided = saved kWh × emission factor (gCO2e/kWh)
 * The baseline covers only the time the received records cover, so a device that was offline for a night
 * (or a gap) neither inflates nor deflates the savings.
 */
import type { NewEnergy, Repository, DeviceRow, InventoryRow } from '../db/repository.js';
import { ReportRepository } from '../db/report-repository.js';
import { buildReport } from '../reads/reports.js';
import type {
  EnergyGapRow, EnergyRecordRow, EnergyRepository, EnergySettingsRow, IngestResult, QuarantinePlan, QuarantineRow, QuarantineState, ReportBucket, ReportBy, ReportCell, RollupKey,
} from '../db/energy-repository.js';
import type { ServiceLogger } from '../devices/service.js';
import { IMPLAUSIBLE_ENERGY } from '../alarms/service.js';
import { localDay, NightCalculator, parsePosixTz, type PosixTz } from './calendar.js';
import { DEFAULT_EMISSION_G_PER_KWH, DEFAULT_GAP_GRACE_S, DEFAULT_RETENTION_DAYS, DEFAULT_TARIFF_EUR_PER_KWH, DEFAULT_TZ } from './defaults.js';
import { implausibility, MIN_START_S, type Implausible } from './plausibility.js';

export interface EnergySettings { tz: string; tariffEurPerKwh: number; emissionGPerKwh: number; isDefault: boolean }

/** A frame's records with what its ingest needs, worked out before the transaction (EnergyService.prepare). */
export interface PreparedEnergy {
  device: { id: string; tenantId: string };
  /** The frame's records, with the device's seqs. */
  rows: readonly NewEnergy[];
  /** Where each record's sums go, as EnergyRepository.ingest calls it. */
  keyOf: (r: NewEnergy) => RollupKey;
  /** `keyOf(rows[i])` for every record, by index (empty when some record is quarantined: that frame is not written in bulk). */
  keys: RollupKey[];
  /** The server's clock when the frame was prepared (records' `receivedAt`, gap detection), ms. */
  now: number;
  graceMs: number;
  minStartS: number;
  lostThroughSeq: number;
  logId: number;
  quarantine: QuarantinePlan;
  /** Logs the records a frame's ingest gave up as lost or quarantined. */
  report(result: Pick<IngestResult, 'lost' | 'quarantined'>): void;
}

export interface EnergyServiceOptions {
  energy: EnergyRepository;
  repo: Repository;
  now: () => number;
  log: ServiceLogger;
  /** Raw record retention in days. Default 400. */
  retentionDays?: number;
  /** Grace before a missing record range is given up, seconds. Default 21600 (6 h). */
  gapGraceS?: number;
  /** Reports (default: a ReportRepository on the energy repository's connection). */
  reports?: ReportRepository;
}

export interface ReportRequest {
  tenantId: string;
  from: string;
  to: string;
  bucket: ReportBucket;
  by: ReportBy;
  groupId?: string | undefined;
  deviceId?: string | undefined;
}

export interface ReportRow {
  key: string;
  period: string;
  energyKwh: number;
  burningHours: number;
  /** Average commanded level while lit, percent; null when the light never burned. */
  averageLevelPct: number | null;
  baselineKwh: number;
  savedKwh: number;
  /** Saved / baseline, percent; null without a baseline. */
  savedPct: number | null;
  costEur: number;
  moneySavedEur: number;
  co2Kg: number;
  co2AvoidedKg: number;
  devices: number;
  records: number;
  /** Hours covered by received records. */
  coveredHours: number;
  devicesWithoutBaseline: number;
}

export interface Report {
  tenant: string;
  from: string;
  to: string;
  bucket: ReportBucket;
  by: ReportBy;
  group: string | null;
  device: string | null;
  settings: EnergySettings;
  rows: ReportRow[];
  total: ReportRow;
}

const round = (v: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** What the ingest needs of a device's inventory entry: where the pole is (night time) and its rated power (plausibility). */
type PoleFacts = Pick<InventoryRow, 'lat' | 'lon' | 'nominalPowerW'>;

/** Tenant settings are re-read at most this often (ms). */
const SETTINGS_TTL_MS = 60_000;
/** Inventory entries are re-read at most this often per device during ingest (positions rarely change). */
const INVENTORY_TTL_MS = 60_000;

export class EnergyService {
  private readonly energy: EnergyRepository;
  private readonly reports: ReportRepository;
  private readonly repo: Repository;
  private readonly now: () => number;
  private readonly log: ServiceLogger;
  readonly retentionDays: number;
  readonly gapGraceS: number;
  private readonly nights = new NightCalculator();
  private readonly settingsCache = new Map<string, { s: EnergySettings; tz: PosixTz; at: number }>();
  private readonly inventoryCache = new Map<string, { at: number; row: PoleFacts | undefined }>();
  /** Devices whose inventory entry is to be read with the next query, and who waits for it. */
  private inventoryWanted = new Map<string, Array<{ resolve: (row: PoleFacts | undefined) => void; reject: (err: unknown) => void }>>();
  /** Local day of a record start, per time zone (records of many devices start at the same quarter hours). */
  private readonly dayCache = new WeakMap<PosixTz, Map<number, string>>();

  constructor(opts: EnergyServiceOptions) {
    this.energy = opts.energy;
    this.reports = opts.reports ?? new ReportRepository(opts.energy.adapter);
    this.repo = opts.repo;
    this.now = opts.now;
    this.log = opts.log;
    this.retentionDays = opts.retentionDays ?? DEFAULT_RETENTION_DAYS;
    this.gapGraceS = opts.gapGraceS ?? DEFAULT_GAP_GRACE_S;
  }

  // ---------------------------------------------------------------- settings

  async settings(tenantId: string): Promise<EnergySettings> {
    return (await this.resolved(tenantId)).s;
  }

  private async resolved(tenantId: string): Promise<{ s: EnergySettings; tz: PosixTz }> {
    const hit = this.settingsCache.get(tenantId);
    // Re-read now and then: another instance (behind $share) may have changed the settings.
    if (hit && this.now() - hit.at < SETTINGS_TTL_MS) return hit;
    const row = await this.energy.getSettings(tenantId);
    const s: EnergySettings = row
      ? { tz: row.tz, tariffEurPerKwh: row.tariffEurPerKwh, emissionGPerKwh: row.emissionGPerKwh, isDefault: false }
      : { tz: DEFAULT_TZ, tariffEurPerKwh: DEFAULT_TARIFF_EUR_PER_KWH, emissionGPerKwh: DEFAULT_EMISSION_G_PER_KWH, isDefault: true };
    const entry = { s, tz: parsePosixTz(s.tz), at: this.now() };
    this.settingsCache.set(tenantId, entry);
    return entry;
  }

  /**
   * Sets a tenant's settings. The time zone decides which local day a record's sums go to from now on;
   * rollups already stored keep their days (so change it before devices report, at commissioning).
   * Throws TzError (from the firmware's parser) on a malformed POSIX TZ rule.
   */
  async putSettings(tenantId: string, patch: Partial<Omit<EnergySettings, 'isDefault'>>): Promise<EnergySettings> {
    const cur = await this.settings(tenantId);
    const next = { tz: patch.tz ?? cur.tz, tariffEurPerKwh: patch.tariffEurPerKwh ?? cur.tariffEurPerKwh, emissionGPerKwh: patch.emissionGPerKwh ?? cur.emissionGPerKwh };
    parsePosixTz(next.tz);
    const row: EnergySettingsRow = { tenantId, ...next, updatedAt: this.now() };
    await this.energy.putSettings(row);
    this.settingsCache.delete(tenantId);
    return this.settings(tenantId);
  }

  // ---------------------------------------------------------------- ingest

  /**
   * A device's position and rated power (cached INVENTORY_TTL_MS). Issue 14: the entries missing from the cache are
   * read together, one query for all the frames that arrived in the same turn of the event loop (a device reporting
   * every 15 minutes is a miss every time).
   */
  private inventory(deviceId: string): Promise<PoleFacts | undefined> {
    const hit = this.inventoryCache.get(deviceId);
    if (hit && this.now() - hit.at < INVENTORY_TTL_MS) return Promise.resolve(hit.row);
    return new Promise((resolve, reject) => {
      const first = this.inventoryWanted.size === 0;
      let w = this.inventoryWanted.get(deviceId);
      if (!w) this.inventoryWanted.set(deviceId, w = []);
      w.push({ resolve, reject });
      if (first) setImmediate(() => void this.readInventories());
    });
  }

  private async readInventories(): Promise<void> {
    const wanted = this.inventoryWanted;
    this.inventoryWanted = new Map();
    try {
      const rows = await this.energy.inventories([...wanted.keys()]);
      const at = this.now();
      if (this.inventoryCache.size + wanted.size > 200_000) this.inventoryCache.clear();
      for (const [id, waiting] of wanted) {
        const row = rows.get(id);
        this.inventoryCache.set(id, { at, row });
        for (const w of waiting) w.resolve(row);
      }
    } catch (err) {
      for (const waiting of wanted.values()) for (const w of waiting) w.reject(err);
    }
  }

  /**
   * Stores a frame's records (idempotent), updates rollups, watermark and gaps in one transaction, and
   * resolves with the seq to acknowledge once committed. `lostThroughSeq` (EnergyReport.lost_through_seq): the
   * device's log no longer holds its unacknowledged records up to this seq; those missing are lost at once.
   * `logId` (EnergyReport.log_id): the device's log identity; a new one maps its seqs after the old log's
   * (EnergyRepository.ingest). Record seqs and `lostThroughSeq` are the device's; the result's `ackedSeq` too.
   */
  async ingest(device: Pick<DeviceRow, 'id' | 'tenantId'>, rows: readonly NewEnergy[], lostThroughSeq = 0, logId = 0): Promise<IngestResult> {
    const p = await this.prepare(device, rows, lostThroughSeq, logId);
    const result = await this.energy.ingest(device, rows, p.keyOf, p.now, p.graceMs, p.minStartS, lostThroughSeq, logId, p.quarantine);
    p.report(result);
    return result;
  }

  /**
   * Everything `ingest` works out before its transaction (issue 14: the batch writer, src/ingest/energy-batch.ts,
   * does this per frame as it arrives, then writes many frames in one transaction): the plausibility verdicts, where
   * each record's sums go (`keys[i]` for `rows[i]`, placed by the device's seqs; `keyOf` as `ingest` uses it), the
   * clock, the grace period and the retention floor; `report` logs what a frame's result gave up or quarantined.
   */
  async prepare(device: Pick<DeviceRow, 'id' | 'tenantId'>, rows: readonly NewEnergy[], lostThroughSeq = 0, logId = 0): Promise<PreparedEnergy> {
    const { tz } = await this.resolved(device.tenantId);
    return this.prepared(device, rows, lostThroughSeq, logId, tz, await this.inventory(device.id));
  }

  /**
   * `prepare` without a promise when the town's settings and the device's inventory entry are cached (issue 14: the
   * usual frame of a busy stream); undefined otherwise (call `prepare`).
   */
  prepareCached(device: Pick<DeviceRow, 'id' | 'tenantId'>, rows: readonly NewEnergy[], lostThroughSeq = 0, logId = 0): PreparedEnergy | undefined {
    const now = this.now();
    const s = this.settingsCache.get(device.tenantId);
    const inv = this.inventoryCache.get(device.id);
    if (!s || now - s.at >= SETTINGS_TTL_MS || !inv || now - inv.at >= INVENTORY_TTL_MS) return undefined;
    return this.prepared(device, rows, lostThroughSeq, logId, s.tz, inv.row);
  }

  private prepared(device: Pick<DeviceRow, 'id' | 'tenantId'>, rows: readonly NewEnergy[], lostThroughSeq: number, logId: number, tz: PosixTz, inv: PoleFacts | undefined): PreparedEnergy {
    const now = this.now();
    const nowS = Math.floor(now / 1000);
    const minStartS = nowS - this.retentionDays * 86_400;
    // Plausibility (energy/plausibility.ts): what fails is quarantined by the repository, not summed.
    const ctx = { nowS, ratedW: inv?.nominalPowerW, minStartS: Math.max(MIN_START_S, minStartS) };
    const verdicts = new Map<number, Implausible>();
    for (const r of rows) {
      const v = implausibility(r, ctx);
      if (v) verdicts.set(r.seq, v);
    }
    // A quarantined record is no anchor for the undated ones before it (its start may be 2100).
    const placed = placeUndated(verdicts.size ? rows.map((r) => (verdicts.has(r.seq) ? { ...r, start: 0 } : r)) : rows, nowS);
    const keyOf = this.rollupKey(tz, inv, (r) => (r.start > 0 ? r.start : (placed.get(r.seq) ?? nowS)));
    return {
      device: { id: device.id, tenantId: device.tenantId }, rows, keyOf, keys: verdicts.size ? [] : rows.map(keyOf), now, graceMs: this.gapGraceS * 1000, minStartS,
      lostThroughSeq, logId, quarantine: { verdicts, alarm: IMPLAUSIBLE_ENERGY },
      report: (result) => {
        if (result.lost.length) this.log.warn({ deviceId: device.id, lost: result.lost }, 'energy records given up as lost');
        if (result.quarantined) {
          this.log.warn({ deviceId: device.id, quarantined: result.quarantined, reasons: [...verdicts].map(([seq, v]) => ({ seq, ...v })) }, 'implausible energy records quarantined');
        }
      },
    };
  }

  /** Where a record's sums go: the local day of its start (`startOf`), and the night seconds it covers at the pole. */
  private rollupKey(tz: PosixTz, inv: Pick<InventoryRow, 'lat' | 'lon'> | undefined, startOf: (r: NewEnergy) => number): (r: NewEnergy) => RollupKey {
    const lat = inv?.lat;
    const lon = inv?.lon;
    let days = this.dayCache.get(tz);
    if (!days) this.dayCache.set(tz, days = new Map());
    const dayOf = days;
    return (r) => {
      const start = startOf(r);
      let day = dayOf.get(start);
      if (day === undefined) {
        day = localDay(tz, start);
        if (dayOf.size >= 50_000) dayOf.clear();
        dayOf.set(start, day);
      }
      const darkS = lat != null && lon != null ? this.nights.darkSeconds(lat, lon, start, r.durationS) : 0;
      return { day, month: day.slice(0, 7), darkS };
    };
  }

  // ---------------------------------------------------------------- quarantine

  /** Quarantined records of a tenant (server seqs), by device then seq. */
  quarantine(tenantId: string, opts: { deviceId?: string | undefined; state?: QuarantineState | undefined; limit: number }): Promise<QuarantineRow[]> {
    return this.energy.listQuarantine(tenantId, opts);
  }

  /**
   * Accepts or rejects quarantined records of a device (EnergyRepository.decideQuarantine): accepted ones enter the
   * records and rollups once, on the local day of their start (an undated one on the day it arrived); rejected ones
   * stay in the quarantine for audit, never counted. Deciding again changes nothing.
   */
  async decide(device: Pick<DeviceRow, 'id' | 'tenantId'>, seqs: readonly number[], decision: 'accepted' | 'rejected', by: string | null): Promise<{ changed: QuarantineRow[]; rows: QuarantineRow[] }> {
    const { tz } = await this.resolved(device.tenantId);
    const inv = await this.repo.getInventory(device.id);
    const keyOf = this.rollupKey(tz, inv, (r) => (r.start > 0 ? r.start : Math.max(1, Math.floor(r.receivedAt / 1000) - r.durationS)));
    const out = await this.energy.decideQuarantine(device, seqs, decision, by, this.now(), keyOf, IMPLAUSIBLE_ENERGY);
    if (out.changed.length) this.log.info({ deviceId: device.id, decision, by, seqs: out.changed.map((r) => r.seq) }, 'quarantined energy records decided');
    return out;
  }

  gaps(tenantId: string, opts: { deviceId?: string | undefined; state?: 'open' | 'lost' | undefined }): Promise<EnergyGapRow[]> {
    return this.energy.listGaps(tenantId, opts);
  }

  records(deviceId: string, fromSeq: number, limit: number): Promise<EnergyRecordRow[]> {
    return this.energy.listRecords(deviceId, fromSeq, limit);
  }

  /** Deletes raw records older than the retention period (their sums stay in the rollups). */
  async prune(): Promise<number> {
    const cutoff = Math.floor(this.now() / 1000) - this.retentionDays * 86_400;
    const n = await this.energy.pruneRaw(cutoff);
    if (n) this.log.info({ deleted: n, cutoff }, 'energy records past retention pruned');
    return n;
  }

  // ---------------------------------------------------------------- reports

  /**
   * A report (issue 14: the ReportRepository path, src/reads/reports.ts: a town's report reads the per-town rollups,
   * others the per-device ones in as few passes as possible).
   */
  report(req: ReportRequest): Promise<Report> {
    return buildReport(this.reports, this, req);
  }
}

/** Turns the sums of a cell into the report's units (formulas in the module comment). */
export function toRow(c: ReportCell, s: Pick<EnergySettings, 'tariffEurPerKwh' | 'emissionGPerKwh'>): ReportRow {
  const energyKwh = c.energyMwh / 1e6;
  const baselineKwh = c.baselineWs / 3600 / 1000;
  const savedKwh = baselineKwh - c.baselineEnergyMwh / 1e6;
  return {
    key: c.key,
    period: c.period,
    energyKwh: round(energyKwh, 3),
    burningHours: round(c.burningS / 3600, 2),
    averageLevelPct: c.burningS > 0 ? round(Math.min(100, c.levelX10S / c.burningS / 10), 1) : null,
    baselineKwh: round(baselineKwh, 3),
    savedKwh: round(savedKwh, 3),
    savedPct: baselineKwh > 0 ? round((savedKwh / baselineKwh) * 100, 1) : null,
    costEur: round(energyKwh * s.tariffEurPerKwh, 2),
    moneySavedEur: round(savedKwh * s.tariffEurPerKwh, 2),
    co2Kg: round((energyKwh * s.emissionGPerKwh) / 1000, 3),
    co2AvoidedKg: round((savedKwh * s.emissionGPerKwh) / 1000, 3),
    devices: c.devices,
    records: c.records,
    coveredHours: round(c.durationS / 3600, 2),
    devicesWithoutBaseline: c.devicesWithoutBaseline,
  };
}

/**
 * Where undated records go in the rollups. A record has start 0 when its interval closed before the device had
 * valid time, in a boot that ended before it got any (the firmware dates the records of a boot that later got
 * the time itself, from the records after them). The device sends oldest first and one boot's records are back
 * to back, so each undated record is placed just before the next record of the frame (its start minus the
 * record's duration), the newest before the frame's arrival. The raw record keeps start 0 (undated).
 * Returns the estimated start (Unix s) of each undated record, by seq.
 */
export function placeUndated(rows: readonly Pick<NewEnergy, 'seq' | 'start' | 'durationS'>[], receivedS: number): Map<number, number> {
  const out = new Map<number, number>();
  if (!rows.some((r) => r.start === 0)) return out;
  const sorted = [...rows].sort((a, b) => a.seq - b.seq);
  let next = receivedS;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const r = sorted[i]!;
    const start = r.start > 0 ? r.start : Math.max(1, next - r.durationS);
    if (r.start === 0) out.set(r.seq, start);
    next = start;
  }
  return out;
}
