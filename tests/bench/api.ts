/**
 * `pnpm bench:api` — reads at scale (issue 14): a town of 100,000 lights with a year of daily and monthly energy
 * rollups, generated directly in the database (tests/bench/lib/api-fleet.ts: set-based SQL, not MQTT), then the
 * read API timed through the server's HTTP layer (app.inject: routing, authentication, validation, SQL,
 * serialisation), on SQLite and on PostgreSQL (a schema of its own, dropped at the end).
 *
 * Measured (p50 / p99 over many requests, after a warm-up), each reply checked against what was generated:
 * - the device list, first page of 500 with a filter (state=dim&firmware=1.5.0: the total and every row checked),
 *   the next pages through the cursor, other filters (a district and states, offline or fault, a text search,
 *   none);
 * - a device's detail (random lights);
 * - the map: the whole town (clusters; the legend's counts checked) and a street-level view (points);
 * - the year report (`year=2025`: 12 monthly rows, total energy and light count checked) and, for the record, a
 *   month by day (`month=2025-06`); both read the per-town rollups (migration 0012), and are checked equal to the
 *   same reports summed over the lights' rollups (1.2 M monthly / 3 M daily rows).
 * Goals (issue 14): p99 ≤ 50 ms for pages and details (the map is held to the same), ≤ 1 s for the year report.
 *
 * Environment: BENCH_LIGHTS (default 100000), BENCH_SKIP_PG=1, BENCH_ONLY=sqlite|postgres, TEST_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test), BENCH_REPEAT (default 200 requests a page case).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { build, openPostgres, openSqlite } from '@streetlight/fleet-server';
import { authedInject, type Inject } from '@streetlight/fleet-server/testing';
import type { DrizzleRepository } from '../../fleet-server/src/db/drizzle-repository.js';
import { ReportRepository } from '../../fleet-server/src/db/report-repository.js';
import { buildReport } from '../../fleet-server/src/reads/reports.js';
import { benchReport, cpuMs } from './lib/report.js';
import { PgBackendCpu } from './lib/procs.js';
import { darkS, daysOf, deviceId, districtOf, expectedYearEnergyMwh, FIRMWARE, generateFleet, light, stateOf } from './lib/api-fleet.js';

const N = Number(process.env.BENCH_LIGHTS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 200);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const YEAR = 2025;
const T = 'grandville';
const NOW = Date.UTC(YEAR + 1, 0, 10, 20, 0, 0);
const report = benchReport('api');
const only = process.env.BENCH_ONLY;
const dialects = (['sqlite', 'postgres'] as const).filter((d) => (only ? d === only : d === 'sqlite' || process.env.BENCH_SKIP_PG !== '1'));

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((s.length * p) / 100) - 1))] ?? 0;
};
const r1 = (v: number): number => Math.round(v * 10) / 10;

interface Light { id: string; state: string; firmwareVersion: string | null; groups: string[] }

/** What the generator made, for the checks. */
const want = (() => {
  let dimFw = 0; let registered = 0;
  const states: Record<string, number> = {};
  for (let k = 0; k < N; k++) {
    const s = stateOf(k);
    states[s] = (states[s] ?? 0) + 1;
    if (s === 'dim' && light(k).firmware === FIRMWARE[1]) dimFw++;
    if (light(k).registered) registered++;
  }
  return { dimFw, registered, states };
})();

/**
 * Times `n` requests after a warm-up: p50 and p99 of the wall time, and the CPU time this process spent per request
 * (server and bench: on SQLite the whole work of a request, so a figure the machine's load does not inflate the way
 * it inflates wall times; on PostgreSQL the back ends' CPU comes on top, summed for the run).
 */
async function timed(label: string, name: string, n: number, run: (i: number) => Promise<void>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(5, n); i++) await run(-1 - i); // warm-up (prepared statements, caches)
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  const p50 = r1(pct(times, 50)); const p99 = r1(pct(times, 99));
  report.result(`api_${name}_p50_${label}`, p50, 'ms');
  report.result(`api_${name}_p99_${label}`, p99, 'ms');
  report.result(`api_${name}_cpu_per_request_${label}`, r1((cpu.user + cpu.system) / 1000 / n), 'ms');
  return { p50, p99 };
}

