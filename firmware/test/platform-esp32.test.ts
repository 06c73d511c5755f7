/**
 * The ESP32 platform layer's metering adapters (src/platform/metering-esp32.ts) against models of what the
 * Moddable SDK's classes do on the device:
 * - PulseCount (modules/io/pulsecount/esp32/_pulsecount.c): a PCNT counter that returns to 0 when it reaches
 *   32,767 (`counter_h_lim`), read() = counter + the value last written;
 * - Flash (modules/io/flash/esp32): read(byteLength, byteOffset), write(buffer, byteOffset), blockLength.
 * Then the real metering stack runs on those adapters: the ring log on the adapted partition, the HLW8012
 * driver on the folded counter.
 */
import { describe, expect, it } from 'vitest';
import {
  flashPartitions, foldedPulseCount, meterSerial, PCNT_WRAP, SlotWriter, type SdkFlash, type SdkSerial,
} from '../src/platform/metering-esp32.js';
import { RingLog } from '../src/energy/ringlog.js';

/** The SDK's PCNT unit: pulses arrive through `pulse(n)`; the 16-bit counter resets at h_lim. */
class PcntModel {
  static last: PcntModel | undefined;
  #counter = 0;
  #base = 0;
  constructor(readonly options: { signal: number; control?: number }) { PcntModel.last = this; }
  pulse(n: number): void { this.#counter = (this.#counter + n) % PCNT_WRAP; }
  read(): number { return this.#counter + this.#base; }
  write(count: number): void { this.#base = count; this.#counter = 0; }
  close(): void { /* frees the unit */ }
}

/** The SDK's flash partition over a byte array (NOR: writes AND into the cells). */
function flashModel(size: number, blockLength: number): { storage: { open(o: { path: string }): SdkFlash }; bytes: Uint8Array; opened: string[]; erased: number[] } {
  const bytes = new Uint8Array(size).fill(0xff);
  const opened: string[] = [];
  const erased: number[] = [];
  const storage = {
    open({ path }: { path: string }): SdkFlash {
      opened.push(path);
      return {
        read: (byteLength, byteOffset) => bytes.slice(byteOffset, byteOffset + byteLength).buffer,
        write: (buffer, byteOffset) => {
          const src = new Uint8Array(buffer);
          for (let i = 0; i < src.length; i++) bytes[byteOffset + i] = (bytes[byteOffset + i] as number) & (src[i] as number);
        },
        eraseBlock: (block) => { erased.push(block); bytes.fill(0xff, block * blockLength, (block + 1) * blockLength); },
        status: () => ({ size, blockLength }),
        close: () => undefined,
      };
    },
  };
  return { storage, bytes, opened, erased };
}

describe('foldedPulseCount over the ESP32 PCNT', () => {
  it('keeps a monotonic total across the counter returning to 0 at 32,767', () => {
    const PulseCount = foldedPulseCount(PcntModel);
    const pc = new PulseCount({ signal: 18 });
    const pcnt = PcntModel.last as PcntModel;
    let truth = 0;
    for (const n of [100, 30_000, 5_000, 32_000, 1, 0, 32_766, 12_345]) {
      pcnt.pulse(n);
      truth += n;
      expect(pc.read()).toBe(truth);
    }
    expect(truth).toBeGreaterThan(3 * PCNT_WRAP); // it did wrap, several times
  });

  it('passes the signal pin, and the control pin only when given (the SDK treats it as optional)', () => {
    const PulseCount = foldedPulseCount(PcntModel);
    new PulseCount({ signal: 18 });
    expect(PcntModel.last?.options).toEqual({ signal: 18 });
    new PulseCount({ signal: 19, control: 23 });
    expect(PcntModel.last?.options).toEqual({ signal: 19, control: 23 });
  });

  it('write() sets the total the next reads count from', () => {
    const pc = new (foldedPulseCount(PcntModel))({ signal: 18 });
    const pcnt = PcntModel.last as PcntModel;
    pcnt.pulse(10);
    expect(pc.read()).toBe(10);
    pc.write(1_000);
    pcnt.pulse(5);
    expect(pc.read()).toBe(1_005);
    expect(() => pc.write(1.5)).toThrow(RangeError);
  });
});

describe('meterSerial over the SDK Serial', () => {
  it('opens UART 1 in buffer format by default, returns undefined rather than empty reads, calls back with the adapter as this', () => {
    let opened: Record<string, unknown> | undefined;
    let rx: ArrayBuffer | undefined = new Uint8Array([0x55, 1, 2]).buffer;
    const written: number[][] = [];
    class SdkSerialModel implements SdkSerial {
      constructor(options: Record<string, unknown>) { opened = options; }
      read(): ArrayBuffer | undefined { const r = rx; rx = new ArrayBuffer(0); return r; }
      write(data: ArrayBuffer): void { written.push([...new Uint8Array(data)]); }
      close(): void { /* */ }
    }
    const Serial = meterSerial(SdkSerialModel);
    const seen: unknown[] = [];
    const uart = new Serial({ transmit: 17, receive: 16, baud: 4800, onReadable(count) { seen.push(this, count); } });
    expect(opened).toMatchObject({ transmit: 17, receive: 16, baud: 4800, port: 1, format: 'buffer' });
    (opened?.onReadable as (n: number) => void)(3);
    expect(seen).toEqual([uart, 3]);
    expect([...new Uint8Array(uart.read(35) as ArrayBuffer)]).toEqual([0x55, 1, 2]);
    expect(uart.read(35)).toBeUndefined();
    uart.write(new Uint8Array([0x58, 0xaa]).buffer);
    expect(written).toEqual([[0x58, 0xaa]]);
    new Serial({ transmit: 4, receive: 5, baud: 4800, port: 2 });
    expect(opened?.port).toBe(2);
  });
});

describe('meterSerial read(buffer)', () => {
  it('passes the buffer to the SDK (which reads into it and returns the count); undefined when nothing came', () => {
    let rx = [0x55, 1, 2, 3];
    class SdkSerialModel implements SdkSerial {
      read(arg?: number | Uint8Array): ArrayBuffer | number | undefined {
        if (!(arg instanceof Uint8Array)) throw new Error('expected a buffer');
        if (rx.length === 0) return undefined; // xs_serial_read returns nothing when the FIFO is empty
        const n = Math.min(arg.length, rx.length);
        arg.set(rx.slice(0, n));
        rx = rx.slice(n);
        return n;
      }
      write(): void { /* */ }
      close(): void { /* */ }
    }
    const uart = new (meterSerial(SdkSerialModel))({ transmit: 17, receive: 16, baud: 4800 });
    const buf = new Uint8Array(8);
    expect(uart.read(buf.subarray(2, 5))).toBe(3);
    expect([...buf]).toEqual([0, 0, 0x55, 1, 2, 0, 0, 0]);
    expect(uart.read(buf)).toBe(1);
    expect(uart.read(buf)).toBeUndefined();
  });
});

describe('flashPartitions over embedded:storage/flash', () => {
  it("maps 'meterlog' to the 'meter' partition of partitions.csv and refuses other names", () => {
    const { storage, opened } = flashModel(64 * 1024, 4096);
    flashPartitions(storage).open('meterlog');
    expect(opened).toEqual(['meter']);
    expect(() => flashPartitions(storage).open('nvs')).toThrow(/no flash partition named nvs/);
  });

  it('swaps the argument order, names the block size, and checks ranges', () => {
    const { storage, bytes } = flashModel(16 * 1024, 4096);
    const part = flashPartitions(storage).open('meterlog');
    expect(part.status()).toEqual({ size: 16 * 1024, blockSize: 4096 });
    part.write(4100, new Uint8Array([1, 2, 3]).buffer);
    expect([...bytes.subarray(4100, 4103)]).toEqual([1, 2, 3]);
    expect([...new Uint8Array(part.read(4099, 5))]).toEqual([0xff, 1, 2, 3, 0xff]);
    part.eraseBlock(1);
    expect(bytes[4100]).toBe(0xff);
    expect(() => part.read(16 * 1024 - 2, 4)).toThrow(RangeError);
    expect(() => part.write(-1, new ArrayBuffer(1))).toThrow(RangeError);
    expect(() => part.eraseBlock(4)).toThrow(RangeError);
  });

  it('carries the metering ring log: records appended are found again after a reboot', () => {
    const { storage } = flashModel(64 * 1024, 4096);
    const log = new RingLog(flashPartitions(storage).open('meterlog'));
    expect(log.latest).toBeUndefined();
    for (let i = 0; i < 40; i++) {
      log.append({
        seq: i + 1, start: 1_700_000_000 + i * 900, durationS: 900, energyMwh: 9_000 + i, minPowerMw: 35_000, maxPowerMw: 37_000,
        avgPowerMw: 36_000, burningS: 900, avgLevelX10: 1000, totalEnergyMwh: (i + 1) * 9_000, totalBurningS: (i + 1) * 900, switchCount: 1, bootCount: 1,
      });
    }
    const again = new RingLog(flashPartitions(storage).open('meterlog')); // a reboot: a new scan of the same flash
    expect(again.latest?.seq).toBe(40);
    expect(again.pending(100).map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(again.latest?.totalEnergyMwh).toBe(40 * 9_000);
  });
});

describe('SlotWriter (host.update on ESP32 writes the inactive slot through embedded:storage/flash)', () => {
  const image = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7 + 3) & 0xff);
  const chunks = (from: number, size = 1024): [number, Uint8Array][] => {
    const out: [number, Uint8Array][] = [];
    for (let at = from; at < image.length; at += size) out.push([at, image.subarray(at, Math.min(image.length, at + size))]);
    return out;
  };

  it('erases each block just before its first write, and reads back exactly what was written', () => {
    const { storage, erased } = flashModel(64 * 1024, 4096);
    const w = new SlotWriter(storage.open({ path: 'nextota' }), image.length, 0);
    expect(w.resumeAt).toBe(0);
    for (const [at, data] of chunks(0)) w.write(at, data);
    w.finish();
    expect(erased).toEqual([0, 1, 2, 3, 4]); // 20,000 bytes: five 4 KiB blocks, each erased once
    expect(w.read(0, image.length)).toEqual(image);
  });

  it('resumes after a power cut: keeps the blocks below the resume offset and rewrites from there', () => {
    const { storage, bytes, erased } = flashModel(64 * 1024, 4096);
    // First attempt: old contents in the slot, cut after 9,216 bytes (the agent persisted 8,192).
    bytes.fill(0x00);
    let w = new SlotWriter(storage.open({ path: 'nextota' }), image.length, 0);
    for (const [at, data] of chunks(0).slice(0, 9)) w.write(at, data);
    erased.length = 0;
    // After the reboot: resume from the persisted offset.
    w = new SlotWriter(storage.open({ path: 'nextota' }), image.length, 8_192);
    expect(w.resumeAt).toBe(8_192);
    for (const [at, data] of chunks(8_192)) w.write(at, data);
    w.finish();
    expect(erased).toEqual([2, 3, 4]); // blocks 0 and 1 kept
    expect(w.read(0, image.length)).toEqual(image);
  });

  it('rounds a resume offset down to a block, ignores one outside the image, refuses what does not fit or comes out of order', () => {
    const { storage } = flashModel(64 * 1024, 4096);
    expect(new SlotWriter(storage.open({ path: 'nextota' }), image.length, 5_000).resumeAt).toBe(4_096);
    expect(new SlotWriter(storage.open({ path: 'nextota' }), image.length, 30_000).resumeAt).toBe(0);
    expect(() => new SlotWriter(storage.open({ path: 'nextota' }), 70_000, 0)).toThrow(/does not fit/);
    const w = new SlotWriter(storage.open({ path: 'nextota' }), image.length, 0);
    expect(() => w.write(1024, image.subarray(1024, 2048))).toThrow(/expected 0/);
    w.write(0, image.subarray(0, 1024));
    expect(() => w.finish()).toThrow(/incomplete/);
    expect(() => w.write(1024, new Uint8Array(image.length))).toThrow(/past the image end/);
  });
});
