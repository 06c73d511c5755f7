/**
 * Group commit (issue 14, fleet-server README "Ingest pipeline"): items submitted one by one, from many devices at
 * once, are written in batches, one `write` (one transaction) per batch. A batch closes when it holds `maxItems`, or
 * `maxDelayMs` after its first item arrived; while a batch is being written the next one fills up, so under load
 * batches grow by themselves and a lone frame waits at most `maxDelayMs` plus the batch before it.
 *
 * - At most `concurrency` batches are written at once (1: SQLite has one writer; PostgreSQL may take more, each on
 *   its own connection).
 * - `keyOf`: items with the same key never share a batch (one EnergyReport per device per transaction, so a device's
 *   frames are applied in order, one transaction after the other); a second one waits, in order, for the next batch.
 * - A batch whose `write` rejects is written again one item at a time, so one bad frame fails alone and the others
 *   are stored: `write` must be all or nothing (a transaction), and writing an item again must be harmless.
 * - Nothing here is unbounded by itself: the caller bounds what it submits (the MQTT client's pending frames,
 *   src/mqtt/ingest.ts).
 */

export interface GroupCommitOptions<I, O> {
  /** Items per batch at most. */
  maxItems: number;
  /** How long the first item of a batch waits for others, ms; 0 = the rest of the current turn of the event loop. */
  maxDelayMs: number;
  /** Writes one batch, all or nothing; resolves with one outcome per item, in order. */
  write: (items: I[]) => Promise<O[]>;
  /** Items with the same key are never in one batch. */
  keyOf?: (item: I) => string;
  /** Batches written at once. Default 1. */
  concurrency?: number;
  /** A batch was written (`ok`) or failed: its size and how long `write` took, ms. */
  onBatch?: (items: number, ms: number, ok: boolean) => void;
  /** The number of items waiting for a batch changed. */
  onQueue?: (waiting: number) => void;
}

