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

/** A scheduled timer; also the `TimerId` handed out. */
class TimerEntry {
  constructor(
    public due: number,
    public seq: number,
    /** 0 for a one-shot timer. */
    public period: number,
    public callback: () => void,
    public cancelled: boolean,
    public group: TimerGroup | undefined,
    /** The group's generation when scheduled: `cancelAll()` starts a new one, which cancels every older entry at once. */
    public gen: number,
    /** Scheduled by firmware code through `TimerGroup.guarded()`: an exception goes to the group's handler. */
    public guarded: boolean,
  ) {}
}

/** The timers due at one instant, in the order they were scheduled (= seq order). */
interface Bucket {
  due: number;
  /** Creation order: two buckets of one instant (see TimerQueue) run in the order they were made. */
  order: number;
  /** Entries `[0, count)`; slots past `count` are stale (a bucket is reused: truncating an array costs a runtime call). */
  items: TimerEntry[];
  count: number;
  /** Index of the next entry to run (entries before it ran or were skipped). */
  next: number;
}

/** Slots of the bucket cache of a clock (a power of two); a fork (one board's lane) has few timers and few slots. */
const CACHE_SLOTS = 4096;
const LANE_CACHE_SLOTS = 16;

/**
 * Timers in (due, seq) order, bucketed by due time: a min-heap of buckets (one per instant) and one list per
 * bucket, appended in scheduling order. A fleet's boards run their timers at the same few instants (a 10 s meter
 * poll, a minute's evaluation…), so most firings take and re-queue an entry with no heap operation at all; the
 * heap orders instants, not timers (issue 14: with 10,000 boards the entry heap's sifts and cache misses were the
 * simulator's largest cost). A push finds its instant's bucket in a small direct-mapped cache (no Map: hashing
 * doubles cost more than it saved); when the cache has lost it, the push opens a second bucket for the same
 * instant, made later and so run later — every entry of the first was scheduled before any of the second, so the
 * order stays (due, seq). Cancelled entries are skipped lazily when their instant comes.
 */
class TimerQueue {
  readonly #heap: Bucket[] = [];
  readonly #cache: (Bucket | undefined)[];
  readonly #mask: number;
  readonly #spare: Bucket[] = [];
  #order = 0;
  /** Entries queued, cancelled ones included until their instant is reached. */
  size = 0;

  constructor(slots: number) {
    this.#cache = new Array<Bucket | undefined>(slots).fill(undefined);
    this.#mask = slots - 1;
  }

  push(e: TimerEntry): void {
    this.size++;
    const due = e.due;
    const slot = (due | 0) & this.#mask;
    let b = this.#cache[slot];
    if (b === undefined || b.due !== due) {
      b = this.#open(due);
      this.#cache[slot] = b;
    }
    b.items[b.count++] = e;
  }

  /** The bucket of the earliest instant, or undefined. */
  top(): Bucket | undefined { return this.#heap[0]; }

  /** Removes the earliest bucket (`b`, the top) once it has run or holds nothing live. */
  closeTop(b: Bucket): void {
    this.size -= b.count - b.next;
    const slot = (b.due | 0) & this.#mask;
    if (this.#cache[slot] === b) this.#cache[slot] = undefined;
    this.#pop();
    b.count = 0;
    b.next = 0;
    if (this.#spare.length <= this.#mask) this.#spare.push(b);
    else b.items = []; // dropped: let its entries go
  }

  /** Every bucket (for rare queries made from inside a running bucket). */
  buckets(): readonly Bucket[] { return this.#heap; }

  #open(due: number): Bucket {
    const b = this.#spare.pop() ?? { due, order: 0, items: [], count: 0, next: 0 };
    b.due = due;
    b.order = ++this.#order;
    const a = this.#heap;
    let i = a.length;
    a.push(b);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p] as Bucket;
      if (parent.due < due || (parent.due === due && parent.order < b.order)) break;
      a[i] = parent;
      i = p;
    }
    a[i] = b;
    return b;
  }

  #pop(): void {
    const a = this.#heap;
    const last = a.pop() as Bucket;
    const n = a.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && earlier(a[r] as Bucket, a[l] as Bucket)) c = r;
      const child = a[c] as Bucket;
      if (!earlier(child, last)) break;
      a[i] = child;
      i = c;
    }
    a[i] = last;
  }
}

function earlier(x: Bucket, y: Bucket): boolean {
  return x.due < y.due || (x.due === y.due && x.order < y.order);
}

/** Whether an entry will still run: not cleared, and its group not cancelled since it was scheduled. */
function live(e: TimerEntry): boolean {
  return !e.cancelled && (e.group === undefined || e.gen === e.group.gen);
}

