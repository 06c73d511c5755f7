/**
 * Issue 11, property-based: generated sequences of hostile downlinks through a real broker to the real firmware,
 * on Node ('node') and inside the real XS engine ('xs'). A board (battery-backed RTC, metering chip) is
 * commissioned by the protocol peer (time, config, plan); fast-check then generates sequences of
 *  - genuine commands (override, clear, config, plan, report, TimeSync, reboot), some held back and delivered
 *    later (reordered, within or beyond the replay window), seqs skipped;
 *  - replays of captured genuine frames, before and after reboots and power cuts;
 *  - forgeries: unsealed, sealed with another board's key, a genuine frame with one bit flipped or truncated,
 *    garbage (also sealed garbage and oversized frames), frames sealed with the board's key but addressed to
 *    another device or protocol version;
 *  - extreme values sealed with the board's key: config/plan versions 2^32−1, levels 101..2^32−1, EnergyAck
 *    2^32−1, override expiry 2^32−1, envelope times far off;
 * interleaved with the virtual clock advancing. A model of the documented rules (protocol README "Frame
 * authentication", firmware app.ts) says what the board must do with each frame; after every step the board is
 * checked against it: PWM duty, overrideId/configVersion/planVersion, CommandAcks (each accepted seq once, none
 * for anything refused), boot count (only the test's power cuts and accepted genuine reboots), RTC (never moved),
 * energy acknowledgement (never moved by a forged or extreme EnergyAck). Each run ends with fresh genuine config,
 * plan, override and EnergyAck, which must be applied: no state is frozen.
 *
 * Reproduce a failure with the seed and path fast-check prints: FC_SEED=<seed> FC_PATH=<path> (FC_RUNS=<n> for
 * a longer search).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, XsAbortError, nodeHmac, resetDeviceLedger, simDeviceKey, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { deviceScenarioReport, startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { PROTOCOL_VERSION, encodeDownlink, sealFrame } from '@streetlight/protocol';
import { AckStatus, Anchor, MAX_VERSION_JUMP, type Plan } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';

const U32 = 2 ** 32 - 1;
const PWM_MAX = 1023;
const SARLAT = { lat: 44.8897, lon: 1.2166 };
const START = Date.parse('2026-11-23T20:00:00Z');
/** Downlink time skew the board tolerates once its clock is valid (frame-guard.ts DOWNLINK_MAX_SKEW_MS). */
const MAX_SKEW_MS = 3_600_000;
const REPLAY_WINDOW = 32;
/**
 * Virtual budget of a reboot (the board back with its Hello). Round trips are awaited in real time (virtual time
 * stands still), so virtual time moves only when a step advances it or a board reboots; a frame is never sent
 * closer than BOUNDARY_MS to an instant where its fate changes (override expiry, skew bound).
 */
const ROUND_TRIP_MS = 60_000;
const BOUNDARY_MS = 90_000;

const RUNS = Number(process.env.FC_RUNS) || 24;
const SEEDS: Record<FirmwareRuntime, number> = { node: 0x11d0a, xs: 0x11d0b, device: 0x11d0c };
const seedOf = (r: FirmwareRuntime): number => (process.env.FC_SEED ? Number(process.env.FC_SEED) : SEEDS[r]);
const pathOpt = (): { path?: string } => (process.env.FC_PATH ? { path: process.env.FC_PATH } : {});

type Body = Omit<Parameters<ProtocolPeer['seal']>[1], 'seq' | 'time'>;
type Envelope = Parameters<ProtocolPeer['seal']>[1];

const pct = (level: number): number => Math.round((Math.min(100, level) / 100) * PWM_MAX);
const config = (version: number, extra: Record<string, number> = {}) => ({
  version, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  energyIntervalS: 300, nominalPowerW: 36, ...extra,
});
/** A plan whose level is the same all day and night (one clock step at noon, when a night starts): what the light shows is its level. */
const plan = (id: number, version: number, level: number): Plan => ({
  id, version, defaultProgramId: 1, programs: [{ id: 1, steps: [{ anchor: Anchor.ANCHOR_CLOCK, offsetMin: 12 * 60, level, fadeS: 0 }] }],
});

// ---- what fast-check generates ---------------------------------------------------------------------------------

/** A genuine command, made concrete (ids, versions, expiry) when it is sent, the way the server numbers them. */
type Genuine =
  | { k: 'override'; level: number; fadeS: number; dur: 'short' | 'long' | 'week' | 'max' }
  | { k: 'clear'; which: 'current' | 'any' | 'other' }
  | { k: 'config'; bump: number }
  | { k: 'plan'; bump: number; level: number; otherId: boolean }
  | { k: 'report' }
  | { k: 'timeSync' }
  | { k: 'reboot' };

