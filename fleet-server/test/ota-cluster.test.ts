/**
 * OTA with several instances (docs/ota.md, "Several instances"): the lease on the database's clock (SQLite and
 * PostgreSQL), the relay format, and two app instances on one PostgreSQL schema and the system Mosquitto with a
 * raw MQTT client playing a device: exactly one instance drives; a campaign created and commands given through
 * the other one are applied by the driver; OtaStatus frames that reach the other instance are relayed; forged or
 * misdirected relay messages are rejected; a clean shutdown hands the campaign over, with an offer again to the
 * device in flight. The whole transfer with real firmware and a SIGKILL is tests/e2e/ota-instances.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { FastifyInstance } from 'fastify';
import { decodeDownlinkFrame, downlinkTopic, encodeUplink, pb, uplinkTopic, type Downlink, type Uplink } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { openPostgres } from '../src/db/pg.js';
import { openSqlite } from '../src/db/sqlite.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { LeaseRepository } from '../src/db/lease-repository.js';
import { OtaRepository } from '../src/db/ota-repository.js';
import { decodeRelay, encodeRelay, relayTopic } from '../src/ota/relay.js';
import { generateSigningKey } from '../src/ota/signing.js';
import { loadMasterKey } from '../src/devices/identity.js';
import { authedInject, authHeaders, holdSharedResource, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_MQTT_URL, TEST_PG_URL, uniqueId, uniqueSchema, waitFor } from './helpers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function leaseSuite(name: string, open: () => Promise<DrizzleRepository>, cleanup: () => Promise<void>): void {
  describe(`OTA lease (${name})`, () => {
    let repo: DrizzleRepository;
    let leases: LeaseRepository;
    beforeAll(async () => {
      repo = await open();
      leases = new LeaseRepository(repo.adapter);
    });
    afterAll(async () => {
      await repo?.close();
      await cleanup();
    });

    it('is held by one holder at a time, renewed by it, taken over only once expired, released on demand', async () => {
      const a = await leases.acquire('ota', 'A', 1000);
      expect(a.held).toBe(true);
      expect(Math.abs((a.expiresAt ?? 0) - Date.now() - 1000)).toBeLessThan(2000); // the database's clock
      expect((await leases.acquire('ota', 'B', 1000)).held).toBe(false);
      expect((await leases.acquire('other', 'B', 1000)).held).toBe(true); // leases are named
      await sleep(300);
      const renewed = await leases.acquire('ota', 'A', 1000);
      expect(renewed).toMatchObject({ held: true, acquiredAt: a.acquiredAt }); // same tenure
      expect(renewed.expiresAt).toBeGreaterThan(a.expiresAt ?? 0);
      expect(await leases.holder('ota')).toMatchObject({ holder: 'A' });
      await sleep(800); // 1.1 s after taking it, 0.8 s after renewing: still A's
      expect((await leases.acquire('ota', 'B', 1000)).held).toBe(false);
      await sleep(400); // expired
      expect(await leases.holder('ota')).toBeUndefined();
      const b = await leases.acquire('ota', 'B', 1000);
      expect(b.held).toBe(true);
      expect(b.acquiredAt).toBeGreaterThan(a.acquiredAt ?? 0);
      expect((await leases.acquire('ota', 'A', 1000)).held).toBe(false);
      await leases.release('ota', 'A'); // not A's: nothing happens
      expect(await leases.holder('ota')).toMatchObject({ holder: 'B' });
      await leases.release('ota', 'B');
      expect((await leases.acquire('ota', 'A', 1000)).held).toBe(true);
    });

    it('fences campaign saves: refused once the lease is another holder\'s', async () => {
      const ota = new OtaRepository(repo.adapter);
      const row = await ota.insertCampaign({
        tenantId: 't', imageId: 1, name: 'c', status: 'running', target: {}, state: { n: 1 }, createdAt: 0, updatedAt: 0,
      });
      await leases.release('ota', 'A');
      expect((await leases.acquire('ota', 'C', 1000)).held).toBe(true);
      expect(await ota.saveCampaign(row.id, 'running', { n: 2 }, 1, leases.heldBy('ota', 'C'))).toBe(true);
      expect(await ota.saveCampaign(row.id, 'running', { n: 3 }, 2, leases.heldBy('ota', 'D'))).toBe(false);
      expect((await ota.getCampaignById(row.id))?.state).toEqual({ n: 2 });
      await sleep(1100); // C's lease expired: C's own saves are refused too
      expect(await ota.saveCampaign(row.id, 'running', { n: 4 }, 3, leases.heldBy('ota', 'C'))).toBe(false);
      expect(await ota.saveCampaign(row.id, 'halted', { n: 5 }, 4)).toBe(true); // unfenced (solo mode)
    });
  });
}

const sqliteDir = tempDir();
leaseSuite('SQLite', async () => openSqlite(join(sqliteDir, 'fleet.sqlite')), async () => undefined);
const leaseSchema = uniqueSchema();
leaseSuite('PostgreSQL', () => openPostgres(TEST_PG_URL, leaseSchema), () => dropPgSchema(leaseSchema));

describe('OTA relay messages', () => {
  it('carry a frame with its tenant and device, or a notice; anything else is refused with a reason', () => {
    const frame = new Uint8Array([1, 2, 3, 250]);
    const up = decodeRelay(encodeRelay({ type: 'uplink', from: 'i1', tenant: 'sarlat', deviceId: 'SL-1', frame }));
    expect(up).toMatchObject({ type: 'uplink', from: 'i1', tenant: 'sarlat', deviceId: 'SL-1' });
    expect(Array.from((up as { frame: Uint8Array }).frame)).toEqual([1, 2, 3, 250]);
    expect(decodeRelay(encodeRelay({ type: 'notice', from: 'i2', what: 'command', id: 7 }))).toEqual({ type: 'notice', from: 'i2', what: 'command', id: 7 });
    expect(relayTopic('fleet')).toBe('sl/fleet/fleet/ota');
    const bad = (b: number[] | Buffer) => decodeRelay(Buffer.from(b));
    expect(bad([])).toBe('truncated');
    expect(bad([2, 1, 0, 0])).toMatch(/format/);
    expect(bad([1, 1, 0, 9, 1])).toMatch(/header length/);
    expect(bad(Buffer.concat([Buffer.from([1, 1, 0, 3]), Buffer.from('{x]')]))).toMatch(/JSON/);
    const header = (h: object, type = 1) => { const j = Buffer.from(JSON.stringify(h)); return Buffer.concat([Buffer.from([1, type, 0, j.length]), j]); };
    expect(bad(header({ from: 'x', tenant: 'a/b', deviceId: 'd' }))).toMatch(/tenant or device/);
    expect(bad(header({ tenant: 'a', deviceId: 'd' }))).toMatch(/sender/);
    expect(bad(header({ from: 'x', what: 'drop', id: 1 }, 2))).toMatch(/notice/);
    expect(bad(header({ from: 'x' }, 9))).toMatch(/type/);
  });
});

// ---- two instances on one PostgreSQL schema and the system Mosquitto -------------------------------------

/**
 * A device played with raw frames: it answers offers and chunks the way the firmware's OTA agent does. Issue 11: a
 * provisioned identity; its uplinks are sealed with its key, and it takes only downlinks sealed with it.
 */
