/**
 * Energy reports over the rollups, at scale (issue 14): the same cells as EnergyRepository.report (the sums per key
 * and period, from `energy_monthly` for whole months and `energy_daily` for the rest), in fewer passes over the
 * rollup rows.
 *
 * A year report by month of a 100,000-light town reads 1.2 M monthly rows; what costs is each pass over them and
 * the distinct-device counts. Here:
 * - when every light has at most one rollup row per period of the report (daily rows by day, monthly rows by
 *   month, or a single day or month), `devices` is a plain count of rows per cell instead of a
 *   `count(distinct device_id)`; otherwise the rows are first summed per light and period, then counted;
 * - the total is the sum of the rows when each light belongs to one row key (`by=tenant`, `by=device`), so it
 *   costs no second pass; its distinct light counts come from the tenant's devices with any rollup row in the
 *   period, probed through the rollups' (device_id, day|month) indexes (100,000 index probes, not 1.2 M rows:
 *   rollups are written only for registered devices, under their tenant); `by=group` (a light in two groups
 *   counts in both rows) sums the total in one pass of its own;
 * - a period that is the rollup's own column (month of the monthly table, day of the daily one) is grouped on the
 *   column, so the rows come grouped in primary-key order instead of being sorted.
 */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DialectAdapter, Db, Tables } from './drizzle-repository.js';
import { wholeMonths, type EnergyRecordRow, type ReportCell, type ReportQuery } from './energy-repository.js';

type Row = Record<string, unknown>;

interface Source { table: 'energy_daily' | 'energy_monthly'; col: 'day' | 'month'; from: string; to: string }

const ELIGIBLE = sql.raw('(i.nominal_power_w > 0 and i.lat is not null and i.lon is not null)');
const SUMS = ['energy_mwh', 'burning_s', 'level_x10_s', 'duration_s', 'dark_s', 'records'] as const;
/** Columns of the per-town rollups (migration 0012). */
const AGG_SUMS = ['energy_mwh', 'burning_s', 'level_x10_s', 'duration_s', 'records', 'devices', 'baseline_ws', 'baseline_energy_mwh', 'devices_without_baseline'] as const;

/**
 * The per-town rollups of a tenant summed again from its per-device rows (the backfill of migration 0012, for one
 * tenant): statements to run after per-device rows were written with the triggers off (bench:api's generated town).
 */
