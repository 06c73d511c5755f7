/**
 * `XsMachine`: one XS engine in an `xsnap-worker` process (Agoric's build of Moddable's XS for Linux, from
 * `@agoric/xsnap`), driven SYNCHRONOUSLY.
 *
 * Why not the package's JS wrapper: its calls are asynchronous (streams and promises), but a simulated board
 * lives on the `VirtualClock`, whose `advance()` runs every due timer synchronously and in order, across all
 * boards. Delivering a timer into XS must therefore complete before `advance()` moves on, exactly as a
 * Node-hosted firmware's callback does. So this class speaks xsnap's wire protocol itself over two named
 * pipes opened in blocking mode, with `fs.writeSync`/`fs.readSync`:
 *
 * - fd 3 (to XS) and fd 4 (from XS) carry netstrings (`<len>:<bytes>,`), as in
 *   xsnap-native/xsnap/sources/xsnap-worker.c (`fxReadNetString`, `fxWriteNetString`).
 * - Host → XS: `e<script>` evaluates a script (indirect eval), `?<bytes>` calls the XS global
 *   `handleCommand(ArrayBuffer)`, `q` quits.
 * - XS → host: `.<meter JSON>\x01<reply>` ends a delivery (the reply is the ArrayBuffer `handleCommand`
 *   returned, if any), `!<message>` reports an exception that escaped it, and `?<bytes>` is an
 *   `issueCommand(ArrayBuffer)` made by XS during the delivery: the host answers `/<reply>`, and XS goes on.
 *
 * The meter of each delivery: `compute` (XS's deterministic computation meter), `currentHeapCount` (slots in
 * use: it only shrinks when XS collects garbage, so it is a high-water mark between collections) and
 * `allocate` (bytes XS has allocated for its heaps).
 *
 * The pipes are FIFOs made in a temporary directory, opened by a `/bin/sh` that then execs the worker with
 * them as fds 3 and 4; both ends see end-of-file when the other process dies, so a dead worker surfaces as an
 * `XsExitError` and a dead parent ends the worker.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, closeSync, mkdtempSync, openSync, readSync, rmdirSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface XsMeter {
  /** XS computation meter for the delivery (deterministic; roughly one unit per bytecode or builtin step). */
  compute: number;
  /** Slots (16 bytes on a 32-bit device, 32 bytes on 64-bit Linux) in use at the end of the delivery. */
  currentHeapCount: number;
  /** Bytes allocated by XS for its chunk and slot heaps. */
  allocate: number;
  /**
   * The device-conditions host's memory figures (its heap is the device's: fixed, 16-byte slots):
   * high-water of slots and chunk bytes during the delivery (garbage included: an upper bound), what is live after
   * a full collection at its end, and the heap's sizes.
   */
  device?: {
    peakSlots: number; peakChunks: number; liveSlots: number; liveChunks: number; heapSlots: number; heapChunks: number;
    /**
     * How deep the JavaScript stack went during the delivery (frames grow down from the top; the free stack is
     * painted before it, and the top of the largest untouched run is taken, since regular expressions keep their
     * state at the bottom of the free stack), and the stack's size (`creation.stack`), in slots.
     */
    stackSlots: number; stackSize: number;
  };
}

export interface XsResult {
  /** What `handleCommand` returned (an ArrayBuffer), or empty. */
  reply: Uint8Array;
  meter: XsMeter;
}

/** An exception escaped the delivery inside XS. */
export class XsError extends Error {
  override name = 'XsError';
}

/** The worker process ended (killed, crashed, computation or memory limit). */
export class XsExitError extends Error {
  override name = 'XsExitError';
}

/** The engine aborted (device-conditions host: memory full, stack overflow, too much computation, dead strip). */
export class XsAbortError extends XsExitError {
  override name = 'XsAbortError';
}

export interface XsMachineOptions {
  /** Label of the worker process (argv[1]). Default 'streetlight'. */
  name?: string;
  /** Answers an `issueCommand()` made by XS during a delivery. Default: echo. */
  onCommand?: (request: Uint8Array) => Uint8Array;
  /** Computation allowed per delivery (xsnap `-l`); exceeding it kills the worker. Default 100,000,000. */
  meteringLimit?: number;
  /** Where the worker's stdout/stderr (XS `print`, fatal messages) go. Default 'inherit'. */
  stdio?: 'inherit' | 'ignore';
  /** Path of the xsnap-worker binary. Default: the one `@agoric/xsnap` built at install. */
  bin?: string;
  /** Extra arguments of the worker (after the name and `-l`). */
  args?: string[];
}