/** Sealed with the board's key, with values no real server sends. */
type Extreme =
  | { k: 'configVersion'; version: number }
  | { k: 'configLevel'; level: number }
  | { k: 'planVersion'; version: number; otherId: boolean }
  | { k: 'planLevel'; level: number }
  | { k: 'overrideLevel'; level: number }
  | { k: 'energyAck'; acked: number }
  | { k: 'clearMax' };

type TimeSpec = { t: 'now' } | { t: 'zero' } | { t: 'ahead'; s: number } | { t: 'behind'; s: number } | { t: 'max' } | { t: 'one' };
type SeqSpec = 'next' | 'huge' | 'old' | 'random';

type Op =
  | { op: 'send'; body: Genuine; time: TimeSpec }
  | { op: 'extreme'; body: Extreme }
  | { op: 'hold'; body: Genuine }
  | { op: 'release'; pick: number }
  | { op: 'gap'; n: number }
  | { op: 'replay'; pick: number }
  | { op: 'forge'; how: 'unsealed' | 'otherKey' | 'bitflip' | 'truncated'; body: Genuine; seq: SeqSpec; random: number; bit: number }
  | { op: 'misaddressed'; body: Genuine; to: 'device' | 'version' }
  | { op: 'garbage'; bytes: Uint8Array; sealed: boolean }
  | { op: 'oversized'; size: number }
  | { op: 'advance'; ms: number }
  | { op: 'powerCut'; offMs: number };

const level = fc.integer({ min: 0, max: 100 });
const hugeLevel = fc.oneof(fc.constant(U32), fc.integer({ min: 101, max: U32 }));
const genuine: fc.Arbitrary<Genuine> = fc.oneof(
  { arbitrary: fc.record({ k: fc.constant('override' as const), level, fadeS: fc.integer({ min: 0, max: 2 }), dur: fc.constantFrom('short' as const, 'long' as const, 'week' as const, 'max' as const) }), weight: 4 },
  { arbitrary: fc.record({ k: fc.constant('clear' as const), which: fc.constantFrom('current' as const, 'any' as const, 'other' as const) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('config' as const), bump: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ k: fc.constant('plan' as const), bump: fc.integer({ min: 1, max: 3 }), level, otherId: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant({ k: 'report' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'timeSync' as const }), weight: 1 },
  { arbitrary: fc.constant({ k: 'reboot' as const }), weight: 1 },
);
const extreme: fc.Arbitrary<Extreme> = fc.oneof(
  fc.record({ k: fc.constant('configVersion' as const), version: fc.oneof(fc.constant(U32), fc.integer({ min: MAX_VERSION_JUMP + 100, max: U32 })) }),
  fc.record({ k: fc.constant('configLevel' as const), level: hugeLevel }),
  fc.record({ k: fc.constant('planVersion' as const), version: fc.oneof(fc.constant(U32), fc.integer({ min: MAX_VERSION_JUMP + 100, max: U32 })), otherId: fc.boolean() }),
  fc.record({ k: fc.constant('planLevel' as const), level: hugeLevel }),
  fc.record({ k: fc.constant('overrideLevel' as const), level: hugeLevel }),
  fc.record({ k: fc.constant('energyAck' as const), acked: fc.oneof(fc.constant(U32), fc.integer({ min: 100_000, max: U32 })) }),
  fc.constant({ k: 'clearMax' as const }),
);
const timeSpec: fc.Arbitrary<TimeSpec> = fc.oneof(
  { arbitrary: fc.constant({ t: 'now' as const }), weight: 6 },
  { arbitrary: fc.constant({ t: 'zero' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('ahead' as const), s: fc.integer({ min: 7_200, max: 400 * 86_400 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('behind' as const), s: fc.integer({ min: 7_200, max: 400 * 86_400 }) }), weight: 1 },
  { arbitrary: fc.constant({ t: 'max' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'one' as const }), weight: 1 },
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('send' as const), body: genuine, time: timeSpec }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('extreme' as const), body: extreme }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('hold' as const), body: genuine }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('release' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('gap' as const), n: fc.integer({ min: 1, max: 80 }) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('replay' as const), pick: fc.nat() }), weight: 4 },
  {
    arbitrary: fc.record({
      op: fc.constant('forge' as const), how: fc.constantFrom('unsealed' as const, 'otherKey' as const, 'bitflip' as const, 'truncated' as const),
      body: genuine, seq: fc.constantFrom('next' as const, 'huge' as const, 'old' as const, 'random' as const), random: fc.nat(), bit: fc.nat(),
    }),
    weight: 6,
  },
  { arbitrary: fc.record({ op: fc.constant('misaddressed' as const), body: genuine, to: fc.constantFrom('device' as const, 'version' as const) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('garbage' as const), bytes: fc.uint8Array({ maxLength: 300 }), sealed: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('oversized' as const), size: fc.constantFrom(8_193, 9_000, 90_000) }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(1_000, 60_000, 900_000, 3_900_000) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('powerCut' as const), offMs: fc.constantFrom(0, 5_000, 120_000) }), weight: 2 },
);
const scenario = fc.array(op, { minLength: 3, maxLength: 14, size: 'medium' });