async function run(label: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-'));
  const schema = `bench_api_${process.pid}`;
  const url = new URL(PG_URL);
  url.searchParams.set('application_name', 'bench-api');
  try {
    // 1. The town, straight into the database.
    const g0 = performance.now();
    const gen = label === 'sqlite' ? openSqlite(path.join(dataDir, 'fleet.sqlite')) : await openPostgres(url.toString(), schema);
    let made: { dailyRows: number; monthlyRows: number };
    try {
      made = await generateFleet(gen as unknown as DrizzleRepository, { tenant: T, n: N, year: YEAR, now: NOW }, (line) => process.stdout.write(`# ${label} generate ${line}\n`));
    } finally {
      await gen.close();
    }
    const genS = (performance.now() - g0) / 1000;
    process.stdout.write(`# ${label}: ${N} lights, ${made.dailyRows} daily and ${made.monthlyRows} monthly rollup rows in ${genS.toFixed(0)} s\n`);
    report.result(`api_generate_s_${label}`, Math.round(genS), 's');

    // 2. The server on that database.
    const app = await build({
      config: { dataDir, httpPort: 0, mqttPort: 0, ...(label === 'postgres' ? { databaseUrl: url.toString(), databaseSchema: schema } : {}) },
      logger: false, now: () => NOW,
    });
    const pgCpu = label === 'postgres' ? await PgBackendCpu.open(PG_URL, 'bench-api') : undefined;
    try {
      const inject: Inject = await authedInject(app, { tenant: T, role: 'viewer' });
      const get = async (u: string) => {
        const r = await inject(u);
        if (r.statusCode !== 200) throw new Error(`${u}: ${r.statusCode} ${r.body.slice(0, 300)}`);
        return r;
      };
      const cpu0 = process.cpuUsage();
      await pgCpu?.start();

      // Device list: the first page of a filter, with its total.
      let firstOk = true;
      const filtered = `/api/tenants/${T}/devices?state=dim&firmware=${FIRMWARE[1]}&limit=500`;
      const pageFiltered = await timed(label, 'devices_page500_filtered', REPEAT, async () => {
        const r = await get(filtered);
        const rows = r.json() as Light[];
        firstOk &&= rows.length === 500 && Number(r.headers['x-total-count']) === want.dimFw && rows.every((l) => l.state === 'dim' && l.firmwareVersion === FIRMWARE[1]);
      });
      report.check(`device list page: 500 rows, all dim on ${FIRMWARE[1]}, X-Total-Count ${want.dimFw}`, firstOk);
      // The following pages, through the cursor (the total travels in it).
      const cursors: string[] = [];
      let next = (await get(filtered)).headers['x-next-cursor'] as string | undefined;
      while (next && cursors.length < 30) { cursors.push(next); next = (await get(`${filtered}&cursor=${encodeURIComponent(next)}`)).headers['x-next-cursor'] as string | undefined; }
      let nextOk = true;
      const full = cursors.slice(0, -1); // the last cursor leads to the last, shorter page
      if (full.length === 0) full.push(...cursors);
      await timed(label, 'devices_page500_filtered_next', REPEAT, async (i) => {
        const c = full[Math.abs(i) % full.length] as string;
        const rows = (await get(`${filtered}&cursor=${encodeURIComponent(c)}`)).json() as Light[];
        nextOk &&= rows.length === 500 || full.length === 1;
      });
      report.check(`the next ${full.length} full pages through the cursor hold 500 rows each`, nextOk && cursors.length > 0);
      // Every page of the filter, once: each light once, in order, the total reached.
      const seen = new Set<string>();
      let prev = '';
      let ordered = true;
      for (let c: string | undefined = ''; c !== undefined;) {
        const r = await get(`${filtered}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`);
        for (const l of r.json() as Light[]) { ordered &&= l.id > prev; prev = l.id; seen.add(l.id); }
        c = r.headers['x-next-cursor'] as string | undefined;
      }
      report.check('following the cursor lists every matching light once, in id order', ordered && seen.size === want.dimFw, `${seen.size} of ${want.dimFw}`);
      const district = districtOf(Math.floor(N / 2));
      let districtOk = true;
      await timed(label, 'devices_page500_district_on_dim', Math.ceil(REPEAT / 2), async () => {
        const rows = (await get(`/api/tenants/${T}/devices?group=${district}&state=on,dim&limit=500`)).json() as Light[];
        districtOk &&= rows.length === 500 && rows.every((l) => l.groups.includes(district) && (l.state === 'on' || l.state === 'dim'));
      });
      report.check(`district page: 500 lights of ${district}, on or dim`, districtOk);
      let troubleOk = true;
      const trouble = (want.states.offline ?? 0) + (want.states.fault ?? 0);
      await timed(label, 'devices_page500_offline_fault', Math.ceil(REPEAT / 2), async () => {
        const r = await get(`/api/tenants/${T}/devices?state=offline,fault&limit=500`);
        const rows = r.json() as Light[];
        troubleOk &&= rows.length === Math.min(500, trouble) && Number(r.headers['x-total-count']) === trouble && rows.every((l) => l.state === 'offline' || l.state === 'fault');
      });
      report.check(`offline-or-fault page: X-Total-Count ${trouble}, rows in those states`, troubleOk);
      await timed(label, 'devices_page500_unfiltered', Math.ceil(REPEAT / 2), async () => { await get(`/api/tenants/${T}/devices?limit=500`); });
      let searchOk = true;
      await timed(label, 'devices_search', Math.ceil(REPEAT / 4), async () => {
        const r = await get(`/api/tenants/${T}/devices?q=L-0123&limit=500`);
        searchOk &&= Number(r.headers['x-total-count']) === (N > 12399 ? 100 : Number(r.headers['x-total-count']));
      });
      report.check('text search q=L-0123 finds the 100 lights L-012300…L-012399', searchOk);

      // Detail of random lights.
      let detailOk = true;
      let seed = 42;
      const rnd = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
      const detail = await timed(label, 'device_detail', REPEAT, async () => {
        const k = Math.floor(rnd() * N);
        const d = (await get(`/api/tenants/${T}/devices/${deviceId(k)}`)).json() as Light & { downlinks: unknown[] };
        detailOk &&= d.id === deviceId(k) && d.state === stateOf(k) && (light(k).registered ? d.downlinks.length === 5 : true);
      });
      report.check('device detail: the light asked for, its state, its last downlinks', detailOk);

      // The map: the whole town (clusters) and a street (points).
      type MapReply = { lights: number; states: Record<string, number>; mode: string; inView: number; points: unknown[]; clusters: Array<{ lights: number }> };
      const whole = (await get(`/api/tenants/${T}/map`)).json() as MapReply;
      const legendOk = whole.lights === N && Object.entries(want.states).every(([s, n]) => whole.states[s] === n);
      report.check('map legend: every light, counted per state', legendOk, JSON.stringify(whole.states));
      let mapOk = true;
      const mapWhole = await timed(label, 'map_town_clusters', REPEAT, async () => {
        const m = (await get(`/api/tenants/${T}/map?zoom=13`)).json() as MapReply;
        mapOk &&= m.mode === 'clusters' && m.clusters.reduce((a, c) => a + c.lights, 0) === N;
      });
      report.check('map of the town at zoom 13: clusters holding every light', mapOk, `${whole.clusters.length} clusters at the default zoom`);
      let streetOk = true;
      const mapStreet = await timed(label, 'map_street_points', REPEAT, async () => {
        const m = (await get(`/api/tenants/${T}/map?bbox=4.84,45.76,4.85,45.765&zoom=17`)).json() as MapReply;
        streetOk &&= m.mode === 'points' && m.points.length === m.inView && m.inView > 0;
      });
      report.check('map of a street: points', streetOk);

      // The year report (12 monthly rows) and a month by day.
      const energyKwh = expectedYearEnergyMwh(N, YEAR) / 1e6;
      let yearOk = true;
      const year = await timed(label, 'report_year', 20, async () => {
        const rep = (await get(`/api/tenants/${T}/energy/report?year=${YEAR}`)).json() as { rows: unknown[]; total: { energyKwh: number; devices: number } };
        yearOk &&= rep.rows.length === 12 && Math.abs(rep.total.energyKwh - energyKwh) < 0.01 && rep.total.devices === want.registered;
      });
      report.check(`year report: 12 months, ${energyKwh.toFixed(3)} kWh, ${want.registered} lights`, yearOk);
      const june = daysOf(YEAR).slice(151, 181);
      const juneKwh = (() => { let t = 0; for (let k = 0; k < N; k++) if (light(k).registered) for (let d = 151; d < 181; d++) t += (light(k).nominalW * darkS(d) * light(k).levelPct) / 360; return t / 1e6; })();
      let monthOk = true;
      await timed(label, 'report_month_by_day', 5, async () => {
        const rep = (await get(`/api/tenants/${T}/energy/report?month=${YEAR}-06`)).json() as { rows: Array<{ period: string }>; total: { energyKwh: number } };
        monthOk &&= rep.rows.length === 30 && rep.rows[0]?.period === june[0] && Math.abs(rep.total.energyKwh - juneKwh) < 0.01;
      });
      report.check('month report: 30 days, the energy generated', monthOk);
      // The town's reports read the per-town rollups: they must equal the same reports summed over the lights' rows.
      const reports = new ReportRepository((app.repo as unknown as DrizzleRepository).adapter);
      for (const [what, q, from, to, bucket] of [['year', `year=${YEAR}`, `${YEAR}-01-01`, `${YEAR}-12-31`, 'month'], ['month by day', `month=${YEAR}-06`, `${YEAR}-06-01`, `${YEAR}-06-30`, 'day']] as const) {
        const api = (await get(`/api/tenants/${T}/energy/report?${q}`)).json() as unknown;
        const t0 = performance.now();
        const perDevice = JSON.parse(JSON.stringify(await buildReport(reports, app.energy, { tenantId: T, from, to, bucket, by: 'tenant' }, { perDevice: true }))) as unknown;
        report.check(`${what} report from the per-town rollups equals the sum over the lights' rollups (every row and the total)`, JSON.stringify(api) === JSON.stringify(perDevice),
          `per-device sum in ${Math.round(performance.now() - t0)} ms`);
      }

      const cpu = process.cpuUsage(cpu0);
      report.cpu(`server and bench (${label})`, { userMs: cpu.user / 1000, systemMs: cpu.system / 1000 });
      if (pgCpu) {
        const p = await pgCpu.stop();
        report.cpu('postgres back ends', p.backends);
        report.cpu('postgres background', p.background);
        process.stdout.write(`# postgres: ${p.count} back ends, ${Math.round(cpuMs(p.backends))} ms CPU\n`);
      }
      report.goal(`${label}: device list page of 500 (filtered) p99 ≤ 50 ms`, pageFiltered.p99 <= 50, `${pageFiltered.p99} ms`);
      report.goal(`${label}: device detail p99 ≤ 50 ms`, detail.p99 <= 50, `${detail.p99} ms`);
      report.goal(`${label}: map of the town (clusters) p99 ≤ 50 ms`, mapWhole.p99 <= 50, `${mapWhole.p99} ms`);
      report.goal(`${label}: map of a street (points) p99 ≤ 50 ms`, mapStreet.p99 <= 50, `${mapStreet.p99} ms`);
      report.goal(`${label}: year report p99 ≤ 1 s`, year.p99 <= 1000, `${year.p99} ms`);
    } finally {
      await pgCpu?.close();
      await app.close();
    }
  } finally {
    if (label === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists "${schema}" cascade`).finally(() => c.end());
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

report.note(`${N} lights (${want.registered} registered), a year (${YEAR}) of daily and monthly rollups, generated in the database; requests through app.inject with an API token (viewer).`);
for (const d of dialects) await run(d);
await report.finish();
process.exit(process.exitCode ?? 0);
