/**
 * OTA with two fleet-server instances (docs/ota.md, "Several instances"): two child processes on one PostgreSQL
 * schema and one Mosquitto (started here on a free port), uplinks shared between them (`$share/<group>/…`), and
 * 40 simulated boards running the real firmware, all on one virtual clock (the servers follow it over IPC).
 *
 * 1. A campaign created through the instance that does not hold the OTA lease: every board ends confirmed on the
 *    new version; a spy on the broker sees exactly one offer per board and one stream of chunks (a second driver
 *    would double both); the other instance sent no offer and no chunk, and relayed the OTA uplinks that reached it.
 * 2. A second campaign; the lease holder is SIGKILLed in the middle of it (boards confirmed, others downloading):
 *    the other instance takes the lease once it has expired and the campaign completes, every board confirmed or
 *    rolled back with its reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { build, generateSigningKey } from '@streetlight/fleet-server';
import { authHeaders, provisionIdentities } from '@streetlight/fleet-server/testing';
import { buildSimImage, SimFleet, VirtualClock } from '@streetlight/hardware-sim';
import { decodeDownlinkFrame } from '@streetlight/protocol';
import { startFleetChild, startMosquitto, type FleetChild, type Mosquitto } from '../lib/fleet-processes.js';
import { describeCampaign, MODEL, type Json } from './ota-harness.js';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = 40;
const START = Date.parse('2026-06-10T10:00:00Z');
const LEASE_S = 2;
/**
 * Virtual time moves in steps of STEP_MS; after each, the test waits until the spy (which sees every frame of the
 * tenant) has seen nothing new for QUIET_MS and neither server has a frame it took still in processing (its
 * ingest and batch), so a loaded machine slows virtual time down instead of making devices look silent to the
 * servers' timers (offer retry, stall rewind, chunk resend).
 */
const STEP_MS = 100;
const QUIET_MS = 20;
const BALANCE_WAIT_MS = 5_000;