// ---- the model: what the board must do with each frame ------------------------------------------------------------

interface ModelOverride { id: number; level: number; expiresAt: number }

/** The documented rules (protocol README, firmware app.ts / frame-guard.ts), applied to the frames the board gets. */
class Model {
  /** Replay window: highest seq accepted and the seqs accepted (only the REPLAY_WINDOW below the top matter). */
  top = 0;
  readonly accepted = new Set<number>();
  /** Next seq the test's "server" uses. */
  nextSeq = 1;
  configVersion = 0;
  plan = { id: 0, version: 0, level: 0 };
  override: ModelOverride | undefined;
  boots = 1;
  /** CommandAck status expected for each acknowledged downlink seq. */
  readonly acks = new Map<number, number>();
  energyAcked = 0;
  // What the server has issued (versions only go up, as the server numbers them).
  configIssued = 0;
  readonly planIssued = new Map<number, number>();
  nextOverrideId = 100;

  activeOverride(nowMs: number): ModelOverride | undefined {
    const o = this.override;
    return o && o.expiresAt * 1000 > nowMs ? o : undefined;
  }

  level(nowMs: number): number {
    return this.activeOverride(nowMs)?.level ?? this.plan.level;
  }

  static compare(held: number, offered: number): 'same' | 'newer' | 'stale' | 'implausible' {
    if (offered === held) return 'same';
    if (offered > held) return offered - held <= MAX_VERSION_JUMP ? 'newer' : 'implausible';
    return held - offered > MAX_VERSION_JUMP ? 'newer' : 'stale';
  }

  #accept(seq: number): boolean {
    if (seq === 0) return false;
    if (seq > this.top) {
      this.top = seq;
    } else if (this.top - seq >= REPLAY_WINDOW || this.accepted.has(seq)) {
      return false;
    }
    this.accepted.add(seq);
    return true;
  }

  /** The board received this frame (authentic: sealed with its key) at `nowMs`; returns true if it reboots. */
  process(f: Envelope & { deviceId?: string; protocolVersion?: number }, deviceId: string, nowMs: number): boolean {
    if ((f.protocolVersion ?? PROTOCOL_VERSION) !== PROTOCOL_VERSION || (f.deviceId ?? deviceId) !== deviceId) return false;
    const seq = f.seq ?? 0;
    if (!this.#accept(seq)) return false;
    const time = f.time ?? 0;
    if (!f.timeSync && time !== 0 && Math.abs(time * 1000 - nowMs) > MAX_SKEW_MS) return false;
    const ack = (status: number): void => { this.acks.set(seq, status); };
    const { OK, REJECTED, INVALID } = { OK: AckStatus.ACK_STATUS_OK, REJECTED: AckStatus.ACK_STATUS_REJECTED, INVALID: AckStatus.ACK_STATUS_INVALID };
    if (f.config) {
      const c = f.config;
      const v = c.version ?? 0;
      if (v === 0) { ack(INVALID); return false; }
      const order = Model.compare(this.configVersion, v);
      if (order === 'same') ack(OK);
      else if (order === 'stale') ack(REJECTED);
      else if (order === 'implausible' || (c.fallbackLevel ?? 0) > 100 || (c.minLevel ?? 0) > 100) ack(INVALID);
      else { this.configVersion = v; ack(OK); }
    } else if (f.plan) {
      const p = f.plan.plan!;
      const sameId = this.plan.id === p.id;
      const order = Model.compare(sameId ? this.plan.version : 0, p.version ?? 0);
      const stepLevel = p.programs?.[0]?.steps?.[0]?.level ?? 0;
      if (!p.id) ack(INVALID);
      else if (sameId && order === 'same') ack(OK);
      else if (order === 'stale') ack(REJECTED);
      else if (order === 'implausible' || stepLevel > 100) ack(INVALID);
      else { this.plan = { id: p.id, version: p.version ?? 0, level: stepLevel }; ack(OK); }
    } else if (f.command) {
      const c = f.command;
      if (c.setOverride) {
        const o = c.setOverride;
        if (!o.id || (o.level ?? 0) > 100) ack(INVALID);
        else if ((o.expiresAt ?? 0) * 1000 <= nowMs) ack(REJECTED);
        else { this.override = { id: o.id, level: o.level ?? 0, expiresAt: o.expiresAt ?? 0 }; ack(OK); }
      } else if (c.clearOverride !== undefined && c.clearOverride !== null) {
        const id = c.clearOverride;
        if (this.override && (id === 0 || this.override.id === id)) this.override = undefined;
        ack(OK);
      } else if (c.reboot) {
        ack(OK);
        this.boots++;
        return true;
      } else {
        ack(OK); // requestReport
      }
    } else if (f.energyAck) {
      // Only extreme ones are sent during a run (above anything the board sent: refused), and genuine ones at the end.
      const a = f.energyAck.ackedSeq ?? 0;
      if (a !== U32 && a < 100_000) this.energyAcked = Math.max(this.energyAcked, a);
    }
    return false;
  }
}