export interface VirtualClockOptions {
  /** Virtual start time, ms since the Unix epoch. Default: 2026-01-15T17:00:00Z (a winter evening in France). */
  start?: number;
  /**
   * Called when a timer callback throws. Default: rethrow (the `advance` call throws, the clock stays at
   * that timer's due time and every other timer stays scheduled).
   */
  onError?: (error: unknown) => void;
  /**
   * Guard against runaway zero-delay timer chains: most timers run at one virtual instant (time cannot move while
   * a chain of 0 ms timers goes on). Default 10,000,000. (Counted per instant, not per advance: a fleet of 10,000
   * metered boards runs more than 10 million timers in a simulated hour.)
   */
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
  /**
   * "Nothing is in flight" (default: the clock's `settled`, e.g. `FrameLedger.quiet` of
   * `@streetlight/hardware-sim/testing`): virtual time moves only while it holds; otherwise `runUntil` waits in
   * real time (the predicate checked again once it holds), so a frame and its answer cross the network at the
   * same virtual instant however loaded the machine is.
   */
  settled?: () => boolean;
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
  readonly #queue: TimerQueue;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #maxFirings: number;
  #advancing = false;
  /** Latest instant the running advance may reach (set by `interrupt`), or undefined. */
  #stopAt: number | undefined;
  #driver: { handle: ReturnType<typeof setInterval>; wallStart: number; virtualStart: number; speed: number } | undefined;
  #firings = 0;
  /** Default `RunUntilOptions.settled` of every `runUntil` on this clock (a harness sets it once). */
  settled: (() => boolean) | undefined;
  /** The bucket the running advance is in. */
  #running: Bucket | undefined;

  /** `cacheSlots` (internal): slots of the bucket cache, a power of two (a lane's clock has few timers). */
  constructor(options: VirtualClockOptions = {}, cacheSlots = CACHE_SLOTS) {
    const start = options.start ?? DEFAULT_CLOCK_START;
    if (!Number.isFinite(start)) throw new RangeError('start must be a finite number of ms');
    this.#now = start;
    this.#onError = options.onError;
    this.#maxFirings = options.maxFiringsPerAdvance ?? 10_000_000;
    this.#queue = new TimerQueue(cacheSlots);
  }

