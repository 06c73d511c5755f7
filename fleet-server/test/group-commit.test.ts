/**
 * Issue 14: the group commit of the ingest pipeline (src/ingest/group-commit.ts): batches close at maxItems or
 * maxDelayMs after their first item, fill up while the previous one is written, keep one item per key, are written at
 * most `concurrency` at once, and a failed batch is written again item by item so that a bad item fails alone.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from '../src/ingest/group-commit.js';

/** A writer whose batches stay open until `release()`, recording what it was given. */
function gatedWriter(fail?: (items: string[]) => boolean) {
  const batches: string[][] = [];
  let open = 0;
  let maxOpen = 0;
  const gates: Array<() => void> = [];
  const write = async (items: string[]): Promise<string[]> => {
    batches.push(items);
    open++;
    maxOpen = Math.max(maxOpen, open);
    await new Promise<void>((resolve) => gates.push(resolve));
    open--;
    if (fail?.(items)) throw new Error(`batch ${items.join(',')} failed`);
    return items.map((i) => `ok:${i}`);
  };
  return {
    write, batches,
    get maxOpen() { return maxOpen; },
    /** Lets every batch written so far finish. */
    release: () => { for (const g of gates.splice(0)) g(); },
    waiting: () => gates.length,
  };
}

/** Resolves once `cond` holds, checking after each turn of the event loop. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

describe('group commit', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('closes a batch at maxItems at once, and fills the next one while a batch is written', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<string, string>({ maxItems: 4, maxDelayMs: 0, write: w.write });
    const done = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((x) => gc.submit(x));
    await until(() => w.batches.length === 1);
    expect(w.batches).toEqual([['a', 'b', 'c', 'd']]);
    // The rest waits for the writer (one batch at a time), then goes as one batch.
    const more = ['h', 'i'].map((x) => gc.submit(x));
    expect(gc.waiting).toBe(5);
    w.release();
    await until(() => w.batches.length === 2);
    expect(w.batches[1]).toEqual(['e', 'f', 'g', 'h']);
    w.release();
    await until(() => w.batches.length === 3);
    expect(w.batches[2]).toEqual(['i']);
    w.release();
    expect(await Promise.all([...done, ...more])).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((x) => `ok:${x}`));
    await gc.idle();
    expect(w.maxOpen).toBe(1);
  });

  it('writes a lone item maxDelayMs after it arrived, with those that came meanwhile', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    const batches: string[][] = [];
    const gc = new GroupCommit<string, string>({ maxItems: 100, maxDelayMs: 5, write: async (items) => { batches.push(items); return items; } });
    const a = gc.submit('a');
    vi.advanceTimersByTime(3);
    const b = gc.submit('b');
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(batches).toEqual([['a', 'b']]);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  it('never puts two items of one key in a batch, and keeps their order', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<string, string>({ maxItems: 10, maxDelayMs: 0, write: w.write, keyOf: (x) => x.split(':')[0] as string });
    const done = ['d1:1', 'd2:1', 'd1:2', 'd1:3', 'd3:1', 'd2:2'].map((x) => gc.submit(x));
    await until(() => w.batches.length === 1);
    w.release();
    await until(() => w.batches.length === 2);
    w.release();
    await until(() => w.batches.length === 3);
    w.release();
    await Promise.all(done);
    expect(w.batches).toEqual([['d1:1', 'd2:1', 'd3:1'], ['d1:2', 'd2:2'], ['d1:3']]);
  });

  it('with several batches at once, a key\'s next item waits for the batch that holds its previous one', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<string, string>({ maxItems: 1, maxDelayMs: 0, concurrency: 2, write: w.write, keyOf: (x) => x.split(':')[0] as string });
    const done = ['d1:1', 'd1:2', 'd2:1'].map((x) => gc.submit(x));
    await until(() => w.waiting() === 2);
    expect(w.batches).toEqual([['d1:1'], ['d2:1']]);
    w.release();
    await until(() => w.batches.length === 3);
    expect(w.batches[2]).toEqual(['d1:2']);
    w.release();
    await Promise.all(done);
  });

  it('writes a failed batch again item by item: a bad item fails alone, the others are written', async () => {
    const written: string[][] = [];
    const gc = new GroupCommit<string, string>({
      maxItems: 10, maxDelayMs: 0,
      write: async (items) => {
        written.push(items);
        if (items.includes('bad')) throw new Error('constraint violated');
        return items.map((i) => `ok:${i}`);
      },
    });
    const out = await Promise.allSettled(['a', 'bad', 'c'].map((x) => gc.submit(x)));
    expect(out.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['ok:a', 'constraint violated', 'ok:c']);
    expect(written).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('writes at most `concurrency` batches at once', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit<string, string>({ maxItems: 2, maxDelayMs: 0, concurrency: 2, write: w.write });
    const done = Array.from({ length: 8 }, (_, i) => gc.submit(`x${i}`));
    await until(() => w.waiting() === 2);
    expect(w.batches).toEqual([['x0', 'x1'], ['x2', 'x3']]);
    for (let i = 0; i < 4; i++) { w.release(); await new Promise((r) => setImmediate(r)); }
    await until(() => w.batches.length === 4);
    w.release();
    await Promise.all(done);
    expect(w.maxOpen).toBe(2);
    expect(w.batches.flat()).toEqual(Array.from({ length: 8 }, (_, i) => `x${i}`));
  });

  it('reports batch sizes and queue depth', async () => {
    const sizes: number[] = [];
    const depths: number[] = [];
    const gc = new GroupCommit<number, number>({
      maxItems: 3, maxDelayMs: 0, write: async (items) => items, onBatch: (n, _ms, ok) => { if (ok) sizes.push(n); }, onQueue: (n) => depths.push(n),
    });
    await Promise.all([1, 2, 3, 4].map((x) => gc.submit(x)));
    await gc.idle();
    expect(sizes).toEqual([3, 1]);
    expect(Math.max(...depths)).toBe(3); // the third item closed a batch at once
    expect(depths.at(-1)).toBe(0);
  });
});
