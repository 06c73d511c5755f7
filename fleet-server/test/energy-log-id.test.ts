/**
 * Issue 5: a controller whose meter log was wiped (re-flashed with a full erase, or a partition it could not
 * read) restarts its record seqs at 1 under a new log id (EnergyReport.log_id). Through the real device
 * service and energy ingest, on SQLite and PostgreSQL: the new log's records are stored after the old log's,
 * not taken for duplicates; acks go back in the device's seqs; a late frame of the old log changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import { authedInject, provisionDevice, watchDownlinks, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0) / 1000;
const OLD_LOG = 0x1234;
const NEW_LOG = 0xbeef;

/** Device-space records `a..b` of one log; `mwh` each (so sums tell the logs apart). */
function recs(a: number, b: number, startAt: number, mwh: number) {
  return Array.from({ length: b - a + 1 }, (_, i) => ({ seq: a + i, start: startAt + i * 900, durationS: 900, energyMwh: mwh, burningS: 900, avgLevelX10: 1000, avgPowerMw: 1 }));
}

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`energy log id on ${name}`, () => {
    let app: FastifyInstance;
    let downlinks: ReturnType<typeof watchDownlinks>; // issue 14: EnergyAcks are not downlinks rows
    let inject: Inject;
    const clock = { ms: Date.UTC(2026, 2, 2, 12, 0, 0) };
    let uplinkSeq = 1;
    let sl9: TestDevice; // issue 11: provisioned before it speaks, its frames sealed
    const send = (body: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic('lyon', 'sl-9'),
      sl9.uplink({ seq: uplinkSeq++, ...body }));
    const total = async () => (await inject('/api/tenants/lyon/energy/report?from=2026-03-01&to=2026-03-02&bucket=total&by=device')).json() as { rows: Array<{ energyKwh: number }> };

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      downlinks = watchDownlinks(app);
      inject = await authedInject(app);
      sl9 = await provisionDevice(app, 'lyon', 'sl-9');
      await send({ hello: { firmwareVersion: '1.0.0' } });
    });
    afterAll(async () => { await app.close(); await cleanup(); });

    it('stores a wiped log\'s records after the old ones, acks in device seqs, ignores a late old-log frame', async () => {
      // Old log: 1..20 stored and acknowledged; of 21..24 only 23..24 arrived (the frame with 21..22 was lost),
      // then the partition is erased.
      await send({ energy: { records: recs(1, 20, T0, 100_000), logId: OLD_LOG } });
      await send({ energy: { records: recs(23, 24, T0 + 22 * 900, 100_000), logId: OLD_LOG } });
      expect((await app.repo.getDevice('sl-9'))?.energyAckedSeq).toBe(20);
      const acksOf = async () => downlinks.summaries('sl-9', 'energy_ack');
      expect(await acksOf()).toContain('acked 20');
      // New log after the wipe: seqs restart at 1. They go after the highest stored seq (24); 21..22, which
      // the old log can no longer send, are lost at once.
      await send({ energy: { records: recs(1, 12, T0 + 30 * 900, 7_000), logId: NEW_LOG } });
      const dev = await app.repo.getDevice('sl-9');
      expect(dev?.energyAckedSeq).toBe(24 + 12);
      expect(dev).toMatchObject({ energyLogId: NEW_LOG, energySeqBase: 24, energyPrevLogId: OLD_LOG });
      // The ack the device gets is in its own seqs: 12, not 36.
      expect((await acksOf())[0]).toBe('acked 12');
      const gaps = (await inject('/api/tenants/lyon/energy/gaps?state=lost')).json();
      expect(gaps).toEqual([expect.objectContaining({ deviceId: 'sl-9', fromSeq: 21, toSeq: 22, state: 'lost' })]);
      // All 22 + 12 records are stored and counted: 22 × 100 + 12 × 7 Wh.
      const stored = (await inject('/api/tenants/lyon/devices/sl-9/energy/records?fromSeq=1&limit=100')).json() as Array<{ seq: number }>;
      expect(stored.map((r) => r.seq)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 23, 24, ...Array.from({ length: 12 }, (_, i) => 25 + i)]);
      expect((await total()).rows[0]?.energyKwh).toBeCloseTo((22 * 100 + 12 * 7) / 1000, 6);
      // A redelivered frame of the old log (its seqs 1..24) changes nothing and is not acknowledged.
      await send({ energy: { records: recs(1, 24, T0, 100_000), logId: OLD_LOG } });
      expect(await app.repo.getDevice('sl-9')).toMatchObject({ energyAckedSeq: 36, energyLogId: NEW_LOG, energySeqBase: 24 });
      expect((await acksOf())[0]).toBe('acked 12');
      expect((await total()).rows[0]?.energyKwh).toBeCloseTo((22 * 100 + 12 * 7) / 1000, 6);
      // The new log goes on: 13..14 map to 37..38, acked as 14; the repeated 1..12 add nothing.
      await send({ energy: { records: recs(1, 14, T0 + 30 * 900, 7_000), logId: NEW_LOG } });
      expect((await app.repo.getDevice('sl-9'))?.energyAckedSeq).toBe(38);
      expect((await acksOf())[0]).toBe('acked 14');
      expect((await total()).rows[0]?.energyKwh).toBeCloseTo((22 * 100 + 14 * 7) / 1000, 6);
    });
  });
}

suite('SQLite', () => ({}), async () => {});
const schema = uniqueSchema();
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
