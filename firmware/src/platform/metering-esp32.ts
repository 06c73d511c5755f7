/**
 * Metering IO and flash slots of an ESP32 board (issues 5 and 6): adapters from the Moddable SDK's ECMA-419 classes to the shapes the
 * firmware codes against (../host.ts). Device-only; the constructors come in as arguments so the adapters are
 * tested on Node against models of the SDK's behaviour (test/platform-esp32.test.ts).
 *
 * - PulseCount (`embedded:io/pulsecount`, Moddable modules/io/pulsecount/esp32/_pulsecount.c): one PCNT unit
 *   per instance, counting rising edges into a signed 16-bit hardware counter configured with
 *   `counter_h_lim = 32767`; at that limit the PCNT resets the counter to 0. Without an `onReadable` callback
 *   the SDK's `read()` returns the raw counter (plus the value last given to `write()`), so it falls back to 0
 *   every 32,767 pulses. `foldedPulseCount` turns that into the Host contract — a monotonic total — by adding
 *   the counter's change since the previous read modulo 32,767. Exact while fewer than 32,767 pulses arrive
 *   between two reads: the HLW8012 driver reads every second, and CF runs at about 29 Hz for 36 W.
 *   No `onReadable`: on the SDK it interrupts on every pulse.
 * - Serial (`embedded:io/serial`): the firmware's options are the SDK's, with `port` defaulting to UART 1
 *   (UART 0 is the console) and `format` fixed to "buffer".
 * - Flash (`embedded:storage/flash`, modules/io/flash/esp32): `read(byteLength, byteOffset)` and
 *   `write(buffer, byteOffset)` take their arguments in the other order than host.ts's `FlashPartition`, and
 *   `status()` names the erase block `blockLength`. `meterlog` is the `meter` partition of
 *   ../../moddable/partitions.csv.
 */
import type {
  FlashPartition, HostFlash, PulseCountConstructor, PulseCountIO, SerialConstructor, SerialIO,
} from '../host.js';

/** The PCNT counter returns to 0 when it reaches this (`counter_h_lim` in the SDK's _pulsecount.c). */
export const PCNT_WRAP = 32_767;

/** The SDK's PulseCount as it behaves on ESP32 (typings: @moddable/typings embedded_io/pulsecount.d.ts). */
export interface SdkPulseCount {
  read(): number;
  write(count: number): void;
  close?(): void;
}
export type SdkPulseCountConstructor = new (options: { signal: number; control?: number }) => SdkPulseCount;

