/**
 * The OTA transfer's flow control (src/ota/service.ts), driven directly: a device whose resume offset is above
 * the server's last acknowledgement (its acknowledgements were lost, or a new driver took over) must not leave
 * chunks counted in flight. Before the fix every such resume leaked chunks of the global budget, and once the
 * leaks reached `maxInflightChunks` no device got a chunk any more (36 boards stuck in tests/e2e/ota-instances).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, type Downlink } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { OtaService } from '../src/ota/service.js';
import { generateSigningKey, loadSigningKey } from '../src/ota/signing.js';
import { tempDir } from './helpers.js';

const T0 = Date.UTC(2026, 5, 1, 10, 0, 0);
const CHUNK = 4096;

describe('OTA transfer accounting', () => {
  let app: FastifyInstance;
  let now = T0;
  const sent: { deviceId: string; message: Downlink }[] = [];
  let ota: OtaService;

  beforeAll(async () => {
    const dir = tempDir();
    app = await build({ config: { dataDir: dir, httpPort: 0, mqttPort: 0 }, logger: false, now: () => now });
    generateSigningKey(join(dir, 'k.pem'));
    ota = new OtaService({
      repo: app.ota.repo, devices: app.repo, dataDir: dir, now: () => now, log: app.log, key: loadSigningKey(join(dir, 'k.pem')),
      publish: async (_tenant, deviceId, message) => { sent.push({ deviceId, message }); },
      nextSeq: async () => 1, maxInflightChunks: 16, windowChunks: 8, deviceMaxBps: 1 << 30,
    });
    await app.repo.ensureTenant('t1', now);
    for (const id of ['d1', 'd2']) {
      await app.repo.ensureDevice('t1', id, now);
      await app.repo.updateDevice(id, { hardwareModel: 'm1', firmwareVersion: '1.0.0', online: true });
    }
  });
  afterAll(async () => { await app.close(); });

  it('keeps the in-flight count equal to the chunks sent and not acknowledged, through resumes above the last acknowledgement', async () => {
    const size = 40 * CHUNK;
    const img = await ota.uploadImage('t1', Buffer.alloc(size, 3), { version: '1.1.0', kind: 'full', hardwareModels: ['m1'] });
    await ota.createCampaign('t1', { imageId: img.id, target: { filter: { hardwareModel: 'm1' } }, policy: { canary: 2, maxConcurrent: 2 } });
    const device = async (id: string) => (await app.repo.getDevice(id))!;
    const status = async (id: string, offset: number, reason?: string) => {
      now += 1000; // the bandwidth cap's bucket refills with time
      await ota.onStatus(await device(id), { imageId: img.id, state: pb.OtaState.OTA_STATE_DOWNLOADING, offset, ...(reason ? { reason } : {}) });
    };
    const chunks = (id: string) => sent.filter((s) => s.deviceId === id && s.message.otaChunk).map((s) => s.message.otaChunk!.offset ?? 0);
    expect(sent.filter((s) => s.message.otaOffer).map((s) => s.deviceId).sort()).toEqual(['d1', 'd2']);
    await status('d1', 0, 'resume');
    await status('d2', 0, 'resume');
    // 8 chunks each (the window), 16 in all (the global budget).
    expect(chunks('d1')).toHaveLength(8);
    expect(ota.inflight).toBe(16);
    // d1 wrote everything sent (its acknowledgements were lost) and asks to resume at 32 KiB: nothing of d1 is in
    // flight any more, and the next 8 chunks go out.
    await status('d1', 8 * CHUNK, 'resume');
    expect(ota.inflight).toBe(16);
    expect(chunks('d1')).toHaveLength(16);
    // d1 resumes further on than the server ever acknowledged, many times: the count never drifts.
    for (let k = 2; k < 5; k++) {
      await status('d1', k * 8 * CHUNK, 'resume');
      expect(ota.inflight, `resume ${k}`).toBe(8 + Math.ceil((Math.min(size, (k + 1) * 8 * CHUNK) - k * 8 * CHUNK) / CHUNK));
    }
    // A resume below what was acknowledged (a power cut lost written bytes) and a plain acknowledgement.
    await status('d2', 2 * CHUNK, 'resume');
    expect(ota.inflight).toBe(16);
    await status('d2', 6 * CHUNK); // 4 of d2's 8 acknowledged, 4 more sent
    expect(ota.inflight).toBe(16);
    // Both finish: nothing is left in flight.
    await status('d1', size);
    await ota.onStatus(await device('d1'), { imageId: img.id, state: pb.OtaState.OTA_STATE_VERIFYING, offset: size });
    await ota.onStatus(await device('d2'), { imageId: img.id, state: pb.OtaState.OTA_STATE_FAILED, reason: 'test' });
    expect(ota.inflight).toBe(0);
  });
});
