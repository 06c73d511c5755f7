/**
 * Which downlinks may set a board clock that is already valid (firmware TIME_SYNC_MAX_RTT_MS): only a TimeSync
 * answering one of the board's recent uplinks promptly. Regression test for the week-long e2e run where a
 * frame delivered late set 50 boards 10 minutes back and every step then ran 10 minutes late. Runs with the
 * firmware on Node and inside the real XS engine.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, TIME_SYNC_MAX_RTT_MS, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { AckStatus } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let board: SimBoard;
let tenant: string;

beforeEach(async () => {
  broker = await startTestBroker();
  clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  tenant = `t${randomUUID().slice(0, 8)}`;
  peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
});

async function boot(runtime: FirmwareRuntime): Promise<void> {
  board = new SimBoard({
    clock, deviceId: 'SRL-TIME-1', tenant, mqtt: { host: broker.host, port: broker.port }, position: { lat: 44.89, lon: 1.22 },
    rtc: 'kept', runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
  });
  peer.watch(board);
  board.powerOn();
  await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000 });
}

afterEach(async () => {
  board.dispose();
  await peer.close();
  await broker.close();
});

const offsetS = (): number => Math.round((board.rtcNow() - clock.now()) / 1000);
const lastSeq = (): number => peer.of(board.deviceId).at(-1)?.seq ?? 0;

describe.each(['node', 'xs', 'device'] as const)('board clock on %s, once valid', (runtime) => {
  beforeEach(() => boot(runtime));

  it('ignores the stale time of a late command and of a TimeSync answering an old uplink', async () => {
    expect(offsetS()).toBe(0);
    const stale = Math.floor(clock.now() / 1000) - 600;
    const seq = await peer.send(board.deviceId, { command: { requestReport: true } }, stale);
    await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === seq && u.ack.status === AckStatus.ACK_STATUS_OK), { timeoutMs: 60_000 });
    expect(offsetS()).toBe(0);

    const answered = lastSeq();
    const until = clock.now() + TIME_SYNC_MAX_RTT_MS + 5_000;
    await clock.runUntil(() => clock.now() >= until, { stepMs: 1_000 });
    await peer.send(board.deviceId, { timeSync: { uplinkSeq: answered } }, Math.floor(clock.now() / 1000) - 600);
    const probe = await peer.send(board.deviceId, { command: { requestReport: true } }, Math.floor(clock.now() / 1000));
    await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === probe), { timeoutMs: 60_000 });
    expect(offsetS()).toBe(0);
  });

  it('takes the time of a TimeSync that answers its latest uplink promptly', async () => {
    // A fresh uplink (the ack of a report request), answered at once: virtual time does not move while the
    // frames travel (waitFor), so the round trip is well inside TIME_SYNC_MAX_RTT_MS whatever the machine load.
    const probe = await peer.send(board.deviceId, { command: { requestReport: true } });
    await clock.waitFor(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === probe));
    await peer.send(board.deviceId, { timeSync: { uplinkSeq: lastSeq() } }, Math.floor(clock.now() / 1000) + 30);
    await clock.waitFor(() => Math.abs(offsetS() - 30) <= 1);
  });
});
