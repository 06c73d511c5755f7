/**
 * `pnpm bench:ingest` — energy ingest and report figures on this machine.
 *
 * 1. End to end: N devices (a load generator speaking protocol v1 over MQTT, one connection per device,
 *    each behaving like the firmware's store-and-forward: a frame of 32 interval records, then wait for the
 *    EnergyAck before the next) → Mosquitto (started on a free port) → the fleet server as a child process
 *    (`tests/lib/fleet-child.ts` = server.ts) → SQLite, then PostgreSQL. Counts records acknowledged per
 *    second (an ack is sent only after the commit), and the ack latency. Issue 11: the devices are provisioned
 *    first (on the server's database, with the master key file the child is given), every uplink carries its
 *    MAC and a device takes only an EnergyAck with a valid one (Mosquitto is anonymous; the server checks MACs).
 * 1b. Simulated boards (the real firmware with metering chips) draining an offline backlog, same path.
 * 2. Reports: a year of 10,000 devices generated directly in the database (daily and monthly rollups, which
 *    is what reports read; 350 M raw rows are never scanned), then the report queries timed through the
 *    EnergyService, on SQLite and PostgreSQL.
 *
 * Environment: BENCH_DEVICES (default 200), BENCH_SECONDS (default 15), BENCH_REPORT_DEVICES (default 10000),
 * BENCH_BOARDS (100) and BENCH_BOARD_HOURS (24) for the simulated-board drain, BENCH_SKIP_PG=1 to skip
 * PostgreSQL, BENCH_ONLY=boards|e2e|report for one part, TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { decodeDownlinkFrame, downlinkTopic, uplinkTopic } from '@streetlight/protocol';
import { openPostgres, openSqlite } from '@streetlight/fleet-server';
import { provisionWith, type TestDevice } from '@streetlight/fleet-server/testing';
import type { DrizzleRepository } from '../../fleet-server/src/db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey } from '../../fleet-server/src/devices/identity.js';
import { EnergyRepository } from '../../fleet-server/src/db/energy-repository.js';
import { EnergyService } from '../../fleet-server/src/energy/service.js';
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';
import { DeviceService } from '@streetlight/fleet-server';
import { Metrics } from '../../fleet-server/src/metrics.js';
import { startFleetChild, startMosquitto } from '../lib/fleet-processes.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const REPORT_DEVICES = Number(process.env.BENCH_REPORT_DEVICES ?? 10_000);
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
const BOARDS = Number(process.env.BENCH_BOARDS ?? 100);
const BOARD_HOURS = Number(process.env.BENCH_BOARD_HOURS ?? 24);
const FRAME = 32;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const result = (name: string, value: number, unit: string) => process.stdout.write(`RESULT ${name} ${value} ${unit}\n`);
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? 0; };

/**
 * Issue 11: the installation's device master key, created in `dataDir` (give the child server
 * `DEVICE_MASTER_KEY: path`), and its DeviceIdentities on `repo` (the database the child server uses).
 */
function identitiesOn(repo: DrizzleRepository, dataDir: string, now: () => number): { identities: DeviceIdentities; masterPath: string } {
  const masterPath = path.join(dataDir, 'device-master.key');
  return { identities: new DeviceIdentities({ adapter: repo.adapter, master: loadMasterKey(masterPath, true), now }), masterPath };
}

/** Provisions `ids` of `tenant` (broker: 127.0.0.1:`port`), a map by device id. */
async function provision(identities: DeviceIdentities, tenant: string, ids: readonly string[], port: number): Promise<Map<string, TestDevice>> {
  const out = new Map<string, TestDevice>();
  for (const id of ids) out.set(id, await provisionWith(identities, tenant, id, { broker: { host: '127.0.0.1', port } }));
  return out;
}

async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try { await c.query(`drop schema if exists "${schema}" cascade`); } finally { await c.end(); }
}

// ---------------------------------------------------------------- 1. end to end