interface Entry<I, O> {
  item: I;
  at: number;
  resolve: (o: O) => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<I, O> {
  private readonly o: Required<Omit<GroupCommitOptions<I, O>, 'keyOf' | 'onBatch' | 'onQueue'>> & GroupCommitOptions<I, O>;
  private queue: Array<Entry<I, O>> = [];
  private writing = 0;
  private timer: { timeout: NodeJS.Timeout } | { immediate: NodeJS.Immediate } | undefined;
  private readonly drained: Array<() => void> = [];
  /** Keys of the items in batches being written (with `concurrency` > 1, a key's next item waits for its batch). */
  private readonly busy = new Set<string>();

  constructor(opts: GroupCommitOptions<I, O>) {
    if (!(opts.maxItems >= 1)) throw new Error('GroupCommit: maxItems must be at least 1');
    this.o = { concurrency: 1, ...opts };
  }

  /** Items waiting for a batch. */
  get waiting(): number { return this.queue.length; }

  /** Resolves with the item's outcome once its batch has been written (committed); rejects if it could not be. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, at: performance.now(), resolve, reject });
      this.o.onQueue?.(this.queue.length);
      this.schedule();
    });
  }

  /** Resolves once nothing waits and nothing is being written. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.writing === 0) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.writing >= (this.o.concurrency)) return;
    if (this.queue.length >= this.o.maxItems) {
      this.clearTimer();
      this.flush();
      return;
    }
    if (this.timer) return;
    const wait = this.o.maxDelayMs - (performance.now() - (this.queue[0] as Entry<I, O>).at);
    const fire = () => { this.timer = undefined; this.flush(); };
    this.timer = wait > 0 ? { timeout: setTimeout(fire, wait) } : { immediate: setImmediate(fire) };
  }

  private clearTimer(): void {
    if (!this.timer) return;
    if ('timeout' in this.timer) clearTimeout(this.timer.timeout);
    else clearImmediate(this.timer.immediate);
    this.timer = undefined;
  }

  /** Takes the next batch off the queue (in order, one item per key) and writes it. */
  private flush(): void {
    if (this.queue.length === 0 || this.writing >= this.o.concurrency) return;
    const batch: Array<Entry<I, O>> = [];
    const rest: Array<Entry<I, O>> = [];
    const keys = this.o.keyOf ? new Set<string>() : undefined;
    for (const e of this.queue) {
      if (batch.length >= this.o.maxItems) { rest.push(e); continue; }
      if (keys) {
        const k = (this.o.keyOf as (item: I) => string)(e.item);
        if (keys.has(k) || this.busy.has(k)) { rest.push(e); continue; }
        keys.add(k);
      }
      batch.push(e);
    }
    if (batch.length === 0) return; // every waiting item's key is in a batch being written: on when it is done
    this.queue = rest;
    this.o.onQueue?.(this.queue.length);
    this.writing++;
    for (const k of keys ?? []) this.busy.add(k);
    void this.writeBatch(batch).finally(() => {
      for (const k of keys ?? []) this.busy.delete(k);
      this.writing--;
      if (this.queue.length > 0) this.schedule();
      else if (this.writing === 0) for (const d of this.drained.splice(0)) d();
    });
    // Room for another batch at once (concurrency > 1) when the queue still holds a full one.
    if (this.queue.length >= this.o.maxItems) this.schedule();
  }

  private async writeBatch(batch: Array<Entry<I, O>>): Promise<void> {
    const t0 = performance.now();
    try {
      const out = await this.o.write(batch.map((e) => e.item));
      this.o.onBatch?.(batch.length, performance.now() - t0, true);
      batch.forEach((e, i) => e.resolve(out[i] as O));
      return;
    } catch (err) {
      this.o.onBatch?.(batch.length, performance.now() - t0, false);
      if (batch.length === 1) {
        (batch[0] as Entry<I, O>).reject(err);
        return;
      }
    }
    // Nothing of the batch was written (all or nothing): each item again, alone, so a bad one fails by itself.
    for (const e of batch) {
      const t1 = performance.now();
      try {
        const [o] = await this.o.write([e.item]);
        this.o.onBatch?.(1, performance.now() - t1, true);
        e.resolve(o as O);
      } catch (err) {
        this.o.onBatch?.(1, performance.now() - t1, false);
        e.reject(err);
      }
    }
  }
}

/** What a BatchWriter reports: a failed batch, a batch written (frames, seconds), the frames waiting. */
export interface BatchMetrics {
  failed(): void;
  written(frames: number, seconds: number): void;
  waiting(frames: number): void;
}

export interface BatchWriterOptions {
  dialect: 'sqlite' | 'postgres';
  /** Frames per batch at most (INGEST_BATCH_FRAMES). */
  maxFrames: number;
  /** How long the first frame of a batch waits for others, ms (INGEST_BATCH_DELAY_MS). */
  maxDelayMs: number;
  /** Batches written at once: always 1 on SQLite (one writer); PostgreSQL default 2, each on its own connection. */
  concurrency?: number | undefined;
  metrics?: BatchMetrics | undefined;
}

/**
 * One device's frames in batches across devices (energy-batch.ts, state-batch.ts): a GroupCommit keyed by device
 * (a device's frames in order, one per batch) over `write`, which writes a batch in one transaction.
 */
export class BatchWriter<F extends { deviceId: string }, O> {
  private readonly commit: GroupCommit<F, O>;

  constructor(private readonly writeBatch: (frames: readonly F[]) => Promise<O[]>, o: BatchWriterOptions) {
    const m = o.metrics;
    this.commit = new GroupCommit<F, O>({
      maxItems: o.maxFrames,
      maxDelayMs: o.maxDelayMs,
      concurrency: o.dialect === 'sqlite' ? 1 : Math.max(1, o.concurrency ?? 2),
      keyOf: (f) => f.deviceId,
      write: (frames) => this.writeBatch(frames),
      onBatch: (n, ms, ok) => {
        if (!m) return;
        if (ok) m.written(n, ms / 1000);
        else m.failed();
      },
      onQueue: (n) => m?.waiting(n),
    });
  }

  /** Resolves with the frame's outcome once its batch has committed (or with why nothing was written). */
  submit(frame: F): Promise<O> {
    return this.commit.submit(frame);
  }

  /** Writes `frames` in one transaction, now (tests). */
  write(frames: readonly F[]): Promise<O[]> {
    return this.writeBatch(frames);
  }

  /** Resolves once every submitted frame is written. */
  idle(): Promise<void> {
    return this.commit.idle();
  }
}
