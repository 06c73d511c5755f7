/**
 * Done-when test of issue 6: a tampered image, a wrong signature (a forged one, and one by a key the device
 * does not trust), a wrong hardware model and a downgrade below the minimum version are each refused by the
 * device, with a clear reason visible through the server API; then a good image installs and confirms, and
 * another one only inside its install window.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@streetlight/fleet-server';
import { startHarness, type Harness } from './ota-harness.js';

const START = Date.parse('2026-06-10T09:00:00Z');
const SIZE = 40_000;

describe('OTA: the device refuses what it must not install, and says why', () => {
  let h: Harness;
  const tenant = `ota-rej-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    h = await startHarness({ boards: 4, tenant, start: START });
  }, 60_000);
  afterAll(async () => { await h?.close(); });

  /** Runs a campaign over the 4 boards to its end and returns its per-device states. */
  async function campaign(imageId: number): Promise<Array<{ deviceId: string; state: string; reason?: string }>> {
    const c = await h.api('POST', '/ota/campaigns', { imageId, target: { group: 'all' }, policy: { canary: 4, errorThreshold: 0.99 } }, 201);
    let done = false;
    for (let i = 0; i < 300 && !done; i++) {
      await h.run(1000);
      const v = await h.api('GET', `/ota/campaigns/${c.id}`);
      done = v.status === 'completed' || v.status === 'halted';
    }
    const view = await h.api('GET', `/ota/campaigns/${c.id}`);
    if (view.status === 'halted') await h.api('POST', `/ota/campaigns/${c.id}/cancel`);
    return view.deviceStates;
  }

  it('refuses a tampered image: SHA-256 of the written slot differs from the signed manifest', async () => {
    const img = await h.upload({ version: '1.1.0' }, SIZE);
    const file = join(h.dataDir, 'ota', `${img.sha256}.bin`);
    const bytes = readFileSync(file);
    bytes[SIZE - 10] = (bytes[SIZE - 10] as number) ^ 0xff; // after signing: the store was tampered with
    writeFileSync(file, bytes);
    const states = await campaign(img.id);
    for (const d of states) {
      expect(d.state).toBe('failed');
      expect(d.reason).toMatch(/^sha256_mismatch/);
    }
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.0.0');
  }, 60_000);

  it('refuses a forged signature', async () => {
    const img = await h.upload({ version: '1.2.0' }, SIZE);
    const sig = Buffer.from(img.signature, 'base64');
    sig[5] = (sig[5] as number) ^ 0x01;
    await h.app.ota.repo.setImageSignature(img.id, img.manifest, sig.toString('base64'), img.keyId);
    const states = await campaign(img.id);
    for (const d of states) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^bad_signature/) });
  }, 60_000);

  it('refuses a manifest signed by a key it does not trust', async () => {
    const other = generateSigningKey(join(h.dataDir, 'other.pem'));
    const img = await h.upload({ version: '1.2.1' }, SIZE);
    // Re-sign the same manifest with a key the boards do not hold (a rogue server).
    const manifest = Buffer.from(img.manifest, 'base64');
    const { decodeImageManifest } = await import('@streetlight/protocol/lean');
    const { signManifest } = await import('@streetlight/fleet-server');
    const m = decodeImageManifest(new Uint8Array(manifest));
    const forged = signManifest(other, { imageId: m.imageId ?? 0, version: m.version ?? '', kind: m.kind ?? 0, size: m.size ?? 0, sha256: m.sha256 ?? new Uint8Array(), hardwareModels: m.hardwareModels ?? [], minVersion: m.minVersion ?? '', createdAt: m.createdAt ?? 0, requiresHost: '', tenants: m.tenants ?? [] });
    await h.app.ota.repo.setImageSignature(img.id, Buffer.from(forged.manifest).toString('base64'), Buffer.from(forged.signature).toString('base64'), forged.keyId);
    const states = await campaign(img.id);
    for (const d of states) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^unknown_key/) });
  }, 60_000);

  it('refuses an image the installation\'s key signed for another town (issue 11, attack 5)', async () => {
    const img = await h.upload({ version: '1.2.2' }, SIZE);
    // The same manifest signed by the installation's own key, as an upload of town B would be: it names town B.
    const { decodeImageManifest } = await import('@streetlight/protocol/lean');
    const { signManifest, loadSigningKey } = await import('@streetlight/fleet-server');
    const m = decodeImageManifest(new Uint8Array(Buffer.from(img.manifest, 'base64')));
    expect(m.tenants).toEqual([tenant]); // what the server signs: the uploading town only
    const installationKey = loadSigningKey(join(h.dataDir, 'ota-signing.pem'));
    const forTownB = signManifest(installationKey, { imageId: m.imageId ?? 0, version: m.version ?? '', kind: m.kind ?? 0, size: m.size ?? 0, sha256: m.sha256 ?? new Uint8Array(), hardwareModels: m.hardwareModels ?? [], minVersion: m.minVersion ?? '', createdAt: m.createdAt ?? 0, requiresHost: '', tenants: ['town-b'] });
    await h.app.ota.repo.setImageSignature(img.id, Buffer.from(forTownB.manifest).toString('base64'), Buffer.from(forTownB.signature).toString('base64'), forTownB.keyId);
    const states = await campaign(img.id);
    for (const d of states) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(new RegExp(`^wrong_tenant: image is signed for town-b, not ${tenant}`)) });
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.0.0');
  }, 60_000);

  it('refuses an image for another hardware model', async () => {
    const img = await h.upload({ version: '1.3.0', hardwareModels: ['SL-ESP32-C3'] }, SIZE);
    const states = await campaign(img.id);
    for (const d of states) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^wrong_hardware: image is for SL-ESP32-C3, not SL-ESP32-SIM/) });
  }, 60_000);

  it('refuses an image whose minimum version is above the running one, and a downgrade', async () => {
    const img = await h.upload({ version: '2.0.0' }, SIZE, { minVersion: '1.5.0' });
    for (const d of await campaign(img.id)) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^below_min_version: running 1\.0\.0 < required 1\.5\.0/) });
    const old = await h.upload({ version: '0.9.0' }, SIZE);
    for (const d of await campaign(old.id)) expect(d).toMatchObject({ state: 'failed', reason: expect.stringMatching(/^downgrade/) });
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.0.0');
  }, 60_000);

  it('installs a good image: every board confirms it and the server sees the new version', async () => {
    const img = await h.upload({ version: '1.4.0' }, SIZE, { releaseNotes: 'fixes' });
    const states = await campaign(img.id);
    for (const d of states) expect(d).toMatchObject({ state: 'confirmed' });
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.4.0');
    const devices = await h.app.repo.listDevices(tenant);
    for (const d of devices) expect(d.firmwareVersion).toBe('1.4.0');
  }, 60_000);

  it('waits for the install window (device local time) before downloading and switching', async () => {
    const img = await h.upload({ version: '1.5.0' }, SIZE);
    // 11:00 local (CEST) now; window 12:00–12:30 local.
    const c = await h.api('POST', '/ota/campaigns', { imageId: img.id, target: { group: 'all' }, policy: { canary: 4 }, window: { startMin: 720, endMin: 750 } }, 201);
    await h.run(30 * 60_000, 60_000);
    let view = await h.api('GET', `/ota/campaigns/${c.id}`);
    for (const d of view.deviceStates) expect(d).toMatchObject({ state: 'offered', reason: 'outside the install window' });
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.4.0');
    const windowOpens = Date.parse('2026-06-10T10:00:00Z');
    await h.runUntil(() => h.clock.now() >= windowOpens + 10 * 60_000, 3_600_000, 10_000);
    view = await h.api('GET', `/ota/campaigns/${c.id}`);
    expect(view.status).toBe('completed');
    for (const d of view.deviceStates) {
      expect(d.state).toBe('confirmed');
      expect(d.updatedAt).toBeGreaterThanOrEqual(windowOpens);
    }
    for (const b of h.fleet.boards) expect(b.firmwareVersion).toBe('1.5.0');
  }, 60_000);
});