async function endToEnd(label: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ingest-'));
  const schema = `bench_${process.pid}`;
  const broker = await startMosquitto();
  const tenant = 'bench';
  // Issue 11: every load-generator device provisioned on the server's database before the server starts.
  const ids = Array.from({ length: DEVICES }, (_, i) => `b${String(i).padStart(5, '0')}`);
  const setup = label === 'postgres' ? await openPostgres(PG_URL, schema) : openSqlite(path.join(dataDir, 'fleet.sqlite'));
  const { identities, masterPath } = identitiesOn(setup, dataDir, Date.now);
  let devices: Map<string, TestDevice>;
  try {
    devices = await provision(identities, tenant, ids, broker.port);
  } finally {
    await setup.close();
  }
  const server = await startFleetChild({
    dataDir, mqttUrl: broker.url, env: { DEVICE_MASTER_KEY: masterPath },
    ...(label === 'postgres' ? { databaseUrl: PG_URL, databaseSchema: schema } : {}),
  });
  const t0 = Math.floor(Date.now() / 1000) - 30 * 86_400;
  let acked = 0;
  const latencies: number[] = [];
  let running = true;
  const clients: mqtt.MqttClient[] = [];
  const run = async (i: number): Promise<void> => {
    const id = ids[i] as string;
    const dev = devices.get(id) as TestDevice;
    const c = mqtt.connect(broker.url, { clientId: id, clean: true, reconnectPeriod: 1000 });
    clients.push(c);
    await new Promise<void>((resolve) => c.once('connect', () => resolve()));
    let waiter: ((seq: number) => void) | undefined;
    c.on('message', (_t, payload) => {
      if (!dev.authentic(payload)) return; // as the firmware: a downlink without this device's MAC is dropped
      const d = decodeDownlinkFrame(payload, id);
      const seq = d.ok ? d.message.energyAck?.ackedSeq : undefined;
      if (seq && waiter) waiter(seq);
    });
    await c.subscribeAsync(downlinkTopic(tenant, id), { qos: 1 });
    let uplink = 1;
    await c.publishAsync(uplinkTopic(tenant, id), Buffer.from(dev.uplink({ seq: uplink++, hello: { firmwareVersion: 'bench' } })), { qos: 1 });
    let next = 1;
    while (running) {
      const records = Array.from({ length: FRAME }, (_, k) => {
        const seq = next + k;
        return { seq, start: t0 + (seq - 1) * 900, durationS: 900, energyMwh: 9000 + (seq % 7) * 100, minPowerMw: 0, maxPowerMw: 40_000, avgPowerMw: 36_000, burningS: 810, avgLevelX10: 900 };
      });
      const last = next + FRAME - 1;
      const sent = performance.now();
      const got = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => { waiter = undefined; resolve(false); }, 10_000);
        waiter = (seq) => { if (seq >= last) { clearTimeout(timer); waiter = undefined; resolve(true); } };
      });
      await c.publishAsync(uplinkTopic(tenant, id), Buffer.from(dev.uplink({ seq: uplink++, energy: { records } })), { qos: 1 });
      if (await got) {
        if (running) { acked += FRAME; latencies.push(performance.now() - sent); }
        next = last + 1;
      }
    }
  };
  // Warm-up: everyone connected and registered, then measure a window of SECONDS.
  const workers = Array.from({ length: DEVICES }, (_, i) => run(i));
  await new Promise((r) => setTimeout(r, 3000));
  const a0 = acked;
  latencies.length = 0;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const rate = ((acked - a0) * 1000) / (performance.now() - start);
  running = false;
  await Promise.race([Promise.all(workers), new Promise((r) => setTimeout(r, 12_000))]);
  await Promise.all(clients.map((c) => c.endAsync(true).catch(() => undefined)));
  await server.stop();
  await broker.stop();
  if (label === 'postgres') await dropSchema(schema);
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`# ${label}: ${DEVICES} load-generator devices (protocol v1 over MQTT, 32 records/frame, wait for EnergyAck), ack latency p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms\n`);
  result(`ingest_e2e_records_per_s_${label}`, Math.round(rate), 'records/s');
  result(`ingest_e2e_ack_latency_p50_${label}`, Number(pct(latencies, 50).toFixed(1)), 'ms');
}

// ---------------------------------------------------------------- 1b. simulated boards (real firmware) draining a backlog

/**
 * BOARDS simulated boards with metering chips (the real firmware) log BOARD_HOURS of records with their link
 * down, then the links come back and the backlog drains through Mosquitto into the server child (SQLite):
 * records acknowledged per real second while draining. The firmware paces its catch-up (one batch of 32 in
 * flight, 2–4 virtual s between batches); the virtual clock runs as fast as the machine allows.
 */
