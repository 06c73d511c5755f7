/**
 * DALI master over the DALI interface on a UART (ECMA-419 Serial; frames.ts, "the DALI interface on the UART"). One
 * transaction on the bus at a time: a forward frame, then the interface's 2-byte answer (a backward frame, NO, sent,
 * framing error or bus fault), or nothing within IF_TIMEOUT_MS (the interface is not there). Transactions wait in a
 * fixed ring of QUEUE_SIZE; a direct arc power (DAPC) is coalesced: only the latest level waits, ahead of queries, so
 * the light follows the controller even while the memory banks are being read.
 */
import type { HostTimers, SerialConstructor, SerialIO, TimerId } from '../host.js';
import {
  DALI_BROADCAST_DAPC, DALI_UART_BAUD, IF_ANSWER, IF_BUS_FAULT, IF_FRAMING_ERROR, IF_NO_ANSWER, IF_QUERY, IF_SEND, IF_SENT,
} from './frames.js';

/** Outcome of a transaction (callback's first argument). */
export const DALI_ANSWER = 1;
export const DALI_NO = 2;
export const DALI_SENT = 3;
export const DALI_FRAMING = 4;
export const DALI_BUS_FAULT = 5;
/** The interface did not answer on the UART in time. */
export const DALI_TIMEOUT = 6;
/** The queue was full: not sent. */
export const DALI_BUSY = 7;

/** The interface answers within ~60 ms (settling, forward frame, reply window, UART); 250 ms means it is not there. */
export const IF_TIMEOUT_MS = 250;
export const QUEUE_SIZE = 64;
/** DAPC frames during a fade: at most one per this many ms (the bus carries ~25 frames/s; queries need their share). */
export const DAPC_MIN_INTERVAL_MS = 100;

export type DaliDone = (outcome: number, data: number) => void;

export interface DaliMasterOptions {
  serial: { io: SerialConstructor; transmit: number; receive: number; port?: number };
  timers: HostTimers;
  ticks: () => number;
}

export class DaliMaster {
  readonly #serial: SerialIO;
  readonly #timers: HostTimers;
  readonly #ticks: () => number;
  readonly #frames = new Uint16Array(QUEUE_SIZE);
  readonly #query = new Uint8Array(QUEUE_SIZE);
  readonly #done: (DaliDone | undefined)[] = [];
  readonly #tx = new Uint8Array(3);
  readonly #rx = new Uint8Array(2);
  #rxLen = 0;
  #head = 0;
  #count = 0;
  /** The DAPC level waiting to go out (−1: none). */
  #dapc = -1;
  #dapcDone: DaliDone | undefined;
  #lastDapcAt = -Infinity;
  #dapcTimer: TimerId | undefined;
  #busy = false;
  #current: DaliDone | undefined;
  #timeout: TimerId | undefined;
  #closed = false;
  /** Transactions by outcome, this boot (status, tests). */
  readonly stats = { answers: 0, no: 0, framing: 0, busFault: 0, timeouts: 0 };

