/**
 * Staged OTA campaigns as a pure state machine: no database, no network, no clock of its own. The service
 * around it persists `CampaignState` (JSON), feeds device progress in (`onDeviceStatus`), asks it what to do
 * next (`step(now)` → offers to send) and applies operator commands (pause, resume, cancel, retry).
 *
 * Rollout model (after Eclipse hawkBit's rollout groups, with what its users ask for: hawkBit #693 — a
 * silent device must fail the wave, not block it forever; #672 — maintenance windows):
 *  - targets are split into waves: a canary wave (a count or a percentage), then waves growing by `growth`;
 *  - a wave starts only when the previous one has reached `successThreshold` (share of its devices confirmed);
 *  - the campaign halts by itself when the failures of the waves started so far (verification errors,
 *    rollbacks, devices silent past `deviceTimeoutS`) exceed `errorThreshold` of the devices attempted;
 *  - at most `maxConcurrent` devices download at once, so a campaign does not starve telemetry;
 *  - a device commissioned but never connected (no Hello yet: nothing to send an offer to) waits in its wave,
 *    queued and marked `notConnected`: it is not offered, its wave is judged on the other devices, and the
 *    campaign is not completed while it waits. Its first Hello clears the mark (`markConnected`) and it is
 *    offered like any queued device of a started wave. Devices that can answer are planned first, so the
 *    canary is made of them.
 */

export type DeviceOtaState =
  | 'queued' | 'offered' | 'downloading' | 'verifying' | 'installing' | 'rebooting'
  | 'confirmed' | 'rolled_back' | 'failed' | 'timed_out' | 'cancelled';

export type CampaignStatus = 'running' | 'paused' | 'halted' | 'completed' | 'cancelled';

const TERMINAL: ReadonlySet<DeviceOtaState> = new Set(['confirmed', 'rolled_back', 'failed', 'timed_out', 'cancelled']);
const IN_FLIGHT: ReadonlySet<DeviceOtaState> = new Set(['offered', 'downloading', 'verifying', 'installing', 'rebooting']);
const FAILURES: ReadonlySet<DeviceOtaState> = new Set(['rolled_back', 'failed', 'timed_out']);

export interface CampaignPolicy {
  /** Canary wave: a device count (≥ 1) if ≥ 1, else a fraction of the targets (e.g. 0.02). At least one device. */
  canary: number;
  /** Each later wave is this many times the previous one (default 4). */
  growth: number;
  /** Share of a wave's devices that must be confirmed before the next wave starts (default 0.9). */
  successThreshold: number;
  /** Share of attempted devices that may fail before the campaign halts (default 0.05). */
  errorThreshold: number;
  /** A device in flight with no progress for this long is timed out (default 3600 s). */
  deviceTimeoutS: number;
  /** Devices downloading at once (default 50). */
  maxConcurrent: number;
}

export const DEFAULT_POLICY: CampaignPolicy = {
  canary: 0.02, growth: 4, successThreshold: 0.9, errorThreshold: 0.05, deviceTimeoutS: 3600, maxConcurrent: 50,
};

export interface DeviceProgress {
  state: DeviceOtaState;
  wave: number;
  /** Bytes written on the device (resume point). */
  offset: number;
  reason?: string;
  /** Last time (ms) the device's state or offset changed. */
  updatedAt: number;
  attempts: number;
  /** Commissioned but never connected: waits, queued, for its first Hello (see the module comment). */
  notConnected?: true;
}

/** The reason shown for a device waiting for its first connection. */
export const NOT_CONNECTED_REASON = 'not yet connected: offered at its first Hello';

export interface CampaignState {
  status: CampaignStatus;
  policy: CampaignPolicy;
  /** Target device ids by wave. */
  waves: string[][];
  /** Index of the last wave started (−1 before the first). */
  currentWave: number;
  devices: Record<string, DeviceProgress>;
  haltReason?: string;
  /** Why it halted, as figures (the UI says it in the reader's language; `haltReason` is the same in English). */
  halt?: CampaignHalt;
}

export type CampaignHalt =
  | { kind: 'errors'; failed: number; attempted: number; thresholdPct: number }
  | { kind: 'wave'; wave: number; confirmed: number; devices: number; thresholdPct: number };

export interface WaveSummary {
  wave: number;
  size: number;
  counts: Record<DeviceOtaState, number>;
  started: boolean;
}

export class CampaignError extends Error {
  override name = 'CampaignError';
}