async function boardsDrain(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-boards-'));
  const broker = await startMosquitto();
  const clock = new VirtualClock({ start: Date.UTC(2026, 0, 5, 16, 0, 0) }); // 17:00 in Sarlat: dusk
  const repo = openSqlite(path.join(dataDir, 'fleet.sqlite'));
  const log = { debug() {}, info() {}, warn() {}, error() {} };
  const ids = Array.from({ length: BOARDS }, (_, i) => `BB-${String(i).padStart(4, '0')}`);
  // Issue 11: commissioned and provisioned (identity in each board's NVS) on the server's database and master key.
  const { identities, masterPath } = identitiesOn(repo, dataDir, () => clock.now());
  let provisioned: Map<string, TestDevice>;
  try {
    await new DeviceService({ repo, identities, send: async () => undefined, now: () => clock.now(), metrics: new Metrics(), log })
      .commission('boards', ids.map((deviceId, i) => ({ deviceId, lat: 44.89 + (i % 10) * 0.001, lon: 1.21 + Math.floor(i / 10) * 0.001, nominalPowerW: 36 })));
    provisioned = await provision(identities, 'boards', ids, broker.port);
  } finally {
    await repo.close();
  }
  const server = await startFleetChild({ dataDir, mqttUrl: broker.url, virtualClock: true, logLevel: 'error', env: { DEVICE_MASTER_KEY: masterPath } });
  const boards = ids.map((deviceId, i) => new SimBoard({
    clock, identity: (provisioned.get(deviceId) as TestDevice).identity, position: { lat: 44.89 + (i % 10) * 0.001, lon: 1.21 },
    nominalW: 36, meter: i % 2 ? 'hlw8012' : 'bl0940', rtc: 'kept', firmware: (host: Host) => startFirmware(host),
  }));
  const pending = () => boards.reduce((a, b) => a + ((b.firmware as unknown as Firmware | undefined)?.status().energy?.pending ?? 0), 0);
  const step = async (until: number, stepMs: number) => {
    while (clock.now() < until) {
      clock.advanceTo(Math.min(until, clock.now() + stepMs));
      server.setNow(clock.now());
      await new Promise((r) => setTimeout(r, 1));
    }
  };
  try {
    for (const b of boards) b.powerOn();
    await step(clock.now() + 10 * 60_000, 1000); // connected and configured
    for (const b of boards) b.link.down();
    const b0 = performance.now();
    await step(clock.now() + BOARD_HOURS * 3_600_000, 60_000);
    const backlog = pending();
    process.stdout.write(`# boards: ${BOARDS} boards logged ${backlog} records offline (${((performance.now() - b0) / 1000).toFixed(0)} s to simulate ${BOARD_HOURS} h)\n`);
    for (const b of boards) b.link.up();
    const t = performance.now();
    // While draining, virtual time runs at most ~40× real time (200 ms per 5 ms turn), so a frame's round trip
    // through the broker and the server (tens of real ms) stays well inside the firmware's ack timeout: the
    // figure measures the path, not retransmissions caused by a clock racing ahead of the network.
    while (pending() > 0) {
      clock.advanceTo(clock.now() + 200);
      server.setNow(clock.now());
      await new Promise((r) => setTimeout(r, 5));
      if (performance.now() - t > 600_000) throw new Error('backlog did not drain in 10 min');
    }
    const s = (performance.now() - t) / 1000;
    process.stdout.write(`# boards: drained in ${s.toFixed(1)} s real (firmware pacing: one batch of 32 in flight, 2–4 virtual s between batches)\n`);
    result('ingest_e2e_sim_boards_records_per_s_sqlite', Math.round(backlog / s), 'records/s');
  } finally {
    for (const b of boards) b.dispose();
    await server.stop();
    await broker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- 2. reports over a year of N devices

async function generate(repo: DrizzleRepository, n: number): Promise<void> {
  const tenant = 'bench';
  await repo.ensureTenant(tenant, 0);
  const rows = Array.from({ length: n }, (_, i) => ({
    inventory: {
      deviceId: `d${String(i).padStart(5, '0')}`, tenantId: tenant, lat: 44.8 + (i % 100) * 0.002, lon: 1.2 + Math.floor(i / 100) * 0.002,
      groupId: `street-${String(i % 250).padStart(3, '0')}`, nominalPowerW: 40 + (i % 4) * 20, installedAt: 0, updatedAt: 0,
    },
    desired: { config: {}, configVersion: 1 },
  }));
  for (let i = 0; i < rows.length; i += 2000) await repo.commission(tenant, rows.slice(i, i + 2000), 0);
  // One row per device and day of 2025: night ≈ 8.5–15.5 h following the season, 60 % of full power.
  if (repo.dialect === 'sqlite') {
    const db = repo.adapter.db as unknown as { run(q: unknown): unknown };
    db.run(sql.raw(`insert into energy_daily (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
      with recursive days(d) as (select 0 union all select d + 1 from days where d < 364),
      devs(i) as (select 0 union all select i + 1 from devs where i < ${n - 1}),
      x as (select d, i, cast(43200 + 12600 * cos((d + 10) * 6.283185 / 365) as integer) as dark, 40 + (i % 4) * 20 as w from days, devs)
      select 'bench', date('2025-01-01', '+' || d || ' days'), 'd' || printf('%05d', i), dark * w * 600 / 3600, dark, dark * 600, 86400, dark, 96 from x`));
    db.run(sql.raw(`insert into energy_monthly select tenant_id, substr(day, 1, 7), device_id, sum(energy_mwh), sum(burning_s), sum(level_x10_s),
      sum(duration_s), sum(dark_s), sum(records) from energy_daily group by tenant_id, substr(day, 1, 7), device_id`));
    db.run(sql.raw('analyze'));
  } else {
    const db = repo.adapter.db as unknown as { execute(q: unknown): Promise<unknown> };
    await db.execute(sql.raw(`insert into energy_daily (tenant_id, day, device_id, energy_mwh, burning_s, level_x10_s, duration_s, dark_s, records)
      select 'bench', to_char(date '2025-01-01' + d, 'YYYY-MM-DD'), 'd' || lpad(i::text, 5, '0'), dark * w * 600 / 3600, dark, dark * 600, 86400, dark, 96
      from (select d, i, (43200 + 12600 * cos((d + 10) * 6.283185 / 365))::bigint as dark, 40 + (i % 4) * 20 as w
            from generate_series(0, 364) d, generate_series(0, ${n - 1}) i) x`));
    await db.execute(sql.raw(`insert into energy_monthly select tenant_id, substr(day, 1, 7), device_id, sum(energy_mwh), sum(burning_s), sum(level_x10_s),
      sum(duration_s), sum(dark_s), sum(records) from energy_daily group by tenant_id, substr(day, 1, 7), device_id`));
    await db.execute(sql.raw('analyze'));
  }
}

async function reports(label: 'sqlite' | 'postgres'): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  const schema = `bench_r_${process.pid}`;
  const repo = label === 'sqlite' ? openSqlite(path.join(dir, 'r.sqlite')) : await openPostgres(PG_URL, schema);
  try {
    const g0 = performance.now();
    await generate(repo, REPORT_DEVICES);
    process.stdout.write(`# ${label}: generated ${REPORT_DEVICES} devices × 365 daily rollup rows (+ monthly) in ${((performance.now() - g0) / 1000).toFixed(1)} s\n`);
    const energy = new EnergyService({ energy: new EnergyRepository(repo.adapter), repo, now: Date.now, log: quiet });
    const cases: Array<[string, Parameters<EnergyService['report']>[0]]> = [
      ['year_by_month_tenant', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'month', by: 'tenant' }],
      ['year_total_by_group', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'total', by: 'group' }],
      ['year_total_by_device', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'total', by: 'device' }],
      ['month_by_day_tenant', { tenantId: 'bench', from: '2025-12-01', to: '2025-12-31', bucket: 'day', by: 'tenant' }],
      ['range_mar15_sep10_tenant', { tenantId: 'bench', from: '2025-03-15', to: '2025-09-10', bucket: 'total', by: 'tenant' }],
      ['year_one_device_by_day', { tenantId: 'bench', from: '2025-01-01', to: '2025-12-31', bucket: 'day', by: 'device', deviceId: 'd04242' }],
    ];
    for (const [name, q] of cases) {
      await energy.report(q); // warm-up
      const times: number[] = [];
      let rows = 0;
      for (let k = 0; k < 5; k++) {
        const t = performance.now();
        rows = (await energy.report(q)).rows.length;
        times.push(performance.now() - t);
      }
      process.stdout.write(`# ${label} ${name}: ${rows} rows\n`);
      result(`report_${name}_${REPORT_DEVICES}_devices_${label}`, Number(pct(times, 50).toFixed(1)), 'ms');
    }
  } finally {
    await repo.close();
    if (label === 'postgres') await dropSchema(schema);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const ONLY = process.env.BENCH_ONLY; // 'boards', 'e2e' or 'report': one part only
if (ONLY === 'boards' || ONLY === undefined) await boardsDrain();
if (ONLY !== 'report' && ONLY !== 'boards') {
  await endToEnd('sqlite');
  if (!SKIP_PG) await endToEnd('postgres');
}
if (ONLY !== 'e2e' && ONLY !== 'boards') {
  await reports('sqlite');
  if (!SKIP_PG) await reports('postgres');
}
process.exit(0);
