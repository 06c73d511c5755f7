import { describe, expect, it } from 'vitest';
import type { HostTimers, SerialConstructor, SerialIO } from '../src/host.js';
import {
  Bl0940, BL0940_FRAME_BYTES, BL0940_HEADER, BL0940_MAX_PLAUSIBLE_W, BL0940_MWH_PER_CF, bl0940Checksum, parseBl0940Frame,
} from '../src/metering/bl0940.js';
import type { MeterSample } from '../src/metering/meter.js';
import { pollMsFor } from '../src/energy/service.js';
import { decodeCalibration, encodeCalibration } from '../src/metering/calibration.js';

/** A BL0940 full-packet answer (datasheet "full electrical parameter packet"): 24-bit little-endian registers. */
function frame(regs: { iRms: number; vRms: number; watt: number; cfCnt: number }): Uint8Array {
  const f = new Uint8Array(BL0940_FRAME_BYTES);
  f[0] = BL0940_HEADER;
  const put = (at: number, v: number): void => { f[at] = v & 0xff; f[at + 1] = (v >> 8) & 0xff; f[at + 2] = (v >> 16) & 0xff; };
  put(4, regs.iRms);
  put(10, regs.vRms);
  put(16, regs.watt < 0 ? regs.watt + 0x1000000 : regs.watt);
  put(22, regs.cfCnt);
  f[BL0940_FRAME_BYTES - 1] = bl0940Checksum(f);
  return f;
}

describe('BL0940 frames', () => {
  it('computes the checksum over the read command and the first 34 bytes, inverted', () => {
    const f = new Uint8Array(BL0940_FRAME_BYTES);
    f[0] = 0x55;
    f[5] = 0x10;
    expect(bl0940Checksum(f)).toBe(~(0x58 + 0x55 + 0x10) & 0xff);
  });

  it('parses the registers of a well-formed answer, with the active power signed', () => {
    expect(parseBl0940Frame(frame({ iRms: 0x0a0b0c, vRms: 0x3d0900, watt: -1234, cfCnt: 0xfffffe }))).toEqual({
      iRms: 0x0a0b0c, vRms: 0x3d0900, watt: -1234, cfCnt: 0xfffffe,
    });
  });

  it('rejects a frame with a flipped bit, a wrong header or a wrong length', () => {
    const good = frame({ iRms: 1, vRms: 2, watt: 3, cfCnt: 4 });
    for (let i = 0; i < BL0940_FRAME_BYTES; i++) {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ 0x04;
      expect(parseBl0940Frame(bad), `byte ${i}`).toBeUndefined();
    }
    expect(parseBl0940Frame(good.subarray(0, 34))).toBeUndefined();
  });
});

describe('calibration record', () => {
  it('round-trips the gains and refuses garbage', () => {
    const c = { voltageGain: 1.0123, currentGain: 0.987, powerGain: 1.004 };
    const back = decodeCalibration(encodeCalibration(c, 'uart'));
    expect(back?.voltageGain).toBeCloseTo(c.voltageGain, 6);
    expect(back?.currentGain).toBeCloseTo(c.currentGain, 6);
    expect(back?.powerGain).toBeCloseTo(c.powerGain, 6);
    expect(decodeCalibration(new Uint8Array([1, 2, 3]).buffer)).toBeUndefined();
    expect(decodeCalibration(undefined)).toBeUndefined();
  });
});

/** Timers run by hand: `fire(kind)` runs the pending timers of one kind (the poll repeat or the one-shot timeout). */
function bl0940Rig(): {
  timers: HostTimers; run: (repeat: boolean) => void; uart: { written: number[][]; rx: number[]; onReadable: (() => void) | undefined };
  Serial: SerialConstructor; samples: MeterSample[]; polls: () => number; driver: Bl0940; periods: number[]; live: () => number;
  clock: { ms: number };
} {
  const clock = { ms: 0 };
  const pending = new Set<{ cb: () => void; repeat: boolean }>();
  const periods: number[] = [];
  const timers: HostTimers = {
    set: (cb) => { const t = { cb, repeat: false }; pending.add(t); return t; },
    repeat: (cb, ms) => { const t = { cb, repeat: true }; periods.push(ms); pending.add(t); return t; },
    clear: (id) => { pending.delete(id as { cb: () => void; repeat: boolean }); },
  };
  const run = (repeat: boolean): void => {
    for (const t of [...pending]) if (t.repeat === repeat) { if (!repeat) pending.delete(t); t.cb(); }
  };
  const uart = { written: [] as number[][], rx: [] as number[], onReadable: undefined as (() => void) | undefined };
  class FakeSerial {
    constructor(options: { onReadable?: (this: SerialIO, count: number) => void }) {
      uart.onReadable = () => options.onReadable?.call(this as unknown as SerialIO, uart.rx.length);
    }
    read(arg?: number | Uint8Array): ArrayBuffer | number | undefined {
      if (uart.rx.length === 0) return undefined;
      if (typeof arg === 'object') {
        const n = Math.min(arg.length, uart.rx.length);
        arg.set(uart.rx.splice(0, n));
        return n;
      }
      return new Uint8Array(uart.rx.splice(0, arg ?? uart.rx.length)).buffer;
    }
    write(data: ArrayBuffer): void { uart.written.push([...new Uint8Array(data)]); }
    close(): void { /* */ }
  }
  const samples: MeterSample[] = [];
  let polls = 0;
  const driver = new Bl0940({
    serial: { io: FakeSerial as unknown as SerialConstructor, transmit: 17, receive: 16 },
    timers, ticks: () => clock.ms, calibration: { voltageGain: 1, currentGain: 1, powerGain: 1 }, chipWarm: false, pollMs: 10_000,
    onSample: (s) => samples.push(s), onPoll: () => { polls++; },
  });
  return {
    timers, run, uart, Serial: FakeSerial as unknown as SerialConstructor, samples, polls: () => polls, driver, periods,
    live: () => [...pending].filter((t) => t.repeat).length, clock,
  };
}

