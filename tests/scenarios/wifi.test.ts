/**
 * The controller joins its Wi-Fi itself (issue 12, firmware/src/wifi.ts): it lights at once from what it holds,
 * before any network; it joins with the provisioned credentials, retries a lost or failed join with back-off, and
 * its MQTT link waits for an address. On Node and inside XS, with a simulated access point and a real broker.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { ProtocolPeer } from '../lib/protocol-peer.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const PWM_MAX = 1023;
const AP = { ssid: 'mairie-eclairage', password: 'correct horse battery staple' };
const RUNTIMES: FirmwareRuntime[] = ['node', 'xs'];

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
const boards: SimBoard[] = [];

beforeEach(async () => {
  broker = await startTestBroker();
  clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') }); // 21:00 in Sarlat
  tenant = `w${randomUUID().slice(0, 8)}`;
  peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
});

afterEach(async () => {
  for (const b of boards.splice(0)) b.dispose();
  await peer.close();
  await broker.close();
});

describe.each(RUNTIMES)('Wi-Fi joined by the firmware on %s', (runtime) => {
  const makeBoard = (extra: Partial<ConstructorParameters<typeof SimBoard>[0]> = {}): SimBoard => {
    const board = new SimBoard({
      clock, deviceId: `W-${runtime}-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port }, position: SARLAT,
      wifi: AP, runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}), ...extra,
    });
    boards.push(peer.watch(board));
    return board;
  };
  const hellos = (b: SimBoard): number => peer.of(b.deviceId).filter((u) => u.hello).length;
  const duty = (b: SimBoard): number => b.pwmTrace.at(-1)?.value ?? -1;

  it('lights at once with the access point down, joins when it comes up, then says Hello', async () => {
    const board = makeBoard();
    board.setWifi(false);
    board.powerOn();
    expect(duty(board)).toBe(PWM_MAX); // night, nothing configured: the safe level, before any network
    clock.advance(10 * 60_000);
    expect(board.online).toBe(false);
    expect(hellos(board)).toBe(0);
    // Back-off from 1 s doubling to 5 min: about ten joins in ten minutes, not one a second.
    expect(board.wifiJoins).toBeGreaterThanOrEqual(5);
    expect(board.wifiJoins).toBeLessThanOrEqual(12);
    board.setWifi(true);
    await clock.runUntil(() => hellos(board) >= 1, { timeoutMs: 6 * 60_000, describe: () => `joins ${board.wifiJoins}, station ${board.wifiConnected}` });
    expect(board.wifiConnected).toBe(true);
    expect(duty(board)).toBe(PWM_MAX);
  });

  it('loses MQTT with the access point and is back at once when the station has its address again', async () => {
    const board = makeBoard();
    board.powerOn();
    await clock.runUntil(() => hellos(board) >= 1, { timeoutMs: 60_000 });
    board.setWifi(false);
    await clock.runUntil(() => !board.online, { timeoutMs: 60_000 });
    const fw = (): Firmware => board.firmware as unknown as Firmware;
    expect(fw().status().connected).toBe(false);
    clock.advance(30_000);
    const before = hellos(board); // the peer answers no Hello: the board repeats them (issue 14)
    board.setWifi(true);
    // The station rejoins after its back-off (≤ 4 s here), and the link connects as soon as it has an address.
    await clock.runUntil(() => hellos(board) > before, { timeoutMs: 60_000, describe: () => `joins ${board.wifiJoins}, station ${board.wifiConnected}` });
    expect(fw().status().connected).toBe(true);
  });

  it('with wrong credentials never joins, keeps retrying with back-off, and the lamp does its job', async () => {
    const board = makeBoard({ wifiCredentials: { ssid: AP.ssid, password: 'wrong' } });
    board.powerOn();
    clock.advance(2 * 3_600_000);
    expect(board.online).toBe(false);
    expect(hellos(board)).toBe(0);
    expect(board.wifiJoins).toBeGreaterThanOrEqual(10);
    expect(board.wifiJoins).toBeLessThanOrEqual(40); // two hours at most every 5 min after the first minutes
    expect(duty(board)).toBe(PWM_MAX);
  });
});
