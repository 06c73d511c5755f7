/**
 * A large town generated directly in the database for `bench:api` (issue 14, "Reads at scale"): N commissioned
 * lights on a grid of streets with inventory, group memberships (a street each, and a district), desired state,
 * registered devices with a reported state, open alarms, a little history per light, and a year of daily and
 * monthly energy rollups (and the per-town rollups summed from them, as migration 0012's backfill does) — written by set-based SQL inside the database (a cross join of a device series and a
 * day series), never through MQTT or row by row from Node: 100,000 lights × 365 days is 36.5 M daily rows.
 *
 * Everything is a pure function of the light's index k (and the day), so the benchmark can check what every
 * query returns (`expect*` below) without reading the tables back.
 */
import type pg from 'pg';
import type { DrizzleRepository } from '../../../fleet-server/src/db/drizzle-repository.js';
import { tenantRollupBackfill } from '../../../fleet-server/src/db/report-repository.js';

export interface FleetSpec {
  tenant: string;
  /** Lights (all commissioned). */
  n: number;
  /** The year of rollups, e.g. 2025. */
  year: number;
  /** Server time of the reported states (ms). */
  now: number;
}

/** Lights per street (the inventory group) and per district (a second group every light is a member of). */
export const STREET = 50;
export const DISTRICT = 5000;
export const FIRMWARE = ['1.4.2', '1.5.0', '1.3.9'] as const;

const pad = (k: number, w: number): string => String(k).padStart(w, '0');
export const deviceId = (k: number): string => `L-${pad(k, 6)}`;
export const streetOf = (k: number): string => `street-${pad(Math.floor(k / STREET), 4)}`;
export const districtOf = (k: number): string => `district-${pad(Math.floor(k / DISTRICT), 2)}`;

/** What light k is: these formulas are the SQL below, written again for the checks. */
export function light(k: number): { registered: boolean; online: boolean; firmware: string; level: number; alarm: boolean; nominalW: number; levelPct: number } {
  const registered = k % 50 !== 7; // 2 % commissioned but never connected
  return {
    registered,
    online: k % 37 !== 3,
    firmware: FIRMWARE[k % 20 < 12 ? 0 : k % 20 < 19 ? 1 : 2] as string,
    level: k % 4 === 0 ? 0 : Math.min(100, 20 + (k % 5) * 20),
    alarm: k % 97 === 5, // about 1 % with an open lamp_failure alarm
    nominalW: 30 + (k % 8) * 15,
    levelPct: 50 + (k % 5) * 10,
  };
}

/** Night seconds of day d of the year: 8.6 h to 15.4 h with the season, a multiple of 360 s (exact sums). */
export function darkS(d: number): number {
  return Math.round((43_200 + 12_240 * Math.cos(((d + 10) * 2 * Math.PI) / 365)) / 360) * 360;
}

/** Energy of light k on one day, mWh: nominal W × dark s × level % / 360 (exact, dark is a multiple of 360). */
export const dayEnergyMwh = (k: number, dark: number): number => { const l = light(k); return (l.nominalW * dark * l.levelPct) / 360; };

export function daysOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The light's state as the API computes it (unknown, updating, fault, offline, off, on, dim). */
export function stateOf(k: number): string {
  const l = light(k);
  if (!l.registered) return 'unknown';
  if (l.alarm) return 'fault';
  if (!l.online) return 'offline';
  if (l.level <= 0) return 'off';
  return l.level >= 100 ? 'on' : 'dim';
}

interface Exec { dialect: 'sqlite' | 'postgres'; run(sql: string): Promise<void> }

function executor(repo: DrizzleRepository): Exec {
  const client = (repo.adapter.db as unknown as { $client: unknown }).$client;
  if (repo.dialect === 'sqlite') {
    const db = client as { exec(sql: string): unknown; pragma(p: string): unknown };
    return { dialect: 'sqlite', run: async (sql) => { db.exec(sql); } };
  }
  const pool = client as pg.Pool;
  return { dialect: 'postgres', run: async (sql) => { await pool.query(sql); } };
}

