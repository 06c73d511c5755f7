/**
 * One shard of the chaos month (energy-month.test.ts), run as a child process so that the boards of the
 * month use both cores: its own VirtualClock and a share of the boards (real firmware, metering chips, flash,
 * each board with its own MQTT connection to the test's Mosquitto), driven by the parent over IPC.
 *
 * The parent keeps every shard on the same virtual instant: it moves them in epochs of at most ACK_WAIT_MS,
 * all to the same end. A board that sends an EnergyReport waits ACK_TIMEOUT_MS (virtual) for its EnergyAck,
 * which takes real time (broker → server → SQLite → broker); so at the end of an epoch in which its boards sent
 * reports, a shard waits (real time, `settle`) until each of them still online has its ack, or for at most the
 * parent's budget (the board then times out and sends again, which the protocol is built for), and only then
 * says it reached the end of the epoch.
 * Chaos events (cabinet cuts, cuts in flash writes, link drops) are timers of the shard's clock, at the
 * instants the parent drew.
 */
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { decodeDownlink, decodeUplink } from '@streetlight/protocol/lean';
import { SimBoard, VirtualClock } from '@streetlight/hardware-sim';

/** A board of the shard; `identity`: its provisioned identity (NVS bytes, base64: device id, town, broker, keys). */
export interface ShardBoard { deviceId: string; identity: string; lat: number; lon: number; nominalW: number; chip: 'bl0940' | 'hlw8012' }

/** A chaos event of one board, at a virtual instant. */
export type ShardEvent =
  | { at: number; board: number; kind: 'off' | 'on' }
  /** A cut in the next metering-log write (`bytes` programmed), power back `backMs` after it fired. */
  | { at: number; board: number; kind: 'flash'; bytes: number; backMs: number }
  | { at: number; board: number; kind: 'drop'; lenMs: number };

export type ShardRequest =
  | { op: 'init'; start: number; boards: ShardBoard[]; ackWaitBudgetMs: number }
  | { op: 'events'; events: ShardEvent[] }
  /**
   * Runs the clock to `to`, then, if boards sent EnergyReports, waits (real time) for their acks before it
   * replies: the wait of one shard overlaps the other shards' work.
   */
  | { op: 'advance'; to: number }
  /** Whether a server is there to answer (after a kill, nobody is waiting for acks). */
  | { op: 'server'; up: boolean }
  | { op: 'allUp' }
  | { op: 'pending' }
  | { op: 'finish' };

export interface ShardResult { deviceId: string; truthWh: number; cuts: number; flashCuts: number }

export interface ShardReply {
  id: number;
  error?: string;
  /** advance: boards that waited for an ack, and the real ms spent waiting. */
  awaited?: number;
  waitedMs?: number;
  pending?: number;
  /** advance: the real-time budget of the wait ran out. */
  expired?: boolean;
  escapedPowerLoss?: number;
  results?: ShardResult[];
  /** finish: CPU time this shard used, s. */
  cpuS?: number;
}

interface Pole { board: SimBoard; cuts: number; flashCuts: number }

let clock: VirtualClock | undefined;
let poles: Pole[] = [];
let serverUp = true;
let budgetMs = 2000;
let escapedPowerLoss = 0;
const awaiting = new Map<string, number>(); // device → highest record seq sent, waiting for its EnergyAck
let wake: (() => void) | undefined;

const status = (b: SimBoard) => (b.firmware as unknown as Firmware | undefined)?.status();

function watch(board: SimBoard): void {
  const id = board.deviceId;
  board.link.onPublish = (_topic, payload) => {
    if (!serverUp) return; // nobody to answer: the board times out and sends again later
    let last: number | undefined;
    try { const r = decodeUplink(payload).energy?.records; last = r?.[r.length - 1]?.seq; } catch { return; }
    if (last) awaiting.set(id, last);
  };
  board.link.onDeliver = (_topic, payload) => {
    const want = awaiting.get(id);
    if (want === undefined) return;
    let acked = 0;
    try { acked = decodeDownlink(payload).energyAck?.ackedSeq ?? 0; } catch { return; }
    if (acked < want) return;
    awaiting.delete(id);
    if (awaiting.size === 0) wake?.();
  };
}

