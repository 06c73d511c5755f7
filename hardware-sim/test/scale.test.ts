/**
 * Issue 14, the simulator at scale: the bucketed timer queue keeps the clock's order, a network-less fleet runs the
 * real firmware offline in virtual time, lanes (a clock per board) change nothing a board does, the meter log holds
 * only the flash blocks in use, the photocell wakes only when its output can change, and the connection pacer ramps.
 * Nothing here is timed: the figures are in the benchmark (tests/bench/sim-scale.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sunEventUtc } from '../../firmware/src/sun.js';
import { startFirmware } from '../../firmware/src/index.js';
import { PHOTOCELL_ZENITH } from '../src/board.js';
import { ConnectPacer, SimBoard, SimFlashPartition, SimFleet, VirtualClock, type FirmwareFactory } from '../src/index.js';

const H = 3_600_000;
const firmware = startFirmware as unknown as FirmwareFactory;

/** mulberry32, for reproducible random schedules. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('timer queue (issue 14)', () => {
  it('fires a random schedule in (due, creation) order — many timers per instant, instants 4,096 ms apart (one cache slot), 0 ms timers and clears from callbacks', () => {
    const random = rng(14);
    const clock = new VirtualClock({ start: 1_000_000 });
    /** What a reference queue (a sorted list) would do: [due, seq] of every firing. */
    const fired: [number, number][] = [];
    let seq = 0;
    const ids: unknown[] = [];
    const schedule = (depth: number): void => {
      const my = ++seq;
      // Few distinct instants, many sharing a cache slot (multiples of 4,096 ms), some fractional (UART wire times).
      const pick = random();
      const ms = pick < 0.3 ? 4096 * Math.floor(random() * 4) : pick < 0.6 ? 0 : pick < 0.8 ? Math.floor(random() * 50) : random() * 20;
      const due = clock.now() + ms;
      ids.push(clock.set(() => {
        fired.push([due, my]);
        if (depth < 3 && random() < 0.5) schedule(depth + 1);
        if (random() < 0.1) clock.clear(ids[Math.floor(random() * ids.length)]);
      }, ms));
    };
    for (let i = 0; i < 2000; i++) schedule(0);
    for (let i = 0; i < 50; i++) clock.advance(500);
    clock.runAll();
    expect(fired.length).toBeGreaterThan(2000);
    for (let i = 1; i < fired.length; i++) {
      const [d0, s0] = fired[i - 1] as [number, number];
      const [d1, s1] = fired[i] as [number, number];
      // Either a later instant, or the same instant and scheduled later (a timer scheduled at that instant by a
      // callback has a higher seq than everything due then).
      expect(d1 > d0 || (d1 === d0 && s1 > s0)).toBe(true);
    }
    expect(clock.nextDue()).toBeUndefined();
    expect(clock.pending).toBe(0);
  });

  it('counts the runaway guard per instant, so a fleet may run more timers than the limit in one advance', () => {
    const clock = new VirtualClock({ start: 0, maxFiringsPerAdvance: 100 });
    let n = 0;
    for (let i = 0; i < 50; i++) clock.repeat(() => n++, 1000);
    clock.advance(10_000);
    expect(n).toBe(500);
    const chain = (): void => { clock.set(chain, 0); };
    clock.set(chain, 1);
    expect(() => clock.advance(1)).toThrow(/more than 100 timers at one instant/);
  });

  it('after a throwing timer the rest of its instant stays scheduled and runs at the next advance', () => {
    const clock = new VirtualClock({ start: 0 });
    const seen: string[] = [];
    clock.set(() => seen.push('a'), 10);
    clock.set(() => { throw new Error('boom'); }, 10);
    clock.set(() => seen.push('c'), 10);
    expect(() => clock.advance(20)).toThrow('boom');
    expect(clock.now()).toBe(10);
    expect(clock.nextDue()).toBe(10);
    clock.advance(10);
    expect(seen).toEqual(['a', 'c']);
    expect(clock.now()).toBe(20);
  });

  it('nextDue from inside a timer skips what was cleared at that instant', () => {
    const clock = new VirtualClock({ start: 0 });
    let inside: number | undefined;
    const later = clock.set(() => undefined, 5);
    clock.set(() => { clock.clear(later); clock.clear(same); inside = clock.nextDue(); }, 5);
    const same = clock.set(() => undefined, 5);
    clock.set(() => undefined, 9);
    clock.advance(1);
    expect(clock.nextDue()).toBe(5);
    clock.advance(4);
    expect(inside).toBe(9);
  });

  it('guarded group timers hand exceptions to the group; plain ones to the clock; cancelAll and clear keep size right', () => {
    const errors: unknown[] = [];
    const clock = new VirtualClock({ start: 0, onError: (e) => errors.push(['clock', e]) });
    const g = clock.group();
    g.onError = (e) => errors.push(['group', e]);
    const fw = g.guarded();
    fw.set(() => { throw new Error('firmware'); }, 1);
    g.set(() => { throw new Error('simulator'); }, 2);
    const r = fw.repeat(() => undefined, 1);
    expect(g.size).toBe(3);
    clock.advance(2);
    expect(errors.map((e) => (e as [string, Error])[0] + ':' + (e as [string, Error])[1].message)).toEqual(['group:firmware', 'clock:simulator']);
    expect(g.size).toBe(1);
    g.clear(r);
    g.clear(r);
    expect(g.size).toBe(0);
    fw.repeat(() => errors.push('late'), 1);
    g.cancelAll();
    fw.clear(r);
    expect(g.size).toBe(0);
    clock.advance(10);
    expect(errors).toHaveLength(2);
  });

  it('fork() gives a clock of its own at the same time with the same error handling', () => {
    const errors: unknown[] = [];
    const clock = new VirtualClock({ start: 5_000, onError: (e) => errors.push(e) });
    clock.advance(1000);
    const lane = clock.fork();
    expect(lane.now()).toBe(6000);
    lane.set(() => { throw new Error('lane'); }, 10);
    lane.advance(10);
    expect(clock.now()).toBe(6000);
    expect(errors).toHaveLength(1);
  });
});