  constructor(options: DaliMasterOptions) {
    this.#timers = options.timers;
    this.#ticks = options.ticks;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const master = this;
    const s = options.serial;
    this.#serial = new s.io({
      transmit: s.transmit, receive: s.receive, baud: DALI_UART_BAUD, port: s.port ?? 2, format: 'buffer',
      onReadable() { master.#onReadable(); },
    });
    for (let i = 0; i < QUEUE_SIZE; i++) this.#done.push(undefined);
  }

  /** Queues a forward frame; `query`: a backward frame is expected. `done` gets the outcome and the answer byte. */
  send(frame: number, query: boolean, done: DaliDone | undefined): void {
    if (this.#closed) return;
    if (this.#count >= QUEUE_SIZE) { done?.(DALI_BUSY, 0); return; }
    const at = (this.#head + this.#count) % QUEUE_SIZE;
    this.#frames[at] = frame;
    this.#query[at] = query ? 1 : 0;
    this.#done[at] = done;
    this.#count++;
    this.#pump();
  }

  /** Free room in the queue. */
  get room(): number { return QUEUE_SIZE - this.#count; }

  /** Broadcast direct arc power `arc` (0..254): replaces any level still waiting; `done` is told when it went out. */
  dapc(arc: number, done?: DaliDone): void {
    if (this.#closed) return;
    this.#dapc = arc;
    this.#dapcDone = done;
    this.#pump();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#timers.clear(this.#timeout);
    this.#timers.clear(this.#dapcTimer);
    this.#serial.close();
  }

  #pump(): void {
    if (this.#busy || this.#closed) return;
    if (this.#dapc >= 0) {
      const wait = this.#lastDapcAt + DAPC_MIN_INTERVAL_MS - this.#ticks();
      if (wait <= 0 || this.#count === 0) {
        if (wait > 0) { this.#armDapc(wait); return; }
        const arc = this.#dapc;
        this.#dapc = -1;
        this.#lastDapcAt = this.#ticks();
        this.#start((DALI_BROADCAST_DAPC << 8) | arc, false, this.#dapcDone);
        this.#dapcDone = undefined;
        return;
      }
      this.#armDapc(wait); // queries go first meanwhile
    }
    if (this.#count === 0) return;
    const at = this.#head;
    const done = this.#done[at];
    this.#done[at] = undefined;
    this.#head = (this.#head + 1) % QUEUE_SIZE;
    this.#count--;
    this.#start(this.#frames[at] as number, this.#query[at] === 1, done);
  }

  #armDapc(wait: number): void {
    if (this.#dapcTimer !== undefined) return;
    this.#dapcTimer = this.#timers.set(() => { this.#dapcTimer = undefined; this.#pump(); }, wait);
  }

  #start(frame: number, query: boolean, done: DaliDone | undefined): void {
    this.#busy = true;
    this.#current = done;
    this.#rxLen = 0;
    const tx = this.#tx;
    tx[0] = query ? IF_QUERY : IF_SEND;
    tx[1] = (frame >> 8) & 0xff;
    tx[2] = frame & 0xff;
    try {
      this.#drain();
      this.#serial.write(tx.buffer);
    } catch {
      this.#finish(DALI_TIMEOUT, 0);
      return;
    }
    this.#timeout = this.#timers.set(this.#onTimeout, IF_TIMEOUT_MS);
  }

  readonly #onTimeout = (): void => {
    this.#timeout = undefined;
    this.stats.timeouts++;
    this.#finish(DALI_TIMEOUT, 0);
  };

  #drain(): void {
    for (let guard = 0; guard < 32; guard++) if (!this.#serial.read(this.#rx)) return;
  }

  #onReadable(): void {
    if (this.#closed) return;
    if (!this.#busy) { this.#drain(); return; }
    for (let guard = 0; guard < 8 && this.#rxLen < 2; guard++) {
      const n = this.#serial.read(this.#rxLen === 0 ? this.#rx : this.#rx.subarray(this.#rxLen));
      if (!n) break;
      this.#rxLen += n;
    }
    if (this.#rxLen < 2) return;
    this.#timers.clear(this.#timeout);
    this.#timeout = undefined;
    const status = this.#rx[0];
    const data = this.#rx[1] as number;
    let outcome = DALI_TIMEOUT;
    if (status === IF_ANSWER) { outcome = DALI_ANSWER; this.stats.answers++; }
    else if (status === IF_NO_ANSWER) { outcome = DALI_NO; this.stats.no++; }
    else if (status === IF_SENT) outcome = DALI_SENT;
    else if (status === IF_FRAMING_ERROR) { outcome = DALI_FRAMING; this.stats.framing++; }
    else if (status === IF_BUS_FAULT) { outcome = DALI_BUS_FAULT; this.stats.busFault++; }
    else this.#drain(); // out of step: whatever follows is dropped
    this.#finish(outcome, data);
  }

  #finish(outcome: number, data: number): void {
    const done = this.#current;
    this.#current = undefined;
    this.#busy = false;
    done?.(outcome, data);
    this.#pump();
  }
}
