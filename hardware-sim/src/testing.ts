/** Test support: an embedded aedes broker on a free port (for board-level tests without a fleet server). */
import net from 'node:net';
import { resetDeviceLedger, type DeviceLedger } from './xs/bridge.js';
import { Aedes } from 'aedes';
import type { SimBoard } from './board.js';

export interface TestBroker {
  broker: Aedes;
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startTestBroker(): Promise<TestBroker> {
  const broker = await Aedes.createBroker();
  const server = net.createServer(broker.handle);
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    broker,
    host: '127.0.0.1',
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

export interface SettleOptions {
  /** A number that changes whenever traffic is handled (frames received, downlinks sent, …). */
  progress: () => number;
  /** Work to wait for on each round (e.g. the server's pending database writes). */
  idle?: () => Promise<void>;
  /** Real ms between rounds. Default 2. */
  pollMs?: number;
  /**
   * Consecutive rounds without progress that make the network quiet. Default 3: a frame crosses up to three
   * event-loop turns between two counted points (client socket, broker, receiving socket), and every round
   * lets at least one turn run, so a frame on its way shows up as progress within the window.
   */
  rounds?: number;
  /**
   * Real ms after which settle gives up and throws (traffic that never stops). Default 30,000: a loaded
   * machine gets the time it needs, a stuck one ends the wait.
   */
  maxMs?: number;
  /** Where the test stands (e.g. the virtual time), for the error when `maxMs` passes. */
  describe?: () => string;
}

/**
 * Waits in real time until the network is quiet: `progress()` unchanged and `idle()` settled for `rounds`
 * consecutive rounds; throws if `maxMs` passes first. For tests that move virtual time only once the
 * frames of the current instant have arrived (a loaded machine then slows the test down instead of making a
 * device miss a virtual deadline).
 */
export async function settleNetwork(o: SettleOptions): Promise<void> {
  const pollMs = o.pollMs ?? 2;
  const rounds = o.rounds ?? 3;
  const maxMs = o.maxMs ?? 30_000;
  const end = Date.now() + maxMs;
  let last = Number.NaN;
  let quiet = 0;
  for (;;) {
    // setImmediate first: the round includes an I/O poll phase even when the timer is already due.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, pollMs));
    await o.idle?.();
    const now = o.progress();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
    if (quiet >= rounds) return;
    if (Date.now() > end) throw new Error(`the network did not settle within ${maxMs} ms of real time${o.describe ? ` (${o.describe()})` : ''}`);
  }
}

/**
 * The device-conditions host's figures for one scenario (issue 12): what the firmware used on every `runtime:
 * 'device'` board since the last call, against the device heap; throws when nothing ran on that host. The heap
 * itself is enforced by XS there (fixed size: past it the engine aborts, an `XsAbortError` and a panic reboot on
 * the board, which the suites check); "peak in a delivery" is XS's own accounting of slots and chunk bytes in use
 * (garbage included, so it reaches the heap's size before each collection: not a margin).
 */
export function deviceScenarioReport(name: string): { ledger: DeviceLedger; line: string } {
  const ledger = resetDeviceLedger();
  if (ledger.deliveries === 0) throw new Error(`${name}: no delivery ran on the device-conditions host`);
  const pct = (n: number, of: number): string => `${Math.round((100 * n) / of)} %`;
  const line = `device host · ${name}: live ${ledger.liveSlots}/${ledger.heapSlots} slots (${pct(ledger.liveSlots, ledger.heapSlots)}), `
    + `${ledger.liveChunks}/${ledger.heapChunks} chunk bytes (${pct(ledger.liveChunks, ledger.heapChunks)}); peak in a delivery `
    + `${ledger.peakSlots} slots, ${ledger.peakChunks} chunk bytes; stack ${ledger.stackSlots}/${ledger.stackSize} slots; ${ledger.deliveries} deliveries, compute ${ledger.compute.toLocaleString('en')} `
    + `(max ${ledger.maxCompute.toLocaleString('en')} in '${ledger.maxComputeEvent}')`;
  return { ledger, line };
}

/** A frame on its way: when it left (real ms) and on which of its board's connections (`SimLink.connects`). */
interface InFlight { at: number; epoch: number }

interface Watched { board: SimBoard; up: InFlight[]; down: InFlight[] }

/**
 * Counts the frames between simulated boards and the other end of their MQTT link (a test's protocol peer), so
 * that virtual time waits for them: a board's uplink is in flight from the firmware's `write()` until the other
 * end says it `received` it; a downlink from the other end's `sent` until the board's firmware has read it.
 * `quiet()` is false while any frame is in flight on a connection that is still open (`clock.settled =
 * ledger.quiet` makes every `runUntil` wait for it). What a dropped connection or a power cut lost is not
 * awaited; a frame not seen at its other end within `lostAfterMs` of real time is counted in `lost` and no
 * longer awaited either (a downlink sent between CONNACK and SUBACK, which the broker drops).
 * Topics: `…/up` uplinks, `…/down` downlinks (protocol/README.md); presence and other topics are not counted.
 */
export class FrameLedger {
  readonly #boards = new Map<string, Watched>();
  /** Frames given up on (not seen at their other end within `lostAfterMs`). */
  lost = 0;

  constructor(readonly lostAfterMs = 15_000) {}

  /** Counts this board's frames (takes its link's `onPublish` and `onDeliver`) and makes its clock wait for them. */
  watch(board: SimBoard): void {
    const w: Watched = { board, up: [], down: [] };
    this.#boards.set(board.deviceId, w);
    board.link.onPublish = (topic) => { if (topic.endsWith('/up')) w.up.push({ at: Date.now(), epoch: board.link.connects }); };
    board.link.onDeliver = (topic) => { if (topic.endsWith('/down')) this.#land(w, w.down); };
    board.clock.settled = () => this.quiet();
  }

  /** The other end received an uplink of this device. */
  received(deviceId: string): void {
    const w = this.#boards.get(deviceId);
    if (w) this.#land(w, w.up);
  }

  /** The other end published a downlink to this device (awaited only if the board is connected now). */
  sent(deviceId: string): void {
    const w = this.#boards.get(deviceId);
    if (w && w.board.link.isUp && w.board.online) w.down.push({ at: Date.now(), epoch: w.board.link.connects });
  }

  /** Nothing in flight on any open connection of the watched boards. */
  quiet(): boolean {
    const now = Date.now();
    for (const w of this.#boards.values()) {
      if (!this.#settled(w, w.up, now) || !this.#settled(w, w.down, now)) return false;
    }
    return true;
  }

  /** Frames in flight, per device, for a failure message. */
  describe(): string {
    return [...this.#boards.values()].filter((w) => w.up.length + w.down.length > 0)
      .map((w) => `${w.board.deviceId}: ${w.up.length} up, ${w.down.length} down`).join('; ') || 'nothing in flight';
  }

  /** A frame landed: the oldest one of its connection in flight (earlier connections' frames were lost). */
  #land(w: Watched, q: InFlight[]): void {
    while (q.length > 0 && q[0]!.epoch !== w.board.link.connects) q.shift();
    q.shift();
  }

  #settled(w: Watched, q: InFlight[], now: number): boolean {
    while (q.length > 0) {
      const f = q[0]!;
      const open = f.epoch === w.board.link.connects && w.board.link.isUp && w.board.online;
      if (open && now - f.at < this.lostAfterMs) return false;
      if (open) this.lost++;
      q.shift();
    }
    return true;
  }
}
