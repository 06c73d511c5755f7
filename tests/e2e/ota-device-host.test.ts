/**
 * Done-when test of issue 12: an OTA campaign from the fleet server to boards on the device-conditions host
 * (`runtime: 'device'`: the firmware preloaded by xsl into the ESP32's fixed heap, 32-bit, the SDK's native
 * Digest SHA-256 and ECDSA P-256) verifies, installs and confirms an image within the device heap.
 *
 * The OTA harness as for every other campaign (real fleet server, embedded broker, signed images, waves on one
 * virtual clock); only the boards' runtime differs. After each scenario: no board's engine aborted (an
 * `XsAbortError`, a panic reboot: that is how an overrun of the device heap shows), no board panicked at all,
 * and the scenario's memory and compute figures are printed (`deviceScenarioReport`).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resetDeviceLedger, XsAbortError, type BoardLogEntry } from '@streetlight/hardware-sim';
import { deviceScenarioReport } from '@streetlight/hardware-sim/testing';
import { describeCampaign, startHarness, type Harness, type Json } from './ota-harness.js';

const N = 5;
const START = Date.parse('2026-06-10T09:00:00Z');
/** An image of a real build's order of size: 256 chunks of 4 KiB, read back and hashed by the native SHA-256. */
const SIZE = 1024 * 1024;

describe(`OTA campaign to ${N} boards on the device-conditions host`, () => {
  let h: Harness;
  const tenant = `ota-dev-${randomUUID().slice(0, 8)}`;
  /** Panic log lines per board, over the whole suite (a board's log ring forgets). */
  const panics: string[] = [];

  /** Every board sound: no engine abort, no panic, powered and running a valid image. */
  const expectSound = (): void => {
    for (const b of h.fleet.boards) {
      if (b.lastException instanceof XsAbortError) throw new Error(`${b.deviceId}: the device-conditions host aborted: ${b.lastException.message}`);
      expect(b.lastException, b.deviceId).toBeUndefined();
      expect(b.resetReason, b.deviceId).not.toBe('panic');
      expect(b.state, b.deviceId).toBe('on');
      expect(b.bootloader.slots[b.bootloader.running as 0 | 1].state, b.deviceId).toBe('valid');
    }
    expect(panics).toEqual([]);
  };
  /** Prints the device-host figures of what ran since the last report. */
  const report = (name: string): void => { console.log(deviceScenarioReport(name).line); };

  beforeAll(async () => {
    resetDeviceLedger();
    h = await startHarness({
      boards: N, tenant, start: START,
      board: () => ({
        runtime: 'device' as const,
        onLog: (b: { deviceId: string }, e: BoardLogEntry) => { if (e.level === 'error' && e.message.startsWith('panic')) panics.push(`${b.deviceId}: ${e.message}`); },
      }),
    });
    expectSound();
    for (const b of h.fleet.boards) expect(b.bootCount, b.deviceId).toBe(1);
    report('boot and registration');
  }, 60_000);
  afterEach(async () => { await h?.cancelActiveCampaigns(); });
  afterAll(async () => { await h?.close(); });

  it('verifies the signed manifest, writes, reboots into and confirms the new image, within the device heap', async () => {
    const t0 = Date.now();
    const img = await h.upload({ version: '1.1.0' }, SIZE, { releaseNotes: 'device-host campaign' });
    // A canary of one, then the other four: the second wave starts only once the canary confirmed.
    const c = await h.api('POST', '/ota/campaigns', {
      imageId: img.id, name: 'device host', target: { group: 'all' },
      policy: { canary: 1, growth: 4, successThreshold: 0.8, errorThreshold: 0.2, deviceTimeoutS: 1800 },
    }, 201);
    expect(c.devices).toBe(N);
    const view = await h.runCampaign(c.id, (v) => v.status !== 'running', 3_600_000);
    console.log(`device-host campaign over ${N} boards: ${((Date.now() - t0) / 1000).toFixed(1)} s real`);
    expect(view.status, describeCampaign(view)).toBe('completed');
    expect((view.waves as Json[]).map((w) => w.size)).toEqual([1, N - 1]);
    for (const d of view.deviceStates as Json[]) expect(d, d.deviceId).toMatchObject({ state: 'confirmed', offset: SIZE, attempts: 1 });

    for (const b of h.fleet.boards) {
      expect(b.firmwareVersion, b.deviceId).toBe('1.1.0');
      // One reboot: into the new image (no panic, no rollback on the way).
      expect(b.bootCount, b.deviceId).toBe(2);
      expect(b.bootloader.pendingVerify, b.deviceId).toBe(false);
    }
    const devices = await h.app.repo.listDevices(tenant);
    expect(devices.map((d) => d.firmwareVersion)).toEqual(Array(N).fill('1.1.0'));
    expectSound();
    report('OTA campaign');
  }, 60_000);

  it('refuses a manifest whose signature does not verify, and keeps its version', async () => {
    const img = await h.upload({ version: '1.2.0' }, SIZE);
    const sig = Buffer.from(img.signature, 'base64');
    sig[5] = (sig[5] as number) ^ 0x01;
    await h.app.ota.repo.setImageSignature(img.id, img.manifest, sig.toString('base64'), img.keyId);
    const c = await h.api('POST', '/ota/campaigns', { imageId: img.id, target: { group: 'all' }, policy: { canary: N, errorThreshold: 0.99 } }, 201);
    const view = await h.runCampaign(c.id, (v) => (v.deviceStates as Json[]).every((d) => d.state === 'failed'), 600_000);
    for (const d of view.deviceStates as Json[]) expect(d, d.deviceId).toMatchObject({ state: 'failed', offset: 0, reason: expect.stringMatching(/^bad_signature/) });
    for (const b of h.fleet.boards) {
      expect(b.firmwareVersion, b.deviceId).toBe('1.1.0');
      expect(b.bootCount, b.deviceId).toBe(2); // nothing written, no reboot
    }
    expectSound();
    report('forged signature');
  }, 60_000);
});
