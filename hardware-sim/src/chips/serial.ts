/**
 * Simulated ECMA-419 Serial (`embedded:io/serial`) as on Moddable's ESP32 host: 8N1 only, `format: 'buffer'`,
 * ports 1 and 2 (port 0 is the console). Bytes take 10 bit times each on the wire (start, 8 data, stop): a
 * write reaches the peer (the metering chip) when its last byte has left; the peer's answer arrives after its
 * own wire time, then `onReadable(count)` is called with `this` = the instance.
 */
import type { SerialConstructor, SerialIO } from '../../../firmware/src/host.js';
import type { PinBus } from '../io/bus.js';
import { boardClass } from '../io/board-class.js';

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

/** What a board's Serial class is bound to. */
interface SerialBoard {
  bus: PinBus;
  /** Bus epoch when the class was made: after a power cut its objects are inert. */
  epoch: number;
  peerOf: (transmit: number, receive: number) => SerialPeer | undefined;
}

/** One implementation for every board (see io/board-class.ts). */
class SimSerial implements SerialIO {
  readonly #b: SerialBoard;
  readonly #tx: number;
  readonly #rx: number;
  readonly #bitMs: number;
  readonly #peer: SerialPeer | undefined;
  readonly #onReadable: SimSerialOptions['onReadable'];
  readonly #buffer = new Uint8Array(SERIAL_RX_BUFFER);
  #length = 0;
  #closed = false;
  readonly #reply = (answer: Uint8Array, latencyMs = 1): void => this.#arrive(answer, latencyMs);
  /**
   * Bytes on the wire, each way, with the timer callbacks that deliver them, made once: a chip's poll is a request
   * and an answer, one at a time (issue 14: a copy and a closure per direction and poll were a large part of a
   * BL0940 board's cost). Only when a second transfer starts before the first has landed do they get a copy and a
   * closure of their own.
   */
  #txWire: Uint8Array | undefined;
  #txBusy = false;
  #rxWire: Uint8Array | undefined;
  #rxBusy = false;
  readonly #txLanded = (): void => {
    this.#txBusy = false;
    this.#deliver(this.#txWire as Uint8Array);
  };
  readonly #rxLanded = (): void => {
    this.#rxBusy = false;
    this.#land(this.#rxWire as Uint8Array, (this.#rxWire as Uint8Array).length);
  };
  /** Bytes dropped because the receive buffer was full. */
  overruns = 0;

  constructor(b: SerialBoard, options: SimSerialOptions) {
    const { bus } = b;
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
    this.#b = b;
    this.#tx = tx;
    this.#rx = rx;
    this.#bitMs = 1000 / options.baud;
    this.#peer = b.peerOf(tx, rx);
    this.#onReadable = options.onReadable;
  }

  read(count?: number): ArrayBuffer | undefined;
  read(buffer: Uint8Array): number | undefined;
  read(arg?: number | Uint8Array): ArrayBuffer | number | undefined {
    if (this.#closed) throw new Error('closed');
    const have = this.#length;
    if (have === 0) return undefined;
    if (typeof arg === 'object') {
      // ECMA-419 read(buffer), as Moddable's ESP32 serial: as many bytes as fit, the count returned.
      if (!(arg instanceof Uint8Array)) throw new TypeError('buffer must be a Uint8Array');
      if (arg.length === 0) throw new RangeError('invalid'); // xs_serial_read: a request of 0 bytes
      const n = Math.min(arg.length, have);
      const buf = this.#buffer;
      for (let i = 0; i < n; i++) arg[i] = buf[i] as number;
      this.#take(n, have);
      return n;
    }
    const n = Math.min(arg ?? have, have);
    // A fresh ArrayBuffer filled from the buffer (slicing a typed array and taking its .buffer made two).
    const out = new ArrayBuffer(n);
    new Uint8Array(out).set(this.#buffer.subarray(0, n));
    this.#take(n, have);
    return out;
  }

  /** Removes the first `n` of the `have` bytes received. */
  #take(n: number, have: number): void {
    if (n < have) this.#buffer.copyWithin(0, n, have);
    this.#length = have - n;
  }

  write(data: ArrayBuffer): void {
    if (this.#closed) throw new Error('closed');
    if (!(data instanceof ArrayBuffer)) throw new TypeError('data must be an ArrayBuffer');
    const { bus, epoch } = this.#b;
    const peer = this.#peer;
    const timers = bus.timers;
    if (bus.epoch !== epoch || !peer || !timers) return;
    // A copy (the caller may reuse its buffer), into the wire's own bytes unless a transfer is still on it.
    const n = data.byteLength;
    if (!this.#txBusy) {
      const tx = this.#txWire === undefined || this.#txWire.length !== n ? (this.#txWire = new Uint8Array(n)) : this.#txWire;
      tx.set(new Uint8Array(data));
      this.#txBusy = true;
      timers.set(this.#txLanded, n * 10 * this.#bitMs);
      return;
    }
    const bytes = new Uint8Array(n);
    bytes.set(new Uint8Array(data));
    timers.set(() => this.#deliver(bytes), n * 10 * this.#bitMs);
  }

  /** The request's last byte reached the peer. */
  #deliver(bytes: Uint8Array): void {
    const { bus, epoch } = this.#b;
    if (this.#closed || bus.epoch !== epoch) return;
    (this.#peer as SerialPeer).receive(bytes, this.#reply);
  }

  #arrive(answer: Uint8Array, latencyMs: number): void {
    const { bus, epoch } = this.#b;
    const timers = bus.timers;
    if (this.#closed || bus.epoch !== epoch || !timers || answer.length === 0) return;
    const n = answer.length;
    const ms = latencyMs + n * 10 * this.#bitMs;
    if (!this.#rxBusy) {
      const rx = this.#rxWire === undefined || this.#rxWire.length !== n ? (this.#rxWire = new Uint8Array(n)) : this.#rxWire;
      rx.set(answer);
      this.#rxBusy = true;
      timers.set(this.#rxLanded, ms);
      return;
    }
    const copy = answer.slice();
    timers.set(() => this.#land(copy, n), ms);
  }

  /** The answer's last byte is in the receive buffer: `onReadable`. */
  #land(bytes: Uint8Array, count: number): void {
    const { bus, epoch } = this.#b;
    if (this.#closed || bus.epoch !== epoch) return;
    const room = SERIAL_RX_BUFFER - this.#length;
    const n = Math.min(room, count);
    const buf = this.#buffer;
    const at = this.#length;
    for (let i = 0; i < n; i++) buf[at + i] = bytes[i] as number;
    this.#length = at + n;
    this.overruns += count - n;
    this.#onReadable?.call(this, this.#length);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#length = 0;
    const { bus, epoch } = this.#b;
    if (bus.epoch !== epoch) return;
    bus.release(this.#tx, this);
    bus.release(this.#rx, this);
  }
}

/** Builds the Serial class of one board (`device.io.Serial`), bound to its bus and its peers. */
export function createSerialClass(bus: PinBus, peerOf: (transmit: number, receive: number) => SerialPeer | undefined): SerialConstructor {
  const b: SerialBoard = { bus, epoch: bus.epoch, peerOf };
  return boardClass('Serial', (options: SimSerialOptions) => new SimSerial(b, options));
}
