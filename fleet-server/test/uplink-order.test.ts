/**
 * Uplinks of one device handled by several instances (fleet-server README, "Several instances and delivery
 * order"): two app instances on one database — one SQLite file, one PostgreSQL schema — get the frames of a
 * device split between them and reordered, as Mosquitto's round-robin over a shared subscription does, plus
 * QoS 1 redeliveries to both. Frames go straight into each instance's DeviceService (no broker), so the split
 * and the order are exactly the ones written here. What must hold whatever instance handles which frame:
 * a fault event is stored and becomes an alarm even after a newer frame was handled; alarm state follows the
 * newest event of its type; a redelivered event is one row and one alarm transition; lastUplinkSeq never goes
 * back (except when the device's counter restarted); an older report never overwrites a newer one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { encodeUplink, pb, uplinkTopic, type Uplink } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { loadMasterKey } from '../src/devices/identity.js';
import { provisionDevice, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueId, uniqueSchema } from './helpers.js';

const TENANT = 'sarlat';
const LAMP = pb.EventType.EVENT_TYPE_LAMP_FAILURE;
const VOLTAGE = pb.EventType.EVENT_TYPE_VOLTAGE_LOW;
const T0 = Date.UTC(2026, 0, 12, 18, 0, 0);

function orderSuite(name: string, database: () => { dataDir?: string; databaseUrl?: string; databaseSchema?: string }, cleanup: () => Promise<void>) {
  describe(`uplinks of one device split between two instances (${name})`, { timeout: 60_000 }, () => {
    let a: FastifyInstance;
    let b: FastifyInstance;
    const clock = { ms: T0 };

    /** Issue 11: every device is provisioned (once, on the shared database) before it speaks. */
    const provisioned = new Map<string, Promise<TestDevice>>();
    const identity = (deviceId: string): Promise<TestDevice> => {
      let d = provisioned.get(deviceId);
      if (!d) provisioned.set(deviceId, d = provisionDevice(a, TENANT, deviceId));
      return d;
    };
    /** Delivers one frame of `deviceId`, sealed with its key, to `app`'s device service, as its MQTT client would. */
    const deliver = async (app: FastifyInstance, deviceId: string, seq: number, body: Partial<Uplink>) => {
      const frame = encodeUplink({ protocolVersion: 1, deviceId, seq, time: Math.floor(clock.ms / 1000), ...body });
      return app.devices.handleMessage(uplinkTopic(TENANT, deviceId), (await identity(deviceId)).seal(frame));
    };
    const hello = (bootCount: number, h: Partial<NonNullable<Uplink['hello']>> = {}): Partial<Uplink> =>
      ({ hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', bootCount, clock: pb.ClockStatus.CLOCK_STATUS_SYNCED, ...h } });
    const state = (level: number, s: Partial<NonNullable<Uplink['state']>> = {}): Partial<Uplink> =>
      ({ state: { level, targetLevel: level, clock: pb.ClockStatus.CLOCK_STATUS_SYNCED, powerMw: level * 400, ...s } });
    /** A fault event; `time` is the device's detection time in Unix seconds. */
    const event = (eventSeq: number, type: number, active: boolean, time: number, value = 0): Partial<Uplink> =>
      ({ event: { eventSeq, type, active, time, value, detail: active ? 'raised' : 'cleared' } });
    const device = (app: FastifyInstance, id: string) => app.repo.getDevice(id);
    const alarms = (app: FastifyInstance, deviceId: string, type: string) =>
      app.alarms.list({ tenantId: TENANT, deviceId, types: [type], limit: 100 });
    const events = async (app: FastifyInstance, deviceId: string) =>
      (await app.repo.listEvents(deviceId, 100)).map((e) => ({ eventSeq: e.eventSeq, type: e.type, active: e.active })).sort((x, y) => x.eventSeq - y.eventSeq || Number(y.active) - Number(x.active));

    beforeAll(async () => {
      const db = database();
      // Issue 11: the instances of one installation share its device master key file (device keys derive from it).
      const deviceMasterKey = join(tempDir(), 'device-master.key');
      loadMasterKey(deviceMasterKey, true);
      a = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, deviceMasterKey, ...db }, logger: false, now: () => clock.ms });
      b = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, deviceMasterKey, ...db }, logger: false, now: () => clock.ms });
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      await cleanup();
    });

    it('stores a fault event and opens its alarm when a newer state was handled first by the other instance', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      await deliver(b, id, 11, state(100)); // sent after the event, handled first
      await deliver(a, id, 10, event(1, LAMP, true, 1000, 120));
      expect(await events(b, id)).toEqual([{ eventSeq: 1, type: LAMP, active: true }]);
      const [alarm] = await alarms(b, id, 'lamp_failure');
      expect(alarm).toMatchObject({ state: 'open', raisedAt: 1000_000, value: 120 });
      expect((await device(a, id))?.lastUplinkSeq).toBe(11);
    });

    it('ends cleared, with both events in history, when the clear is handled before its raise', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      await deliver(b, id, 21, event(2, LAMP, false, 2100)); // the clear, handled first
      await deliver(a, id, 20, event(1, LAMP, true, 2000, 50));
      expect(await events(a, id)).toEqual([{ eventSeq: 1, type: LAMP, active: true }, { eventSeq: 2, type: LAMP, active: false }]);
      expect(await alarms(a, id, 'lamp_failure')).toEqual([
        expect.objectContaining({ state: 'cleared', raisedAt: 2000_000, clearedAt: 2100_000, value: 50 }),
      ]);
      // The fault comes back: a new alarm; an old raise arriving late does not reopen the cleared one.
      await deliver(b, id, 23, event(4, LAMP, true, 2300));
      await deliver(a, id, 22, event(3, LAMP, false, 2200));
      await deliver(a, id, 19, event(0, LAMP, true, 1900));
      const list = await alarms(b, id, 'lamp_failure');
      expect(list.map((x) => x.state).sort()).toEqual(['cleared', 'open']);
      expect(list.find((x) => x.state === 'open')).toMatchObject({ raisedAt: 2300_000 });
      expect(list.find((x) => x.state === 'cleared')).toMatchObject({ raisedAt: 1900_000, clearedAt: 2100_000 });
    });

    it('orders events by their frame, not by event_seq, which a reboot repeats', async () => {
      const id = uniqueId('sl');
      // Boot 1: raise with event_seq 5 at seq 30. Boot 2 (seqs from 256 up, event_seq back at 5): clear.
      await deliver(a, id, 1, hello(1));
      await deliver(a, id, 30, event(5, VOLTAGE, true, 3000, 1900));
      await deliver(b, id, 257, hello(2));
      await deliver(b, id, 260, event(5, VOLTAGE, false, 3600, 2300));
      expect((await events(a, id)).filter((e) => e.eventSeq === 5)).toHaveLength(2);
      expect(await alarms(a, id, 'voltage_low')).toEqual([expect.objectContaining({ state: 'cleared', clearedAt: 3600_000 })]);
      // The boot-1 raise delivered again, to the other instance, after the clear: nothing changes.
      await deliver(b, id, 30, event(5, VOLTAGE, true, 3000, 1900));
      expect(await events(b, id)).toHaveLength(2);
      expect(await alarms(b, id, 'voltage_low')).toEqual([expect.objectContaining({ state: 'cleared', clearedAt: 3600_000 })]);
    });

    it('stores an event delivered to both instances once, with one alarm transition', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      // At the same moment on both (QoS 1 redelivery while the first copy is still being handled) …
      await Promise.all([deliver(a, id, 40, event(1, LAMP, true, 4000, 10)), deliver(b, id, 40, event(1, LAMP, true, 4000, 10))]);
      // … and again later, on each.
      await deliver(b, id, 40, event(1, LAMP, true, 4000, 10));
      expect(await a.repo.listEvents(id, 10)).toHaveLength(1);
      expect(await alarms(a, id, 'lamp_failure')).toEqual([expect.objectContaining({ state: 'open', raisedAt: 4000_000 })]);
      const [open] = await alarms(a, id, 'lamp_failure');
      const acked = await b.alarms.acknowledge(TENANT, open!.id, 'alice');
      expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice' });
      await Promise.all([deliver(b, id, 41, event(2, LAMP, false, 4100)), deliver(a, id, 41, event(2, LAMP, false, 4100))]);
      await deliver(a, id, 40, event(1, LAMP, true, 4000, 10)); // the raise redelivered after the clear
      expect(await b.repo.listEvents(id, 10)).toHaveLength(2);
      expect(await alarms(b, id, 'lamp_failure')).toEqual([
        expect.objectContaining({ id: open!.id, state: 'cleared', clearedAt: 4100_000, acknowledgedBy: 'alice' }),
      ]);
      const dups = a.fleet.metrics.duplicates + b.fleet.metrics.duplicates;
      expect(dups).toBeGreaterThanOrEqual(3);
    });

    it('never moves lastUplinkSeq back, whatever the order, and a Hello handled late moves nothing back', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      const order = [7, 3, 9, 2, 8, 4, 6, 5, 10];
      let max = 1;
      for (const [k, seq] of order.entries()) {
        await deliver(k % 2 ? a : b, id, seq, seq % 3 === 0 ? event(seq, LAMP, seq % 2 === 1, 5000 + seq) : state(seq));
        max = Math.max(max, seq);
        expect((await device(k % 2 ? b : a, id))?.lastUplinkSeq, `after seq ${seq}`).toBe(max);
      }
      // Concurrently on both instances: still the highest.
      await Promise.all([deliver(a, id, 12, state(12)), deliver(b, id, 11, state(11))]);
      expect((await device(a, id))?.lastUplinkSeq).toBe(12);
      // A reconnection: its Hello (seq 13) is handled after the report that followed it (seq 14).
      await deliver(b, id, 14, state(14, { configVersion: 2 }));
      await deliver(a, id, 13, hello(1, { configVersion: 1, firmwareVersion: '1.1.0' }));
      const d = await device(b, id);
      expect(d).toMatchObject({ lastUplinkSeq: 14, level: 14, configVersion: 2, firmwareVersion: '1.1.0' });
      // Redelivered now, seq 14 is not taken again (it would be, with lastUplinkSeq set back to 13).
      const before = (await b.repo.listStates(id, 100)).length;
      await deliver(b, id, 14, state(14, { configVersion: 2 }));
      expect((await b.repo.listStates(id, 100)).length).toBe(before);
    });

    it('never lets an older report overwrite a newer one', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      // A reconnection's Hello handled after the report that followed it: the report's versions stay.
      await deliver(b, id, 51, state(30, { configVersion: 2, overrideId: 7, plan: { id: 4, version: 2 } }));
      await deliver(a, id, 50, hello(1, { configVersion: 1, overrideId: 0, plan: { id: 4, version: 1 } }));
      expect(await device(a, id)).toMatchObject({ configVersion: 2, overrideId: 7, planId: 4, planVersion: 2 });
      await deliver(b, id, 61, state(31, { overrideId: 7 }));
      await deliver(a, id, 60, state(80, { overrideId: 0 }));
      expect(await device(a, id)).toMatchObject({ level: 31, overrideId: 7, lastUplinkSeq: 61 });
      expect((await a.repo.listStates(id, 10)).map((s) => s.level)).toEqual([31, 30]);
      // Many pairs at the same moment on both instances: the newer report always wins.
      for (let k = 0; k < 10; k++) {
        const seq = 100 + 2 * k;
        await Promise.all([deliver(a, id, seq, state(k)), deliver(b, id, seq + 1, state(50 + k))]);
        expect((await device(b, id))?.level, `pair ${k}`).toBe(50 + k);
      }
      // The report of the previous boot handled after the new boot's Hello: the Hello's versions stay.
      await deliver(a, id, 513, hello(2, { configVersion: 3 }));
      await deliver(b, id, 300, state(99, { configVersion: 2 }));
      expect(await device(a, id)).toMatchObject({ configVersion: 3, bootCount: 2, level: 59, lastUplinkSeq: 513 });
    });

    it('starts a new seq epoch when the device counter restarts (wiped flash), and keys its events by it', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      await deliver(a, id, 3, event(1, LAMP, true, 6000));
      await deliver(b, id, 257, hello(2));
      await deliver(b, id, 700, state(40));
      // Wiped: boot 1, seq 1 again. Its frames are new, not duplicates.
      await deliver(a, id, 1, hello(1, { firmwareVersion: '2.0.0' }));
      await deliver(b, id, 2, state(20));
      await deliver(a, id, 3, event(1, LAMP, false, 6600));
      expect(await device(b, id)).toMatchObject({ lastUplinkSeq: 3, level: 20, firmwareVersion: '2.0.0', bootCount: 1 });
      expect(await events(a, id)).toEqual([{ eventSeq: 1, type: LAMP, active: true }, { eventSeq: 1, type: LAMP, active: false }]);
      expect(await alarms(a, id, 'lamp_failure')).toEqual([expect.objectContaining({ state: 'cleared', clearedAt: 6600_000 })]);
      // The wipe's Hello redelivered: not another restart.
      await deliver(b, id, 1, hello(1, { firmwareVersion: '2.0.0' }));
      await deliver(b, id, 3, event(1, LAMP, false, 6600));
      expect((await device(b, id))?.lastUplinkSeq).toBe(3);
      expect(await a.repo.listEvents(id, 10)).toHaveLength(2);
    });

    it('refuses a frame whose seq is implausibly far ahead (2^32−1): counted, nothing adopted; later reports apply, also after a reboot and a wiped flash', async () => {
      const id = uniqueId('sl');
      await deliver(a, id, 1, hello(1));
      await deliver(a, id, 2, state(40));
      const rejected = () => (a.fleet.metrics.framesRejected.get('implausible_seq') ?? 0) + (b.fleet.metrics.framesRejected.get('implausible_seq') ?? 0);
      await deliver(b, id, 2 ** 32 - 1, state(0, { configVersion: 9 }));
      await deliver(a, id, 2 ** 32 - 2, event(1, LAMP, true, 8000));
      await deliver(b, id, 2 ** 32 - 3, hello(1, { firmwareVersion: '6.6.6' }));
      expect(rejected()).toBe(3);
      expect(await device(a, id)).toMatchObject({ lastUplinkSeq: 2, level: 40, configVersion: 0, firmwareVersion: '1.0.0' });
      expect(await events(a, id)).toEqual([]);
      await deliver(b, id, 3, state(50));
      expect(await device(a, id)).toMatchObject({ lastUplinkSeq: 3, level: 50 });
      // A real reboot (the next block of seqs), then a wiped flash (seqs from 1 again): reports apply.
      await deliver(a, id, 257, hello(2));
      await deliver(b, id, 258, state(60));
      expect(await device(a, id)).toMatchObject({ lastUplinkSeq: 258, level: 60, bootCount: 2 });
      await deliver(a, id, 1, hello(1));
      await deliver(b, id, 2, state(70));
      expect(await device(b, id)).toMatchObject({ lastUplinkSeq: 2, level: 70, bootCount: 1 });
      // A real jump well within the bound (a board that sent 1,000 frames the server never got) is taken.
      await deliver(a, id, 1_002, state(80));
      expect(await device(b, id)).toMatchObject({ lastUplinkSeq: 1_002, level: 80 });
      expect(rejected()).toBe(3);
    });

    it('a device first seen through a frame far ahead is put right by its next real Hello', async () => {
      // Nothing to compare a first frame with (a device seen for the first time may have run for years), so
      // it is taken; a real Hello far below it then starts a new seq epoch, as a wiped counter does.
      const id = uniqueId('sl');
      await deliver(a, id, 2 ** 32 - 1, state(0, { configVersion: 9 }));
      await deliver(b, id, 5_000, hello(7, { configVersion: 2 }));
      await deliver(a, id, 5_001, state(33, { configVersion: 2 }));
      expect(await device(b, id)).toMatchObject({ lastUplinkSeq: 5_001, level: 33, configVersion: 2, bootCount: 7 });
    });

    it('describes the same alarm occurrences whatever order the events of a fault arrive in', async () => {
      // One fault type of one device: raises and clears at uplink seqs 10..19 (a lone clear at 15 included).
      const seq = [true, true, false, true, false, false, true, true, false, true].map((active, k) => ({ uplinkSeq: 10 + k, active }));
      const deliverAll = async (order: typeof seq, deviceId: string) => {
        for (const [k, e] of order.entries()) {
          const ev = { eventSeq: e.uplinkSeq, uplinkSeq: e.uplinkSeq, type: LAMP, active: e.active, time: 7000 + e.uplinkSeq, value: e.active ? e.uplinkSeq * 100 : 0, detail: '' };
          await (k % 2 ? a : b).alarms.onEvent({ id: deviceId, tenantId: TENANT }, ev, clock.ms);
        }
        return (await alarms(a, deviceId, 'lamp_failure'))
          .map((x) => ({ state: x.state, raisedAt: x.raisedAt, clearedAt: x.clearedAt, value: x.value, lastEventAt: x.lastEventAt }))
          .sort((x, y) => x.raisedAt - y.raisedAt);
      };
      const inOrder = await deliverAll(seq, uniqueId('po'));
      expect(inOrder).toEqual([
        { state: 'cleared', raisedAt: 7010_000, clearedAt: 7012_000, value: 1100, lastEventAt: 7012_000 },
        { state: 'cleared', raisedAt: 7013_000, clearedAt: 7014_000, value: 1300, lastEventAt: 7014_000 },
        { state: 'cleared', raisedAt: 7016_000, clearedAt: 7018_000, value: 1700, lastEventAt: 7018_000 },
        { state: 'open', raisedAt: 7019_000, clearedAt: null, value: 1900, lastEventAt: 7019_000 },
      ]);
      // Reversed, and shuffled (a fixed-seed generator, so a failure names a reproducible order).
      let r = 12345;
      const rand = () => ((r = (r * 1103515245 + 12345) % 2147483648) / 2147483648);
      const orders = [[...seq].reverse()];
      for (let k = 0; k < 24; k++) {
        const o = [...seq];
        for (let i = o.length - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); [o[i], o[j]] = [o[j]!, o[i]!]; }
        orders.push(o);
      }
      for (const o of orders) {
        expect(await deliverAll(o, uniqueId('po')), o.map((e) => `${e.active ? 'R' : 'C'}${e.uplinkSeq}`).join(' ')).toEqual(inOrder);
      }
    });
  });
}

const dir = tempDir();
orderSuite('SQLite', () => ({ dataDir: dir }), async () => undefined);
const schema = uniqueSchema();
orderSuite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
