/**
 * Issue 14, "nothing dropped across a broker restart": a Hello is answered when a TimeSync naming its seq arrives
 * (the server sends one for every Hello it handles). A board whose Hello gets no answer — it reached the broker
 * before the server had subscribed again — sends it again after HELLO_RETRY_MIN_MS doubling to HELLO_RETRY_MAX_MS,
 * with jitter (a delay in [d/2, d]), until one is answered; the back-off starts again at each connection. The real
 * firmware on a simulated board, a real broker (embedded aedes) and a protocol peer in the server's place; every
 * scenario runs on Node, inside XS and on the device-conditions host.
 *
 * Intervals are read from the Hellos themselves: `uptime_s` is the board's own clock when it sent each one.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HELLO_RETRY_MAX_MS, HELLO_RETRY_MIN_MS, startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { ReportReason } from '@streetlight/protocol/lean';
import type { Uplink } from '@streetlight/protocol';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const RUNTIMES: FirmwareRuntime[] = ['node', 'xs', 'device'];
let runtime: FirmwareRuntime = 'node';
let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
const boards: SimBoard[] = [];

beforeEach(async () => {
  broker = await startTestBroker();
  clock = new VirtualClock({ start: Date.parse('2026-11-23T20:00:00Z') });
  tenant = `t${randomUUID().slice(0, 8)}`;
  peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
  startDeviceScenario();
});

afterEach(async () => {
  try {
    if (runtime === 'device') endDeviceScenario(boards);
  } finally {
    for (const b of boards.splice(0)) b.dispose();
    await peer.close();
    await broker.close();
  }
});

function makeBoard(): { board: SimBoard; fw: () => Firmware } {
  const board = new SimBoard({
    clock, deviceId: `SRL-H-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port },
    position: { lat: 44.8897, lon: 1.2166 },
    runtime,
    ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
  });
  boards.push(peer.watch(board));
  return { board, fw: () => board.firmware as unknown as Firmware };
}

const hellos = (b: SimBoard): Uplink[] => peer.of(b.deviceId).filter((u) => u.hello);
const bootReports = (b: SimBoard): Uplink[] => peer.of(b.deviceId).filter((u) => u.state?.reason === ReportReason.REPORT_REASON_BOOT);
/** Seconds between consecutive Hellos, by the board's own uptime in them. */
const intervals = (hs: readonly Uplink[]): number[] => hs.slice(1).map((h, i) => (h.hello?.uptimeS ?? 0) - (hs[i]?.hello?.uptimeS ?? 0));
const lastSeqSeen = (b: SimBoard): number => Math.max(0, ...peer.of(b.deviceId).map((u) => u.seq ?? 0));
const lastSeqSent = (b: SimBoard): number => (b.firmware as unknown as Firmware).status().seq;
const inFlight = (): SimBoard[] => boards.filter((b) => b.state === 'on' && lastSeqSent(b) > lastSeqSeen(b));
const sentSoFar = (): number => boards.reduce((n, b) => n + (b.state === 'on' ? lastSeqSent(b) : 0), 0);
/**
 * Runs virtual time until the board has sent `n` Hellos, stopping it whenever any board sent a frame until the frame
 * arrived: the network takes real time, and a repeat due a few virtual seconds later must not go out before the test
 * has seen (and perhaps answered) the Hello before it.
 */
async function waitHellos(b: SimBoard, n: number): Promise<void> {
  for (;;) {
    await clock.waitFor(() => inFlight().length === 0, { describe: () => `uplinks of ${inFlight().map((x) => x.deviceId).join(', ')}` });
    if (hellos(b).length >= n) return;
    const sent = sentSoFar();
    await clock.runUntil(() => sentSoFar() !== sent, { timeoutMs: 3_600_000, describe: () => `${hellos(b).length} Hello(s)` });
  }
}
/** The k-th repeat's delay bounds in seconds (k = 0 first), as the firmware draws it, ±1 s for `uptime_s`'s rounding. */
const bounds = (k: number): [number, number] => {
  const d = Math.min(HELLO_RETRY_MIN_MS * 2 ** k, HELLO_RETRY_MAX_MS) / 1000;
  return [d / 2 - 1, d + 1];
};
/**
 * Returns once the board took every downlink sent to it so far and everything it sent has reached the peer: the
 * answer to a request sent now (one connection each way, in order). Virtual time stands still meanwhile.
 */
async function barrier(b: SimBoard): Promise<void> {
  const seq = await peer.send(b.deviceId, { command: { requestReport: true } });
  await clock.waitFor(() => peer.of(b.deviceId).some((u) => u.ack?.downlinkSeq === seq), { describe: () => `the ack of ${seq}` });
}
function expectStrictlyIncreasingSeqs(b: SimBoard): void {
  const seqs = peer.of(b.deviceId).map((u) => u.seq ?? 0);
  for (let i = 1; i < seqs.length; i++) expect(seqs[i], `uplink ${i}`).toBeGreaterThan(seqs[i - 1] as number);
}

