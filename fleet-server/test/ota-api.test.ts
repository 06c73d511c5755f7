/**
 * OTA API without devices on the wire (issue 6): settings at start-up, image upload and signing, validation
 * errors, campaign creation rules, commands. The transfer itself is covered end to end in tests/e2e/ota-*.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { encodeUplink, uplinkTopic } from '@streetlight/protocol';
import { checkOffer } from '../../firmware/src/ota/manifest.js';
import { build } from '../src/app.js';
import { generateSigningKey } from '../src/ota/signing.js';
import { authedInject, type Inject } from '../src/testing.js';
import { tempDir } from './helpers.js';

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
    }, [key], { version: '1.1.0', hardwareModel: 'SL-ESP32' });
    expect(check.ok).toBe(true);
    expect((await inject(`/api/tenants/t1/ota/images/${img.id}`)).json()).toEqual(img);
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
    const hello = (id: string, version: string, model: string) => app.devices.handleMessage(uplinkTopic('t1', id),
      encodeUplink({ protocolVersion: 1, deviceId: id, seq: 1, hello: { firmwareVersion: version, hardwareModel: model } }));
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
    const view = (await inject(`/api/tenants/t1/ota/campaigns/${id}`)).json();
    expect(view.deviceStates.map((d: { deviceId: string; state: string }) => [d.deviceId, d.state])).toEqual([['d1', 'offered'], ['d2', 'queued']]); // canary: 2 % of 2 = 1 device
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/pause` })).json()).toEqual({ status: 'paused' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/pause` })).json()).toMatchObject({ code: 'SL_OTA_CAMPAIGN_STATE' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/resume` })).json()).toEqual({ status: 'running' });
    expect((await inject({ method: 'POST', url: `/api/tenants/t1/ota/campaigns/${id}/cancel` })).json()).toEqual({ status: 'cancelled' });
    expect((await inject('/api/tenants/t1/ota/campaigns/999')).statusCode).toBe(404);
    // The offers went out as recorded downlinks with the install window.
    const downlinks = await app.repo.listDownlinks('d1', 10);
    expect(downlinks.length).toBeGreaterThan(0);
  });
});
