/**
 * Trace equivalence: the same board scenario run once with the firmware on Node and once with its bundle in the
 * real XS engine must produce exactly the same PWM writes (virtual time, value) and exactly the same uplink
 * frames (bytes). Two scenarios:
 * - commissioning, a full November night with a plan, an override, a network drop and the reconnection;
 * - a metered board (HLW8012 over PulseCount, BL0940 over Serial) through a night with its energy records
 *   acknowledged as the server does, and a power cut in the middle of a meter-log write (RTC lost: the board
 *   gets its time back from the peer): identical energy records, totals and events.
 * Anything that could legitimately differ is injected identically: virtual time from one start instant, the
 * board's seeded `system.random()` and metering-chip noise (same device id, same boot count), the peer's
 * downlink sequence numbers and times. Network traffic happens while virtual time is frozen (`waitFor`), so
 * real-time latencies cannot shift a virtual timestamp.
 */
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { AckStatus, Anchor, ClockStatus, decodeUplink, type Plan } from '@streetlight/protocol/lean';
import { channelFilter, decodeUplinkFrame, parseDeviceTopic } from '@streetlight/protocol';
import { ProtocolPeer } from '../lib/protocol-peer.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const at = (iso: string): number => Date.parse(iso);
const DEVICE = 'SRL-EQ-001';

const PLAN: Plan = {
  id: 21, version: 3, defaultProgramId: 1,
  programs: [{ id: 1, steps: [
    { anchor: Anchor.ANCHOR_SUNSET, level: 100, fadeS: 3 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 22 * 60 + 30, level: 60, fadeS: 20 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 60, level: 0, fadeS: 10 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 5 * 60 + 30, level: 40, fadeS: 10 },
    { anchor: Anchor.ANCHOR_SUNRISE, offsetMin: 15, level: 0, fadeS: 5 },
  ] }],
};
const CONFIG = {
  version: 2, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', stateIntervalS: 600,
  latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
};

interface Trace {
  pwm: [number, number][];
  uplinks: string[];
  bootCount: number;
}

let broker: TestBroker;
beforeAll(async () => { broker = await startTestBroker(); });
afterAll(async () => { await broker.close(); });

