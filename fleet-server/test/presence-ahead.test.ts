/**
 * Presence on demand, the server's part (devices/presence-ahead.ts): a pole's PresenceDetection raises the poles of its
 * street within the configured distance with an authenticated `Command.presence_ahead`; once the direction of travel
 * is known (a neighbour saw the passer-by just before), only the poles ahead. The device service without a network,
 * as device-service.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeUplink, uplinkTopic, type Downlink, type Uplink } from '@streetlight/protocol';
import { openSqlite, type Repository } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { DeviceIdentities } from '../src/devices/identity.js';
import { distanceM, PresenceAhead } from '../src/devices/presence-ahead.js';
import { DeviceService } from '../src/devices/service.js';
import { Metrics } from '../src/metrics.js';
import { provisionWith, type TestDevice } from '../src/testing.js';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const LAT = 44.8897;
/** 30 m along a street running east at Sarlat's latitude. */
const STEP_LON = 30 / (111_320 * Math.cos((LAT * Math.PI) / 180));

async function setup(distance: number) {
  const repo: Repository = openSqlite(':memory:');
  const sent: Array<{ deviceId: string; message: Downlink }> = [];
  const clock = { ms: Date.UTC(2026, 10, 23, 23, 0, 0) };
  const identities = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master: new Uint8Array(randomBytes(32)), now: () => clock.ms });
  const service = new DeviceService({
    repo, identities, metrics: new Metrics(), log: silent, now: () => clock.ms,
    send: async (_tenant, deviceId, message) => { if (!message.timeSync) sent.push({ deviceId, message }); },
  });
  const reads = { n: 0 };
  service.presenceAhead = new PresenceAhead({ distanceM: distance, inventory: (t) => { reads.n++; return repo.listInventory(t); }, now: () => clock.ms });
  // Rue A: poles A0..A5 every 30 m; rue B crosses near A2 (10 m away) but is another street.
  const rows = [
    ...Array.from({ length: 6 }, (_, i) => ({ deviceId: `A${i}`, lat: LAT, lon: 1.2166 + i * STEP_LON, group: 'rue-a', nominalPowerW: 36 })),
    { deviceId: 'B0', lat: LAT + 10 / 111_320, lon: 1.2166 + 2 * STEP_LON, group: 'rue-b', nominalPowerW: 36 },
  ];
  await service.commission('sarlat', rows);
  const devices = new Map<string, TestDevice>();
  let seq = 0;
  const uplink = async (deviceId: string, body: Partial<Uplink>) => {
    let d = devices.get(deviceId);
    if (!d) devices.set(deviceId, d = await provisionWith(identities, 'sarlat', deviceId));
    await service.handleMessage(uplinkTopic('sarlat', deviceId), d.seal(encodeUplink({ protocolVersion: 1, deviceId, seq: ++seq, time: Math.floor(clock.ms / 1000), ...body })));
  };
  for (const r of rows) await uplink(r.deviceId, { hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', bootCount: 1 } });
  await service.idle();
  sent.length = 0;
  const detect = async (deviceId: string) => {
    sent.length = 0;
    await uplink(deviceId, { detection: { detectedAt: Math.floor(clock.ms / 1000), raisedLevel: 80, holdS: 30 } });
    await service.idle();
    return sent.filter((s) => s.message.command?.presenceAhead).map((s) => s.deviceId);
  };
  return { clock, sent, detect, repo, reads, service };
}

describe('presence ahead', () => {
  it('distanceM: 30 m along the street', () => {
    expect(distanceM({ lat: LAT, lon: 1.2166 }, { lat: LAT, lon: 1.2166 + STEP_LON })).toBeCloseTo(30, 0);
  });

  it('a detection raises the poles of its street within the distance, nearest first, both ways when the direction is unknown', async () => {
    const t = await setup(70);
    const raised = await t.detect('A2');
    expect(raised.slice(0, 2).sort()).toEqual(['A1', 'A3']); // 30 m, then 60 m
    expect(raised.slice(2).sort()).toEqual(['A0', 'A4']);
    // Sent as commands with the detecting pole's hold, each with its own downlink seq (authenticated, acknowledged).
    const cmd = t.sent.find((s) => s.deviceId === 'A3')!.message;
    expect(cmd.command?.presenceAhead).toEqual({ holdS: 30 });
    expect(cmd.seq).toBeGreaterThan(0);
  });

  it('once a neighbour saw the passer-by just before, only the poles ahead are raised', async () => {
    const t = await setup(70);
    await t.detect('A1');
    t.clock.ms += 20_000; // a pedestrian, 30 m later
    expect((await t.detect('A2')).sort()).toEqual(['A3', 'A4']);
    t.clock.ms += 20_000;
    expect((await t.detect('A3')).sort()).toEqual(['A4', 'A5']);
    // The other way, long after: both ways again, then ahead towards A0.
    t.clock.ms += 10 * 60_000;
    expect((await t.detect('A2')).sort()).toEqual(['A0', 'A1', 'A3', 'A4']);
    t.clock.ms += 20_000;
    expect((await t.detect('A1')).sort()).toEqual(['A0']);
  });

  it('another street, a pole out of reach and a distance of 0 raise nothing', async () => {
    const t = await setup(0);
    expect(await t.detect('A2')).toEqual([]);
    const u = await setup(20);
    expect(await u.detect('A2')).toEqual([]); // the next pole is 30 m away; B0 (10 m) is on rue B
    expect(await u.detect('B0')).toEqual([]);
  });

  it("the town's inventory is read once per 30 s, not at each detection; a pole moved is followed after that", async () => {
    const t = await setup(70);
    await Promise.all([t.detect('A2'), t.detect('A3')]);
    t.clock.ms += 5_000;
    await t.detect('A4');
    expect(t.reads.n).toBe(1);
    // A5 moved next to A0 (the installer corrected its position): followed once the inventory is read again.
    await t.service.commission('sarlat', [{ deviceId: 'A5', lat: LAT, lon: 1.2166 - STEP_LON, group: 'rue-a', nominalPowerW: 36 }]);
    t.clock.ms += 10 * 60_000;
    expect((await t.detect('A0')).sort()).toEqual(['A1', 'A2', 'A5']);
    expect(t.reads.n).toBe(2);
  });
});