export function foldedPulseCount(Sdk: SdkPulseCountConstructor): PulseCountConstructor {
  return class FoldedPulseCount implements PulseCountIO {
    readonly #pcnt: SdkPulseCount;
    #last: number;
    #total = 0;

    constructor(options: { signal: number; control?: number }) {
      this.#pcnt = new Sdk(options.control !== undefined ? { signal: options.signal, control: options.control } : { signal: options.signal });
      this.#last = this.#pcnt.read();
    }

    read(): number {
      const raw = this.#pcnt.read();
      this.#total += (((raw - this.#last) % PCNT_WRAP) + PCNT_WRAP) % PCNT_WRAP;
      this.#last = raw;
      return this.#total;
    }

    write(value: number): void {
      if (!Number.isInteger(value)) throw new RangeError(`invalid count ${String(value)}`);
      this.#total = value;
    }

    close(): void { this.#pcnt.close?.(); }
  };
}

/** The SDK's Serial in "buffer" format, as the firmware uses it. */
export interface SdkSerial {
  /** A count: a new ArrayBuffer; a buffer: the bytes read into it, and their count (modules/io/serial/esp32). */
  read(byteLengthOrBuffer?: number | Uint8Array): ArrayBuffer | number | undefined;
  write(data: ArrayBuffer): void;
  close(): void;
}
export type SdkSerialConstructor = new (options: {
  transmit: number; receive: number; baud: number; port: number; format: 'buffer';
  onReadable?: (this: SdkSerial, count: number) => void;
  onWritable?: (this: SdkSerial, count: number) => void;
  onError?: (this: SdkSerial) => void;
}) => SdkSerial;

/** UART used by a metering chip when the firmware does not name one (UART 0 carries the console). */
export const METER_UART = 1;

export function meterSerial(Sdk: SdkSerialConstructor): SerialConstructor {
  return class MeterSerial implements SerialIO {
    readonly #uart: SdkSerial;

    constructor(options: ConstructorParameters<SerialConstructor>[0]) {
      // The callbacks are called with `this` = the SDK instance; the firmware expects the instance it made.
      const self = (): SerialIO => this;
      const { onReadable, onWritable, onError } = options;
      this.#uart = new Sdk({
        transmit: options.transmit, receive: options.receive, baud: options.baud,
        port: options.port ?? METER_UART, format: 'buffer',
        ...(onReadable ? { onReadable: (count: number) => onReadable.call(self(), count) } : {}),
        ...(onWritable ? { onWritable: (count: number) => onWritable.call(self(), count) } : {}),
        ...(onError ? { onError: () => onError.call(self()) } : {}),
      });
    }

    read(count?: number): ArrayBuffer | undefined;
    read(buffer: Uint8Array): number | undefined;
    read(arg?: number | Uint8Array): ArrayBuffer | number | undefined {
      if (arg instanceof Uint8Array) {
        // The SDK reads into the view (its byteOffset honoured) and returns the count; undefined when none came.
        const n = this.#uart.read(arg);
        return typeof n === 'number' && n > 0 ? n : undefined;
      }
      const data = arg === undefined ? this.#uart.read() : this.#uart.read(arg);
      return data instanceof ArrayBuffer && data.byteLength > 0 ? data : undefined;
    }

    write(data: ArrayBuffer): void { this.#uart.write(data); }

    close(): void { this.#uart.close(); }
  };
}

/** The SDK's flash partition object (typings: ../../types/embedded-storage.d.ts). */
export interface SdkFlash {
  read(byteLength: number, byteOffset: number): ArrayBuffer;
  write(buffer: ArrayBuffer, byteOffset: number): void;
  eraseBlock(block: number): void;
  status(): { size: number; blockLength: number };
  close(): void;
}
export interface SdkFlashStorage { open(options: { path: string; mode?: 'r' | 'r+' }): SdkFlash }

/** Partition labels (../../moddable/partitions.csv) of the firmware's partition names. */
export const PARTITION_LABELS: Readonly<Record<string, string>> = Object.freeze({ meterlog: 'meter' });

export function flashPartitions(storage: SdkFlashStorage): HostFlash {
  return {
    open(name: string): FlashPartition {
      const label = PARTITION_LABELS[name];
      if (label === undefined) throw new Error(`no flash partition named ${name}`);
      const flash = storage.open({ path: label, mode: 'r+' });
      const { size, blockLength } = flash.status();
      const inRange = (offset: number, length: number): void => {
        if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > size) {
          throw new RangeError(`${name}: ${String(length)} bytes at ${String(offset)} outside ${String(size)}`);
        }
      };
      return {
        read(offset, length) { inRange(offset, length); return flash.read(length, offset); },
        write(offset, data) { inRange(offset, data.byteLength); flash.write(data, offset); },
        eraseBlock(block) {
          if (!Number.isInteger(block) || block < 0 || (block + 1) * blockLength > size) throw new RangeError(`${name}: no block ${String(block)}`);
          flash.eraseBlock(block);
        },
        status: () => ({ size, blockSize: blockLength }),
        close() { flash.close(); },
      };
    },
  };
}

/**
 * Writes an update image into a flash slot (update-esp32.ts): bytes below `resumeAt` (rounded down to a block)
 * are kept from an interrupted earlier attempt; each block at or above it is erased just before the first write
 * into it. Writes must come in order (the OTA agent writes sequentially) and within `size`.
 */
export class SlotWriter {
  readonly resumeAt: number;
  readonly #flash: SdkFlash;
  readonly #size: number;
  readonly #block: number;
  /** Blocks below this are erased (or kept from before) and may be written. */
  #erasedTo: number;
  #next: number;

  constructor(flash: SdkFlash, size: number, resumeAt: number) {
    const { size: capacity, blockLength } = flash.status();
    if (!Number.isInteger(size) || size <= 0 || size > capacity) {
      flash.close();
      throw new RangeError(`image of ${String(size)} bytes does not fit the ${String(capacity)}-byte slot`);
    }
    this.#flash = flash;
    this.#size = size;
    this.#block = blockLength;
    const at = Number.isInteger(resumeAt) && resumeAt > 0 && resumeAt < size ? resumeAt - (resumeAt % blockLength) : 0;
    this.resumeAt = at;
    this.#erasedTo = at / blockLength;
    this.#next = at;
  }

  write(offset: number, data: Uint8Array): void {
    if (offset !== this.#next) throw new RangeError(`write at ${String(offset)}, expected ${String(this.#next)}`);
    const end = offset + data.byteLength;
    if (end > this.#size) throw new RangeError(`write past the image end (${String(end)} > ${String(this.#size)})`);
    const lastBlock = Math.floor((end - 1) / this.#block);
    while (this.#erasedTo <= lastBlock) this.#flash.eraseBlock(this.#erasedTo++);
    const copy = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength ? data.buffer as ArrayBuffer : data.slice().buffer;
    this.#flash.write(copy, offset);
    this.#next = end;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || length < 0 || offset + length > this.#size) throw new RangeError(`read outside the image`);
    return new Uint8Array(this.#flash.read(length, offset));
  }

  finish(): void {
    if (this.#next !== this.#size) throw new RangeError(`image incomplete: ${String(this.#next)} of ${String(this.#size)} bytes written`);
  }

  close(): void { this.#flash.close(); }
}
