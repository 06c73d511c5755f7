import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../src/index.js';

describe('VirtualClock', () => {
  it('fires timers in due order, ties in creation order, with now() at each due time', () => {
    const clock = new VirtualClock({ start: 1_000 });
    const seen: [string, number][] = [];
    clock.set(() => seen.push(['b', clock.now()]), 20);
    clock.set(() => seen.push(['a', clock.now()]), 10);
    clock.set(() => seen.push(['c1', clock.now()]), 20);
    clock.set(() => seen.push(['c2', clock.now()]), 20);
    clock.advance(25);
    expect(seen).toEqual([['a', 1010], ['b', 1020], ['c1', 1020], ['c2', 1020]]);
    expect(clock.now()).toBe(1025);
  });

  it('runs timers created by callbacks within the same advance when they fall due', () => {
    const clock = new VirtualClock({ start: 0 });
    const seen: number[] = [];
    clock.set(() => {
      seen.push(clock.now());
      clock.set(() => {
        seen.push(clock.now());
        clock.set(() => seen.push(clock.now()), 0);
      }, 5);
      clock.set(() => seen.push(clock.now()), 100); // beyond the window
    }, 10);
    clock.advance(20);
    expect(seen).toEqual([10, 15, 15]);
    clock.advance(89);
    expect(seen).toHaveLength(3);
    clock.advance(1);
    expect(seen).toEqual([10, 15, 15, 110]);
  });

  it('repeats, clears, and a 0 ms timer runs at advance(0)', () => {
    const clock = new VirtualClock({ start: 0 });
    const ticks: number[] = [];
    const id = clock.repeat(() => ticks.push(clock.now()), 100);
    let zero = false;
    clock.set(() => { zero = true; }, 0);
    clock.advance(0);
    expect(zero).toBe(true);
    clock.advance(350);
    expect(ticks).toEqual([100, 200, 300]);
    clock.clear(id);
    clock.advance(1000);
    expect(ticks).toHaveLength(3);
  });

  it('is deterministic: the same script gives the same trace', () => {
    const run = (): string[] => {
      const clock = new VirtualClock({ start: 5 });
      const out: string[] = [];
      for (let i = 0; i < 50; i++) {
        const d = (i * 37) % 101;
        clock.set(() => {
          out.push(`${i}@${clock.now()}`);
          if (i % 7 === 0) clock.set(() => out.push(`${i}'@${clock.now()}`), (i * 13) % 17);
        }, d);
      }
      clock.repeat(() => out.push(`r@${clock.now()}`), 33);
      clock.advance(200);
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('groups cancel all their timers at once and ignore later scheduling', () => {
    const clock = new VirtualClock({ start: 0 });
    const g1 = clock.group();
    const g2 = clock.group();
    const seen: string[] = [];
    g1.set(() => seen.push('g1'), 10);
    g1.repeat(() => seen.push('g1r'), 5);
    g2.set(() => seen.push('g2'), 10);
    expect(g1.size).toBe(2);
    g1.close();
    g1.set(() => seen.push('late'), 1);
    clock.advance(50);
    expect(seen).toEqual(['g2']);
    expect(g1.size).toBe(0);
    expect(g2.size).toBe(0);
  });

  it('a group cannot clear another group\'s timer', () => {
    const clock = new VirtualClock({ start: 0 });
    const g1 = clock.group();
    const g2 = clock.group();
    let fired = false;
    const id = g1.set(() => { fired = true; }, 1);
    g2.clear(id);
    clock.advance(1);
    expect(fired).toBe(true);
  });

  it('rejects going back in time and re-entrant advance', () => {
    const clock = new VirtualClock({ start: 100 });
    expect(() => clock.advanceTo(50)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.set(() => clock.advance(1), 1);
    expect(() => clock.advance(5)).toThrow(/re-entrant/);
  });

  it('reports a throwing timer through onError and keeps going', () => {
    const errors: unknown[] = [];
    const clock = new VirtualClock({ start: 0, onError: (e) => errors.push(e) });
    let after = false;
    clock.set(() => { throw new Error('boom'); }, 1);
    clock.set(() => { after = true; }, 2);
    clock.advance(3);
    expect(errors).toHaveLength(1);
    expect(after).toBe(true);
  });

  it('interrupt() ends the running advance at now + withinMs, after every timer due by then', () => {
    const clock = new VirtualClock({ start: 0 });
    const seen: number[] = [];
    clock.repeat(() => seen.push(clock.now()), 10);
    clock.set(() => clock.interrupt(15), 25); // e.g. a board sends a request whose answer takes real time
    expect(clock.advanceTo(100)).toBe(false);
    expect(clock.now()).toBe(40);
    expect(seen).toEqual([10, 20, 30, 40]);
    // The next advance runs on; the earliest of several interrupts wins; outside an advance it does nothing.
    clock.set(() => clock.interrupt(30), 5);
    clock.set(() => clock.interrupt(3), 6);
    clock.interrupt(0);
    expect(clock.advance(60)).toBe(false);
    expect(clock.now()).toBe(49);
    expect(clock.advanceTo(100)).toBe(true);
    expect(clock.now()).toBe(100);
    expect(seen).toHaveLength(10);
  });

  it('runUntil advances to the timer that makes the predicate true', async () => {
    const clock = new VirtualClock({ start: 0 });
    let done = false;
    clock.set(() => { done = true; }, 12_345);
    const t = await clock.runUntil(() => done, { stepMs: 60_000 });
    expect(t).toBe(12_345);
    await expect(clock.runUntil(() => false, { timeoutMs: 5000 })).rejects.toThrow(/still false/);
  });

  it('real-time driver runs virtual time speed× faster than wall time', async () => {
    const clock = new VirtualClock({ start: 0 });
    let fired = 0;
    clock.repeat(() => fired++, 1000);
    clock.start(1000, 5);
    await new Promise((r) => setTimeout(r, 120));
    clock.stop();
    const t = clock.now();
    expect(t).toBeGreaterThanOrEqual(60_000);
    expect(t).toBeLessThan(1_000_000);
    expect(fired).toBe(Math.floor(t / 1000));
    expect(clock.speed).toBe(0);
  });
});
