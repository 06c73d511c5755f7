/**
 * Simulated ECMA-419 Serial (`embedded:io/serial`) as on Moddable's ESP32 host: 8N1 only, `format: 'buffer'`,
 * ports 1 and 2 (port 0 is the console). Bytes take 10 bit times each on the wire (start, 8 data, stop): a
 * write reaches the peer (the metering chip) when its last byte has left; the peer's answer arrives after its
 * own wire time, then `onReadable(count)` is called with `this` = the instance.
 */
import type { SerialConstructor, SerialIO } from '../../../firmware/src/host.js';
import type { PinBus } from '../io/bus.js';

/** A device on the other end of the wires. */
export interface SerialPeer {
  /** Bytes received from the board; `reply(bytes)` sends bytes back (after `latencyMs`). */
  receive(bytes: Uint8Array, reply: (bytes: Uint8Array, latencyMs?: number) => void): void;
}

export const SERIAL_RX_BUFFER = 256;

export interface SimSerialOptions {
  transmit: number;
  receive: number;
  baud: number;
  port?: number;
  format?: 'buffer';
  onReadable?: (this: SerialIO, count: number) => void;
  onWritable?: (this: SerialIO, count: number) => void;
  onError?: (this: SerialIO) => void;
}

export function createSerialClass(bus: PinBus, peerOf: (transmit: number, receive: number) => SerialPeer | undefined): SerialConstructor {
  const epoch = bus.epoch;
  return class SimSerial implements SerialIO {
    readonly #tx: number;
    readonly #rx: number;
    readonly #bitMs: number;
    readonly #peer: SerialPeer | undefined;
    readonly #onReadable: SimSerialOptions['onReadable'];
    #buffer: number[] = [];
    #closed = false;
    /** Bytes dropped because the receive buffer was full. */
    overruns = 0;

    constructor(options: SimSerialOptions) {
      if (typeof options !== 'object' || options === null) throw new TypeError('options required');
      const tx = bus.checkPin(options.transmit, true);
      const rx = bus.checkPin(options.receive, false);
      const port = options.port ?? 1;
      if (port !== 1 && port !== 2) throw new RangeError(`invalid port ${String(port)}: 1 or 2 (0 is the console)`);
      if (!Number.isInteger(options.baud) || options.baud < 300 || options.baud > 5_000_000) throw new RangeError(`invalid baud ${String(options.baud)}`);
      if (options.format !== undefined && options.format !== 'buffer') throw new RangeError('format must be "buffer"');
      if (options.onReadable !== undefined && typeof options.onReadable !== 'function') throw new TypeError('onReadable must be a function');
      bus.claim(tx, this);
      try { bus.claim(rx, this); } catch (e) { bus.release(tx, this); throw e; }
      this.#tx = tx;
      this.#rx = rx;
      this.#bitMs = 1000 / options.baud;
      this.#peer = peerOf(tx, rx);
      this.#onReadable = options.onReadable;
    }

    read(count?: number): ArrayBuffer | undefined {
      if (this.#closed) throw new Error('closed');
      if (this.#buffer.length === 0) return undefined;
      const n = Math.min(count ?? this.#buffer.length, this.#buffer.length);
      return new Uint8Array(this.#buffer.splice(0, n)).buffer;
    }

    write(data: ArrayBuffer): void {
      if (this.#closed) throw new Error('closed');
      if (!(data instanceof ArrayBuffer)) throw new TypeError('data must be an ArrayBuffer');
      const bytes = new Uint8Array(data.slice(0));
      if (bus.epoch !== epoch || !this.#peer || !bus.timers) return;
      const peer = this.#peer;
      bus.timers.set(() => {
        if (this.#closed || bus.epoch !== epoch) return;
        peer.receive(bytes, (answer, latencyMs = 1) => this.#arrive(answer, latencyMs));
      }, bytes.length * 10 * this.#bitMs);
    }

    #arrive(answer: Uint8Array, latencyMs: number): void {
      if (this.#closed || bus.epoch !== epoch || !bus.timers || answer.length === 0) return;
      const copy = Uint8Array.from(answer);
      bus.timers.set(() => {
        if (this.#closed || bus.epoch !== epoch) return;
        for (const b of copy) {
          if (this.#buffer.length >= SERIAL_RX_BUFFER) this.overruns++;
          else this.#buffer.push(b);
        }
        this.#onReadable?.call(this, this.#buffer.length);
      }, latencyMs + copy.length * 10 * this.#bitMs);
    }

    close(): void {
      if (this.#closed) return;
      this.#closed = true;
      this.#buffer = [];
      if (bus.epoch !== epoch) return;
      bus.release(this.#tx, this);
      bus.release(this.#rx, this);
    }
  };
}