describe(`OTA campaigns with two fleet-server instances, ${N} boards`, () => {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const group = `ota-${randomUUID().slice(0, 8)}`;
  const tenant = `two-${randomUUID().slice(0, 8)}`;
  const root = mkdtempSync(join(tmpdir(), 'sl-ota2-'));
  const keyPath = join(root, 'ota-signing.pem');
  // Issue 11: one installation, one device master key shared by its instances.
  const masterPath = join(root, 'device-master.key');
  let identity: (deviceId: string) => Uint8Array;
  const clock = new VirtualClock({ start: START });
  let broker: Mosquitto;
  const servers: Record<'a' | 'b', FleetChild | undefined> = { a: undefined, b: undefined };
  let auth: { authorization: string };
  let fleet: SimFleet;
  let spy: MqttClient;
  /** Seen on the broker: offers per image and device, chunk bytes per image and device. */
  const offers = new Map<string, number>();
  const chunkBytes = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string, n = 1): void => { m.set(k, (m.get(k) ?? 0) + n); };
  let framesSeen = 0;

  const http = async (server: FleetChild, method: 'GET' | 'POST', path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; json: Json }> => {
    const res = await fetch(`${server.httpUrl}${path}`, {
      method, headers: { ...auth, ...(body !== undefined ? { 'content-type': type } : {}) },
      // A copy on its own ArrayBuffer: what fetch's BodyInit takes whichever lib types it (Node's, or the DOM's).
      ...(body !== undefined ? { body: type === 'application/json' ? JSON.stringify(body) : new Uint8Array(body as Uint8Array) } : {}),
    });
    return { status: res.status, json: await res.json() };
  };
  const role = async (s: FleetChild): Promise<string> => (await http(s, 'GET', '/api/metrics')).json.ota.role as string;
  const startServer = (name: 'a' | 'b'): Promise<FleetChild> => startFleetChild({
    dataDir: mkdtempSync(join(root, `${name}-`)), mqttUrl: broker.url, databaseUrl: PG_URL, databaseSchema: schema, virtualClock: true,
    logLevel: 'error',
    env: { MQTT_SHARE_GROUP: group, OTA_SIGNING_KEY: keyPath, DEVICE_MASTER_KEY: masterPath, OTA_TICK_MS: '20', OTA_LEASE_S: String(LEASE_S), OTA_DEVICE_MAX_BPS: '65536' },
  });
  /** Frames the boards published on their `up` topics, and downlinks delivered to them / seen by the spy, per board. */
  let boardUps = 0;
  const delivered = new Map<string, number>();
  const spyDown = new Map<string, number>();
  /** Frames each server (alive or killed) said it had received: the last answer of each. */
  const receivedBy = new Map<FleetChild, number>();
  /**
   * Waits until the system is quiet: nothing new at the broker (the spy) or in the boards for QUIET_MS, neither
   * server still processing a frame it took (its ingest and batch), and nothing in flight that can be counted at
   * both ends — every board uplink received by a server, every downlink the spy saw delivered to its board if it is
   * online. A loaded machine can starve the broker or a server for longer than QUIET_MS; the counts make the test
   * wait for them instead of moving virtual time past the servers' timers. The in-flight counts are waited for at
   * most BALANCE_WAIT_MS (a frame a killed server took is never received by the other).
   */
  const settle = async (): Promise<void> => {
    const started = Date.now();
    let last = Number.NaN;
    let quiet = 0;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 5));
      let busy = false;
      for (const srv of Object.values(servers)) {
        if (!srv) continue;
        const w = await srv.work().catch(() => undefined);
        if (!w) continue;
        busy ||= w.pending > 0;
        receivedBy.set(srv, w.received);
      }
      let received = 0;
      for (const n of receivedBy.values()) received += n;
      const undelivered = fleet?.boards.some((b) => b.online && (delivered.get(b.deviceId) ?? 0) < (spyDown.get(b.deviceId) ?? 0)) ?? false;
      const balanced = received >= boardUps && !undelivered;
      const waited = Date.now() - started;
      const progress = framesSeen + received + boardUps;
      quiet = !busy && (balanced || waited > BALANCE_WAIT_MS) && progress === last ? quiet + 1 : 0;
      last = progress;
      if (quiet >= QUIET_MS / 5) return;
      if (waited > 60_000) throw new Error(`not quiet after 60 s of real time (virtual ${new Date(clock.now()).toISOString()}: busy ${busy}, received ${received} of ${boardUps} board uplinks, undelivered ${undelivered})`);
    }
  };
  /** Virtual time forward by `ms`, the servers' clocks with it, letting the network settle after each step. */
  const run = async (ms: number): Promise<void> => {
    const end = clock.now() + ms;
    while (clock.now() < end) {
      clock.advanceTo(Math.min(end, clock.now() + STEP_MS));
      for (const s of Object.values(servers)) s?.setNow(clock.now());
      await settle();
    }
  };
  /** Runs until `done` (checked every `checkMs` of virtual time) or `virtualMs` pass; then fails with `seen()`. */
  const runUntil = async (done: () => Promise<boolean>, virtualMs: number, what: string, seen?: () => string, checkMs = 1000): Promise<void> => {
    const end = clock.now() + virtualMs;
    while (!(await done())) {
      if (clock.now() >= end) throw new Error(`${what}: not done after ${virtualMs / 1000} virtual s${seen ? `; saw ${seen()}` : ''}`);
      await run(checkMs);
    }
  };
  const upload = async (server: FleetChild, version: string, size: number): Promise<Json> => {
    const bytes = buildSimImage({ version, hardwareModels: [MODEL], kind: 'full' }, size);
    const res = await http(server, 'POST', `/api/tenants/${tenant}/ota/images?version=${version}&kind=full&hardwareModels=${MODEL}`, bytes, 'application/octet-stream');
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json;
  };

  beforeAll(async () => {
    const t0 = Date.now();
    broker = await startMosquitto();
    const key = generateSigningKey(keyPath);
    // Set-up through an in-process instance on the same schema (no OTA, its own embedded broker): migrations, an
    // API token for the children, commissioning of the boards.
    writeFileSync(masterPath, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    const setup = await build({ config: { dataDir: mkdtempSync(join(root, 'setup-')), httpPort: 0, mqttPort: 0, databaseUrl: PG_URL, databaseSchema: schema, deviceMasterKey: masterPath }, logger: false });
    try {
      auth = await authHeaders(setup, { tenant: '*', role: 'admin' });
      const inv = await setup.inject({
        method: 'POST', url: `/api/tenants/${tenant}/inventory`, headers: auth,
        payload: Array.from({ length: N }, (_, i) => ({ deviceId: `b2-${String(i).padStart(3, '0')}`, lat: 44.89, lon: 1.22, group: 'all' })),
      });
      expect(inv.statusCode, inv.body).toBe(200);
      identity = await provisionIdentities(setup, tenant, Array.from({ length: N }, (_, i) => `b2-${String(i).padStart(3, '0')}`), {
        broker: { host: '127.0.0.1', port: broker.port }, otaKeys: [{ keyId: key.keyId, publicKey: key.publicKey }],
      });
    } finally {
      await setup.close();
    }
    // A first, so A takes the lease; B starts once A is up and finds it held.
    servers.a = await startServer('a');
    servers.b = await startServer('b');
    for (const s of Object.values(servers)) s?.setNow(clock.now());
    expect([await role(servers.a), await role(servers.b)]).toEqual(['leader', 'follower']);

    spy = await mqtt.connectAsync(broker.url, { clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    spy.on('message', (topic, payload) => {
      framesSeen++;
      if (!topic.endsWith('/down')) return;
      const deviceId = topic.split('/')[3] as string;
      bump(spyDown, deviceId);
      const d = decodeDownlinkFrame(payload, deviceId);
      if (!d.ok) return;
      if (d.message.otaOffer) bump(offers, `${d.message.otaOffer.imageId}/${deviceId}`);
      if (d.message.otaChunk) bump(chunkBytes, `${d.message.otaChunk.imageId}/${deviceId}`, d.message.otaChunk.data?.length ?? 0);
    });
    await spy.subscribeAsync(`sl/v1/${tenant}/#`, { qos: 1 });

    fleet = new SimFleet({ clock });
    for (let i = 0; i < N; i++) {
      const board = fleet.add({ identity: identity(`b2-${String(i).padStart(3, '0')}`), firmwareVersion: '1.0.0', rtc: 'kept' });
      board.link.onPublish = (topic) => { if (topic.endsWith('/up')) boardUps++; };
      board.link.onDeliver = (topic) => { if (topic.endsWith('/down')) bump(delivered, board.deviceId); };
    }
    await fleet.start({ staggerMs: 2_000 });
    await runUntil(async () => {
      const list = (await http(servers.b as FleetChild, 'GET', `/api/tenants/${tenant}/devices`)).json as Json[];
      return list.filter((d) => d.online && d.firmwareVersion === '1.0.0').length === N;
    }, 120_000, 'every board online');
    console.log(`set-up (Mosquitto, PostgreSQL schema, 2 servers, ${N} boards online): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }, 300_000);

  afterAll(async () => {
    fleet?.dispose();
    await spy?.endAsync();
    for (const s of Object.values(servers)) await s?.stop();
    await broker?.stop();
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try { await c.query(`drop schema if exists "${schema}" cascade`); } finally { await c.end(); }
    rmSync(root, { recursive: true, force: true });
  }, 60_000);

  it('runs a campaign created through the instance without the lease: one driver, one offer per board, every board confirmed', async () => {
    const t0 = Date.now();
    const [leader, follower] = [servers.a as FleetChild, servers.b as FleetChild];
    const size = 64 * 1024;
    const leadsBefore = (await http(leader, 'GET', '/api/metrics')).json.ota.leads as number;
    const img = await upload(follower, '1.1.0', size);
    const c = await http(follower, 'POST', `/api/tenants/${tenant}/ota/campaigns`, {
      imageId: img.id, name: 'two instances', target: { group: 'all' },
      policy: { canary: 4, growth: 10, successThreshold: 0.9, errorThreshold: 0.1, deviceTimeoutS: 1800, maxConcurrent: N },
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    let view: Json;
    await runUntil(async () => {
      view = (await http(follower, 'GET', `/api/tenants/${tenant}/ota/campaigns/${c.json.id}`)).json;
      return view.status !== 'running';
    }, 600_000, 'campaign 1', () => describeCampaign(view));
    console.log(`campaign 1 over ${N} boards: ${((Date.now() - t0) / 1000).toFixed(1)} s real`);
    expect(view.status, describeCampaign(view)).toBe('completed');
    expect((view.waves as Json[]).map((w) => w.size)).toEqual([4, 36]);
    for (const d of view.deviceStates as Json[]) expect(d, d.deviceId).toMatchObject({ state: 'confirmed', offset: size });
    const [ml, mf] = [(await http(leader, 'GET', '/api/metrics')).json, (await http(follower, 'GET', '/api/metrics')).json];
    // The follower never drove. The leader drove throughout, unless a lease renewal came too late to trust (a
    // starved process on a loaded machine, LEASE_S = 2): it then started driving again from the database, which
    // offers once more to every board left in flight, and resends what was not acknowledged.
    expect(mf.ota.leads).toBe(0);
    const leads = (ml.ota.leads as number) - leadsBefore;
    if (leads > 0) console.log(`the leader's lease renewal was late ${leads} time(s) during the campaign: it started driving again each time`);
    for (const b of fleet.boards) {
      expect(b.firmwareVersion, b.deviceId).toBe('1.1.0');
      // At the broker: one offer and one stream of chunks per board (two drivers would send two of each).
      if (leads === 0) {
        expect(offers.get(`${img.id}/${b.deviceId}`), b.deviceId).toBe(1);
        expect(chunkBytes.get(`${img.id}/${b.deviceId}`), b.deviceId).toBe(size);
      } else {
        expect(offers.get(`${img.id}/${b.deviceId}`), b.deviceId).toBeLessThanOrEqual(1 + leads);
        expect(chunkBytes.get(`${img.id}/${b.deviceId}`), b.deviceId).toBeGreaterThanOrEqual(size);
      }
    }
    console.log(`OTA uplinks relayed by the instance without the lease: ${mf.ota.relaysSent}; received by the driver: ${ml.ota.relaysReceived}`);
    expect(mf.ota).toMatchObject({ role: 'follower' });
    expect(ml.ota).toMatchObject({ role: 'leader', relaysSent: 0 });
    // About half of the uplinks reach the follower (shared subscription): its OtaStatus frames went to the driver.
    expect(mf.ota.relaysSent).toBeGreaterThan(N);
    expect(ml.ota.relaysReceived).toBeGreaterThan(N);
    expect(ml.ota.relaysReceived).toBeLessThanOrEqual(mf.ota.relaysSent);
  }, 600_000); // virtual-time budgets bound the test; real time only grows with the load

  // With 36 boards mid-download at the kill, their resumes above the new driver's acknowledgements leaked the
  // global in-flight budget until no chunk went out (fixed in src/ota/service.ts `account`; unit test in
  // fleet-server/test/ota-transfer.test.ts).
  it('finishes a campaign after the lease holder is killed in the middle of it: the other instance takes over', async () => {
    const t0 = Date.now();
    const [leader, follower] = [servers.a as FleetChild, servers.b as FleetChild];
    // 4 virtual s per board at the cap (64 KiB/s; the token bucket holds one second): about 40 steps of 100 ms in
    // which boards are mid-download. At 256 KiB/s the bucket held the whole image and a quiet machine sent it in
    // one step, between two checks.
    const size = 256 * 1024;
    const img = await upload(follower, '1.2.0', size);
    const c = await http(follower, 'POST', `/api/tenants/${tenant}/ota/campaigns`, {
      imageId: img.id, name: 'killed driver', target: { group: 'all' },
      policy: { canary: 4, growth: 10, successThreshold: 0.9, errorThreshold: 0.1, deviceTimeoutS: 1800, maxConcurrent: N },
    });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    const url = `/api/tenants/${tenant}/ota/campaigns/${c.json.id}`;
    let view: Json;
    // Until the second wave is under way: the canary confirmed, boards of the next wave offered or downloading.
    // Checked at every step: a board downloads this image in about a virtual second, so a check every virtual
    // second could miss the whole window (it did, on a loaded machine).
    await runUntil(async () => {
      view = (await http(follower, 'GET', url)).json;
      return view.counts.confirmed >= 4 && view.counts.downloading + view.counts.offered >= 5;
    }, 300_000, 'second wave downloading', () => describeCampaign(view), STEP_MS);
    console.log(`killing the lease holder with ${view.counts.confirmed} boards confirmed and ${view.counts.downloading} downloading`);
    await leader.kill();
    servers.a = undefined;
    const killedAt = Date.now();
    // The lease is still A's until it expires (LEASE_S of the database's clock): B must not drive before.
    expect(await role(follower)).toBe('follower');
    while ((await role(follower)) !== 'leader') {
      // The lease runs on the database's clock (real time); a loaded machine may renew late, never early.
      if (Date.now() - killedAt > (LEASE_S + 60) * 1000) throw new Error(`no takeover ${LEASE_S + 60} s after the SIGKILL`);
      await run(200);
    }
    const takeoverMs = Date.now() - killedAt;
    console.log(`lease taken over ${takeoverMs} ms after the SIGKILL (lease ${LEASE_S} s, renewal every ${(LEASE_S / 3).toFixed(2)} s)`);
    expect(takeoverMs).toBeGreaterThanOrEqual(LEASE_S * 1000 * 0.5);
    await runUntil(async () => {
      view = (await http(follower, 'GET', url)).json;
      return view.status !== 'running';
    }, 900_000, 'campaign 2', () => describeCampaign(view));
    console.log(`campaign 2 with a killed driver: ${((Date.now() - t0) / 1000).toFixed(1)} s real`);
    expect(view.status, describeCampaign(view)).toBe('completed');
    for (const d of view.deviceStates as Json[]) {
      if (d.state === 'rolled_back') expect(d.reason, d.deviceId).toBeTruthy();
      else expect(d, d.deviceId).toMatchObject({ state: 'confirmed', offset: size });
    }
    for (const b of fleet.boards) {
      const d = (view.deviceStates as Json[]).find((x) => x.deviceId === b.deviceId);
      expect(b.firmwareVersion, b.deviceId).toBe(d.state === 'confirmed' ? '1.2.0' : '1.1.0');
      expect(b.bootloader.slots[b.bootloader.running as 0 | 1].state).toBe('valid');
    }
  }, 600_000); // virtual-time budgets bound the test; real time only grows with the load
});
