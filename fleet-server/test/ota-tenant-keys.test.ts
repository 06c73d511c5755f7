/**
 * Per-town OTA signing keys (issue 11, OTA_TENANT_KEYS_DIR): a town with its own key has its images signed with
 * it and its controllers provisioned to trust it alone, so neither the installation's key nor another town's can
 * sign an image they install; towns without one keep the installation's key.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { checkOffer } from '../../firmware/src/ota/manifest.js';
import { build } from '../src/app.js';
import { generateSigningKey, verifyP256, type SigningKey } from '../src/ota/signing.js';
import { authedInject, provisionDevice, type Inject } from '../src/testing.js';
import { pb } from '@streetlight/protocol';
import { tempDir } from './helpers.js';

describe('per-town OTA signing keys', () => {
  let app: FastifyInstance;
  let inject: Inject;
  let installation: SigningKey;
  let sarlat: SigningKey;

  beforeAll(async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'town-keys'));
    installation = generateSigningKey(join(dir, 'ota.pem'));
    sarlat = generateSigningKey(join(dir, 'town-keys', 'sarlat.pem'));
    app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0, otaSigningKey: join(dir, 'ota.pem'), otaTenantKeysDir: join(dir, 'town-keys') }, logger: false });
    inject = await authedInject(app);
  });
  afterAll(async () => { await app?.close(); });

  const upload = async (tenant: string, version: string) => {
    const res = await inject({
      method: 'POST', url: `/api/tenants/${tenant}/ota/images?version=${version}&hardwareModels=SL-ESP32`,
      headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.alloc(4096, 3),
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: string; size: number; sha256: string; manifest: string; signature: string; keyId: number };
  };
  const offerOf = (img: Awaited<ReturnType<typeof upload>>) => ({
    imageId: img.id, version: img.version, kind: 1, size: img.size, sha256: new Uint8Array(Buffer.from(img.sha256, 'hex')),
    manifest: new Uint8Array(Buffer.from(img.manifest, 'base64')), signature: new Uint8Array(Buffer.from(img.signature, 'base64')), keyId: img.keyId,
  });

  it("signs a town's images with its own key, and provisions its controllers to trust that key alone", async () => {
    const own = await upload('sarlat', '1.1.0');
    const other = await upload('domme', '1.1.0');
    expect(own.keyId).toBe(sarlat.keyId);
    expect(other.keyId).toBe(installation.keyId);
    const device = await provisionDevice(app, 'sarlat', 'SRL-K-1');
    const trusted = pb.DeviceIdentity.decode(device.identity).otaKeys.map((k) => ({ keyId: k.keyId ?? 0, publicKey: k.publicKey ?? new Uint8Array() }));
    expect(trusted.map((k) => k.keyId)).toEqual([sarlat.keyId]);
    const running = { version: '1.0.0', hardwareModel: 'SL-ESP32', tenant: 'sarlat' };
    expect(checkOffer(offerOf(own), trusted, running, verifyP256).ok).toBe(true);
    // The installation's key (or any other town's) cannot sign for Sarlat's controllers: unknown key.
    expect(checkOffer(offerOf(other), trusted, { ...running, tenant: 'domme' }, verifyP256)).toMatchObject({ ok: false, reason: 'unknown_key' });
    // A town without its own key keeps the installation's.
    const domme = await provisionDevice(app, 'domme', 'DOM-K-1');
    expect(pb.DeviceIdentity.decode(domme.identity).otaKeys.map((k) => k.keyId)).toEqual([installation.keyId]);
  });
});