// ---- the harness ---------------------------------------------------------------------------------------------------

const RUNTIMES: FirmwareRuntime[] = ['node', 'xs', 'device'];
/** Runs on the device-conditions host (issue 12): fewer, its engine is the slowest; its memory limits are the point. */
const runsOn = (r: FirmwareRuntime): number => (r === 'device' ? Math.min(RUNS, 12) : RUNS);

describe.each(RUNTIMES)('hostile downlinks, firmware on %s (property-based, issue 11)', (runtime) => {
  let broker: TestBroker;
  let peer: ProtocolPeer;
  let clock = new VirtualClock({ start: START });
  let runs = 0;
  /** Steps played, by kind, and frames the boards refused (printed: what the runs covered). */
  const stats = new Map<string, number>();
  const count = (k: string, n = 1): void => { stats.set(k, (stats.get(k) ?? 0) + n); };

  beforeAll(async () => {
    broker = await startTestBroker();
    peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, `h${randomUUID().slice(0, 8)}`, () => clock.now());
  });
  afterAll(async () => {
    await peer?.close();
    await broker?.close();
  });

  /** One run: a fresh board (its own device id, clock and flash), commissioned, then the generated steps. */
  class Run {
    readonly m = new Model();
    readonly board: SimBoard;
    readonly deviceId: string;
    /** Genuine frames sent (what an eavesdropper captured), and genuine frames held back for later. */
    readonly captured: Array<{ seq: number; bytes: Uint8Array }> = [];
    readonly held: Array<{ env: Envelope; bytes: Uint8Array }> = [];
    readonly log: string[] = [];

    constructor() {
      runs++;
      clock = new VirtualClock({ start: START });
      this.deviceId = `SRL-H${runtime === 'xs' ? 'X' : runtime === 'device' ? 'D' : 'N'}-${runs}`;
      peer.uplinks.length = 0;
      peer.rejected.length = 0;
      this.board = new SimBoard({
        clock, deviceId: this.deviceId, tenant: peer.tenant, mqtt: { host: broker.host, port: broker.port },
        position: SARLAT, rtc: 'kept', meter: 'bl0940', nominalW: 36, runtime,
        ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
      });
      peer.watch(this.board);
    }

    fw(): Firmware { return this.board.firmware as unknown as Firmware; }
    duty(): number { return this.board.pwmTrace.at(-1)?.value ?? -1; }
    nowS(): number { return Math.floor(clock.now() / 1000); }
    ups() { return peer.of(this.deviceId); }
    ackCount(seq: number): number { return this.ups().filter((u) => u.ack?.downlinkSeq === seq).length; }
    where(): string {
      const s = this.board.firmware ? this.fw().status() : undefined;
      return `virtual ${new Date(clock.now()).toISOString()}, board ${this.board.state}, boots ${this.board.bootCount}/${this.m.boots}, `
        + `status ${JSON.stringify(s && { ...s, energy: undefined })}; steps: ${this.log.join(' | ')}`;
    }

    /** Moves virtual time in steps, the network running between them. */
    async advance(ms: number, stepMs = 5_000): Promise<void> {
      const end = clock.now() + ms;
      await clock.runUntil(() => clock.now() >= end, { stepMs, timeoutMs: ms + 1 });
    }

    /** Keeps away from instants where a frame's fate would depend on a few virtual seconds (expiry, skew bound). */
    async clearOfBoundaries(frameTime?: number, expiresAt?: number): Promise<void> {
      for (let i = 0; i < 10; i++) {
        const now = clock.now();
        const crit = [this.m.override?.expiresAt, expiresAt].filter((x): x is number => x !== undefined).map((s) => s * 1000);
        if (frameTime) crit.push(frameTime * 1000 - MAX_SKEW_MS, frameTime * 1000 + MAX_SKEW_MS);
        if (!crit.some((c) => Math.abs(c - now) < BOUNDARY_MS)) return;
        await this.advance(2 * BOUNDARY_MS);
      }
    }

    timeOf(t: TimeSpec): number {
      switch (t.t) {
        case 'now': return this.nowS();
        case 'zero': return 0;
        case 'ahead': return Math.min(U32, this.nowS() + t.s);
        case 'behind': return this.nowS() - t.s;
        case 'max': return U32;
        case 'one': return 1;
      }
    }

    /** A genuine body made concrete; `issue` numbers it as the server would (else it only looks like the next one). */
    bodyOf(g: Genuine, issue: boolean): Body {
      const m = this.m;
      switch (g.k) {
        case 'override': {
          const id = issue ? m.nextOverrideId++ : m.nextOverrideId;
          const dur = { short: 1_800, long: 3 * 3_600, week: 7 * 86_400, max: 0 }[g.dur];
          return { command: { setOverride: { id, level: g.level, fadeS: g.fadeS, expiresAt: dur ? this.nowS() + dur : U32 } } };
        }
        case 'clear':
          return { command: { clearOverride: g.which === 'any' ? 0 : g.which === 'current' ? (m.override?.id ?? 1) : 7 } };
        case 'config': {
          const version = Math.max(m.configIssued, m.configVersion) + g.bump;
          if (issue) m.configIssued = version;
          return { config: config(version) };
        }
        case 'plan': {
          const id = g.otherId ? (m.plan.id === 11 ? 12 : 11) : (m.plan.id || 11);
          const version = Math.max(m.planIssued.get(id) ?? 0, m.plan.id === id ? m.plan.version : 0) + g.bump;
          if (issue) m.planIssued.set(id, version);
          return { plan: { plan: plan(id, version, g.level) } };
        }
        case 'report': return { command: { requestReport: true } };
        case 'timeSync': return { timeSync: { uplinkSeq: 0 } };
        case 'reboot': return { command: { reboot: true } };
      }
    }

    extremeOf(x: Extreme): Body {
      const m = this.m;
      switch (x.k) {
        case 'configVersion': return { config: config(Math.min(U32, Math.max(x.version, m.configVersion + MAX_VERSION_JUMP + 1))) };
        case 'configLevel': return { config: config(Math.max(m.configIssued, m.configVersion) + 1, { fallbackLevel: x.level }) };
        case 'planVersion': {
          const id = x.otherId ? (m.plan.id === 11 ? 12 : 11) : m.plan.id;
          return { plan: { plan: plan(id, Math.min(U32, Math.max(x.version, m.plan.version + MAX_VERSION_JUMP + 1)), 0) } };
        }
        case 'planLevel': {
          const id = m.plan.id;
          return { plan: { plan: plan(id, Math.max(m.planIssued.get(id) ?? 0, m.plan.version) + 1, x.level) } };
        }
        case 'overrideLevel': return { command: { setOverride: { id: m.nextOverrideId++, level: x.level, expiresAt: this.nowS() + 3_600 } } };
        case 'energyAck': return { energyAck: { ackedSeq: x.acked } };
        case 'clearMax': return { command: { clearOverride: U32 } };
      }
    }

    envelope(body: Body, seq: number, time = this.nowS()): Envelope { return { seq, time, ...body }; }
    seal(env: Envelope): Uint8Array { return peer.seal(this.deviceId, env); }
    async raw(bytes: Uint8Array): Promise<void> { await peer.sendRaw(this.deviceId, bytes); }

    /** Sends a frame sealed with the board's key, after telling the model. */
    async sendSealed(env: Envelope & { deviceId?: string; protocolVersion?: number }, bytes?: Uint8Array): Promise<void> {
      await this.clearOfBoundaries(env.time ?? undefined, env.command?.setOverride?.expiresAt ?? undefined);
      const b = bytes ?? (env.deviceId !== undefined || env.protocolVersion !== undefined
        ? sealFrame(nodeHmac, simDeviceKey(this.deviceId), 'down', encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId: this.deviceId, ...env }))
        : this.seal(env));
      this.m.process(env, this.deviceId, clock.now());
      await this.raw(b);
      if (env.deviceId === undefined && env.protocolVersion === undefined) this.captured.push({ seq: env.seq ?? 0, bytes: b });
    }

    /** Waits until every frame sent so far was handled: a genuine request for a report, and its CommandAck. */
    async barrier(): Promise<void> {
      await this.settleBoots();
      const env = this.envelope({ command: { requestReport: true } }, this.m.nextSeq++);
      await this.sendSealed(env);
      // Frames reach the firmware and its answers leave without virtual time moving (no link latency): wait in
      // real time, so that no deadline of the board passes while the network works.
      await clock.waitFor(() => this.ackCount(env.seq!) > 0, { timeoutMs: 30_000, describe: () => `no ack of the barrier ${env.seq}; ${this.where()}` });
    }

    /** Waits for the board to be back (Hello of the expected boot) when the model says it rebooted. */
    async settleBoots(): Promise<void> {
      const boots = this.m.boots;
      await clock.runUntil(() => this.ups().some((u) => u.hello?.bootCount === boots) && this.board.firmware !== undefined && this.fw().status().connected, {
        timeoutMs: 2 * ROUND_TRIP_MS, stepMs: 250, yieldMs: 1, describe: () => `no Hello of boot ${boots}; ${this.where()}`,
      });
    }

    async commission(): Promise<void> {
      this.board.powerOn();
      await this.settleBoots();
      const m = this.m;
      m.configIssued = 1;
      m.planIssued.set(11, 1);
      await this.sendSealed(this.envelope({ timeSync: { uplinkSeq: 0 } }, m.nextSeq++));
      await this.sendSealed(this.envelope({ config: config(1) }, m.nextSeq++));
      await this.sendSealed(this.envelope({ plan: { plan: plan(11, 1, 60) } }, m.nextSeq++));
      await this.barrier();
      await this.check('commissioned');
    }

    /** The board against the model. */
    async check(after: string): Promise<void> {
      const m = this.m;
      // Past any fade (≤ 2 s), and not at an override's expiry.
      await this.advance(3_000, 1_000);
      const exp = m.override?.expiresAt;
      if (exp !== undefined && Math.abs(exp * 1000 - clock.now()) < BOUNDARY_MS) await this.advance(Math.max(0, exp * 1000 - clock.now()) + 10_000, 1_000);
      const now = clock.now();
      const s = this.fw().status();
      const ctx = `after ${after}; ${this.where()}`;
      expect(this.board.bootCount, `boot count ${ctx}`).toBe(m.boots);
      expect({ configVersion: s.configVersion, planId: s.planId, planVersion: s.planVersion, overrideId: s.overrideId }, ctx)
        .toEqual({ configVersion: m.configVersion, planId: m.plan.id, planVersion: m.plan.version, overrideId: m.activeOverride(now)?.id ?? 0 });
      expect(this.duty(), `PWM duty ${ctx}`).toBe(pct(m.level(now)));
      expect(Math.abs(this.board.rtcNow() - now), `RTC moved ${ctx}`).toBeLessThan(5_000);
      expect(s.energy?.ackedSeq ?? 0, `energy ack ${ctx}`).toBe(m.energyAcked);
      // Each accepted downlink acknowledged once, with the status the rules give; nothing else acknowledged.
      const got = new Map<number, number[]>();
      for (const u of this.ups()) if (u.ack) got.set(u.ack.downlinkSeq ?? 0, [...(got.get(u.ack.downlinkSeq ?? 0) ?? []), u.ack.status ?? 0]);
      const want = new Map([...m.acks].map(([seq, st]) => [seq, [st]]));
      expect(Object.fromEntries(got), `CommandAcks ${ctx}`).toEqual(Object.fromEntries(want));
      const hello = this.ups().filter((u) => u.hello).at(-1)?.hello;
      if (hello?.bootCount === m.boots && m.boots > 1) {
        // The floor a Hello reports is the highest seq accepted before that boot: never above the model's.
        expect(hello.downlinkFloor ?? 0, `Hello floor ${ctx}`).toBeLessThanOrEqual(m.top);
      }
    }

    async step(o: Op): Promise<void> {
      const m = this.m;
      this.log.push(JSON.stringify(o, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.length} bytes>` : v)));
      count(o.op === 'forge' ? `forge/${o.how}` : o.op);
      switch (o.op) {
        case 'send':
          await this.sendSealed(this.envelope(this.bodyOf(o.body, true), m.nextSeq++, this.timeOf(o.time)));
          break;
        case 'extreme':
          await this.sendSealed(this.envelope(this.extremeOf(o.body), m.nextSeq++));
          break;
        case 'hold': {
          const env = this.envelope(this.bodyOf(o.body, true), m.nextSeq++);
          this.held.push({ env, bytes: this.seal(env) });
          return; // nothing was sent
        }
        case 'release': {
          if (this.held.length === 0) return;
          const [h] = this.held.splice(o.pick % this.held.length, 1);
          await this.sendSealed(h!.env, h!.bytes);
          break;
        }
        case 'gap':
          m.nextSeq += o.n;
          return;
        case 'replay': {
          if (this.captured.length === 0) return;
          const c = this.captured[o.pick % this.captured.length]!;
          expect(m.accepted.has(c.seq) || c.seq <= m.top - REPLAY_WINDOW).toBe(true); // the model refuses it too
          await this.raw(c.bytes);
          break;
        }
        case 'forge': {
          const seq = { next: m.nextSeq, huge: U32, old: this.captured.at(o.random % Math.max(1, this.captured.length))?.seq ?? 1, random: (o.random % U32) + 1 }[o.seq];
          // The most harmful body of its kind: what it would do if it were obeyed shows in the checks.
          const body = o.body.k === 'timeSync'
            ? { timeSync: { uplinkSeq: this.ups().at(-1)?.seq ?? 0 } } // answers the latest uplink: would be trusted
            : this.bodyOf(o.body, false);
          const time = o.body.k === 'timeSync' ? this.nowS() + 43_200 : this.nowS(); // a forged TimeSync 12 h ahead
          const env = this.envelope(body, seq, time);
          const encoded = encodeDownlink({ protocolVersion: PROTOCOL_VERSION, deviceId: this.deviceId, ...env });
          let bytes: Uint8Array;
          if (o.how === 'unsealed') {
            bytes = encoded;
          } else if (o.how === 'otherKey') {
            bytes = sealFrame(nodeHmac, simDeviceKey(`${this.deviceId}-NEIGHBOUR`), 'down', encoded);
          } else {
            const sealed = this.seal(env);
            if (o.how === 'bitflip') {
              bytes = Uint8Array.from(sealed);
              const bit = o.bit % (bytes.length * 8);
              bytes[bit >> 3]! ^= 1 << (bit & 7);
            } else {
              bytes = sealed.subarray(0, o.bit % sealed.length);
            }
          }
          await this.raw(bytes);
          break;
        }
        case 'misaddressed': {
          const env = this.envelope(this.bodyOf(o.body, false), m.nextSeq);
          await this.sendSealed(o.to === 'device' ? { ...env, deviceId: `${this.deviceId}-NEIGHBOUR` } : { ...env, protocolVersion: PROTOCOL_VERSION + 1 });
          break;
        }
        case 'garbage':
          await this.raw(o.sealed ? sealFrame(nodeHmac, simDeviceKey(this.deviceId), 'down', o.bytes) : o.bytes);
          break;
        case 'oversized':
          await this.raw(new Uint8Array(o.size).fill(0x41));
          break;
        case 'advance':
          await this.advance(o.ms);
          break;
        case 'powerCut':
          this.board.powerOff();
          if (o.offMs) await this.advance(o.offMs);
          this.board.powerOn();
          m.boots++;
          break;
      }
      await this.barrier();
      await this.check(this.log.at(-1)!);
    }

    /** No state is frozen: fresh genuine config, plan, override and EnergyAck are all applied. */
    async liveness(): Promise<void> {
      const m = this.m;
      const expectAck = async (seq: number): Promise<void> => {
        await clock.waitFor(() => this.ackCount(seq) > 0, { timeoutMs: 30_000, describe: () => `no ack of ${seq}; ${this.where()}` });
        expect(this.ups().find((u) => u.ack?.downlinkSeq === seq)?.ack?.status, `final genuine ${seq}; ${this.where()}`).toBe(AckStatus.ACK_STATUS_OK);
      };
      for (const g of [{ k: 'config', bump: 1 }, { k: 'plan', bump: 1, level: 35, otherId: false }, { k: 'override', level: 80, fadeS: 0, dur: 'week' }] as Genuine[]) {
        const env = this.envelope(this.bodyOf(g, true), m.nextSeq++);
        await this.sendSealed(env);
        await expectAck(env.seq!);
      }
      await this.check('final genuine config, plan and override');
      // An EnergyAck for the newest record the board has sent since its last boot.
      const lastHello = (): number => {
        for (let i = peer.uplinks.length - 1; i >= 0; i--) {
          const u = peer.uplinks[i]!;
          if (u.deviceId === this.deviceId && u.message.hello?.bootCount === m.boots) return i;
        }
        return -1;
      };
      const newest = (): number => Math.max(0, ...peer.uplinks.slice(lastHello() + 1).filter((u) => u.deviceId === this.deviceId)
        .flatMap((u) => u.message.energy?.records ?? []).map((r) => r.seq ?? 0));
      await clock.runUntil(() => newest() > 0, { timeoutMs: 20 * 60_000, stepMs: 5_000, describe: () => `no energy record; ${this.where()}` });
      const acked = newest();
      const env = this.envelope({ energyAck: { ackedSeq: acked } }, m.nextSeq++);
      await this.sendSealed(env);
      await clock.waitFor(() => (this.fw().status().energy?.ackedSeq ?? 0) >= acked, { timeoutMs: 30_000, describe: () => `energy ack ${acked} not applied; ${this.where()}` });
      await this.barrier();
      await this.check('final genuine EnergyAck');
    }
  }

  it(`obeys no unauthenticated or replayed command, never reboots or freezes (${RUNS} runs)`, { timeout: 600_000 }, async () => {
    const started = Date.now();
    resetDeviceLedger();
    await fc.assert(fc.asyncProperty(scenario, async (ops) => {
      const run = new Run();
      try {
        await run.commission();
        for (const o of ops) await run.step(o);
        await run.liveness();
        count('refused by the board', run.fw().status().rejectedDownlinks);
        count('boots', run.m.boots);
        // On the device-conditions host an engine abort (memory full, stack overflow) is a panic reboot the model
        // may not notice: it fails the run.
        if (run.board.lastException instanceof XsAbortError) throw new Error(`${run.deviceId}: the device-conditions host aborted: ${run.board.lastException.message}`);
      } finally {
        run.board.dispose();
      }
    }), { numRuns: runsOn(runtime), seed: seedOf(runtime), ...pathOpt(), interruptAfterTimeLimit: 300_000 });
    console.log(`hostile downlinks on ${runtime}: ${runsOn(runtime)} runs (seed ${seedOf(runtime)}) in ${((Date.now() - started) / 1000).toFixed(1)} s; `
      + [...stats].sort().map(([k, n]) => `${k} ${n}`).join(', '));
    if (runtime === 'device') console.log(deviceScenarioReport(`hostile downlinks, ${runsOn(runtime)} runs`).line);
  });

  // A downlink sealed with the board's key but with a seq far above its floor: a server bug, a restored database
  // gone wrong, or a stolen key. SECURITY.md: "Versions and counters may not jump by more than 2^20, on either
  // side. A forged or buggy 2^32−1 cannot freeze a device's state or lock it out." A server that follows the
  // protocol continues above the floor the board reports in its Hello; it must still be able to command it.
  //
  // Found by this property (issue 11): FrameGuard.accept took any seq above its top and kept it in NVS, so one
  // sealed requestReport with seq 4294967295 left no uint32 seq above the floor: every later downlink was refused
  // as replayed, for good. Fixed by the seq-step bound (protocol MAX_DOWNLINK_SEQ_JUMP, MAX_DOWNLINK_SEQ).
  it('a genuine downlink with a seq far above the floor does not lock the board out', { timeout: 300_000 }, async () => {
    const extremeSeq = fc.record({
      seq: fc.oneof(fc.constant(U32), fc.integer({ min: 2 ** 21, max: U32 })),
      body: fc.constantFrom<Body>({ command: { requestReport: true } }, { config: config(2) }, { command: { clearOverride: 0 } }),
    });
    await fc.assert(fc.asyncProperty(extremeSeq, async ({ seq, body }) => {
      const run = new Run();
      try {
        await run.commission();
        const rejected = run.fw().status().rejectedDownlinks;
        await run.raw(run.seal(run.envelope(body, seq)));
        await clock.waitFor(() => run.ackCount(seq) > 0 || run.fw().status().rejectedDownlinks > rejected, { timeoutMs: 30_000, describe: () => run.where() });
        // The server learns the board's floor from its next Hello.
        run.board.powerCycle();
        run.m.boots++;
        await run.settleBoots();
        const floor = run.ups().filter((u) => u.hello?.bootCount === run.m.boots).at(-1)?.hello?.downlinkFloor ?? 0;
        const next = Math.max(run.m.nextSeq, floor + 1);
        expect(next, `the board's downlink floor is ${floor}: no seq is left above it (${run.where()})`).toBeLessThanOrEqual(U32);
        const env = run.envelope({ config: config(3) }, next);
        await run.raw(run.seal(env));
        await clock.waitFor(() => run.ackCount(next) > 0, { timeoutMs: 30_000, describe: () => `config (seq ${next}) not acknowledged; ${run.where()}` });
        expect(run.fw().status().configVersion).toBe(3);
        if (run.board.lastException instanceof XsAbortError) throw new Error(`${run.deviceId}: the device-conditions host aborted: ${run.board.lastException.message}`);
      } finally {
        run.board.dispose();
      }
    }), { numRuns: runtime === 'device' ? 4 : 8, seed: seedOf(runtime), ...pathOpt() });
  });
});