class FakeDevice {
  client!: MqttClient;
  seq = 100;
  offers = 0;
  chunkBytes = 0;
  written = 0;
  size = 0;
  imageId = 0;
  /** Stop after the download (no VERIFYING, no CONFIRMED), to leave the device in flight. */
  holdAfterDownload = false;
  /** Downlinks without this device's valid MAC (none expected). */
  unauthentic = 0;
  constructor(readonly identity: TestDevice) {}
  get tenant(): string { return this.identity.tenant; }
  get id(): string { return this.identity.deviceId; }

  async connect(url: string): Promise<void> {
    this.client = await mqtt.connectAsync(url, { ...this.identity.mqtt, clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    this.client.on('message', (_t, payload) => {
      if (!this.identity.authentic(payload)) { this.unauthentic++; return; }
      const d = decodeDownlinkFrame(payload, this.id);
      if (d.ok) this.onDownlink(d.message);
    });
    await this.client.subscribeAsync(downlinkTopic(this.tenant, this.id), { qos: 1 });
  }

  send(body: Omit<Uplink, 'protocolVersion' | 'deviceId' | 'seq'>): void {
    this.client.publish(uplinkTopic(this.tenant, this.id), Buffer.from(this.identity.uplink({ seq: ++this.seq, ...body })), { qos: 1 });
  }

  status(state: number, offset: number, reason?: string): void {
    this.send({ otaStatus: { imageId: this.imageId, state, offset, ...(reason ? { reason } : {}), runningVersion: '1.0.0' } });
  }

  private onDownlink(m: Downlink): void {
    if (m.otaOffer) {
      this.offers++;
      this.imageId = m.otaOffer.imageId ?? 0;
      this.size = m.otaOffer.size ?? 0;
      this.status(pb.OtaState.OTA_STATE_DOWNLOADING, this.written, 'resume');
    }
    if (m.otaChunk && (m.otaChunk.imageId ?? 0) === this.imageId) {
      const at = m.otaChunk.offset ?? 0;
      const n = m.otaChunk.data?.length ?? 0;
      this.chunkBytes += n;
      if (at !== this.written) return;
      this.written += n;
      if (this.written < this.size) {
        if (this.written % 16_384 === 0) this.status(pb.OtaState.OTA_STATE_DOWNLOADING, this.written);
      } else if (!this.holdAfterDownload) {
        this.status(pb.OtaState.OTA_STATE_VERIFYING, this.size);
        this.status(pb.OtaState.OTA_STATE_CONFIRMED, this.size);
      }
    }
  }
}

describe('two instances, one driver (PostgreSQL + Mosquitto)', { timeout: 60_000 }, () => {
  const schema = uniqueSchema();
  const group = uniqueId('g'); // its own installation on the shared broker: its own share group and OTA topic
  const tenant = uniqueId('town');
  const dir = tempDir();
  const keyPath = join(dir, 'ota.pem');
  // Issue 11: the instances of one installation share its device master key file (device keys derive from it).
  const deviceMasterKey = join(dir, 'device-master.key');
  let a: FastifyInstance;
  let b: FastifyInstance;
  let leader: FastifyInstance;
  let follower: FastifyInstance;
  let api: Inject;
  const devices: FakeDevice[] = [];
  const closed = new Set<FastifyInstance>();

  const start = (): Promise<FastifyInstance> => build({
    config: {
      dataDir: tempDir(), httpPort: 0, databaseUrl: TEST_PG_URL, databaseSchema: schema, mqttUrl: TEST_MQTT_URL, mqttShareGroup: group,
      otaSigningKey: keyPath, deviceMasterKey, otaTickMs: 20, otaLeaseS: 1.5, otaDeviceMaxBps: 1_000_000,
    },
    logger: false,
  });

  let release: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    // The machine's broker is shared with the other test files (run in parallel): one suite on it at a time.
    release = await holdSharedResource(TEST_PG_URL, TEST_MQTT_URL);
    generateSigningKey(keyPath);
    loadMasterKey(deviceMasterKey, true);
    a = await start();
    b = await start();
    [leader, follower] = a.ota.role === 'leader' ? [a, b] : [b, a];
    api = await authedInject(follower, { tenant, role: 'manager' });
    const ids = [0, 1, 2].map((i) => `${tenant}-d${i}`);
    const inv = await api({ method: 'POST', url: `/api/tenants/${tenant}/inventory`, payload: ids.map((deviceId) => ({ deviceId, lat: 44.9, lon: 1.2, group: 'all' })) });
    expect(inv.statusCode, inv.body).toBeLessThan(300);
    for (const id of ids) {
      const d = new FakeDevice(await provisionDevice(a, tenant, id)); // on the shared database: both instances know it
      await d.connect(TEST_MQTT_URL);
      d.send({ hello: { firmwareVersion: '1.0.0', hardwareModel: 'SL-ESP32-SIM' } });
      devices.push(d);
    }
    await waitFor(async () => (await a.repo.listDevices(tenant)).filter((d) => d.firmwareVersion === '1.0.0').length === 3, 30_000, 'devices registered');
  });
  afterAll(async () => {
    for (const d of devices) await d.client?.endAsync();
    for (const app of [a, b]) if (app && !closed.has(app)) await app.close();
    await dropPgSchema(schema);
    await release?.();
  });

  it('has exactly one driver; the other says so in its metrics', async () => {
    expect([a.ota.role, b.ota.role].sort()).toEqual(['follower', 'leader']);
    const m = (await follower.inject({ url: '/api/metrics', headers: await authHeaders(follower, { tenant: '*', role: 'viewer' }) })).json(); // installation-wide: a role on *
    expect(m.ota).toMatchObject({ role: 'follower' });
  });

  it('runs a campaign created through the instance that does not drive; statuses reaching it are relayed', async () => {
    const img = await api({
      method: 'POST', url: `/api/tenants/${tenant}/ota/images?version=1.1.0&kind=full&hardwareModels=SL-ESP32-SIM`,
      headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(40_000, 9),
    });
    expect(img.statusCode, img.body).toBe(201);
    const c = await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns`, payload: { imageId: img.json().id, target: { group: 'all' }, policy: { canary: 3, maxConcurrent: 10 } } });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as number;
    // The driver reads the image from the database (the follower's data directory is not its own).
    const view = await waitFor(async () => {
      const v = (await api(`/api/tenants/${tenant}/ota/campaigns/${id}`)).json();
      return v.status === 'completed' ? v : undefined;
    }, 60_000, 'campaign completed');
    expect(view.counts.confirmed).toBe(3);
    for (const d of devices) {
      expect(d.offers, d.id).toBe(1); // one driver, one offer
      expect(d.chunkBytes, d.id).toBe(40_000); // and one stream of chunks
      expect(d.unauthentic, d.id).toBe(0); // every downlink sealed with the device's key, by either instance
    }
    expect(follower.ota.relaysSent).toBeGreaterThan(0);
    await waitFor(() => leader.ota.relaysReceived === follower.ota.relaysSent, 30_000, 'every relayed frame received');
    expect(leader.ota.relaysSent).toBe(0);
  });

  it('applies commands given to the instance that does not drive, with the driver\'s answer', async () => {
    for (const d of devices) { d.written = 0; d.offers = 0; d.chunkBytes = 0; d.holdAfterDownload = true; }
    const img = await api({
      method: 'POST', url: `/api/tenants/${tenant}/ota/images?version=1.2.0&kind=full&hardwareModels=SL-ESP32-SIM`,
      headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(20_000, 3),
    });
    const c = (await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns`, payload: { imageId: img.json().id, target: { group: 'all' }, policy: { canary: 1, maxConcurrent: 10, successThreshold: 1 } } })).json();
    await waitFor(() => devices.some((d) => d.written === 20_000), 30_000, 'canary downloaded');
    const paused = await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns/${c.id}/pause` });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toEqual({ status: 'paused' });
    const again = await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns/${c.id}/pause` });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'SL_OTA_CAMPAIGN_STATE', message: 'cannot pause a paused campaign' });
    expect((await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns/9999/pause` })).statusCode).toBe(404);
    expect((await api({ method: 'POST', url: `/api/tenants/${tenant}/ota/campaigns/${c.id}/resume` })).json()).toEqual({ status: 'running' });
    // The device list of the follower shows the canary updating, from the database: the driver saves a campaign's
    // state at most PERSIST_MS after it changes, so the row can first show the device downloading at offset 0 and
    // then at an offset the device acknowledged earlier. Wait for its last one (16 KiB of 20,000 B), then check the rest.
    let last: unknown;
    const list = await waitFor(async () => {
      const l = (await api(`/api/tenants/${tenant}/devices?updating=true`)).json() as Array<{ ota: { campaignId: number; progressPct: number } }>;
      last = l;
      return l.length === 1 && l[0]!.ota.progressPct === 81.9 ? l : undefined;
    }, 30_000, 'updating device listed with its progress', () => last);
    expect(list[0]?.ota).toMatchObject({ campaignId: c.id, state: 'downloading', progressPct: 81.9 }); // 16 KiB acknowledged of 20,000 B
  });

  it('rejects forged and misdirected relay messages on the driver', async () => {
    const rejected = () => (leader.fleet.metrics.framesRejected.get('bad_relay') ?? 0);
    const wrongTenant = () => (leader.fleet.metrics.framesRejected.get('wrong_tenant') ?? 0);
    const unauthenticated = () => (leader.fleet.metrics.framesRejected.get('unauthenticated') ?? 0);
    const [r0, w0, u0] = [rejected(), wrongTenant(), unauthenticated()];
    const spy = await mqtt.connectAsync(TEST_MQTT_URL, { clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    try {
      const topic = relayTopic(group);
      await spy.publishAsync(topic, Buffer.from('not a relay message'), { qos: 1 });
      const d = devices[0] as FakeDevice;
      // The device's own (sealed) frames, relayed for another town, or of a kind that is never relayed.
      const frame = d.identity.uplink({ seq: 5000, otaStatus: { imageId: 1, state: pb.OtaState.OTA_STATE_CONFIRMED } });
      await spy.publishAsync(topic, encodeRelay({ type: 'uplink', from: 'x', tenant: 'another-town', deviceId: d.id, frame }), { qos: 1 });
      const state = d.identity.uplink({ seq: 5001, state: { level: 1 } });
      await spy.publishAsync(topic, encodeRelay({ type: 'uplink', from: 'x', tenant, deviceId: d.id, frame: state }), { qos: 1 });
      // Issue 11: a frame forged by whoever can publish on the relay topic (no device MAC) is refused as such.
      const forged = encodeUplink({ protocolVersion: 1, deviceId: d.id, seq: 5002, otaStatus: { imageId: 1, state: pb.OtaState.OTA_STATE_CONFIRMED } });
      await spy.publishAsync(topic, encodeRelay({ type: 'uplink', from: 'x', tenant, deviceId: d.id, frame: forged }), { qos: 1 });
      await waitFor(() => rejected() === r0 + 2 && wrongTenant() === w0 + 1 && unauthenticated() === u0 + 1, 30_000, 'relay rejections counted',
        () => ({ bad_relay: rejected() - r0, wrong_tenant: wrongTenant() - w0, unauthenticated: unauthenticated() - u0 }));
    } finally {
      await spy.endAsync();
    }
  });

  it('hands over on a clean shutdown: the other instance drives and offers again to the device in flight', async () => {
    const inFlight = devices.find((d) => d.written === 20_000) as FakeDevice;
    inFlight.holdAfterDownload = false;
    inFlight.written = 0; // as after a power cut that lost the slot: it resumes from 0
    const offersBefore = inFlight.offers;
    const t0 = Date.now();
    await leader.close();
    closed.add(leader);
    const next = follower;
    await waitFor(() => next.ota.role === 'leader', 30_000, 'the other instance leads');
    console.log(`OTA lease taken over ${Date.now() - t0} ms after a clean shutdown (lease 1.5 s, renewal every 0.5 s)`);
    await waitFor(() => inFlight.offers > offersBefore, 30_000, 'offer again after the takeover');
    await waitFor(() => inFlight.written === 20_000, 30_000, 'download resumed under the new driver');
  });
});