function schedule(c: VirtualClock, e: ShardEvent): void {
  const p = poles[e.board];
  if (!p) throw new Error(`no board ${e.board} in this shard`);
  const b = p.board;
  c.set(() => {
    if (e.kind === 'off') {
      // The cabinet cuts the supply (sometimes while still lit).
      if (b.state !== 'off') { b.powerOff(); p.cuts++; }
    } else if (e.kind === 'on') {
      if (b.state === 'off') b.powerOn();
    } else if (e.kind === 'flash') {
      if (b.state === 'off') return;
      b.metering.meterlog.cutDuringNextWrite(e.bytes);
      p.flashCuts++;
      p.cuts++;
      const check = (): void => {
        if (b.state === 'off') c.set(() => b.powerOn(), e.backMs);
        else if (b.metering.meterlog.cutArmed) c.set(check, 60_000);
      };
      c.set(check, 60_000);
    } else if (e.kind === 'drop') {
      b.link.down();
      c.set(() => b.link.up(), e.lenMs);
    }
  }, e.at - c.now());
}

function advance(c: VirtualClock, to: number): void {
  while (c.now() < to) {
    try {
      c.advanceTo(to);
    } catch (err) {
      // An armed cut fired inside a flash write reached from a callback the board does not guard (the board is
      // already off: SimMetering powers it down before throwing). Count it and go on.
      if ((err as Error).name !== 'PowerLossError') throw err;
      escapedPowerLoss++;
    }
  }
}

async function settle(): Promise<boolean> {
  for (const p of poles) if (!p.board.online) awaiting.delete(p.board.deviceId);
  if (awaiting.size === 0 || !serverUp) { awaiting.clear(); return false; }
  const expired = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(true), budgetMs);
    wake = () => { clearTimeout(timer); resolve(false); };
  });
  wake = undefined;
  awaiting.clear();
  return expired;
}

async function handle(m: ShardRequest): Promise<Omit<ShardReply, 'id'>> {
  if (m.op === 'init') {
    clock = new VirtualClock({ start: m.start });
    budgetMs = m.ackWaitBudgetMs;
    poles = m.boards.map((s) => ({
      board: new SimBoard({
        clock: clock as VirtualClock, identity: new Uint8Array(Buffer.from(s.identity, 'base64')),
        position: { lat: s.lat, lon: s.lon }, nominalW: s.nominalW, meter: s.chip, rtc: 'kept', firmware: (host: Host) => startFirmware(host),
      }),
      cuts: 0, flashCuts: 0,
    }));
    for (const p of poles) watch(p.board);
    for (const p of poles) p.board.powerOn();
    return {};
  }
  if (m.op === 'server') {
    serverUp = m.up;
    if (!m.up) awaiting.clear();
    return {};
  }
  const c = clock;
  if (!c) throw new Error('shard not initialised');
  switch (m.op) {
    case 'events':
      for (const e of m.events) schedule(c, e);
      return {};
    case 'advance': {
      advance(c, m.to);
      // One event-loop turn: what the boards wrote goes out on the sockets.
      await new Promise((r) => setImmediate(r));
      const awaited = awaiting.size;
      if (awaited === 0) return { awaited };
      const t0 = Date.now();
      const expired = await settle();
      return { awaited, waitedMs: Date.now() - t0, expired };
    }
    case 'allUp':
      for (const p of poles) { p.board.link.up(); if (p.board.state === 'off') p.board.powerOn(); }
      return {};
    case 'pending':
      return { pending: poles.reduce((n, p) => n + (status(p.board)?.energy?.pending ?? 0), 0) + poles.filter((p) => !status(p.board)?.energy).length };
    case 'finish': {
      for (const p of poles) p.board.powerOff(); // freeze the ground truth
      const results = poles.map((p) => ({ deviceId: p.board.deviceId, truthWh: p.board.energyWh(), cuts: p.cuts, flashCuts: p.flashCuts }));
      for (const p of poles) p.board.dispose();
      const cpu = process.cpuUsage();
      return { results, escapedPowerLoss, cpuS: (cpu.user + cpu.system) / 1e6 };
    }
  }
}

// Requests are handled one at a time, in order.
let queue: Promise<void> = Promise.resolve();
process.on('message', (raw: unknown) => {
  const { id, ...m } = raw as ShardRequest & { id: number };
  queue = queue.then(async () => {
    let reply: ShardReply;
    try {
      reply = { id, ...(await handle(m as ShardRequest)) };
    } catch (err) {
      reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    process.send?.(reply);
  });
});
process.on('disconnect', () => process.exit(0));