describe.each(RUNTIMES)('Hello retry on %s', (r) => {
  beforeEach(() => { runtime = r; });

  it('repeats a Hello that gets no answer, each time later (doubling with jitter up to the maximum); uplink seqs keep increasing', async () => {
    const { board } = makeBoard();
    board.powerOn();
    // 15 + 30 + 60 + 120 + 240 s at most, then three at the 300 s ceiling.
    await waitHellos(board, 9);
    const hs = hellos(board).slice(0, 9);
    const gaps = intervals(hs);
    gaps.forEach((gap, k) => {
      const [lo, hi] = bounds(k);
      expect(gap, `repeat ${k + 1}: ${gaps.join(', ')} s`).toBeGreaterThanOrEqual(lo);
      expect(gap, `repeat ${k + 1}: ${gaps.join(', ')} s`).toBeLessThanOrEqual(hi);
    });
    // Growing: each delay is drawn from [d, 2d] after one from [d/2, d], until the ceiling, then from its [max/2, max].
    const ceiling = gaps.findIndex((_, k) => HELLO_RETRY_MIN_MS * 2 ** k >= HELLO_RETRY_MAX_MS);
    expect(ceiling).toBeGreaterThan(2);
    for (let k = 1; k < ceiling; k++) expect(gaps[k], `${gaps.join(', ')} s`).toBeGreaterThanOrEqual((gaps[k - 1] as number) - 1);
    expect(gaps.slice(ceiling).every((g) => g >= HELLO_RETRY_MAX_MS / 2000 - 1), `${gaps.join(', ')} s`).toBe(true);
    // A repeat is the Hello alone, with the same content (its uptime aside).
    expect(bootReports(board)).toHaveLength(1);
    for (const h of hs) expect({ ...h.hello, uptimeS: 0 }).toEqual({ ...hs[0]?.hello, uptimeS: 0 });
    expectStrictlyIncreasingSeqs(board);
  });

  it('does not repeat an answered Hello; a TimeSync for another frame, or without the board\'s MAC, is no answer', async () => {
    const { board, fw } = makeBoard();
    board.powerOn();
    await waitHellos(board, 1);
    const hello = hellos(board)[0] as Uplink;
    const state = bootReports(board)[0] as Uplink;
    // Not answers: a TimeSync naming the state report, and a forged one naming the Hello (no MAC of its key).
    await peer.send(board.deviceId, { timeSync: { uplinkSeq: state.seq ?? 0 } });
    await peer.sendUnsealed(board.deviceId, { timeSync: { uplinkSeq: hello.seq ?? 0 } });
    await clock.waitFor(() => fw().status().rejectedDownlinks >= 1);
    await waitHellos(board, 2);
    const answered = hellos(board)[1] as Uplink;
    await peer.send(board.deviceId, { timeSync: { uplinkSeq: answered.seq ?? 0 } });
    await barrier(board); // the answer was taken (downlinks arrive in order)
    clock.advance(10 * 60_000); // long enough for five more repeats had it not been answered
    await barrier(board);
    expect(hellos(board)).toHaveLength(2);
    expectStrictlyIncreasingSeqs(board);
  });

  it('an answer to a repeat sends the state report again (the first Hello\'s did not reach the server either); an answer to the first does not', async () => {
    const { board } = makeBoard();
    const other = makeBoard().board;
    board.powerOn();
    other.powerOn();
    await waitHellos(other, 1);
    await peer.send(other.deviceId, { timeSync: { uplinkSeq: hellos(other)[0]?.seq ?? 0 } });
    await barrier(other);
    await waitHellos(board, 3);
    const third = hellos(board)[2] as Uplink;
    await peer.send(board.deviceId, { timeSync: { uplinkSeq: third.seq ?? 0 } });
    await barrier(board);
    const again = bootReports(board)[1] as Uplink;
    expect(again.seq).toBeGreaterThan(third.seq ?? 0);
    clock.advance(5 * 60_000);
    await barrier(board);
    await barrier(other);
    expect(hellos(board)).toHaveLength(3);
    expect(bootReports(board)).toHaveLength(2);
    // The board answered at once: one Hello, one boot report.
    expect(hellos(other)).toHaveLength(1);
    expect(bootReports(other)).toHaveLength(1);
    expectStrictlyIncreasingSeqs(board);
  });

  it('starts the back-off again at every connection', async () => {
    const { board, fw } = makeBoard();
    board.powerOn();
    await waitHellos(board, 6); // the back-off is at its ceiling: the next repeat would come 150–300 s later
    board.link.down();
    await clock.runUntil(() => !fw().status().connected, { timeoutMs: 60_000 });
    clock.advance(30_000);
    const before = hellos(board).length;
    board.link.up();
    await waitHellos(board, before + 2);
    const [first, repeat] = hellos(board).slice(before);
    const gap = (repeat?.hello?.uptimeS ?? 0) - (first?.hello?.uptimeS ?? 0);
    const [lo, hi] = bounds(0);
    expect(gap).toBeGreaterThanOrEqual(lo);
    expect(gap).toBeLessThanOrEqual(hi);
    expect(bootReports(board)).toHaveLength(2); // one per connection
    expectStrictlyIncreasingSeqs(board);
  });
});
