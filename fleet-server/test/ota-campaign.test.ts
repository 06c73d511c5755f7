import { describe, expect, it } from 'vitest';
import {
  cancel, CampaignError, createCampaign, markConnected, markNotConnected, onDeviceStatus, pause, planWaves, resume, retryFailed, step, summarize,
  DEFAULT_POLICY, type CampaignState,
} from '../src/ota/campaign.js';

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `SL-${String(i + 1).padStart(4, '0')}`);
const S = 1000;

/** Drives every offered device of `c` to `state`. */
function finish(c: CampaignState, offered: string[], now: number, state: 'confirmed' | 'rolled_back' | 'failed' = 'confirmed'): void {
  for (const id of offered) onDeviceStatus(c, id, state, now, state === 'confirmed' ? {} : { reason: 'self-test failed' });
}

describe('wave planning', () => {
  it('starts with a canary (count or share) and grows by the factor until every target is in a wave', () => {
    const waves = planWaves(ids(500), { ...DEFAULT_POLICY, canary: 0.02, growth: 4 });
    expect(waves.map((w) => w.length)).toEqual([10, 40, 160, 290]);
    expect(waves.flat()).toEqual(ids(500));
    expect(planWaves(ids(3), { ...DEFAULT_POLICY, canary: 5 }).map((w) => w.length)).toEqual([3]);
    expect(planWaves(ids(7), { ...DEFAULT_POLICY, canary: 0.01, growth: 1 }).map((w) => w.length)).toEqual([1, 2, 3, 1]);
  });

  it('rejects nonsensical policies and duplicate targets', () => {
    expect(() => createCampaign(ids(5), { successThreshold: 0 })).toThrow(CampaignError);
    expect(() => createCampaign(ids(5), { errorThreshold: 1 })).toThrow(CampaignError);
    expect(() => createCampaign(['a', 'a'])).toThrow(/duplicate/);
  });
});

describe('rollout', () => {
  it('offers the canary only, then each wave once the previous reached the success threshold', () => {
    const c = createCampaign(ids(100), { canary: 5, growth: 3, successThreshold: 0.8, maxConcurrent: 1000 });
    const canary = step(c, 0);
    expect(canary).toEqual(ids(5));
    expect(step(c, S)).toEqual([]); // nothing more while the canary runs
    finish(c, canary.slice(0, 3), 2 * S);
    expect(step(c, 3 * S)).toEqual([]); // 3/5 confirmed < 80 %
    finish(c, canary.slice(3, 4), 4 * S);
    const wave1 = step(c, 5 * S); // 4/5 = 80 %: next wave (15 devices)
    expect(wave1).toHaveLength(15);
    expect(summarize(c)[1]?.started).toBe(true);
  });

  it('never has more than maxConcurrent devices in flight', () => {
    const c = createCampaign(ids(50), { canary: 50, maxConcurrent: 8 });
    const first = step(c, 0);
    expect(first).toHaveLength(8);
    finish(c, first.slice(0, 3), S);
    expect(step(c, 2 * S)).toHaveLength(3);
  });

  it('completes when every device is confirmed', () => {
    const c = createCampaign(ids(20), { canary: 2, growth: 10, maxConcurrent: 100 });
    for (let t = 0; c.status === 'running' && t < 100; t++) finish(c, step(c, t * S), t * S + 1);
    expect(c.status).toBe('completed');
    expect(summarize(c).every((w) => w.counts.confirmed === w.size)).toBe(true);
  });

  it('halts by itself when failures pass the error threshold, and offers nothing more', () => {
    const c = createCampaign(ids(100), { canary: 10, errorThreshold: 0.1, maxConcurrent: 1000 });
    const canary = step(c, 0);
    finish(c, canary.slice(0, 8), S);
    finish(c, canary.slice(8), S, 'rolled_back');
    expect(step(c, 2 * S)).toEqual([]);
    expect(c.status).toBe('halted');
    expect(c.haltReason).toMatch(/2 of 10 devices failed/);
    expect(c.devices[canary[9] as string]).toMatchObject({ state: 'rolled_back', reason: 'self-test failed' });
  });

  it('times out a silent device, which counts as a failure (a silent device never blocks the rollout)', () => {
    const c = createCampaign(ids(10), { canary: 2, deviceTimeoutS: 600, errorThreshold: 0.5, successThreshold: 0.5, maxConcurrent: 100 });
    const [a, b] = step(c, 0) as [string, string];
    onDeviceStatus(c, a, 'downloading', 10 * S, { offset: 4096 });
    finish(c, [b], 20 * S);
    step(c, 500 * S);
    expect(c.devices[a]?.state).toBe('downloading');
    step(c, 700 * S); // 690 s without progress from a
    expect(c.devices[a]).toMatchObject({ state: 'timed_out' });
    expect(c.status).toBe('running'); // 1 failure of 2 = 50 %, not above the threshold
  });

  it('keeps a device that makes progress alive, and resumes from its offset', () => {
    const c = createCampaign(ids(1), { canary: 1, deviceTimeoutS: 60 });
    const [a] = step(c, 0) as [string];
    for (let t = 1; t <= 10; t++) {
      onDeviceStatus(c, a, 'downloading', t * 50 * S, { offset: t * 1024 });
      step(c, t * 50 * S + 1);
    }
    expect(c.devices[a]).toMatchObject({ state: 'downloading', offset: 10 * 1024 });
  });
});

