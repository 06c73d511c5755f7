/**
 * Virtual time for simulated boards.
 *
 * One `VirtualClock` is shared by every board of a simulation. Time only moves when the test (or the
 * real-time driver) moves it, so a night of dimming schedules runs in milliseconds and identically on every
 * run (HOUSE-STYLE 15). Timers follow Moddable's `Timer` semantics: `set(cb, ms)` fires once after `ms`,
 * `repeat(cb, ms)` fires every `ms` (first time after `ms`), `clear(id)` cancels.
 *
 * Ordering: timers fire in due-time order, ties broken by the order in which they were scheduled
 * (a repeating timer is re-scheduled after each run, so it goes behind timers already due at that instant).
 */
import type { HostTimers, TimerId } from '../../firmware/src/host.js';

interface TimerEntry {
  due: number;
  seq: number;
  /** 0 for a one-shot timer. */
  period: number;
  callback: () => void;
  cancelled: boolean;
  group: TimerGroup | undefined;
}

/** Binary min-heap on (due, seq). Cancelled entries are removed lazily when they reach the top. */
class TimerHeap {
  private readonly items: TimerEntry[] = [];
  get size(): number { return this.items.length; }
  peek(): TimerEntry | undefined { return this.items[0]; }
  push(e: TimerEntry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as TimerEntry;
      if (!before(e, parent)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = e;
  }
  pop(): TimerEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    this.#siftDown(last);
    return top;
  }
  /** Replaces the top entry by `e` (a repeating timer re-queued: one sift instead of a pop and a push). */
  replaceTop(e: TimerEntry): void {
    this.#siftDown(e);
  }
  /** Puts `e` at the root and moves it down to its place. */
  #siftDown(e: TimerEntry): void {
    const a = this.items;
    let i = 0;
    const n = a.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(a[r] as TimerEntry, a[l] as TimerEntry)) c = r;
      const child = a[c] as TimerEntry;
      if (!before(child, e)) break;
      a[i] = child;
      i = c;
    }
    a[i] = e;
  }
}

function before(x: TimerEntry, y: TimerEntry): boolean {
  return x.due < y.due || (x.due === y.due && x.seq < y.seq);
}

export interface VirtualClockOptions {
  /** Virtual start time, ms since the Unix epoch. Default: 2026-01-15T17:00:00Z (a winter evening in France). */
  start?: number;
  /**
   * Called when a timer callback throws. Default: rethrow (the `advance` call throws, the clock stays at
   * that timer's due time and every other timer stays scheduled).
   */
  onError?: (error: unknown) => void;
  /** Guard against runaway zero-delay timer chains: max timers run by one advance call. Default 10,000,000. */
  maxFiringsPerAdvance?: number;
}

export interface RunUntilOptions {
  /** Virtual time budget in ms; `runUntil` throws when it is spent. Default 24 h. */
  timeoutMs?: number;
  /** Largest virtual step between two checks of the predicate. Default 1000 ms. */
  stepMs?: number;
  /** Real ms to wait between steps so that network I/O can progress. Default 0 (one macrotask turn). */
  yieldMs?: number;
  /** What is awaited, and what was seen, for the error when the budget is spent. */
  describe?: () => string;
}

export interface WaitForOptions {
  /** Real-time budget in ms. Default 30,000 (a loaded machine; the wait ends as soon as the predicate holds). */
  timeoutMs?: number;
  /** What is awaited, and what was seen, for the error when the budget is spent. */
  describe?: () => string;
  /** Real ms between checks. Default 5. */
  pollMs?: number;
}

/** Default start: Thursday 15 January 2026, 17:00 UTC (18:00 in Paris, just after sunset). */
export const DEFAULT_CLOCK_START = Date.UTC(2026, 0, 15, 17, 0, 0);

export class VirtualClock {
  #now: number;
  #seq = 0;
  readonly #heap = new TimerHeap();
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #maxFirings: number;
  #advancing = false;
  /** Latest instant the running advance may reach (set by `interrupt`), or undefined. */
  #stopAt: number | undefined;
  #driver: { handle: ReturnType<typeof setInterval>; wallStart: number; virtualStart: number; speed: number } | undefined;
  #firings = 0;

  constructor(options: VirtualClockOptions = {}) {
    const start = options.start ?? DEFAULT_CLOCK_START;
    if (!Number.isFinite(start)) throw new RangeError('start must be a finite number of ms');
    this.#now = start;
    this.#onError = options.onError;
    this.#maxFirings = options.maxFiringsPerAdvance ?? 10_000_000;
  }

