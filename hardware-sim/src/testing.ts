/** Test support: an embedded aedes broker on a free port (for board-level tests without a fleet server). */
import net from 'node:net';
import { resetDeviceLedger, type DeviceLedger } from './xs/bridge.js';
import { Aedes } from 'aedes';

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