/** Runs the night on one runtime; returns the PWM writes and the raw uplink frames (hex), in order. */
async function night(runtime: FirmwareRuntime): Promise<Trace> {
  const clock = new VirtualClock({ start: at('2026-11-23T15:00:00Z') }); // 16:00 in Sarlat, before sunset
  const tenant = `eq${randomUUID().slice(0, 8)}`;
  const url = `mqtt://${broker.host}:${broker.port}`;
  const peer = await ProtocolPeer.connect(url, tenant, () => clock.now());
  // The raw frames as the broker delivers them (the peer keeps only decoded messages).
  const recorder = await mqtt.connectAsync(url, { clean: true, reconnectPeriod: 0, protocolVersion: 4 });
  const frames: Uint8Array[] = [];
  recorder.on('message', (_topic, payload) => frames.push(new Uint8Array(payload)));
  await recorder.subscribeAsync(channelFilter('up', tenant), { qos: 1 });

  const board = new SimBoard({
    clock, deviceId: DEVICE, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
    runtime, ...(runtime === 'node' ? { firmware: startFirmware } : {}), traceLimit: 100_000,
  });
  const fw = (): Firmware => board.firmware as unknown as Firmware;
  const lastSeq = (): number => {
    const last = frames.at(-1);
    return last ? (decodeUplink(last).seq ?? 0) : 0;
  };
  /** Every frame the firmware has published so far has reached the recorder (virtual time frozen). */
  const delivered = (): Promise<void> => clock.waitFor(() => lastSeq() === fw().status().seq);
  const acked = (seq: number): Promise<void> =>
    clock.waitFor(() => peer.of(DEVICE).some((u) => u.ack?.downlinkSeq === seq && u.ack.status === AckStatus.ACK_STATUS_OK));
  /** The server's answer to the last Hello (a TimeSync naming it), taken before virtual time moves: else it is repeated (issue 14). */
  const answerHello = async (): Promise<void> => {
    await peer.send(DEVICE, { timeSync: { uplinkSeq: peer.of(DEVICE).filter((u) => u.hello).at(-1)?.seq ?? 0 } });
    await clock.waitFor(() => !fw().status().helloPending);
  };
  const advanceTo = async (t: number): Promise<void> => {
    while (clock.now() < t) {
      clock.advance(Math.min(60_000, t - clock.now()));
      await new Promise<void>((resolve) => setImmediate(resolve)); // failed attempts of a down link report here
    }
  };

  try {
    board.powerOn();
    await clock.waitFor(() => board.online && fw().status().seq >= 2); // Hello + boot report
    await delivered();
    await answerHello();
    await acked(await peer.send(DEVICE, { config: CONFIG }));
    await acked(await peer.send(DEVICE, { plan: { plan: PLAN } }));
    await delivered();

    await advanceTo(at('2026-11-23T18:00:00Z')); // sunset and its fade to 100 %
    await delivered();
    const expiresAt = Math.floor(at('2026-11-23T19:00:00Z') / 1000);
    await acked(await peer.send(DEVICE, { command: { setOverride: { id: 7, level: 25, expiresAt, fadeS: 4 } } }));
    await advanceTo(at('2026-11-23T19:30:00Z')); // the override runs out: back to the plan
    await delivered();

    board.link.down(); // the network goes at 20:30 CET
    await clock.waitFor(() => !board.online && !fw().status().connected);
    await advanceTo(at('2026-11-24T03:00:00Z')); // 22:30 step, off at 01:00, attempts failing with back-off
    board.link.up();
    const attempts = board.link.attempts;
    while (board.link.attempts === attempts) {
      clock.advance(1_000);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await clock.waitFor(() => board.online && fw().status().connected);
    await clock.waitFor(() => peer.of(DEVICE).filter((u) => u.hello).length === 2); // Hello again
    await delivered();
    await answerHello();
    await advanceTo(at('2026-11-24T09:00:00Z')); // 06:30 step at 40 %, then off after sunrise
    await delivered();

    return {
      pwm: board.pwmTrace.map((w) => [w.t, w.value]),
      uplinks: frames.map((f) => Buffer.from(f).toString('hex')),
      bootCount: board.bootCount,
    };
  } finally {
    board.dispose();
    await recorder.endAsync(true);
    await peer.close();
  }
}

describe('trace equivalence of the Node, XS and device-conditions hosts', () => {
  it('a night with a plan, an override and a network drop gives identical PWM writes and uplink frames', async () => {
    const node = await night('node');
    const xs = await night('xs');
    const device = await night('device');

    // The scenario did what it says (so that equality is not the equality of two empty traces).
    expect(node.bootCount).toBe(1);
    const values = new Set(node.pwm.map(([, v]) => v));
    for (const level of [0, 100, 60, 40, 25]) expect(values.has(Math.round((level / 100) * 1023))).toBe(true);
    expect(node.pwm.length).toBeGreaterThan(500); // fades are stepped at 20 Hz
    const kinds = node.uplinks.map((hex) => Object.keys(decodeUplink(Buffer.from(hex, 'hex'))).filter((k) => ['hello', 'state', 'ack', 'event'].includes(k)).join());
    expect(kinds.filter((k) => k === 'hello')).toHaveLength(2); // boot, and after the network came back
    expect(kinds.filter((k) => k === 'ack')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'state').length).toBeGreaterThan(10);

    expect(xs.pwm).toEqual(node.pwm);
    expect(xs.uplinks).toEqual(node.uplinks);
    expect(xs.bootCount).toBe(node.bootCount);
    // Preloaded in the device's heap, with the SDK's native HMAC: the same writes and the same bytes.
    expect(device.pwm).toEqual(node.pwm);
    expect(device.uplinks).toEqual(node.uplinks);
    expect(device.bootCount).toBe(node.bootCount);
  });
});