  /** Current virtual time, ms since the Unix epoch. */
  now(): number { return this.#now; }

  /** Number of timers run since the clock was created (a cheap activity measure). */
  get firings(): number { return this.#firings; }

  /** Timers scheduled and not cancelled (cancelled entries may linger until they reach the heap top). */
  get pending(): number { return this.#heap.size; }

  /** Due time of the next live timer, or undefined. */
  nextDue(): number | undefined {
    this.#dropCancelled();
    return this.#heap.peek()?.due;
  }

  /** Clock-wide timers (not tied to a board). */
  set(callback: () => void, ms: number): TimerId { return this.#schedule(callback, ms, 0, undefined); }
  repeat(callback: () => void, ms: number): TimerId {
    return this.#schedule(callback, ms, Math.max(1, Number.isFinite(ms) ? ms : 1), undefined);
  }
  clear(id: TimerId | undefined): void {
    if (isEntry(id)) {
      id.cancelled = true;
      id.group?.entries.delete(id);
    }
  }

  /** A timer group: the timers of one board, all cancelled at once by `cancelAll()` (power cut). */
  group(): TimerGroup { return new TimerGroup(this); }

  /** Advances virtual time by `ms`, running every timer due up to and including the new time (see `advanceTo`). */
  advance(ms: number): boolean {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance: ms must be finite and >= 0, got ${ms}`);
    return this.advanceTo(this.#now + ms);
  }

  /**
   * Runs every timer due at or before `t` in (due, creation) order — including timers scheduled by the
   * callbacks themselves — with `now()` equal to each timer's due time, then sets `now()` to `t`.
   * Returns true, or false when a callback called `interrupt()`: then the advance ended early, at the instant
   * the interrupt named, with every timer due up to that instant run.
   */
  advanceTo(t: number): boolean {
    if (!Number.isFinite(t)) throw new RangeError('advanceTo: t must be finite');
    if (t < this.#now) throw new RangeError(`advanceTo: cannot go back in time (${t} < ${this.#now})`);
    if (this.#advancing) throw new Error('advance called re-entrantly from a timer callback');
    this.#advancing = true;
    let count = 0;
    try {
      for (;;) {
        const e = this.#heap.peek();
        const end = this.#stopAt !== undefined && this.#stopAt < t ? this.#stopAt : t;
        if (e === undefined || e.due > end) break;
        if (e.cancelled) { this.#heap.pop(); continue; }
        if (++count > this.#maxFirings) throw new Error(`more than ${this.#maxFirings} timers in one advance: runaway timer chain?`);
        this.#now = e.due;
        if (e.period > 0) {
          e.due += e.period;
          e.seq = ++this.#seq;
          this.#heap.replaceTop(e);
        } else {
          this.#heap.pop();
          e.cancelled = true;
          e.group?.entries.delete(e);
        }
        this.#firings++;
        try {
          e.callback();
        } catch (error) {
          if (this.#onError) this.#onError(error);
          else throw error;
        }
      }
      const stopped = this.#stopAt !== undefined && this.#stopAt < t;
      this.#now = stopped ? this.#stopAt as number : t;
      return !stopped;
    } finally {
      this.#advancing = false;
      this.#stopAt = undefined;
    }
  }

  /**
   * Called from a timer callback: the running `advance`/`advanceTo` ends at `now() + withinMs` at the latest
   * (timers due up to then still run) and returns false. Outside an advance it does nothing. A network-aware
   * driver calls it when a board sends something whose answer must come back before a virtual deadline (a
   * real round trip takes real time, so it stops virtual time there and waits for the answer); with
   * `withinMs` > 0, the other boards that send within that window go out before the wait, so one wait serves
   * them all.
   */
  interrupt(withinMs = 0): void {
    if (!this.#advancing) return;
    const at = this.#now + Math.max(0, Number.isFinite(withinMs) ? withinMs : 0);
    if (this.#stopAt === undefined || at < this.#stopAt) this.#stopAt = at;
  }

  /** Runs timers until none is left due before `now() + maxMs`; returns the number of ms advanced. */
  runAll(maxMs = 7 * 86_400_000): number {
    const start = this.#now;
    const limit = start + maxMs;
    for (;;) {
      const due = this.nextDue();
      if (due === undefined || due > limit) break;
      this.advanceTo(due);
    }
    return this.#now - start;
  }

  /**
   * Advances virtual time in steps of at most `stepMs` (stopping at every timer so the predicate is checked
   * after each one), yielding to the Node event loop between steps so real network I/O can progress.
   * Resolves with the virtual time at which `predicate()` became true; rejects after `timeoutMs` virtual ms.
   */
  async runUntil(predicate: () => boolean, options: RunUntilOptions = {}): Promise<number> {
    const timeoutMs = options.timeoutMs ?? 86_400_000;
    const stepMs = options.stepMs ?? 1000;
    const yieldMs = options.yieldMs ?? 0;
    const deadline = this.#now + timeoutMs;
    for (;;) {
      if (predicate()) return this.#now;
      if (this.#now >= deadline) throw new Error(`runUntil: predicate still false after ${timeoutMs} virtual ms${options.describe ? `: ${options.describe()}` : ''}`);
      const next = this.nextDue();
      let target = Math.min(this.#now + stepMs, deadline);
      if (next !== undefined && next < target) target = Math.max(next, this.#now);
      this.advanceTo(target);
      await new Promise<void>((resolve) => setTimeout(resolve, yieldMs));
    }
  }

  /** Waits in real time (virtual time does not move) until `predicate()` holds: for network round trips. */
  async waitFor(predicate: () => boolean, options: WaitForOptions = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const pollMs = options.pollMs ?? 5;
    const end = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > end) throw new Error(`waitFor: predicate still false after ${timeoutMs} real ms${options.describe ? `: ${options.describe()}` : ''}`);
      await new Promise<void>((resolve) => setTimeout(resolve, pollMs));
    }
  }

  /**
   * Real-time driver: virtual time advances `speed` times faster than wall time (1 = real time; 600 makes a
   * 12 h night pass in 72 s). Ticks every `tickMs` real ms (default 10). Restarting changes the speed.
   */
  start(speed = 1, tickMs = 10): void {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError('speed must be > 0');
    this.stop();
    const wallStart = performance.now();
    const virtualStart = this.#now;
    const handle = setInterval(() => {
      const target = virtualStart + (performance.now() - wallStart) * speed;
      if (target > this.#now && !this.#advancing) this.advanceTo(Math.floor(target));
    }, tickMs);
    this.#driver = { handle, wallStart, virtualStart, speed };
  }

  /** Stops the real-time driver (virtual time stays where it is). */
  stop(): void {
    if (this.#driver) clearInterval(this.#driver.handle);
    this.#driver = undefined;
  }

  /** Speed of the real-time driver, or 0 when stopped. */
  get speed(): number { return this.#driver?.speed ?? 0; }

  /** @internal used by TimerGroup */
  _schedule(callback: () => void, ms: number, period: number, group: TimerGroup | undefined): TimerEntry {
    return this.#schedule(callback, ms, period, group);
  }

  #schedule(callback: () => void, ms: number, period: number, group: TimerGroup | undefined): TimerEntry {
    if (typeof callback !== 'function') throw new TypeError('timer callback must be a function');
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    // A repeating timer of 0 ms would never let time move: Moddable clamps to the tick, we clamp to 1 ms.
    const p = period > 0 ? Math.max(1, period) : 0;
    const e: TimerEntry = { due: this.#now + delay, seq: ++this.#seq, period: p, callback, cancelled: false, group };
    this.#heap.push(e);
    return e;
  }

  #dropCancelled(): void {
    for (;;) {
      const e = this.#heap.peek();
      if (e === undefined || !e.cancelled) return;
      this.#heap.pop();
    }
  }
}

function isEntry(id: unknown): id is TimerEntry {
  return typeof id === 'object' && id !== null && 'cancelled' in id && 'due' in id && 'seq' in id;
}

/** The timers of one board (`Host.timers`): `cancelAll()` is the power cut. */
export class TimerGroup implements HostTimers {
  /** @internal live entries of this group */
  readonly entries = new Set<TimerEntry>();
  #closed = false;
  constructor(private readonly clock: VirtualClock) {}

  set(callback: () => void, ms: number): TimerId {
    return this.#add(callback, ms, 0);
  }
  repeat(callback: () => void, ms: number): TimerId {
    return this.#add(callback, ms, Math.max(1, Number.isFinite(ms) ? ms : 1));
  }
  clear(id: TimerId | undefined): void {
    if (isEntry(id) && id.group === this) {
      id.cancelled = true;
      this.entries.delete(id);
    }
  }
  /** Number of live timers of this group. */
  get size(): number { return this.entries.size; }
  get closed(): boolean { return this.#closed; }

  /** Cancels every timer of the group. */
  cancelAll(): void {
    for (const e of this.entries) e.cancelled = true;
    this.entries.clear();
  }

  /** Cancels everything and makes later `set`/`repeat` calls inert (code running on a dead board). */
  close(): void {
    this.cancelAll();
    this.#closed = true;
  }

  #add(callback: () => void, ms: number, period: number): TimerId {
    if (this.#closed) {
      // The board lost power: nothing it schedules will ever run. Hand back an inert id.
      return { due: Infinity, seq: -1, period: 0, callback, cancelled: true, group: this } satisfies TimerEntry;
    }
    const e = this.clock._schedule(callback, ms, period, this);
    this.entries.add(e);
    return e;
  }
}