const QUERY = 0x3f;   // '?'
const OK = 0x2e;      // '.'
const ERROR = 0x21;   // '!'
const ABORT = 0x41;   // 'A': the device-conditions host reports an XS abort (memory full, …), then exits
const SEPARATOR = 0x01;

/** Path of the release `xsnap-worker` built by `@agoric/xsnap`'s install script. */
export function xsnapWorkerPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('@agoric/xsnap/package.json'));
  const bin = join(pkg, 'xsnap-native/xsnap/build/bin/lin/release/xsnap-worker');
  if (!existsSync(bin)) {
    throw new Error(`xsnap-worker not found at ${bin}: @agoric/xsnap compiles it at install (it must be listed in onlyBuiltDependencies of pnpm-workspace.yaml; run pnpm install again)`);
  }
  return bin;
}

const live = new Set<XsMachine>();
let exitHook = false;

export class XsMachine {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #toXs: number;
  readonly #fromXs: number;
  readonly #onCommand: (request: Uint8Array) => Uint8Array;
  #pending: Buffer = Buffer.alloc(0);
  readonly #chunk = Buffer.alloc(65_536);
  #closed = false;
  #busy = false;
  /** Meter of the last completed delivery. */
  lastMeter: XsMeter | undefined;
  /** Deliveries completed. */
  deliveries = 0;