  /**
   * A clock of its own starting at this clock's time, with the same options: a lane for one board of a
   * network-less fleet (`SimFleet` with `lanes`), whose timers then run board by board (see fleet.ts). Small.
   */
  fork(): VirtualClock {
    const options: VirtualClockOptions = { start: this.#now, maxFiringsPerAdvance: this.#maxFirings, ...(this.#onError ? { onError: this.#onError } : {}) };
    return new VirtualClock(options, LANE_CACHE_SLOTS);
  }

  /** Current virtual time, ms since the Unix epoch. */
  now(): number { return this.#now; }

  /** Number of timers run since the clock was created (a cheap activity measure). */
  get firings(): number { return this.#firings; }

  /** Timers scheduled and not run (cancelled entries may count until their due time is reached). */
  get pending(): number { return this.#queue.size; }

  /** Due time of the next live timer, or undefined. */
  nextDue(): number | undefined {
    const q = this.#queue;
    for (;;) {
      const b = q.top();
      if (b === undefined) return undefined;
      for (let i = b.next; i < b.count; i++) if (live(b.items[i] as TimerEntry)) return b.due;
      // Nothing live left at that instant. The bucket a running advance is in stays (it owns it): look further.
      if (b === this.#running) return this.#nextDueAfter(b);
      q.closeTop(b);
    }
  }

  /** From inside a running bucket with nothing live left in it: the earliest other instant with a live timer. */
  #nextDueAfter(running: Bucket): number | undefined {
    let best: number | undefined;
    for (const b of this.#queue.buckets()) {
      if (b === running || (best !== undefined && b.due >= best)) continue;
      for (let i = b.next; i < b.count; i++) {
        if (live(b.items[i] as TimerEntry)) { best = b.due; break; }
      }
    }
    return best;
  }

  /** Clock-wide timers (not tied to a board). */
  set(callback: () => void, ms: number): TimerId { return this.#schedule(callback, ms, 0, undefined); }
  repeat(callback: () => void, ms: number): TimerId {
    return this.#schedule(callback, ms, Math.max(1, Number.isFinite(ms) ? ms : 1), undefined);
  }
  clear(id: TimerId | undefined): void {
    if (isEntry(id)) {
      if (id.group !== undefined) id.group.clear(id);
      else id.cancelled = true;
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
    const q = this.#queue;
    const max = this.#maxFirings;
    try {
      for (;;) {
        const b = q.top();
        const end = this.#stopAt !== undefined && this.#stopAt < t ? this.#stopAt : t;
        if (b === undefined || b.due > end) break;
        this.#now = b.due;
        this.#running = b;
        // Entries appended to this bucket while it runs (0 ms timers) are due now too: they run in this loop.
        const items = b.items;
        let count = 0;
        while (b.next < b.count) {
          const e = items[b.next++] as TimerEntry;
          q.size--;
          const group = e.group;
          if (e.cancelled || (group !== undefined && e.gen !== group.gen)) continue;
          if (++count > max) throw new Error(`more than ${max} timers at one instant: runaway timer chain?`);
          if (e.period > 0) {
            e.due += e.period;
            e.seq = ++this.#seq;
            q.push(e);
          } else {
            e.cancelled = true;
            if (group !== undefined) group.live--;
          }
          this.#firings++;
          try {
            e.callback();
          } catch (error) {
            this.#failed(e, error);
          }
        }
        this.#running = undefined;
        q.closeTop(b);
      }
      const stopped = this.#stopAt !== undefined && this.#stopAt < t;
      this.#now = stopped ? this.#stopAt as number : t;
      return !stopped;
    } finally {
      this.#advancing = false;
      this.#running = undefined;
      this.#stopAt = undefined;
    }
  }

  /** A callback threw: the guard of the firmware's timers (a panic reboot), else onError, else the advance throws. */
  #failed(e: TimerEntry, error: unknown): void {
    const handler = e.guarded ? e.group?.onError : undefined;
    if (handler !== undefined) {
      try {
        handler(error);
        return;
      } catch (again) {
        error = again;
      }
    }
    if (this.#onError) this.#onError(error);
    else throw error;
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
    const settled = options.settled ?? this.settled;
    for (;;) {
      if (predicate()) return this.#now;
      if (settled && !settled()) {
        // Frames in flight: let them land before time moves (the ledger gives up on a lost one by itself).
        await new Promise<void>((resolve) => setTimeout(resolve, 1));
        continue;
      }
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
  _schedule(callback: () => void, ms: number, period: number, group: TimerGroup | undefined, guarded = false): TimerEntry {
    return this.#schedule(callback, ms, period, group, guarded);
  }

  #schedule(callback: () => void, ms: number, period: number, group: TimerGroup | undefined, guarded = false): TimerEntry {
    if (typeof callback !== 'function') throw new TypeError('timer callback must be a function');
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    // A repeating timer of 0 ms would never let time move: Moddable clamps to the tick, we clamp to 1 ms.
    const p = period > 0 ? Math.max(1, period) : 0;
    const e = new TimerEntry(this.#now + delay, ++this.#seq, p, callback, false, group, group === undefined ? 0 : group.gen, guarded);
    this.#queue.push(e);
    return e;
  }
}

function isEntry(id: unknown): id is TimerEntry {
  return id instanceof TimerEntry;
}

/** The timers of one board (`Host.timers`): `cancelAll()` is the power cut. */
export class TimerGroup implements HostTimers {
  /**
   * @internal Generation: an entry scheduled in an older one is cancelled. `cancelAll()` is O(1) and a timer
   * needs no bookkeeping in a set (a board's fades and serial exchanges schedule hundreds of thousands a night).
   */
  gen = 0;
  /** @internal live entries of this group */
  live = 0;
  /** Handler of exceptions thrown by the callbacks of `guarded()` timers (the board's panic). */
  onError: ((error: unknown) => void) | undefined;
  #closed = false;
  #guarded: HostTimers | undefined;
  constructor(private readonly clock: VirtualClock) {}

  set(callback: () => void, ms: number): TimerId {
    return this.#add(callback, ms, 0, false);
  }
  repeat(callback: () => void, ms: number): TimerId {
    return this.#add(callback, ms, Math.max(1, Number.isFinite(ms) ? ms : 1), false);
  }
  clear(id: TimerId | undefined): void {
    if (isEntry(id) && id.group === this && !id.cancelled && id.gen === this.gen) {
      id.cancelled = true;
      this.live--;
    }
  }
  /**
   * The same timers for firmware code: an exception escaping one of their callbacks goes to `onError` (the board
   * turns it into a panic reboot) instead of out of `advance` — with no wrapper closure per timer.
   */
  guarded(): HostTimers {
    this.#guarded ??= {
      set: (callback, ms) => this.#add(callback, ms, 0, true),
      repeat: (callback, ms) => this.#add(callback, ms, Math.max(1, Number.isFinite(ms) ? ms : 1), true),
      clear: (id) => this.clear(id),
    };
    return this.#guarded;
  }
  /** Number of live timers of this group. */
  get size(): number { return this.live; }
  get closed(): boolean { return this.#closed; }

  /** Cancels every timer of the group. */
  cancelAll(): void {
    this.gen++;
    this.live = 0;
  }

  /** Cancels everything and makes later `set`/`repeat` calls inert (code running on a dead board). */
  close(): void {
    this.cancelAll();
    this.#closed = true;
  }

  #add(callback: () => void, ms: number, period: number, guarded: boolean): TimerId {
    if (this.#closed) {
      // The board lost power: nothing it schedules will ever run. Hand back an inert id.
      return new TimerEntry(Infinity, -1, 0, callback, true, this, -1, guarded);
    }
    const e = this.clock._schedule(callback, ms, period, this, guarded);
    this.live++;
    return e;
  }
}