export function tenantRollupBackfill(tenantId: string): string[] {
  const t = tenantId.replace(/'/g, "''");
  const w = '(case when i.nominal_power_w > 0 and i.lat is not null and i.lon is not null then i.nominal_power_w else 0 end)';
  return (['day', 'month'] as const).flatMap((col) => {
    const [src, agg] = col === 'day' ? ['energy_daily', 'energy_tenant_daily'] : ['energy_monthly', 'energy_tenant_monthly'];
    return [`delete from ${agg} where tenant_id = '${t}'`, `insert into ${agg} (tenant_id, ${col}, ${AGG_SUMS.slice(0, 4).join(', ')}, dark_s, ${AGG_SUMS.slice(4).join(', ')})
      select r.tenant_id, r.${col}, sum(r.energy_mwh), sum(r.burning_s), sum(r.level_x10_s), sum(r.duration_s), sum(r.dark_s), sum(r.records), count(*),
        sum(r.dark_s * ${w}), sum(case when ${w} > 0 then r.energy_mwh else 0 end), sum(case when ${w} > 0 then 0 else 1 end)
      from ${src} r left join inventory i on i.device_id = r.device_id where r.tenant_id = '${t}' group by r.tenant_id, r.${col}`];
  });
}

export class ReportRepository {
  private readonly db: Db;
  private readonly t: Tables;
  readonly dialect: 'sqlite' | 'postgres';

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
    this.dialect = adapter.dialect;
  }

  /**
   * Runs a report query. A query over per-device rollups runs on PostgreSQL in a transaction of its own that prices
   * index range scans as the mostly sequential reads they are (rollup rows are written period after period, so a
   * period's rows lie together; with the default random_page_cost of 4 a month of 100,000 lights was read by
   * scanning the whole daily table). `small`: a read of the per-town rollups (a row per period), run as it is. JIT
   * is off for the whole pool (db/pg.ts).
   */
  private async rows(query: SQL, small = false): Promise<Row[]> {
    if (this.dialect === 'sqlite') return (this.db as unknown as { all(q: SQL): Row[] }).all(query);
    type Exec = { execute(q: SQL): Promise<{ rows: Row[] }> };
    if (small) return (await (this.db as unknown as Exec).execute(query)).rows;
    return (this.db as unknown as { transaction<T>(f: (tx: Exec) => Promise<T>): Promise<T> }).transaction(async (tx) => {
      await tx.execute(sql`set local random_page_cost = 1.1`);
      return (await tx.execute(query)).rows;
    });
  }

  /**
   * The cells of a report and its total (undefined when no rollup row matched). A town's report (`by=tenant`, no
   * group or light filter) reads the per-town rollups `energy_tenant_daily` / `energy_tenant_monthly` (one row per
   * period, maintained with the per-device rows: migration 0012) unless `perDevice` is set, which sums the per-device
   * rows (what the per-town rows must equal: tests and bench:api compare both).
   */
  async report(q: ReportQuery, opts: { perDevice?: boolean } = {}): Promise<{ cells: ReportCell[]; total: ReportCell | undefined }> {
    const dayRe = /^\d{4}-\d{2}-\d{2}$/;
    if (!dayRe.test(q.from) || !dayRe.test(q.to)) throw new Error('report: from/to must be YYYY-MM-DD');
    const sources: Source[] = [];
    const daily = (from: string, to: string) => sources.push({ table: 'energy_daily', col: 'day', from, to });
    const split = q.bucket === 'day' ? undefined : wholeMonths(q.from, q.to);
    if (!split) daily(q.from, q.to);
    else {
      if (split.head) daily(split.head[0], split.head[1]);
      sources.push({ table: 'energy_monthly', col: 'month', from: split.months[0], to: split.months[1] });
      if (split.tail) daily(split.tail[0], split.tail[1]);
    }
    // One row per light and period? Then a cell's row count is its light count.
    const oneRow = (s: Source): boolean => (s.col === 'day' ? q.bucket === 'day' || s.from === s.to : q.bucket === 'month' || s.from === s.to);
    const unique = sources.length === 1 ? oneRow(sources[0] as Source) : (q.bucket === 'month' || q.bucket === 'day') && sources.every(oneRow);

    const periodOf = (s: Source): SQL => {
      switch (q.bucket) {
        case 'day': return sql.raw(s.col);
        // The column itself when it is the period: rows then come grouped from the primary key's order (no sort).
        case 'month': return sql.raw(s.col === 'month' ? 'month' : `substr(${s.col}, 1, 7)`);
        case 'year': return sql.raw(`substr(${s.col}, 1, 4)`);
        case 'total': return sql.raw(`'${q.from}/${q.to}'`); // validated above: digits and dashes only
      }
    };
    // A cell of a town report whose lights are not one row each (a year, a total, a partial month by month) counts
    // its distinct lights by probing the per-device rollups; a report with several such cells reads the per-device rows.
    const oneCell = q.bucket === 'total' || (q.bucket === 'year' && q.from.slice(0, 4) === q.to.slice(0, 4)) || (q.bucket === 'month' && q.from.slice(0, 7) === q.to.slice(0, 7));
    if (!opts.perDevice && q.by === 'tenant' && !q.groupId && !q.deviceId && (unique || oneCell)) {
      return this.townReport(q, sources, unique, periodOf);
    }
    const lightFilter = (col: SQL): SQL => {
      const parts: SQL[] = [];
      if (q.deviceId) parts.push(sql` and ${col} = ${q.deviceId}`);
      if (q.groupId) parts.push(sql` and ${col} in (select gm.device_id from group_members gm where gm.tenant_id = ${q.tenantId} and gm.group_id = ${q.groupId})`);
      return sql.join(parts, sql``);
    };
    const cols = sql.raw(`tenant_id, device_id, ${SUMS.join(', ')}`);
    const union = sql.join(sources.map((s) => sql`select ${cols}, ${periodOf(s)} as p from ${sql.raw(s.table)}
      where tenant_id = ${q.tenantId} and ${sql.raw(s.col)} >= ${s.from} and ${sql.raw(s.col)} <= ${s.to}${lightFilter(sql.raw('device_id'))}`), sql` union all `);
    const perLight = unique ? sql`(${union})` : sql`(select tenant_id, device_id, p, ${sql.raw(SUMS.map((c) => `sum(${c}) as ${c}`).join(', '))}
      from (${union}) u group by tenant_id, device_id, p)`;
    const key = q.by === 'device' ? sql.raw('x.device_id') : q.by === 'group' ? sql.raw('gm.group_id') : sql.raw('x.tenant_id');
    const groupJoin = q.by === 'group'
      ? (q.groupId ? sql` join group_members gm on gm.tenant_id = x.tenant_id and gm.device_id = x.device_id and gm.group_id = ${q.groupId}` : sql` join group_members gm on gm.tenant_id = x.tenant_id and gm.device_id = x.device_id`)
      : sql``;
    const sums = sql`sum(x.energy_mwh) as energy_mwh, sum(x.burning_s) as burning_s, sum(x.level_x10_s) as level_x10_s,
        sum(x.duration_s) as duration_s, sum(x.records) as records,
        sum(case when ${ELIGIBLE} then x.dark_s * i.nominal_power_w else 0 end) as baseline_ws,
        sum(case when ${ELIGIBLE} then x.energy_mwh else 0 end) as baseline_energy_mwh`;
    const cells = (await this.rows(sql`select ${key} as k, x.p as p, ${sums}, count(*) as devices,
        sum(case when ${ELIGIBLE} then 0 else 1 end) as devices_without_baseline
      from ${perLight} x left join inventory i on i.device_id = x.device_id${groupJoin}
      group by ${key}, x.p order by 1, 2`)).map(toCell);

    if (q.bucket === 'total' && q.by === 'tenant') return { cells, total: cells[0] };
    if (cells.length === 0) return { cells, total: undefined };
    const period = `${q.from}/${q.to}`;
    let total: ReportCell;
    if (q.by === 'group') {
      const [row] = await this.rows(sql`select ${sql.raw(`'${q.tenantId.replace(/'/g, "''")}'`)} as k, '' as p, ${sums}, 0 as devices, 0 as devices_without_baseline
        from (${union}) x left join inventory i on i.device_id = x.device_id`);
      total = toCell(row as Row);
    } else {
      total = { key: q.tenantId, period, energyMwh: 0, burningS: 0, levelX10S: 0, durationS: 0, records: 0, devices: 0, baselineWs: 0, baselineEnergyMwh: 0, devicesWithoutBaseline: 0 };
      for (const c of cells) {
        total.energyMwh += c.energyMwh; total.burningS += c.burningS; total.levelX10S += c.levelX10S; total.durationS += c.durationS;
        total.records += c.records; total.baselineWs += c.baselineWs; total.baselineEnergyMwh += c.baselineEnergyMwh;
      }
    }
    total.key = q.tenantId;
    total.period = period;
    if (q.by === 'device') {
      const keys = new Map<string, boolean>();
      for (const c of cells) keys.set(c.key, (keys.get(c.key) ?? false) || c.devicesWithoutBaseline > 0);
      total.devices = keys.size;
      total.devicesWithoutBaseline = [...keys.values()].filter(Boolean).length;
    } else {
      const [row] = await this.rows(this.distinctLights(q, sources));
      total.devices = Number(row?.devices ?? 0);
      total.devicesWithoutBaseline = Number(row?.without ?? 0);
    }
    return { cells, total };
  }

  /**
   * A town's report from the per-town rollups (`energy_tenant_daily` / `energy_tenant_monthly`): a row per period,
   * whatever the number of lights. `devices` and `devicesWithoutBaseline` of a cell are the per-device rows the
   * period's row summed when each light has one row per cell (`unique`); otherwise (one cell: a year, a total) they
   * are the town's distinct lights over the range, as for the total.
   */
  private async townReport(q: ReportQuery, sources: Source[], unique: boolean, periodOf: (s: Source) => SQL): Promise<{ cells: ReportCell[]; total: ReportCell | undefined }> {
    const union = sql.join(sources.map((s) => sql`select ${sql.raw(AGG_SUMS.join(', '))}, ${periodOf(s)} as p from ${sql.raw(s.table === 'energy_daily' ? 'energy_tenant_daily' : 'energy_tenant_monthly')}
      where tenant_id = ${q.tenantId} and ${sql.raw(s.col)} >= ${s.from} and ${sql.raw(s.col)} <= ${s.to} and devices > 0`), sql` union all `);
    const rows = await this.rows(sql`select x.p as p, ${sql.raw(AGG_SUMS.map((c) => `sum(x.${c}) as ${c}`).join(', '))}
      from (${union}) x group by x.p order by x.p`, true);
    const cells = rows.map((r) => toCell({ ...r, k: q.tenantId }));
    if (cells.length === 0) return { cells, total: undefined };
    const total: ReportCell = { key: q.tenantId, period: `${q.from}/${q.to}`, energyMwh: 0, burningS: 0, levelX10S: 0, durationS: 0, records: 0, devices: 0, baselineWs: 0, baselineEnergyMwh: 0, devicesWithoutBaseline: 0 };
    for (const c of cells) {
      total.energyMwh += c.energyMwh; total.burningS += c.burningS; total.levelX10S += c.levelX10S; total.durationS += c.durationS;
      total.records += c.records; total.baselineWs += c.baselineWs; total.baselineEnergyMwh += c.baselineEnergyMwh;
    }
    const single = sources.length === 1 ? sources[0] as Source : undefined;
    if (unique && cells.length === 1 && single && single.from === single.to) {
      // One period, one row per light: its row's counts are the total's.
      total.devices = (cells[0] as ReportCell).devices;
      total.devicesWithoutBaseline = (cells[0] as ReportCell).devicesWithoutBaseline;
    } else {
      const month = q.from.slice(0, 7);
      const wholeMonth = single?.col === 'day' && q.to.slice(0, 7) === month && wholeMonths(q.from, q.to)?.months[0] === month;
      const [row] = wholeMonth
        // A whole month by day: the lights with a daily row in it are those with its monthly row (written together).
        ? await this.rows(sql`select devices, devices_without_baseline as without from energy_tenant_monthly where tenant_id = ${q.tenantId} and month = ${month}`, true)
        : await this.rows(this.distinctLights(q, sources));
      total.devices = Number(row?.devices ?? 0);
      total.devicesWithoutBaseline = Number(row?.without ?? 0);
    }
    if (!unique) for (const c of cells) { c.devices = total.devices; c.devicesWithoutBaseline = total.devicesWithoutBaseline; }
    return { cells, total };
  }

  /**
   * The town's devices with a rollup row in the report's range, each probed through the rollups' (device_id, …)
   * index (rollups are written for registered devices only, under their tenant; devices are never deleted), and how
   * many of them lack a rated power or a position.
   */
  private distinctLights(q: ReportQuery, sources: Source[]): SQL {
    const member = q.groupId ? sql` and d.id in (select gm.device_id from group_members gm where gm.tenant_id = ${q.tenantId} and gm.group_id = ${q.groupId})` : sql``;
    const device = q.deviceId ? sql` and d.id = ${q.deviceId}` : sql``;
    const has = sql.join(sources.map((s) => sql`exists (select 1 from ${sql.raw(s.table)} r where r.device_id = d.id
      and r.tenant_id = ${q.tenantId} and r.${sql.raw(s.col)} >= ${s.from} and r.${sql.raw(s.col)} <= ${s.to})`), sql` or `);
    return sql`select count(*) as devices, sum(case when ${ELIGIBLE} then 0 else 1 end) as without
      from devices d left join inventory i on i.device_id = d.id
      where d.tenant_id = ${q.tenantId}${member}${device} and (${has})`;
  }

  /** The newest `n` raw records of a device (within retention), oldest first: the light page's chart. */
  async latestRecords(deviceId: string, n: number): Promise<EnergyRecordRow[]> {
    const rows = await this.db.select().from(this.t.energyRecords).where(eq(this.t.energyRecords.deviceId, deviceId))
      .orderBy(desc(this.t.energyRecords.seq)).limit(n);
    return rows.reverse();
  }
}

function toCell(r: Row): ReportCell {
  return {
    key: String(r.k), period: String(r.p), energyMwh: Number(r.energy_mwh ?? 0), burningS: Number(r.burning_s ?? 0),
    levelX10S: Number(r.level_x10_s ?? 0), durationS: Number(r.duration_s ?? 0), records: Number(r.records ?? 0), devices: Number(r.devices ?? 0),
    baselineWs: Number(r.baseline_ws ?? 0), baselineEnergyMwh: Number(r.baseline_energy_mwh ?? 0), devicesWithoutBaseline: Number(r.devices_without_baseline ?? 0),
  };
}
