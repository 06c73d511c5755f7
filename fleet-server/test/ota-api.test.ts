/**
 * OTA API without devices on the wire (issue 6): settings at start-up, image upload and signing, validation
 * errors, campaign creation rules, commands. The transfer itself is covered end to end in tests/e2e/ota-*.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import mqtt from 'mqtt';
import { decodeDownlinkFrame, pb, uplinkTopic } from '@streetlight/protocol';
import { checkOffer } from '../../firmware/src/ota/manifest.js';
import { build } from '../src/app.js';
import { generateSigningKey, verifyP256 } from '../src/ota/signing.js';
import { authedInject, brokerObserver, provisionDevices, type Inject, type TestDevice } from '../src/testing.js';
import { tempDir, waitFor } from './helpers.js';

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);

describe('OTA settings', () => {
  it('answers SL_OTA_DISABLED on every OTA route when OTA_SIGNING_KEY is unset', async () => {
    const app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false });
    try {
      const inject = await authedInject(app);
      const res = await inject('/api/tenants/t1/ota/images');
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'SL_OTA_DISABLED', message: expect.stringMatching(/OTA_SIGNING_KEY/) });
    } finally {
      await app.close();
    }
  });

  it('refuses to start with a configured key that is missing, naming the setting and the keygen command', async () => {
    const dir = tempDir();
    await expect(build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dir, 'nope.pem') }, logger: false }))
      .rejects.toThrow(/OTA_SIGNING_KEY: OTA signing key not found at .*nope\.pem: create one with .*ota:keygen/);
  });

  it('reads the key from the environment (OTA_SIGNING_KEY)', async () => {
    const dir = tempDir();
    generateSigningKey(join(dir, 'k.pem'));
    const app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0 }, env: { OTA_SIGNING_KEY: join(dir, 'k.pem') }, logger: false });
    try {
      expect(app.ota.enabled).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('OTA images and campaigns API', () => {
  let app: FastifyInstance;
  let inject: Inject;
  let dir: string;
  const key: { keyId: number; publicKey: Uint8Array } = { keyId: 0, publicKey: new Uint8Array() };
  const upload = (query: string, bytes: Uint8Array = new Uint8Array(5000).fill(7)) =>
    inject({ method: 'POST', url: `/api/tenants/t1/ota/images?${query}`, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) });

  beforeAll(async () => {
    dir = tempDir();
    const k = generateSigningKey(join(dir, 'ota.pem'));
    key.keyId = k.keyId;
    key.publicKey = k.publicKey;
    app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dir, 'ota.pem') }, logger: false, now: () => T0 });
    inject = await authedInject(app);
  });
  afterAll(async () => { await app?.close(); });

  it('stores an upload by SHA-256 and signs a manifest the firmware accepts', async () => {
    const res = await upload('version=1.2.0&hardwareModels=SL-ESP32,SL-ESP32-SIM&minVersion=1.0.0&releaseNotes=night%20fix');
    expect(res.statusCode, res.body).toBe(201);
    const img = res.json();
    expect(img).toMatchObject({ version: '1.2.0', kind: 'full', size: 5000, hardwareModels: ['SL-ESP32', 'SL-ESP32-SIM'], minVersion: '1.0.0', releaseNotes: 'night fix', keyId: key.keyId });
    expect(existsSync(join(dir, 'ota', `${img.sha256}.bin`))).toBe(true);
    const check = checkOffer({
      imageId: img.id, version: img.version, kind: 1, size: img.size, sha256: new Uint8Array(Buffer.from(img.sha256, 'hex')),
      manifest: new Uint8Array(Buffer.from(img.manifest, 'base64')), signature: new Uint8Array(Buffer.from(img.signature, 'base64')), keyId: img.keyId,
    }, [key], { version: '1.1.0', hardwareModel: 'SL-ESP32', tenant: 't1' }, verifyP256);
    expect(check.ok).toBe(true);
    // Signed for town t1 only (issue 11): a t2 controller refuses it.
    const elsewhere = checkOffer({
      imageId: img.id, version: img.version, kind: 1, size: img.size, sha256: new Uint8Array(Buffer.from(img.sha256, 'hex')),
      manifest: new Uint8Array(Buffer.from(img.manifest, 'base64')), signature: new Uint8Array(Buffer.from(img.signature, 'base64')), keyId: img.keyId,
    }, [key], { version: '1.1.0', hardwareModel: 'SL-ESP32', tenant: 't2' }, verifyP256);
    expect(elsewhere).toMatchObject({ ok: false, reason: 'wrong_tenant' });
    expect((await inject(`/api/tenants/t1/ota/images/${img.id}`)).json()).toEqual(img);
    // Issue 11: the signed manifest and its signature only for those who run updates; a viewer sees the rest.
    const asViewer = await authedInject(app, { tenant: 't1', role: 'viewer' });
    const seen = (await asViewer(`/api/tenants/t1/ota/images/${img.id}`)).json();
    expect(seen).toMatchObject({ id: img.id, version: '1.2.0', sha256: img.sha256 });
    expect(seen).not.toHaveProperty('manifest');
    expect(seen).not.toHaveProperty('signature');
    expect((await asViewer('/api/tenants/t1/ota/images')).json()[0]).not.toHaveProperty('signature');
    expect((await inject('/api/tenants/t2/ota/images')).json()).toEqual([]); // tenant-scoped
  });

  it('refuses bad metadata, a duplicate, a non-binary body and a mod without its host version', async () => {
    expect((await upload('version=1.2&hardwareModels=X')).json()).toMatchObject({ code: 'SL_OTA_IMAGE_INVALID', details: { problems: ['version must be MAJOR.MINOR.PATCH'] } });
    expect((await upload('version=1.2.0&hardwareModels=SL-ESP32')).statusCode).toBe(409);
    expect((await upload('version=1.3.0&kind=mod&hardwareModels=SL-ESP32')).json()).toMatchObject({ code: 'SL_OTA_IMAGE_INVALID' });
    const json = await inject({ method: 'POST', url: '/api/tenants/t1/ota/images?version=1.4.0&hardwareModels=A', payload: { not: 'bytes' } });
    expect(json.statusCode).toBe(422);
    expect((await upload('version=1.5.0&hardwareModels=A', new Uint8Array(0))).json()).toMatchObject({ details: { problems: ['the image is empty'] } });
  });

  it('creates campaigns on a group or a filter, one active campaign per device, and takes commands', async () => {
    // Provisioned lights (issue 11): a Hello registers only a provisioned device, with its MAC.
    const lights = await provisionDevices(app, 't1', ['d1', 'd2', 'd3']);
    const offered: Array<{ deviceId: string; windowStartMin: number; windowEndMin: number }> = [];
    const spy = await mqtt.connectAsync(app.fleet.brokerUrl, { ...brokerObserver(app, 'ota-campaign'), clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    spy.on('message', (_topic, payload) => {
      const d = decodeDownlinkFrame(payload);
      if (d.ok && d.message.otaOffer) offered.push({ deviceId: d.message.deviceId ?? '', windowStartMin: d.message.otaOffer.windowStartMin ?? 0, windowEndMin: d.message.otaOffer.windowEndMin ?? 0 });
    });
    await spy.subscribeAsync('sl/v1/t1/+/down', { qos: 1 });
    const hello = (id: string, version: string, model: string) => app.devices.handleMessage(uplinkTopic('t1', id),
      (lights.get(id) as TestDevice).uplink({ seq: 1, hello: { firmwareVersion: version, hardwareModel: model } }));
    await hello('d1', '1.1.0', 'SL-ESP32');
    await hello('d2', '1.1.0', 'SL-ESP32');
    await hello('d3', '1.0.0', 'SL-OTHER');
    await app.devices.idle();
    const img = (await inject('/api/tenants/t1/ota/images')).json()[0];
    const none = await inject({ method: 'POST', url: '/api/tenants/t1/ota/campaigns', payload: { imageId: img.id, target: { filter: { hardwareModel: 'SL-NONE' } } } });
    expect(none.json()).toMatchObject({ code: 'SL_OTA_NO_TARGETS' });
    const c = await inject({ method: 'POST', url: '/api/tenants/t1/ota/campaigns', payload: { imageId: img.id, target: { filter: { hardwareModel: 'SL-ESP32', firmwareVersion: '1.1.0' } }, window: { startMin: 600, endMin: 720 } } });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ devices: 2, status: 'running', window: { startMin: 600, endMin: 720 }, skipped: [] });
    const again = await inject({ method: 'POST', url: '/api/tenants/t1/ota/campaigns', payload: { imageId: img.id, target: { filter: {} } } });
    expect(again.json()).toMatchObject({ devices: 1, skipped: ['d1', 'd2'] });
    const id = c.json().id as number;
    // The canary's offer went out on d1's downlink topic, with the install window (an observer on the embedded broker).
    expect(await waitFor(() => offered.find((o) => o.deviceId === 'd1'))).toMatchObject({ windowStartMin: 600, windowEndMin: 720 });
    const view = (await inject(`/api/tenants/t1/ota/campaigns/${id}`)).json();
    expect(view.deviceStates.map((d: { deviceId: string; state: string }) => [d.deviceId, d.state])).toEqual([['d1', 'offered'], ['d2', 'queued']]); // canary: 2 % of 2 = 1 device
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/pause` })).json()).toEqual({ status: 'paused' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/pause` })).json()).toMatchObject({ code: 'SL_OTA_CAMPAIGN_STATE' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/resume` })).json()).toEqual({ status: 'running' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/cancel` })).json()).toEqual({ status: 'cancelled' });
    expect((await inject('/api/tenants/t1/ota/campaigns/999')).statusCode).toBe(404);
    // An offer is not a `downlinks` row (the device answers it with OtaStatus frames, not a CommandAck), nor are the
    // Hellos' TimeSyncs (issue 14): d1 has none.
    expect(await app.repo.listDownlinks('d1', 10)).toEqual([]);
    await spy.endAsync();
  });
});

// A lighting manager targets a street whose lights were commissioned before all of them were powered: the
// campaign starts with the lights that answer; a light that never connected waits in its wave, queued as "not
// yet connected", and is offered the image at its first Hello. No 500, and no error logged at every offer retry.
describe('OTA campaign with a commissioned device that never connected', () => {
  let app: FastifyInstance;
  let inject: Inject;
  const clock = { ms: T0 };
  const logs: Array<{ level: number; msg?: string; err?: { message?: string } }> = [];
  /** Devices an OtaOffer was published to, in order (a spy on the embedded broker). */
  const offers: string[] = [];
  let spy: mqtt.MqttClient | undefined;

  beforeAll(async () => {
    const dir = tempDir();
    generateSigningKey(join(dir, 'ota.pem'));
    const logger = pino({ level: 'info' }, { write: (line: string) => { logs.push(JSON.parse(line)); } });
    // The campaign loop's own timer at its slowest: the test steps it with app.ota.tick() on its clock.
    app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dir, 'ota.pem'), otaTickMs: 60_000 }, logger, now: () => clock.ms });
    inject = await authedInject(app);
    spy = await mqtt.connectAsync(app.fleet.brokerUrl, { ...brokerObserver(app, 'ota-offers'), clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    spy.on('message', (_topic, payload) => {
      const d = decodeDownlinkFrame(payload);
      if (d.ok && d.message.otaOffer) offers.push(d.message.deviceId ?? '');
    });
    await spy.subscribeAsync('sl/v1/t9/+/down', { qos: 1 });
  });
  afterAll(async () => {
    await spy?.endAsync();
    await app?.close();
  });

  it('is created; the never-connected light waits as "not yet connected", the others progress, and it is offered the image at its first Hello', async () => {
    // Provisioned lights (issue 11): their frames carry their MAC. Provisioning registers no device: only a Hello does.
    const lights = await provisionDevices(app, 't9', ['a-new', 'd-1', 'd-2']);
    let seq = 0;
    const uplink = async (id: string, body: Parameters<TestDevice['uplink']>[0]) => {
      await app.devices.handleMessage(uplinkTopic('t9', id), (lights.get(id) as TestDevice).uplink({ ...body, seq: ++seq }));
      await app.devices.idle();
    };
    const hello = (id: string) => uplink(id, { hello: { firmwareVersion: '1.1.0', hardwareModel: 'SL-ESP32' } });
    // 'a-new' sorts first: before the fix it was the canary, offered at once.
    const row = (deviceId: string) => ({ deviceId, lat: 44.89, lon: 1.21, group: 'rue-a', nominalPowerW: 40 });
    expect((await inject({ method: 'POST', url: '/api/tenants/t9/inventory', payload: ['a-new', 'd-1', 'd-2'].map(row) })).statusCode).toBe(200);
    await hello('d-1');
    await hello('d-2');
    const img = await inject({ method: 'POST', url: '/api/tenants/t9/ota/images?version=2.0.0&hardwareModels=SL-ESP32', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(5000, 3) });
    expect(img.statusCode, img.body).toBe(201);
    const imageId = img.json().id as number;

    const c = await inject({ method: 'POST', url: '/api/tenants/t9/ota/campaigns', payload: { imageId, target: { group: 'rue-a' }, policy: { canary: 1 } } });
    expect(c.statusCode, `${c.body} ${JSON.stringify(logs.filter((l) => l.level >= 50))}`).toBe(201);
    expect(c.json()).toMatchObject({ devices: 3, status: 'running' });
    const id = c.json().id as number;
    const states = async () => Object.fromEntries(((await inject(`/api/tenants/t9/ota/campaigns/${id}`)).json().deviceStates as Array<{ deviceId: string; state: string; reason?: string; wave: number }>)
      .map((d) => [d.deviceId, d]));
    // The canary is a light that answers.
    expect(await states()).toMatchObject({
      'd-1': { state: 'offered', wave: 0 }, 'd-2': { state: 'queued', wave: 1 }, 'a-new': { state: 'queued', wave: 1, reason: expect.stringMatching(/not yet connected/) },
    });

    // The loop runs past several offer retries (60 s) without failing or logging errors.
    for (let k = 0; k < 5; k++) {
      clock.ms += 61_000;
      await app.ota.tick();
    }
    await uplink('d-1', { otaStatus: { imageId, state: pb.OtaState.OTA_STATE_CONFIRMED, offset: 5000 } });
    clock.ms += 1_000;
    await app.ota.tick();
    expect(await states()).toMatchObject({ 'd-1': { state: 'confirmed' }, 'd-2': { state: 'offered' }, 'a-new': { state: 'queued' } });
    await uplink('d-2', { otaStatus: { imageId, state: pb.OtaState.OTA_STATE_CONFIRMED, offset: 5000 } });
    for (let k = 0; k < 3; k++) {
      clock.ms += 61_000;
      await app.ota.tick();
    }
    // Not completed while a light still waits for its first connection, and not halted either.
    const waiting = (await inject(`/api/tenants/t9/ota/campaigns/${id}`)).json();
    expect(waiting).toMatchObject({ status: 'running', counts: { confirmed: 2, queued: 1 } });
    await waitFor(() => offers.includes('d-2'), 30_000, 'the offer to d-2', () => offers);
    expect(offers).not.toContain('a-new');

    // First Hello: the image is offered at once.
    await hello('a-new');
    expect((await states())['a-new']).toMatchObject({ state: 'offered' });
    expect((await states())['a-new']?.reason).toBeUndefined();
    await waitFor(() => offers.includes('a-new'), 30_000, 'the offer to a-new', () => offers);
    await uplink('a-new', { otaStatus: { imageId, state: pb.OtaState.OTA_STATE_CONFIRMED, offset: 5000 } });
    clock.ms += 1_000;
    await app.ota.tick();
    expect((await inject(`/api/tenants/t9/ota/campaigns/${id}`)).json()).toMatchObject({ status: 'completed', counts: { confirmed: 3 } });

    const errors = logs.filter((l) => l.level >= 50 || /unknown device/.test(`${l.msg} ${l.err?.message ?? ''}`));
    expect(errors).toEqual([]);
  });
});