/** Splits targets into waves: canary, then sizes growing by `growth`, the last wave taking the rest. */
export function planWaves(targets: readonly string[], policy: CampaignPolicy): string[][] {
  if (targets.length === 0) return [];
  const canary = Math.max(1, Math.min(targets.length, policy.canary >= 1 ? Math.floor(policy.canary) : Math.ceil(targets.length * policy.canary)));
  const waves: string[][] = [targets.slice(0, canary)];
  let at = canary;
  let size = canary;
  while (at < targets.length) {
    size = Math.max(size + 1, Math.ceil(size * policy.growth));
    waves.push(targets.slice(at, at + size));
    at += size;
  }
  return waves;
}

/** `notConnected`: targets that have never connected (commissioned only); they wait for their first Hello. */
export function createCampaign(targets: readonly string[], policy: Partial<CampaignPolicy> = {}, now = 0, notConnected: ReadonlySet<string> = new Set()): CampaignState {
  const p: CampaignPolicy = { ...DEFAULT_POLICY, ...policy };
  if (!(p.successThreshold > 0 && p.successThreshold <= 1)) throw new CampaignError('successThreshold must be in (0, 1]');
  if (!(p.errorThreshold >= 0 && p.errorThreshold < 1)) throw new CampaignError('errorThreshold must be in [0, 1)');
  if (!(p.growth >= 1)) throw new CampaignError('growth must be ≥ 1');
  if (!(p.canary > 0)) throw new CampaignError('canary must be > 0');
  if (new Set(targets).size !== targets.length) throw new CampaignError('duplicate target devices');
  // Devices that can answer first (order otherwise kept): the canary and the early waves are judged on them.
  const ordered = [...targets.filter((id) => !notConnected.has(id)), ...targets.filter((id) => notConnected.has(id))];
  const waves = planWaves(ordered, p);
  const devices: Record<string, DeviceProgress> = {};
  waves.forEach((w, i) => {
    for (const id of w) {
      devices[id] = { state: 'queued', wave: i, offset: 0, updatedAt: now, attempts: 0, ...(notConnected.has(id) ? { notConnected: true, reason: NOT_CONNECTED_REASON } : {}) };
    }
  });
  return { status: targets.length ? 'running' : 'completed', policy: p, waves, currentWave: -1, devices };
}

export function summarize(c: CampaignState): WaveSummary[] {
  return c.waves.map((ids, wave) => {
    const counts = Object.fromEntries(
      ['queued', 'offered', 'downloading', 'verifying', 'installing', 'rebooting', 'confirmed', 'rolled_back', 'failed', 'timed_out', 'cancelled']
        .map((s) => [s, 0])) as Record<DeviceOtaState, number>;
    for (const id of ids) counts[(c.devices[id] as DeviceProgress).state]++;
    return { wave, size: ids.length, counts, started: wave <= c.currentWave };
  });
}

/** Queued and waiting for its first connection: never offered, and left out when its wave is judged. */
const waiting = (d: DeviceProgress): boolean => d.state === 'queued' && d.notConnected === true;

/** The device connected (its first Hello): it is offered like any queued device from now on. False if it was not waiting. */
export function markConnected(c: CampaignState, deviceId: string, now: number): boolean {
  const d = c.devices[deviceId];
  if (!d?.notConnected) return false;
  delete d.notConnected;
  if (d.reason === NOT_CONNECTED_REASON) delete d.reason;
  d.updatedAt = now;
  return true;
}

/**
 * An offer could not be sent because the device has never connected (a campaign planned before such devices
 * were recognised, or one the device vanished from): back to queued, waiting for its first Hello. False if
 * already waiting or past the offer.
 */
export function markNotConnected(c: CampaignState, deviceId: string, now: number): boolean {
  const d = c.devices[deviceId];
  if (!d || (d.state !== 'queued' && d.state !== 'offered') || waiting(d)) return false;
  d.state = 'queued';
  d.notConnected = true;
  d.reason = NOT_CONNECTED_REASON;
  d.updatedAt = now;
  return true;
}

function startedDevices(c: CampaignState): DeviceProgress[] {
  return c.waves.slice(0, c.currentWave + 1).flat().map((id) => c.devices[id] as DeviceProgress);
}

/** Records a device's report (from OtaStatus uplinks). Ignored once the device is in a terminal state. */
export function onDeviceStatus(c: CampaignState, deviceId: string, state: DeviceOtaState, now: number, detail: { offset?: number; reason?: string } = {}): void {
  const d = c.devices[deviceId];
  if (!d || TERMINAL.has(d.state) || d.state === 'queued') return;
  if (state === d.state && (detail.offset ?? d.offset) === d.offset) return;
  d.state = state;
  if (detail.offset !== undefined) d.offset = detail.offset;
  if (detail.reason !== undefined) d.reason = detail.reason;
  d.updatedAt = now;
}