  constructor(options: XsMachineOptions = {}) {
    this.name = options.name ?? 'streetlight';
    if (process.platform !== 'linux') throw new Error('the XS host runs xsnap-worker, built for Linux only here');
    const bin = options.bin ?? xsnapWorkerPath();
    this.#onCommand = options.onCommand ?? ((request) => request);
    const dir = mkdtempSync(join(tmpdir(), 'xsnap-'));
    const toPath = join(dir, 'to-xs');
    const fromPath = join(dir, 'from-xs');
    try {
      execFileSync('mkfifo', [toPath, fromPath]);
      const args = ['-c', 'exec "$0" "$@" 3<"$XS_TO" 4>"$XS_FROM"', bin, this.name, '-l', String(options.meteringLimit ?? 100_000_000), ...(options.args ?? [])];
      this.#child = spawn('/bin/sh', args, {
        stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit'],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', XS_TO: toPath, XS_FROM: fromPath },
      });
      // The shell opens fd 3 (reading to-xs) then fd 4 (writing from-xs); each open blocks until the other
      // end is opened, so open in the same order.
      this.#toXs = openSync(toPath, 'w');
      this.#fromXs = openSync(fromPath, 'r');
    } finally {
      // unlink + rmdir, not rmSync({ recursive }): on Node 20 the latter leaves the module resolver unable to follow
      // pnpm's symlinks for later lazy requires (nodejs/node#51142; fastify's validator then found ajv@6).
      for (const fifo of [toPath, fromPath]) try { unlinkSync(fifo); } catch { /* not created */ }
      try { rmdirSync(dir); } catch { /* not empty or gone */ }
    }
    this.#child.on('error', () => { /* reported as end-of-file on the pipe */ });
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => { for (const m of live) m.close(); });
    }
  }

  get closed(): boolean { return this.#closed; }

  /** Evaluates a script (indirect eval at global scope). */
  evaluate(code: string): XsResult {
    return this.#deliver(Buffer.concat([Buffer.from('e'), Buffer.from(code, 'utf8')]));
  }

  /** Calls the XS global `handleCommand(ArrayBuffer)` with `bytes`; returns what it returned. */
  issueCommand(bytes: Uint8Array): XsResult {
    return this.#deliver(Buffer.concat([Buffer.from('?'), bytes]));
  }

  /** `issueCommand` with a string in and a string out (UTF-8). */
  issueStringCommand(text: string): { reply: string; meter: XsMeter } {
    const { reply, meter } = this.issueCommand(Buffer.from(text, 'utf8'));
    return { reply: Buffer.from(reply).toString('utf8'), meter };
  }

  /** Kills the worker at once (a power cut for the engine). Idempotent; safe inside a delivery. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    live.delete(this);
    this.#child.kill('SIGKILL');
    try { closeSync(this.#toXs); } catch { /* already closed */ }
    // The read end is closed after a delivery in progress unwinds (it may be reading it).
    if (!this.#busy) try { closeSync(this.#fromXs); } catch { /* already closed */ }
  }

  #deliver(message: Buffer): XsResult {
    if (this.#closed) throw new XsExitError(`${this.name}: the XS worker is closed`);
    if (this.#busy) throw new Error(`${this.name}: re-entrant delivery into XS (a host handler called back into the engine)`);
    this.#busy = true;
    try {
      this.#send(message);
      for (;;) {
        const msg = this.#receive();
        const kind = msg[0];
        if (kind === QUERY) {
          const reply = this.#onCommand(msg.subarray(1));
          if (this.#closed) throw new XsExitError(`${this.name}: the XS worker was closed during a delivery`);
          this.#send(Buffer.concat([Buffer.from('/'), reply]));
        } else if (kind === OK) {
          const sep = msg.indexOf(SEPARATOR, 1);
          const meterJson = sep < 0 ? undefined : msg.subarray(1, sep).toString('utf8');
          const parsed = meterJson ? (JSON.parse(meterJson) as Partial<XsMeter> & Partial<NonNullable<XsMeter['device']>>) : {};
          const meter: XsMeter = { compute: parsed.compute ?? 0, currentHeapCount: parsed.currentHeapCount ?? 0, allocate: parsed.allocate ?? 0 };
          if (parsed.heapSlots !== undefined) {
            meter.device = {
              peakSlots: parsed.peakSlots ?? 0, peakChunks: parsed.peakChunks ?? 0, liveSlots: parsed.liveSlots ?? 0,
              liveChunks: parsed.liveChunks ?? 0, heapSlots: parsed.heapSlots, heapChunks: parsed.heapChunks ?? 0,
              stackSlots: parsed.stackSlots ?? 0, stackSize: parsed.stackSize ?? 0,
            };
          }
          this.lastMeter = meter;
          this.deliveries++;
          return { reply: new Uint8Array(msg.subarray(sep < 0 ? 1 : sep + 1)), meter };
        } else if (kind === ERROR) {
          throw new XsError(msg.subarray(1).toString('utf8'));
        } else if (kind === ABORT) {
          this.close();
          throw new XsAbortError(`${this.name}: ${msg.subarray(1).toString('utf8')}`);
        } else {
          this.close();
          throw new XsExitError(`${this.name}: xsnap protocol error (message starting with ${JSON.stringify(String.fromCharCode(kind ?? 0))})`);
        }
      }
    } finally {
      this.#busy = false;
      if (this.#closed) try { closeSync(this.#fromXs); } catch { /* already closed */ }
    }
  }

  #send(message: Buffer): void {
    const frame = Buffer.concat([Buffer.from(`${message.byteLength}:`), message, Buffer.from(',')]);
    let offset = 0;
    try {
      while (offset < frame.byteLength) offset += writeSync(this.#toXs, frame, offset);
    } catch (error) {
      this.close();
      throw new XsExitError(`${this.name}: the XS worker is gone (${String(error)})`);
    }
  }

  #receive(): Buffer {
    for (;;) {
      const buf = this.#pending;
      const colon = buf.indexOf(0x3a);
      if (colon > 0) {
        const length = Number(buf.subarray(0, colon).toString('latin1'));
        if (!Number.isSafeInteger(length)) {
          this.close();
          throw new XsExitError(`${this.name}: xsnap protocol error (bad netstring length)`);
        }
        if (buf.byteLength >= colon + length + 2) {
          const msg = buf.subarray(colon + 1, colon + 1 + length);
          this.#pending = buf.subarray(colon + length + 2);
          return msg;
        }
      }
      let n: number;
      try {
        n = readSync(this.#fromXs, this.#chunk, 0, this.#chunk.byteLength, null);
      } catch (error) {
        this.close();
        throw new XsExitError(`${this.name}: reading from the XS worker failed (${String(error)})`);
      }
      if (n === 0) {
        this.close();
        throw new XsExitError(`${this.name}: the XS worker exited (killed, or a computation/memory limit was hit)`);
      }
      this.#pending = this.#pending.byteLength === 0 ? Buffer.from(this.#chunk.subarray(0, n)) : Buffer.concat([this.#pending, this.#chunk.subarray(0, n)]);
    }
  }
}