describe('operator commands', () => {
  it('pause stops new offers; resume continues; cancel drops the queue; retry re-offers failures', () => {
    const c = createCampaign(ids(30), { canary: 3, growth: 10, maxConcurrent: 100, errorThreshold: 0.5 });
    const canary = step(c, 0);
    pause(c);
    finish(c, canary, S);
    expect(step(c, 2 * S)).toEqual([]);
    resume(c);
    const next = step(c, 3 * S);
    expect(next).toHaveLength(27);
    finish(c, next.slice(0, 20), 4 * S);
    finish(c, next.slice(20, 22), 4 * S, 'failed');
    expect(retryFailed(c, 5 * S)).toBe(2);
    expect(step(c, 6 * S).sort()).toEqual(next.slice(20, 22).sort());
    cancel(c, 7 * S);
    expect(c.status).toBe('cancelled');
    expect(() => pause(c)).toThrow(CampaignError);
    expect(step(c, 8 * S)).toEqual([]);
  });

  it('cancel leaves never-offered devices cancelled, not failed', () => {
    const c = createCampaign(ids(10), { canary: 1 });
    step(c, 0);
    cancel(c, S);
    expect(summarize(c).reduce((n, w) => n + w.counts.cancelled, 0)).toBe(9);
  });

  it('a commissioned device that never connected waits in its wave without holding it back, and is offered once it connected', () => {
    const c = createCampaign(['a', 'b', 'c', 'd'], { canary: 1, maxConcurrent: 10 }, 0, new Set(['a', 'c']));
    // Devices that can answer come first: the canary is one of them.
    expect(c.waves).toEqual([['b'], ['d', 'a', 'c']]);
    expect(c.devices.a).toMatchObject({ state: 'queued', notConnected: true, reason: expect.stringMatching(/not yet connected/) });
    expect(step(c, 0)).toEqual(['b']);
    finish(c, ['b'], S);
    expect(step(c, 2 * S)).toEqual(['d']); // the waiting ones are not offered
    finish(c, ['d'], 3 * S);
    expect(step(c, 4 * S)).toEqual([]);
    expect(c.status).toBe('running'); // not completed while two lights wait for their first connection
    expect(markConnected(c, 'a', 5 * S)).toBe(true);
    expect(markConnected(c, 'a', 5 * S)).toBe(false);
    expect(c.devices.a).toMatchObject({ state: 'queued' });
    expect(c.devices.a?.reason).toBeUndefined();
    expect(step(c, 6 * S)).toEqual(['a']);
    finish(c, ['a'], 7 * S);
    expect(step(c, 8 * S)).toEqual([]);
    cancel(c, 9 * S);
    expect(c.devices.c).toMatchObject({ state: 'cancelled' });
    expect(c.devices.c?.notConnected).toBeUndefined();
  });

  it('a wave made only of devices that never connected neither halts nor completes the campaign', () => {
    const c = createCampaign(['x', 'y', 'z'], { canary: 1, maxConcurrent: 10 }, 0, new Set(['x', 'y']));
    expect(c.waves).toEqual([['z'], ['x', 'y']]);
    finish(c, step(c, 0), S);
    expect(step(c, 2 * S)).toEqual([]);
    expect(c.status).toBe('running');
    expect(summarize(c).map((w) => w.started)).toEqual([true, true]);
  });

  it('an offered device found never to have connected goes back to waiting for its first Hello', () => {
    const c = createCampaign(['a', 'b'], { canary: 2 }, 0);
    expect(step(c, 0)).toEqual(['a', 'b']);
    expect(markNotConnected(c, 'a', S)).toBe(true);
    expect(markNotConnected(c, 'a', S)).toBe(false);
    expect(c.devices.a).toMatchObject({ state: 'queued', notConnected: true });
    expect(step(c, 2 * S)).toEqual([]);
    onDeviceStatus(c, 'b', 'confirmed', 3 * S);
    expect(step(c, 4 * S)).toEqual([]);
    expect(c.status).toBe('running');
  });
});