describe('BL0940 driver over a UART', () => {
  const rig = bl0940Rig;

  it('assembles an answer that comes in pieces, reading into its own buffer; one onPoll per poll, after the sample', () => {
    const r = rig();
    r.clock.ms = 10_000;
    r.run(true); // poll: the request goes out
    expect(r.uart.written).toEqual([[0x58, 0xaa]]);
    const f = [...frame({ iRms: 1000, vRms: 4_000_000, watt: 5000, cfCnt: 12 })];
    for (const piece of [f.slice(0, 10), f.slice(10, 11), f.slice(11)]) {
      r.uart.rx.push(...piece);
      r.uart.onReadable?.();
    }
    expect(r.samples).toHaveLength(1);
    expect(r.samples[0]?.energyMwh).toBeCloseTo(12 * BL0940_MWH_PER_CF, 9);
    expect(r.polls()).toBe(1);
    // Noise between polls is drained, not taken for an answer.
    r.uart.rx.push(1, 2, 3);
    r.uart.onReadable?.();
    expect(r.uart.rx).toEqual([]);
    expect(r.samples).toHaveLength(1);
  });

  it('polls at once, then at the new period, when told (one poll timer, re-armed)', () => {
    const r = rig();
    r.driver.setPollMs(30_000);
    expect(r.live()).toBe(0);
    r.run(false); // the poll at once
    expect(r.uart.written).toEqual([[0x58, 0xaa]]);
    expect(r.periods).toEqual([10_000, 30_000]);
    expect(r.live()).toBe(1);
  });

  it('counts a silent chip and a bad frame as failed polls, each with its onPoll', () => {
    const r = rig();
    r.run(true);
    r.run(false); // the answer timeout
    expect(r.polls()).toBe(1);
    r.run(true);
    const f = [...frame({ iRms: 1, vRms: 2, watt: 3, cfCnt: 4 })];
    f[20] = (f[20] as number) ^ 1;
    r.uart.rx.push(...f);
    r.uart.onReadable?.();
    expect(r.polls()).toBe(2);
    expect(r.samples).toHaveLength(0);
  });
});

describe('BL0940 CF_CNT plausibility', () => {
  /** Polls once at `ms` (ticks since boot) and answers with `cfCnt` (a valid frame: header and checksum right). */
  const answer = (r: ReturnType<typeof rigFor>, ms: number, cfCnt: number): void => {
    r.clock.ms = ms;
    r.run(true);
    r.uart.rx.push(...frame({ iRms: 1000, vRms: 4_000_000, watt: 5000, cfCnt }));
    r.uart.onReadable?.();
  };
  const rigFor = (): ReturnType<typeof bl0940Rig> => bl0940Rig();
  const energy = (r: ReturnType<typeof rigFor>): number => (r.samples.at(-1)?.energyMwh ?? 0) / BL0940_MWH_PER_CF;

  it('drops an answer whose checksum matched but whose count the chip could not have reached, and goes on', () => {
    const r = rigFor();
    answer(r, 30_000, 10); // 10 counts (1.6 Wh) in 30 s from power-on: ≈ 200 W
    answer(r, 60_000, 20);
    expect(energy(r)).toBe(20);
    answer(r, 90_000, 0x9c3e21); // 10 million counts in 30 s: 1.6 MWh
    expect(r.samples).toHaveLength(2);
    expect(r.driver.badFrames).toBe(1);
    answer(r, 120_000, 31); // follows on from 20: the jump was garbage
    expect(energy(r)).toBe(31);
    expect(r.driver.counterRestarts).toBe(0);
    // The largest step the chip can make: BL0940_MAX_PLAUSIBLE_W for 30 s.
    const most = Math.floor((BL0940_MAX_PLAUSIBLE_W * 30_000) / 3600 / BL0940_MWH_PER_CF);
    answer(r, 150_000, 31 + most);
    expect(energy(r)).toBe(31 + most);
  });

  it('goes on from a restarted counter once two answers agree on it', () => {
    const r = rigFor();
    answer(r, 30_000, 10);
    answer(r, 60_000, 20);
    answer(r, 90_000, 3); // the chip restarted its count: 3 is 2^24 − 17 steps after 20
    expect(r.samples).toHaveLength(2);
    answer(r, 120_000, 13); // follows on from 3
    expect(r.driver.counterRestarts).toBe(1);
    expect(energy(r)).toBe(30); // 20 + the 10 counted since the restart was seen
    answer(r, 150_000, 23);
    expect(energy(r)).toBe(40);
  });
});

describe('meter poll period', () => {
  it('is 1/30 of the record interval, between 10 and 30 s', () => {
    expect(pollMsFor(900)).toBe(30_000); // the default 15 minutes
    expect(pollMsFor(600)).toBe(20_000);
    expect(pollMsFor(300)).toBe(10_000);
    expect(pollMsFor(60)).toBe(10_000);
    expect(pollMsFor(3600)).toBe(30_000);
  });
});