describe('meter-log flash holds only the blocks in use', () => {
  it('reads erased blocks as 0xFF without holding them; keeps NOR rules across blocks; a torn erase keeps the rest', () => {
    const p = new SimFlashPartition({ size: 8 * 4096 });
    expect(p.blocksInUse).toBe(0);
    expect([...p.peek(4090, 12)]).toEqual(new Array(12).fill(0xff));
    p.write(4094, new Uint8Array([0x0f, 0xf0, 0x33, 0xcc])); // across blocks 0 and 1
    expect(p.blocksInUse).toBe(2);
    p.write(4094, new Uint8Array([0xff, 0x0f, 0xff, 0xff])); // only clears bits
    expect([...new Uint8Array(p.read(4093, 6))]).toEqual([0xff, 0x0f, 0x00, 0x33, 0xcc, 0xff]);
    p.eraseBlock(0);
    expect(p.blocksInUse).toBe(1);
    p.cutDuringNextErase(1);
    expect(() => p.eraseBlock(1)).toThrow('power lost');
    expect([...p.peek(4096, 3)]).toEqual([0xff, 0xcc, 0xff]);
    p.poke(4097, [0xff]);
    expect(p.blocksInUse).toBe(0);
  });

  it('keeps the whole image in its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparse-'));
    try {
      const file = join(dir, 'log');
      const a = new SimFlashPartition({ size: 4 * 4096, file });
      a.write(3 * 4096 + 10, new Uint8Array([1, 2, 3]));
      expect(a.flush()).toBe(true);
      const b = new SimFlashPartition({ size: 4 * 4096, file });
      expect(b.blocksInUse).toBe(1);
      expect([...b.peek(3 * 4096 + 9, 5)]).toEqual([0xff, 1, 2, 3, 0xff]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('photocell', () => {
  it('changes at the first minute of the board\'s grid at or after sunset and sunrise, as a comparator sampled every minute, over three days', () => {
    const lat = 44.8897;
    const lon = 1.2166;
    const start = Date.UTC(2026, 5, 20, 10, 0, 17); // an odd phase of the minute grid
    const clock = new VirtualClock({ start });
    const edges: number[] = [];
    const b = new SimBoard({
      clock, deviceId: 'PC-1', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, position: { lat, lon },
      firmware: (h) => {
        const D = h.device.io.Digital!;
        const pc = new D({ pin: h.device.pin.photocell as number, mode: D.Input, edge: D.Rising + D.Falling, onReadable: () => edges.push(clock.now()) });
        void pc;
        return { stop() {} };
      },
    });
    b.powerOn();
    const before = clock.firings;
    clock.advance(3 * 24 * H);
    // Reference: every minute of the grid, the level the old minute timer would have set.
    const expected: number[] = [];
    let level = -1;
    for (let t = start; t <= start + 3 * 24 * H; t += 60_000) {
      const rise = sunEventUtc(t, lat, lon, PHOTOCELL_ZENITH, true);
      const set = sunEventUtc(t, lat, lon, PHOTOCELL_ZENITH, false);
      const dark = rise === undefined || set === undefined ? 0 : t < rise || t >= set ? 1 : 0;
      if (level !== -1 && dark !== level) expected.push(t);
      level = dark;
    }
    expect(edges).toEqual(expected);
    expect(expected).toHaveLength(6);
    expect(clock.firings - before).toBeLessThan(20); // was 4,320 (one a minute)
    b.dispose();
  });
});

describe('network-less boards (network: "none")', () => {
  it('the real firmware tries, fails in virtual time with no socket, and backs off to its 5 minutes', () => {
    const clock = new VirtualClock({ start: Date.UTC(2026, 3, 20, 18, 30) });
    const fleet = new SimFleet({ clock, firmware, network: 'none' });
    const b = fleet.add({ deviceId: 'OFF-1', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 } });
    b.powerOn();
    expect(b.link.network).toBe('none');
    expect(b.link.attempts).toBe(1);
    clock.advance(H);
    expect(b.online).toBe(false);
    expect(b.link.clients.size).toBe(0);
    // 1 s doubling to 5 min with jitter in [d/2, d]: 10 to 30 attempts in the first hour, never a connection.
    expect(b.link.attempts).toBeGreaterThan(10);
    expect(b.link.attempts).toBeLessThan(30);
    expect(b.link.connects).toBe(0);
    expect(b.logs.toArray().some((l) => l.message.includes('no network'))).toBe(true);
    fleet.dispose();
  });
});

describe('lanes: a clock per board of a network-less fleet', () => {
  /** A few metered boards through an evening, with a power cut, a fault and a staggered start. */
  function run(lanes: boolean): { trace: string; energy: number[]; logs: string[]; meterlog: number[] } {
    const clock = new VirtualClock({ start: Date.UTC(2026, 3, 20, 18, 30) });
    const fleet = new SimFleet({ clock, firmware, network: 'none', lanes });
    const boards = [0, 1, 2, 3].map((i) => fleet.add({
      deviceId: `LANE-${i}`, tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, position: { lat: 44.89 + i * 0.01, lon: 1.21 },
      meter: i % 2 === 0 ? 'bl0940' : 'hlw8012', nominalW: 36 + i,
    }));
    void fleet.start({ staggerMs: 7_000 });
    fleet.advance(2 * H);
    boards[1]?.powerCycle(5_000);
    boards[2]?.metering.injectLampFailure(true);
    fleet.advance(3 * H);
    return {
      trace: boards.map((b) => b.pwmTrace.map((e) => `${e.t}:${e.value}`).join(',')).join('|'),
      energy: boards.map((b) => b.energyWh()),
      logs: boards.flatMap((b) => b.logs.toArray().map((l) => `${b.deviceId} ${l.t} ${l.message}`)),
      meterlog: boards.flatMap((b) => [...b.metering.meterlog.peek(0, 8192)]),
    };
  }

  it('every board does exactly what it does on the shared clock', () => {
    const shared = run(false);
    const lanes = run(true);
    expect(lanes.trace).toBe(shared.trace);
    expect(lanes.energy).toEqual(shared.energy);
    expect(lanes.logs).toEqual(shared.logs);
    expect(lanes.meterlog).toEqual(shared.meterlog);
    expect(shared.trace.length).toBeGreaterThan(100);
  });

  it('is refused on a network', () => {
    expect(() => new SimFleet({ clock: new VirtualClock(), lanes: true })).toThrow(/network-less/);
  });
});

describe('ConnectPacer', () => {
  it('starts attempts in the order asked, skips one withdrawn before its turn', async () => {
    const pacer = new ConnectPacer(1000);
    const started: number[] = [];
    const withdraw = [0, 1, 2, 3, 4].map((i) => pacer.take(() => started.push(i)));
    withdraw[2]?.();
    const clock = new VirtualClock();
    await clock.waitFor(() => started.length === 4, { describe: () => `started ${started.join(',')}` });
    expect(started).toEqual([0, 1, 3, 4]);
    expect(pacer.waiting).toBe(0);
    expect(pacer.started).toBe(4);
  });
});