/**
 * Advances the campaign at `now`: times out silent devices, halts on too many failures, completes or starts
 * the next wave, and returns the devices to offer the image to now (never more than maxConcurrent in flight).
 */
export function step(c: CampaignState, now: number): string[] {
  if (c.status !== 'running') return [];
  for (const d of startedDevices(c)) {
    if (IN_FLIGHT.has(d.state) && now - d.updatedAt > c.policy.deviceTimeoutS * 1000) {
      d.state = 'timed_out';
      d.reason = `no progress for ${c.policy.deviceTimeoutS} s`;
      d.updatedAt = now;
    }
  }
  const started = startedDevices(c);
  const attempted = started.filter((d) => d.state !== 'queued').length;
  const failed = started.filter((d) => FAILURES.has(d.state)).length;
  if (attempted > 0 && failed / attempted > c.policy.errorThreshold) {
    c.status = 'halted';
    c.haltReason = `${failed} of ${attempted} devices failed (threshold ${Math.round(c.policy.errorThreshold * 100)} %)`;
    c.halt = { kind: 'errors', failed, attempted, thresholdPct: Math.round(c.policy.errorThreshold * 100) };
    return [];
  }
  // The current wave is judged on its devices that can answer (a wave of waiting devices only has reached it).
  const current = (c.currentWave >= 0 ? (c.waves[c.currentWave] as string[]) : []).filter((id) => !waiting(c.devices[id] as DeviceProgress));
  const confirmed = current.filter((id) => c.devices[id]?.state === 'confirmed').length;
  const reachedThreshold = c.currentWave < 0 || current.length === 0 || confirmed / current.length >= c.policy.successThreshold;
  const waveDone = reachedThreshold || current.every((id) => TERMINAL.has((c.devices[id] as DeviceProgress).state));
  if (waveDone && c.currentWave + 1 < c.waves.length) {
    if (!reachedThreshold) {
      c.status = 'halted';
      c.haltReason = `wave ${c.currentWave} ended with ${confirmed} of ${current.length} confirmed (threshold ${Math.round(c.policy.successThreshold * 100)} %)`;
      c.halt = { kind: 'wave', wave: c.currentWave, confirmed, devices: current.length, thresholdPct: Math.round(c.policy.successThreshold * 100) };
      return [];
    }
    c.currentWave++;
  }
  const all = startedDevices(c);
  if (all.length === Object.keys(c.devices).length && all.every((d) => TERMINAL.has(d.state))) {
    c.status = 'completed';
    return [];
  }
  let inFlight = all.filter((d) => IN_FLIGHT.has(d.state)).length;
  const offers: string[] = [];
  for (let w = 0; w <= c.currentWave; w++) {
    for (const id of c.waves[w] as string[]) {
      if (inFlight >= c.policy.maxConcurrent) return offers;
      const d = c.devices[id] as DeviceProgress;
      if (d.state !== 'queued' || waiting(d)) continue;
      d.state = 'offered';
      d.attempts++;
      d.updatedAt = now;
      inFlight++;
      offers.push(id);
    }
  }
  return offers;
}

export function pause(c: CampaignState): void {
  if (c.status !== 'running') throw new CampaignError(`cannot pause a ${c.status} campaign`);
  c.status = 'paused';
}

/** Resumes a paused or halted campaign (an operator's decision after a halt). */
export function resume(c: CampaignState): void {
  if (c.status !== 'paused' && c.status !== 'halted') throw new CampaignError(`cannot resume a ${c.status} campaign`);
  c.status = 'running';
  delete c.haltReason;
  delete c.halt;
}

/** Cancels: queued devices are never offered; devices in flight finish or roll back on their own. */
export function cancel(c: CampaignState, now: number): void {
  if (c.status === 'completed' || c.status === 'cancelled') throw new CampaignError(`cannot cancel a ${c.status} campaign`);
  c.status = 'cancelled';
  for (const d of Object.values(c.devices)) {
    if (d.state === 'queued') {
      d.state = 'cancelled';
      if (d.notConnected) {
        delete d.notConnected;
        delete d.reason;
      }
      d.updatedAt = now;
    }
  }
}

/** Puts failed, rolled-back and timed-out devices back in the queue of their wave. Returns how many. */
export function retryFailed(c: CampaignState, now: number): number {
  let n = 0;
  for (const d of Object.values(c.devices)) {
    if (FAILURES.has(d.state)) {
      d.state = 'queued';
      delete d.reason;
      d.updatedAt = now;
      n++;
    }
  }
  if (n > 0 && (c.status === 'completed' || c.status === 'halted')) {
    c.status = 'running';
    delete c.haltReason;
    delete c.halt;
  }
  return n;
}