/** Runs a metered night on one runtime; returns the PWM writes and the raw uplink frames (hex), in order. */
async function meteredNight(runtime: FirmwareRuntime, chip: 'hlw8012' | 'bl0940'): Promise<Trace & { offAt: number }> {
  const clock = new VirtualClock({ start: at('2026-11-23T15:30:00Z') }); // 16:30 in Sarlat, before sunset
  const tenant = `eqm${randomUUID().slice(0, 8)}`;
  const device = `SRL-EQM-${chip}`;
  const peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
  // The peer's client sees every frame (raw bytes kept in order) and plays the server: time for a Hello, an
  // EnergyAck of the highest contiguous seq for every EnergyReport, sent as the frame arrives.
  const frames: Uint8Array[] = [];
  const stored = new Set<number>();
  let ackSent = 0;
  let syncSent = 0;
  peer.client.on('message', (topic, payload) => {
    const t = parseDeviceTopic(topic);
    if (!t || t.channel !== 'up' || t.deviceId !== device) return;
    frames.push(new Uint8Array(payload));
    const d = decodeUplinkFrame(new Uint8Array(payload), device);
    if (!d.ok) return;
    if (d.message.hello) {
      syncSent++;
      peer.send(device, { timeSync: { uplinkSeq: d.message.seq ?? 0 } }).catch(() => undefined);
    }
    for (const r of d.message.energy?.records ?? []) stored.add(Number(r.seq ?? 0));
    if (d.message.energy) {
      let acked = ackSent;
      while (stored.has(acked + 1)) acked++;
      ackSent = acked;
      peer.send(device, { energyAck: { ackedSeq: acked } }).catch(() => undefined);
    }
  });

  const board = new SimBoard({
    clock, deviceId: device, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT, meter: chip,
    runtime, ...(runtime === 'node' ? { firmware: startFirmware } : {}), traceLimit: 100_000,
  });
  const fw = (): Firmware => board.firmware as unknown as Firmware;
  const lastSeq = (): number => {
    const last = frames.at(-1);
    return last ? (decodeUplink(last).seq ?? 0) : 0;
  };
  let syncSeen = 0;
  /**
   * The network is quiet: every frame the firmware published has reached the peer, every EnergyAck the peer
   * sent has been applied, and the time the peer sent after a Hello has set the clock. Virtual time is frozen
   * meanwhile, so both runs see every message at the same virtual instant.
   */
  const settle = async (): Promise<void> => {
    if (board.state !== 'on') return;
    await clock.waitFor(() => {
      const st = fw().status();
      if (lastSeq() !== st.seq || (st.energy?.ackedSeq ?? 0) !== ackSent) return false;
      if (syncSeen < syncSent && st.clock !== ClockStatus.CLOCK_STATUS_SYNCED) return false;
      syncSeen = syncSent;
      return true;
    }, { timeoutMs: 10_000 });
  };
  /** Advances in 10 s steps (the metering poll), settling the network after each. */
  const runTo = async (t: number, until?: () => boolean): Promise<void> => {
    while (clock.now() < t && !until?.()) {
      clock.advance(Math.min(10_000, t - clock.now()));
      await settle();
    }
  };
  const online = async (): Promise<void> => {
    await clock.waitFor(() => board.online && fw().status().connected && frames.some((f) => decodeUplink(f).hello !== undefined && (decodeUplink(f).hello?.bootCount ?? 0) === board.bootCount));
    await settle();
  };

  try {
    board.powerOn();
    await online();
    await peer.send(device, { config: { ...CONFIG, nominalPowerW: 36 } });
    await clock.waitFor(() => fw().status().configVersion === CONFIG.version);
    await peer.send(device, { plan: { plan: PLAN } });
    await clock.waitFor(() => fw().status().planId === PLAN.id);
    await settle();

    await runTo(at('2026-11-23T22:40:00Z'));
    // The next meter-log write is torn: the board dies 20 bytes into it (at the 22:45 record at the latest).
    board.metering.meterlog.cutDuringNextWrite(20);
    await runTo(at('2026-11-23T23:00:00Z'), () => board.state === 'off');
    expect(board.state).toBe('off');
    const offAt = clock.now();
    clock.advance(20 * 60_000); // off for 20 minutes
    board.powerOn();
    await online();
    await runTo(at('2026-11-24T08:00:00Z')); // off at 01:00, 40 % at 06:30, off after sunrise

    return {
      pwm: board.pwmTrace.map((w) => [w.t, w.value]),
      uplinks: frames.map((f) => Buffer.from(f).toString('hex')),
      bootCount: board.bootCount,
      offAt,
    };
  } finally {
    board.dispose();
    await peer.close();
  }
}

describe.each(['hlw8012', 'bl0940'] as const)('trace equivalence of a metered board (%s)', (chip) => {
  it('a night with energy records and a power cut during a meter-log write gives identical PWM writes and uplink frames', async () => {
    const node = await meteredNight('node', chip);
    const xs = await meteredNight('xs', chip);
    const device = await meteredNight('device', chip);

    // The scenario did what it says.
    expect(node.bootCount).toBe(2);
    const messages = node.uplinks.map((hex) => decodeUplink(Buffer.from(hex, 'hex')));
    const records = messages.flatMap((m) => m.energy?.records ?? []);
    const seqs = [...new Set(records.map((r) => r.seq ?? 0))].sort((a, b) => a - b);
    expect(seqs.length).toBeGreaterThan(50); // 15-minute records through the night
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // none lost to the torn write, none doubled
    expect(records.some((r) => Number(r.energyMwh ?? 0) > 5_000)).toBe(true); // lamp at full power: 9 Wh a quarter
    const totals = messages.flatMap((m) => (m.energy ? [Number(m.energy.energyTotalMwh ?? 0)] : []));
    for (let i = 1; i < totals.length; i++) expect(totals[i]!).toBeGreaterThanOrEqual(totals[i - 1]!);
    expect(messages.filter((m) => m.hello)).toHaveLength(2);

    expect(xs.offAt).toBe(node.offAt);
    expect(xs.bootCount).toBe(node.bootCount);
    expect(xs.pwm).toEqual(node.pwm);
    expect(xs.uplinks).toEqual(node.uplinks);
    expect(device.offAt).toBe(node.offAt);
    expect(device.bootCount).toBe(node.bootCount);
    expect(device.pwm).toEqual(node.pwm);
    expect(device.uplinks).toEqual(node.uplinks);
  });
});