/**
 * Writes the town. `log` gets one line per step with its time. Returns the number of daily rollup rows.
 */
export async function generateFleet(repo: DrizzleRepository, spec: FleetSpec, log: (line: string) => void = () => {}): Promise<{ dailyRows: number; monthlyRows: number }> {
  const x = executor(repo);
  const sqlite = x.dialect === 'sqlite';
  const T = spec.tenant.replace(/'/g, "''");
  const n = spec.n;
  const days = daysOf(spec.year);
  const step = async (what: string, sql: string): Promise<void> => {
    const t = performance.now();
    await x.run(sql);
    log(`${what}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  // Dialect differences: a zero-padded id, booleans, JSON.
  const id6 = (e: string) => (sqlite ? `printf('%06d', ${e})` : `lpad((${e})::text, 6, '0')`);
  const id4 = (e: string) => (sqlite ? `printf('%04d', ${e})` : `lpad((${e})::text, 4, '0')`);
  const id2 = (e: string) => (sqlite ? `printf('%02d', ${e})` : `lpad((${e})::text, 2, '0')`);
  const bool = (e: string) => (sqlite ? `(case when ${e} then 1 else 0 end)` : `(${e})`);
  const div = (a: string, b: string) => (sqlite ? `(${a}) / ${b}` : `div(${a}, ${b})`);
  const now = spec.now;
  const nowS = Math.floor(now / 1000);

  if (sqlite) {
    const db = (repo.adapter.db as unknown as { $client: { pragma(p: string): unknown } }).$client;
    db.pragma('cache_size = -1000000'); // 1 GB of page cache while generating
    // A throw-away database: no rollback journal while it is filled (WAL again at the end).
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
  }
  await step('tenant', `insert into tenants (id, created_at) values ('${T}', 0) on conflict do nothing`);
  // Helper series: lights and days (dropped at the end).
  await x.run('drop table if exists bench_k');
  await x.run('drop table if exists bench_d');
  await x.run('drop table if exists bench_m');
  // bigint on PostgreSQL: products below (energy of a month) pass int4.
  await x.run(`create table bench_k (k ${sqlite ? 'integer' : 'bigint'} primary key, id text not null, w bigint not null, lvl bigint not null)`);
  if (sqlite) await x.run(`insert into bench_k (k, id, w, lvl) with recursive s(k) as (select 0 union all select k + 1 from s where k < ${n - 1}) select k, 'L-' || ${'printf(\'%06d\', k)'}, 30 + (k % 8) * 15, 50 + (k % 5) * 10 from s`);
  else await x.run(`insert into bench_k (k, id, w, lvl) select k, 'L-' || lpad(k::text, 6, '0'), 30 + (k % 8) * 15, 50 + (k % 5) * 10 from generate_series(0, ${n - 1}) k`);
  await x.run('create table bench_d (d integer primary key, day text not null, month text not null, dark bigint not null)');
  for (let i = 0; i < days.length; i += 100) {
    await x.run(`insert into bench_d (d, day, month, dark) values ${days.slice(i, i + 100).map((day, j) => `(${i + j}, '${day}', '${day.slice(0, 7)}', ${darkS(i + j)})`).join(', ')}`);
  }
  await x.run('create table bench_m (month text primary key, dark bigint not null, days bigint not null)');
  await x.run('insert into bench_m (month, dark, days) select month, sum(dark), count(*) from bench_d group by month');

  const dev = 'id';
  const side = Math.ceil(Math.sqrt(n));
  // A 15 km × 15 km town: rows of poles, 50 to a street, a little jitter.
  const lat = `45.70 + ${div('k', String(side))} * ${(0.135 / side).toFixed(9)} + (((k * 7919) % 1000) - 500) * 0.0000002`;
  const lon = `4.75 + (k % ${side}) * ${(0.19 / side).toFixed(9)} + (((k * 104729) % 1000) - 500) * 0.0000002`;
  await step(`inventory (${n})`, `insert into inventory (device_id, tenant_id, pole_ref, lat, lon, group_id, luminaire_model, nominal_power_w, cct_k, installed_at, updated_at)
    select ${dev}, '${T}', 'P-' || ${id6('k')}, ${lat}, ${lon}, 'street-' || ${id4(div('k', String(STREET)))}, 'LED-' || (30 + (k % 8) * 15), 30 + (k % 8) * 15, 3000, 0, 0 from bench_k`);
  await step('groups', `insert into groups (tenant_id, id, created_at)
    select distinct '${T}', 'street-' || ${id4(div('k', String(STREET)))}, 0 from bench_k
    union select distinct '${T}', 'district-' || ${id2(div('k', String(DISTRICT)))}, 0 from bench_k`);
  await step('group members', `insert into group_members (tenant_id, group_id, device_id)
    select '${T}', 'street-' || ${id4(div('k', String(STREET)))}, ${dev} from bench_k
    union all select '${T}', 'district-' || ${id2(div('k', String(DISTRICT)))}, ${dev} from bench_k`);
  await step('desired', `insert into desired (device_id, tenant_id, config, config_version, plan_id, plan_version, updated_at)
    select ${dev}, '${T}', ${sqlite ? `'{"nominalPowerW":' || (30 + (k % 8) * 15) || '}'` : `jsonb_build_object('nominalPowerW', 30 + (k % 8) * 15)`}, 1, 1, 1, 0 from bench_k`);
  const fw = `(case when k % 20 < 12 then '${FIRMWARE[0]}' when k % 20 < 19 then '${FIRMWARE[1]}' else '${FIRMWARE[2]}' end)`;
  const level = '(case when k % 4 = 0 then 0 when 20 + (k % 5) * 20 > 100 then 100 else 20 + (k % 5) * 20 end)';
  await step('devices', `insert into devices (id, tenant_id, hardware_model, firmware_version, first_seen, last_seen, online, boot_count, last_reset_reason,
      last_uplink_seq, config_version, plan_id, plan_version, clock_status, level, target_level, level_source, power_mw, uptime_s, state_at)
    select ${dev}, '${T}', 'esp32', ${fw}, ${now - 86_400_000 * 30}, ${now} - (k % 900) * 1000, ${bool('k % 37 <> 3')}, 1 + k % 3, 1,
      100, 1, 1, 1, 3, ${level}, ${level}, 1, ${level} * (30 + (k % 8) * 15) * 10, 86400, ${now} - (k % 900) * 1000
    from bench_k where k % 50 <> 7`);
  await step('alarms', `insert into alarms (tenant_id, device_id, type, severity, state, raised_at, received_at, last_event_at, last_event_seq, value, detail)
    select '${T}', ${dev}, 'lamp_failure', 'major', 'open', ${now - 3_600_000}, ${now - 3_600_000}, ${now - 3_600_000}, 1, 0, 'lamp does not light' from bench_k where k % 97 = 5`);
  // A little history per registered light, so the detail page reads real index ranges: 5 states, 5 downlinks, 2 events.
  await step('state history', `insert into state_history (device_id, at, level, target_level, level_source, power_mw, reason)
    select ${dev}, ${now} - h * 900000, ${level}, ${level}, 1, 1000, 0 from bench_k, (select 0 as h union all select 1 union all select 2 union all select 3 union all select 4) hs where k % 50 <> 7`);
  await step('downlinks', `insert into downlinks (device_id, seq, tenant_id, kind, summary, sent_at, ack_status, acked_at)
    select ${dev}, h + 1, '${T}', 'config', 'config:' || (h + 1), ${now} - h * 900000, 'ok', ${now} - h * 900000 + 200 from bench_k, (select 0 as h union all select 1 union all select 2 union all select 3 union all select 4) hs where k % 50 <> 7`);
  await step('events', `insert into device_events (device_id, tenant_id, event_seq, type, active, time, value, detail, received_at, uplink_ord)
    select ${dev}, '${T}', h + 1, 1, ${bool('h = 0')}, ${nowS} - h * 3600, 0, '', ${now} - h * 3600000, h + 1 from bench_k, (select 0 as h union all select 1) hs where k % 50 <> 7`);

  // A year of rollups: every light, every day (the ingest writes the same rows, one frame at a time).
  const w = 'w';
  const lvl = 'lvl';
  // The (device, day) index is built once after the rows are in (a sort) rather than maintained row by row. On
  // PostgreSQL the primary key too, and the table is unlogged while it is filled (no 4 GB of WAL for a throw-away
  // schema; reads are the same); it is made logged again after.
  // The per-town rollups (migration 0012) are kept by triggers on the per-device rows: off while 36.5 M rows go in
  // (one trigger run per row on SQLite), then summed once, as the migration's backfill does.
  let triggers: Array<{ name: string; sql: string }> = [];
  if (sqlite) {
    const db = (repo.adapter.db as unknown as { $client: { prepare(s: string): { all(): Array<{ name: string; sql: string }> } } }).$client;
    triggers = db.prepare("select name, sql from sqlite_master where type = 'trigger' and tbl_name in ('energy_daily', 'energy_monthly')").all();
    for (const t of triggers) await x.run(`drop trigger ${t.name}`);
  } else {
    await x.run('alter table energy_daily disable trigger user; alter table energy_monthly disable trigger user');
  }
  await x.run('drop index energy_daily_device_idx');
  if (!sqlite) await x.run('alter table energy_daily drop constraint energy_daily_tenant_id_day_device_id_pk; alter table energy_daily set unlogged');
  await step(`energy_daily (${n} × ${days.length})`, `insert into energy_daily (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
    select '${T}', d.day, ${dev}, ${div(`${w} * d.dark * ${lvl}`, '360')}, d.dark, ${lvl} * 10 * d.dark, 86400, d.dark, 96 from bench_d d, bench_k where k % 50 <> 7 order by d.d, k`);
  await step(`energy_monthly (${n} × 12)`, `insert into energy_monthly (tenant_id, month, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
    select '${T}', m.month, ${dev}, ${div(`${w} * m.dark * ${lvl}`, '360')}, m.dark, ${lvl} * 10 * m.dark, 86400 * m.days, m.dark, 96 * m.days from bench_m m, bench_k where k % 50 <> 7 order by m.month, k`);
  if (sqlite) await step('energy_daily_device_idx', 'create index energy_daily_device_idx on energy_daily (device_id, day)');
  else {
    await step('energy_daily primary key and device_idx', `set maintenance_work_mem = '1GB';
      alter table energy_daily add constraint energy_daily_tenant_id_day_device_id_pk primary key (tenant_id, day, device_id);
      create index energy_daily_device_idx on energy_daily using btree (device_id, day)`);
  }
  if (sqlite) for (const t of triggers) await x.run(t.sql);
  else await x.run('alter table energy_daily enable trigger user; alter table energy_monthly enable trigger user');
  await step('per-town rollups', tenantRollupBackfill(spec.tenant).join(';\n'));
  await x.run('drop table bench_k');
  await x.run('drop table bench_d');
  await x.run('drop table bench_m');
  await step('analyze', sqlite ? 'pragma analysis_limit = 1000; analyze' : 'analyze');
  if (sqlite) {
    const db = (repo.adapter.db as unknown as { $client: { pragma(p: string): unknown } }).$client;
    db.pragma('synchronous = NORMAL');
    db.pragma('journal_mode = WAL');
  }
  return { dailyRows: n * days.length, monthlyRows: n * 12 };
}

/** Σ energy (mWh) of the year over the registered lights (the only ones with rollups), from the formulas. */
export function expectedYearEnergyMwh(n: number, year: number): number {
  const dark = daysOf(year).reduce((s, _d, i) => s + darkS(i), 0);
  let total = 0;
  for (let k = 0; k < n; k++) { const l = light(k); if (l.registered) total += (l.nominalW * dark * l.levelPct) / 360; }
  return total;
}
