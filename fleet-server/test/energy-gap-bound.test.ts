/**
 * An EnergyReport can say that records are gone (`lost_through_seq`), and its record seqs place what it
 * carries. One that puts either implausibly far above what the server acknowledged (protocol
 * MAX_ENERGY_SEQ_JUMP) — a gap of 4,294,967,293 records, say — is refused and counted: recorded, it would list
 * billions of records as lost and move the watermark past everything the device will ever send. A real outage
 * is still recorded as lost, and an acknowledgement never goes past the newest record of the frame it answers
 * (the device refuses one above what it has sent). Through the real device service and energy ingest, on
 * SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import { provisionDevice, watchDownlinks, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueId, uniqueSchema } from './helpers.js';

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0) / 1000;
const LOG = 0x4242;

/** Device-space records `a..b`, 15 minutes each, `mwh` each. */
function recs(a: number, b: number, mwh = 9_000) {
  return Array.from({ length: b - a + 1 }, (_, i) => ({ seq: a + i, start: T0 + (a + i) * 900, durationS: 900, energyMwh: mwh, burningS: 900, avgLevelX10: 1000, avgPowerMw: 1 }));
}

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`energy gap bounds on ${name}`, () => {
    let app: FastifyInstance;
    let downlinks: ReturnType<typeof watchDownlinks>; // issue 14: EnergyAcks are not downlinks rows
    const clock = { ms: Date.UTC(2026, 2, 2, 12, 0, 0) };
    let uplinkSeq = 1;
    // Issue 11: each device is provisioned before it speaks; its frames are sealed with its key.
    const provisioned = new Map<string, TestDevice>();
    const send = async (deviceId: string, body: Record<string, unknown>) => {
      const seq = uplinkSeq++;
      let d = provisioned.get(deviceId);
      if (!d) provisioned.set(deviceId, d = await provisionDevice(app, 'lyon', deviceId));
      return app.devices.handleMessage(uplinkTopic('lyon', deviceId), d.uplink({ seq, ...body }));
    };
    const acks = async (deviceId: string) => downlinks.summaries(deviceId, 'energy_ack');
    const refused = () => app.fleet.metrics.framesRejected.get('implausible_gap') ?? 0;

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      downlinks = watchDownlinks(app);
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('refuses lost_through_seq 2^32−1 (a gap of 4,294,967,293 records) and a record seq 2^32−1: counted, nothing recorded; the real records flow on', async () => {
      const id = uniqueId('sl');
      await send(id, { hello: { firmwareVersion: '1.0.0' } });
      await send(id, { energy: { records: recs(1, 2), logId: LOG } });
      expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(2);
      const acksBefore = (await acks(id)).length;
      await send(id, { energy: { records: [], lostThroughSeq: 2 ** 32 - 1, logId: LOG } });
      await send(id, { energy: { records: [...recs(3, 3), ...recs(2 ** 32 - 1, 2 ** 32 - 1)], logId: LOG } });
      expect(refused()).toBe(2);
      expect(await app.energy.gaps('lyon', { deviceId: id })).toEqual([]);
      expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(2);
      expect((await acks(id)).length).toBe(acksBefore); // nothing acknowledged for them
      expect((await app.energy.records(id, 3, 10)).map((r) => r.seq)).toEqual([]);
      // The device's real records: stored and acknowledged as usual.
      await send(id, { energy: { records: recs(3, 34), logId: LOG } });
      expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(34);
      expect((await acks(id))[0]).toBe('acked 34');
      expect(refused()).toBe(2);
    });

    it('records a real long outage as lost (100,000 records overwritten while offline)', async () => {
      const id = uniqueId('sl');
      const before = refused();
      await send(id, { hello: { firmwareVersion: '1.0.0' } });
      await send(id, { energy: { records: recs(1, 2), logId: LOG } });
      await send(id, { energy: { records: recs(100_003, 100_010), lostThroughSeq: 100_002, logId: LOG } });
      expect(await app.energy.gaps('lyon', { deviceId: id })).toEqual([expect.objectContaining({ fromSeq: 3, toSeq: 100_002, state: 'lost' })]);
      expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(100_010);
      expect((await acks(id))[0]).toBe('acked 100010');
      expect(refused()).toBe(before);
    });

    it('never acknowledges past the newest record of the frame it answers', async () => {
      // A gap within the bound but false (forged, or a log that drew its old id again): the watermark is ahead of
      // what the device holds. Its records still get acknowledged as far as they go, so it moves on.
      const id = uniqueId('sl');
      await send(id, { hello: { firmwareVersion: '1.0.0' } });
      await send(id, { energy: { records: recs(1, 2), logId: LOG } });
      await send(id, { energy: { records: [], lostThroughSeq: 500_000, logId: LOG } });
      expect((await app.repo.getDevice(id))?.energyAckedSeq).toBe(500_000);
      await send(id, { energy: { records: recs(3, 34), logId: LOG } });
      expect((await acks(id))[0]).toBe('acked 34');
    });
  });
}

suite('SQLite', () => ({}), async () => {});
const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
