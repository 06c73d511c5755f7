import { describe, expect, it } from 'vitest';
import type { SerialIO } from '../../firmware/src/host.js';
import { createSerialClass, type SerialPeer } from '../src/chips/serial.js';
import { VirtualClock } from '../src/clock.js';
import { PinBus } from '../src/io/bus.js';

/** A peer that answers every request with `answer(request)` after 1 ms, and keeps what it received and when. */
function rig(answer: (request: number[]) => number[]): {
  clock: VirtualClock; serial: SerialIO; received: { t: number; bytes: number[] }[]; readable: { t: number; count: number }[];
} {
  const clock = new VirtualClock({ start: 0 });
  const bus = new PinBus({ now: () => clock.now(), pins: { dim: 25, tx: 17, rx: 16 } });
  bus.timers = clock.group();
  const received: { t: number; bytes: number[] }[] = [];
  const readable: { t: number; count: number }[] = [];
  const peer: SerialPeer = {
    receive(bytes, reply) {
      received.push({ t: clock.now(), bytes: [...bytes] });
      const a = answer([...bytes]);
      if (a.length) reply(new Uint8Array(a), 1);
    },
  };
  const Serial = createSerialClass(bus, () => peer);
  const serial = new Serial({ transmit: 17, receive: 16, baud: 4800, onReadable(count) { readable.push({ t: clock.now(), count }); } });
  return { clock, serial, received, readable };
}

const BIT_MS = 1000 / 4800;

describe('simulated Serial (ECMA-419 embedded:io/serial, 8N1)', () => {
  it('delivers a request after its wire time and the answer after the latency and its own wire time', () => {
    const r = rig((req) => (req[0] === 0x58 ? Array.from({ length: 35 }, (_, i) => i) : []));
    r.serial.write(new Uint8Array([0x58, 0xaa]).buffer);
    r.clock.advance(1000);
    expect(r.received).toEqual([{ t: 2 * 10 * BIT_MS, bytes: [0x58, 0xaa] }]);
    expect(r.readable).toEqual([{ t: 2 * 10 * BIT_MS + 1 + 35 * 10 * BIT_MS, count: 35 }]);
  });

  it('read(buffer) reads as many bytes as fit into the buffer (a view: at its offset), returns the count, keeps the rest', () => {
    const r = rig(() => Array.from({ length: 35 }, (_, i) => 100 + i));
    r.serial.write(new Uint8Array([0x58, 0xaa]).buffer);
    r.clock.advance(1000);
    const buf = new Uint8Array(40);
    expect(r.serial.read(buf.subarray(5, 25))).toBe(20);
    expect([...buf.subarray(0, 6)]).toEqual([0, 0, 0, 0, 0, 100]);
    expect(buf[24]).toBe(119);
    expect(buf[25]).toBe(0);
    expect(r.serial.read(buf)).toBe(15);
    expect([...buf.subarray(0, 15)]).toEqual(Array.from({ length: 15 }, (_, i) => 120 + i));
    expect(r.serial.read(buf)).toBeUndefined(); // nothing left: undefined, as read() and read(count)
    expect(r.serial.read()).toBeUndefined();
  });

  it('read(buffer) and read(count) take from the same bytes, in order; an empty buffer is refused', () => {
    const r = rig(() => [1, 2, 3, 4, 5]);
    r.serial.write(new Uint8Array([0]).buffer);
    r.clock.advance(100);
    expect(() => r.serial.read(new Uint8Array(0))).toThrow(RangeError);
    expect([...new Uint8Array(r.serial.read(2) as ArrayBuffer)]).toEqual([1, 2]);
    const buf = new Uint8Array(8);
    expect(r.serial.read(buf)).toBe(3);
    expect([...buf.subarray(0, 3)]).toEqual([3, 4, 5]);
  });

  it('keeps overlapping transfers apart: a second request on the wire before the first landed, and their answers', () => {
    const r = rig((req) => [req[0] as number, (req[0] as number) + 1]);
    const out = new Uint8Array([1]);
    r.serial.write(out.buffer);
    out[0] = 7; // the caller reuses its buffer: the wire has its own copy
    r.serial.write(out.buffer);
    r.clock.advance(1000);
    expect(r.received.map((x) => x.bytes)).toEqual([[1], [7]]);
    const buf = new Uint8Array(8);
    expect(r.serial.read(buf)).toBe(4);
    expect([...buf.subarray(0, 4)]).toEqual([1, 2, 7, 8]);
    expect(r.readable.map((x) => x.count)).toEqual([2, 4]);
  });

  it('is inert after close(): nothing delivered, no callback; read() throws', () => {
    const r = rig(() => [1, 2]);
    r.serial.write(new Uint8Array([0]).buffer);
    r.serial.close();
    r.clock.advance(1000);
    expect(r.received).toEqual([]);
    expect(r.readable).toEqual([]);
    expect(() => r.serial.read(new Uint8Array(4))).toThrow(/closed/);
  });
});
