/**
 * The luminaire controller application: boots from persisted state, puts the light where the plan says
 * for the current time of night (not "last state", not "off"), keeps executing plan and override offline,
 * and talks to the fleet server over MQTT: Hello after every connection (repeated with back-off until the server
 * answers it), state reports periodically and on change, acknowledgements for every command.
 */
import {
  AckStatus, ClockStatus, EventType, LeanDecodeError, LevelSource, MAX_PRESENCE_FADE_DOWN_S, MAX_PRESENCE_FADE_UP_S, MAX_PRESENCE_HOLD_S,
  MAX_VERSION_JUMP, PROTOCOL_VERSION, ReportReason,
  ResetReason, decodeDownlink, encodeUplink,
  type Command, type Downlink, type Override, type Plan, type SetConfig, type Uplink,
} from '@streetlight/protocol/lean';
import { Dimmer, FADE_STEP_MS } from './dimmer.js';
import type { DigitalIO, Host, ResetReasonName, TimerId } from './host.js';
import { Link } from './link.js';
import { evaluatePlan, type Site } from './schedule.js';
import { SEQ_BLOCK, Store, type Counters } from './store.js';
import { sunEventUtc, ZENITH_OFFICIAL } from './sun.js';
import { CELL_MINUTES, TrafficLearning, type LearningStatus } from './learning.js'; // issue 17: frugal learning
import { parsePosixTz, toLocalMs } from './tz.js';
import { OtaAgent } from './ota/agent.js'; // issue 6
import { FIRMWARE_VERSION } from './version.js';
import { EnergyService, type EnergyStatus } from './energy/service.js';
import { loadIdentity, type Identity } from './identity.js'; // issue 11: provisioned identity
import { DOWNLINK_MAX_SKEW_MS, FrameGuard } from './frame-guard.js'; // issue 11: authenticated frames
import { hmacSha256 } from './sha256.js';
import { WifiStation } from './wifi.js'; // issue 12: the firmware joins its network itself
import { PresenceSensor, type PresenceStep } from './presence.js';
import { Backoff } from './backoff.js';
import { DaliService } from './dali/service.js'; // issue 17: DALI-2 / D4i driver
import { Clo, cloProblem, type CloStatusView } from './clo.js'; // issue 17: constant light output

/** Defaults used while a SetConfig leaves a field at 0 (documented in firmware/README.md). */
export const DEFAULTS = Object.freeze({
  stateIntervalS: 900,
  fallbackLevel: 100,
  fadeS: 2,
  tz: 'CET-1CEST,M3.5.0,M10.5.0/3',
} as const);

/** A clock reading before this instant (2024-01-01T00:00Z) cannot be right: the board has no valid time. */
export const MIN_VALID_TIME_MS = 1_704_067_200_000;
/** A clock not synced for this long is reported as RTC rather than SYNCED. */
export const SYNC_VALID_MS = 24 * 3_600_000;
/** The evaluation timer never sleeps longer than this, so clock steps and DST are picked up. */
export const EVAL_MAX_MS = 60_000;
/** Constant light output: how often the drive factor follows the burning hours and the saving is counted. */
export const CLO_TICK_MS = 60_000;
/** A server time further than this from the board clock resets the board clock. */
export const CLOCK_SET_THRESHOLD_MS = 2_000;
/**
 * Once the board has a valid time, only a TimeSync answering one of its own recent uplinks within this round
 * trip sets the clock (SNTP likewise discards slow exchanges): a downlink delayed in a queue or on a slow
 * link carries a stale `time` and would set the clock back by the delay (issue 4: found by the week-long
 * end-to-end test, where a late frame set 50 boards 10 minutes back).
 */
export const TIME_SYNC_MAX_RTT_MS = 10_000;

/**
 * Issue 14: a Hello is answered when a TimeSync naming its seq (`TimeSync.uplink_seq`) arrives — the server
 * sends one for every Hello it handles, before reconciling. A Hello of this connection left unanswered is sent
 * again after a back-off from HELLO_RETRY_MIN_MS doubling to HELLO_RETRY_MAX_MS, with jitter (src/backoff.ts),
 * until one is answered; the back-off starts again at every connection. Without it, a Hello that reached the
 * broker before the server (re)subscribed — a broker restart — was never answered until the next state report
 * 15 minutes later. 30 s rather than a few: a repeat cannot tell a lost Hello from a slow answer, and in a reconnect
 * storm of 10,000 devices on 2 busy cores the server answered the last Hellos 40–70 s after a broker restart. With
 * a first repeat after 7.5–15 s the devices sent 1.8 repeats each, all answered (the Hellos were not lost: the
 * server's session is persistent), and were reconciled in 75 s; after 15–30 s, 0.85 each and 49 s
 * (`bench:reconnect`, issue 14). A Hello that is lost waits 15–30 s more, not 15 minutes.
 */
export const HELLO_RETRY_MIN_MS = 30_000;
export const HELLO_RETRY_MAX_MS = 300_000;
/** The seqs of the last Hellos of a connection still recognised in an answer. */
const HELLO_SEQS_KEPT = 8;

/**
 * How a version the server offers (config, or plan of the id held) compares with the one held (0 = none).
 * One more than MAX_VERSION_JUMP ahead is `implausible`: the server numbers versions one by one, and a forged
 * 2^32−1, once adopted and saved, would make every real version after it `stale`, also after a reboot. A held
 * version more than MAX_VERSION_JUMP ahead of the offered one is itself the implausible one (adopted from a
 * forged frame by older firmware): the offered one replaces it.
 */
export function compareVersion(held: number, offered: number): 'same' | 'newer' | 'stale' | 'implausible' {
  if (offered === held) return 'same';
  if (offered > held) return offered - held <= MAX_VERSION_JUMP ? 'newer' : 'implausible';
  return held - offered > MAX_VERSION_JUMP ? 'newer' : 'stale';
}

const RESET_REASONS: Readonly<Record<ResetReasonName, number>> = Object.freeze({
  'power-on': ResetReason.RESET_REASON_POWER_ON,
  software: ResetReason.RESET_REASON_SOFTWARE,
  watchdog: ResetReason.RESET_REASON_WATCHDOG,
  panic: ResetReason.RESET_REASON_PANIC,
  brownout: ResetReason.RESET_REASON_BROWNOUT,
  ota: ResetReason.RESET_REASON_OTA,
  rollback: ResetReason.RESET_REASON_ROLLBACK,
  unknown: ResetReason.RESET_REASON_UNSPECIFIED,
});

export interface FirmwareStatus {
  level: number;
  target: number;
  source: number;      // LevelSource
  clock: number;       // ClockStatus
  configVersion: number;
  planId: number;
  planVersion: number;
  overrideId: number;
  connected: boolean;
  bootCount: number;
  seq: number;
  rejectedDownlinks: number;
  /** Issue 14: a Hello of this connection has no answer yet (it is repeated with back-off until one comes). */
  helloPending: boolean;
  /** Metering (issue 5); absent on a board without a metering chip. */
  energy?: EnergyStatus;
  /** Presence on demand; absent on a board without a presence sensor. */
  presence?: { raised: boolean; detections: number; reports: number };
  /** Frugal learning (issue 17); absent on a board without a presence sensor. */
  learning?: LearningStatus;
  /** Issue 17: the DALI-2 / D4i driver; absent on a board without a DALI interface. */
  dali?: { gear: boolean; d4i: boolean; reports: number; alarms: number[] };
  /** Constant light output (issue 17); absent when the config carries no lumen-maintenance figure. */
  clo?: CloStatusView;
}

export interface Firmware {
  /** Releases timers and IO (the simulator calls it on a power cut; nothing is saved here). */
  stop(): void;
  status(): FirmwareStatus;
}

interface Decision {
  level: number;
  fadeS: number;
  source: number;
  /** The level a state report names as a change: in a presence step its base level, so raises and falls send no report. */
  reported: number;
  /** A presence step's light is raised. */
  raised?: boolean;
  /** Raised by the learnt traffic profile (pre-lit), not by a detection. */
  anticipated?: boolean;
  /** The presence step this decision came from. */
  presence?: PresenceStep;
}

export class LuminaireController implements Firmware {
  readonly #host: Host;
  readonly #store: Store;
  readonly #counters: Counters;
  readonly #dimmer: Dimmer;
  readonly #link: Link;
  readonly #photocell: DigitalIO | undefined;
  /** Presence on demand: the pole's motion sensor, when the board has one (`pin.presence`). */
  readonly #presence: PresenceSensor | undefined;
  /** Issue 17, frugal learning: the street's traffic by quarter-hour of the week, learnt from the presence sensor. */
  readonly #learning: TrafficLearning | undefined;
  #config: SetConfig | undefined;
  #site: Site | undefined;
  #plan: Plan | undefined;
  #override: Override | undefined;
  #seq: number;
  #syncedAt = -Infinity;  // host ticks of the last sync
  #evalTimer: TimerId | undefined;
  #reportTimer: TimerId | undefined;
  #changeTimer: TimerId | undefined;
  #reportIntervalS = 0;
  #last: Decision = { level: -1, fadeS: 0, source: LevelSource.LEVEL_SOURCE_UNSPECIFIED, reported: -1 };
  #rejected = 0;
  readonly #sentAt = new Map<number, number>(); // uplink seq → host ticks, the last few (TimeSync round trip)
  #lastRejectEventTicks = -Infinity;
  #stopped = false;
  #sunCache: { day: number; lat: number; lon: number; rise: number | undefined; set: number | undefined } | undefined;
  readonly #ota: OtaAgent; // issue 6: OTA updates (src/ota/agent.ts)
  readonly #energy: EnergyService | undefined;
  /** Issue 11: the provisioned identity (undefined: not provisioned, the board stays off the network). */
  readonly #identity: Identity | undefined;
  readonly #guardFrames: FrameGuard | undefined;
  readonly #wifi: WifiStation | undefined;
  /** Issue 14: this connection's Hellos until one is answered (HELLO_RETRY_MIN_MS). */
  readonly #helloBackoff = new Backoff(HELLO_RETRY_MIN_MS, HELLO_RETRY_MAX_MS);
  #helloTimer: TimerId | undefined;
  /** Seqs of this connection's unanswered Hellos, the last HELLO_SEQS_KEPT; empty once one is answered. */
  #helloSeqs: number[] = [];
  #firstHelloSeq = 0;
  /** Issue 17: the luminaire's DALI-2 / D4i driver (dali/service.ts), when the board has a DALI interface. */
  readonly #dali: DaliService | undefined;
  /** Issue 17: constant light output (clo.ts), re-evaluated every CLO_TICK_MS from the burning hours. */
  readonly #clo: Clo;
  #cloTimer: TimerId | undefined;
  #cloBurningMs = 0;
  #cloEnergyMwh: number | undefined;

  constructor(host: Host) {
    this.#host = host;
    this.#store = new Store(host.storage);
    const id = loadIdentity(host.storage);
    this.#identity = 'identity' in id ? id.identity : undefined;
    if (this.#identity) {
      const native = host.crypto?.hmacSha256?.bind(host.crypto);
      const mac = native ?? hmacSha256;
      this.#guardFrames = new FrameGuard(host.storage, this.#identity.deviceKey, mac);
    } else {
      host.system.log('warn', `no network: ${'problem' in id ? id.problem : ''}`);
    }
    const counters = this.#store.loadCounters();
    counters.bootCount++;
    // Seqs are reserved when the first frame goes out (#nextSeq), not here: a boot that never sends (cut on and
    // off while offline) leaves the counter where it was, so the server's bound on a seq's step
    // (MAX_UPLINK_SEQ_JUMP) is never reached by boots alone.
    this.#seq = counters.seqCeiling;
    this.#counters = counters;
    this.#store.saveCounters(counters);

    this.#config = this.#store.loadConfig();
    this.#site = this.#siteOf(this.#config);
    this.#plan = this.#store.loadPlan();
    this.#override = this.#store.loadOverride();

    const cfg = this.#config;
    // Issue 17: with a DALI interface the dimmer's output goes to the driver as DAPC, not to the PWM pin.
    this.#dali = DaliService.start(host, {
      event: (type, active, value, detail) => { if (this.#link) this.#event(type, active, value, detail); },
      report: (luminaire) => this.#send({ luminaire }),
      time: () => (this.#clockValid() ? Math.floor(this.#now() / 1000) : 0),
    });
    this.#dimmer = new Dimmer(this.#dali ? this.#dali.dimmingHost(host) : host, { curve: cfg?.curve ?? 0, minLevel: cfg?.minLevel ?? 0 });
    this.#clo = new Clo(this.#store.loadCloSaved(), (mwh) => this.#store.saveCloSaved(mwh));
    this.#clo.configure(cfg);
    this.#cloBurningMs = this.#store.loadCloBurningS() * 1000;
    const { device } = host;
    if (device.pin.photocell !== undefined && device.io.Digital) {
      this.#photocell = new device.io.Digital({ pin: device.pin.photocell, mode: device.io.Digital.Input });
    }
    if (device.pin.presence !== undefined && device.io.Digital) {
      this.#presence = new PresenceSensor(host, device.pin.presence, { changed: () => this.#guard('presence', () => this.#onPresence()) });
      this.#learning = new TrafficLearning(host.storage);
    }
    // Power back (cabinet switched on, or a cut in the night): go straight to the level of this moment.
    this.#evaluate(true);
    // Metering (issue 5): energy/energy/service.ts. Before the link, so nothing is sent before Hello.
    this.#energy = EnergyService.start({
      host, bootCount: counters.bootCount, config: this.#config,
      level: () => this.#dimmer.level,
      send: (body) => this.#send(body),
      connected: () => this.#link?.connected ?? false,
      event: (type, active, value, detail) => { if (this.#link) this.#event(type, active, value, detail); },
      daylight: () => this.#daylight(),
      wallClock: () => (this.#clockValid() ? this.#now() : undefined),
      rejected: (why) => this.#reject(why),
    });
    this.#cloTick();
    this.#cloTimer = host.timers.repeat(() => this.#guard('clo', () => this.#cloTick()), CLO_TICK_MS);
    this.#armReports();
    // Issue 6: OTA; after a reboot into a new image it runs the self-test (plan and config readable, server reached).
    this.#ota = new OtaAgent({
      host,
      keys: this.#identity?.otaKeys ?? [],
      hardwareModel: this.#identity?.hardwareModel ?? '',
      tenant: this.#identity?.tenant ?? '',
      send: (otaStatus) => this.#send({ otaStatus }),
      localMinutes: () => this.#localMinutes(),
      selfTest: () => {
        if (this.#store.corrupt.length > 0) return `stored state unreadable: ${this.#store.corrupt.join(',')}`;
        // Metering alive, when the board has a meter (issue 5's driver declares a silent chip not responding).
        if (this.#energy && !this.#energy.status().responding) return 'metering chip not responding';
        return undefined;
      },
    });
    this.#link = new Link(host, this.#identity, counters.bootCount, {
      onConnected: () => this.#guard('hello', () => { this.#onConnected(); this.#ota.onConnected(); }),
      onDownlink: (bytes) => this.#guard('downlink', () => this.#onDownlink(bytes)),
      onDisconnected: () => this.#stopHelloRetry(),
    });
    // The network last, and in its own time: the lamp is already at its level (issue 12: boot before network).
    if (this.#identity) {
      const link = this.#link;
      this.#wifi = new WifiStation(host, this.#identity.wifi, () => link.start(), () => link.suspend());
      this.#wifi.start();
    }
    if (this.#store.corrupt.length > 0) {
      this.#event(EventType.EVENT_TYPE_STORAGE_FAULT, true, 0, `unreadable: ${this.#store.corrupt.join(',')}`);
    }
  }

  stop(): void {
    this.#stopped = true;
    this.#host.timers.clear(this.#evalTimer);
    this.#host.timers.clear(this.#reportTimer);
    this.#host.timers.clear(this.#changeTimer);
    this.#host.timers.clear(this.#cloTimer);
    this.#stopHelloRetry();
    this.#energy?.stop();
    this.#dali?.stop();
    this.#ota.stop();
    this.#link.close();
    this.#wifi?.close();
    this.#dimmer.close();
    this.#photocell?.close();
    this.#presence?.close();
  }

  status(): FirmwareStatus {
    return {
      level: this.#dimmer.level,
      target: this.#dimmer.target,
      source: this.#last.source,
      clock: this.#clockStatus(),
      configVersion: this.#config?.version ?? 0,
      planId: this.#plan?.id ?? 0,
      planVersion: this.#plan?.version ?? 0,
      overrideId: this.#activeOverride()?.id ?? 0,
      ...(this.#learning ? { learning: this.#learning.status(this.#clockValid() && this.#site ? toLocalMs(this.#site.tz, this.#now()) : undefined) } : {}),
      connected: this.#link.connected,
      bootCount: this.#counters.bootCount,
      seq: this.#seq,
      rejectedDownlinks: this.#rejected,
      helloPending: this.#helloTimer !== undefined,
      ...(this.#energy ? { energy: this.#energy.status() } : {}),
      ...(this.#presence ? { presence: { raised: this.#last.raised ?? false, detections: this.#presence.detections, reports: this.#presence.reports } } : {}),
      ...(this.#dali ? { dali: this.#dali.status() } : {}),
      ...(this.#clo.active ? { clo: this.#clo.status() } : {}),
    };
  }

  // ---- time ----------------------------------------------------------------------------------------

  #now(): number { return this.#host.clock.now(); }

  #clockValid(): boolean { return this.#now() >= MIN_VALID_TIME_MS; }

  /** Local minutes after midnight by the configured TZ rule (issue 6: install windows); undefined without valid time. */
  #localMinutes(): number | undefined {
    if (!this.#clockValid()) return undefined;
    const tz = this.#site?.tz ?? parsePosixTz(DEFAULTS.tz);
    return Math.floor(toLocalMs(tz, this.#now()) / 60_000) % 1440;
  }

  #clockStatus(): number {
    if (!this.#clockValid()) return ClockStatus.CLOCK_STATUS_UNSET;
    return this.#host.clock.ticks() - this.#syncedAt < SYNC_VALID_MS ? ClockStatus.CLOCK_STATUS_SYNCED : ClockStatus.CLOCK_STATUS_RTC;
  }

  #syncClock(serverUnixS: number): void {
    if (serverUnixS * 1000 < MIN_VALID_TIME_MS) return;
    const wasValid = this.#clockValid();
    const serverMs = serverUnixS * 1000;
    const stepMs = serverMs - this.#now();
    if (Math.abs(stepMs) > CLOCK_SET_THRESHOLD_MS) {
      this.#host.clock.set(serverMs);
      if (wasValid) this.#energy?.clockStepped(stepMs);
    }
    const firstSync = this.#syncedAt === -Infinity;
    this.#syncedAt = this.#host.clock.ticks();
    if (firstSync) this.#store.saveLastTime(serverMs);
    if (!wasValid) this.#evaluate(false);
  }

  // ---- level decision ------------------------------------------------------------------------------

  #siteOf(config: SetConfig | undefined): Site | undefined {
    if (!config) return undefined;
    try {
      return { tz: parsePosixTz(config.tz || DEFAULTS.tz), latDeg: (config.latitudeE6 ?? 0) / 1e6, lonDeg: (config.longitudeE6 ?? 0) / 1e6 };
    } catch {
      return undefined;
    }
  }

  #activeOverride(): Override | undefined {
    const o = this.#override;
    if (!o || !this.#clockValid()) return undefined;
    return (o.expiresAt ?? 0) * 1000 > this.#now() ? o : undefined;
  }

  #fallbackLevel(): number {
    return this.#config?.fallbackLevel || DEFAULTS.fallbackLevel;
  }

  /** Whether it is night: photocell if fitted, else the sun at the configured site, else assume night
   *  (a controller on a cabinet-switched circuit is only powered at night). */
  #isNight(now: number): boolean {
    if (this.#photocell) return this.#photocell.read() === 1;
    const site = this.#site;
    if (!site || !this.#clockValid() || (site.latDeg === 0 && site.lonDeg === 0)) return true;
    const { rise, set } = this.#sunTimes(now, site);
    if (set === undefined || rise === undefined) return true;
    return now >= set || now < rise;
  }

  /**
   * Sunrise and sunset (official zenith) of the UTC day of `now` at `site`, computed once per day and site: the
   * fault monitor asks every 10 s and the fallback at every evaluation.
   */
  #sunTimes(now: number, site: Site): { rise: number | undefined; set: number | undefined } {
    const day = Math.floor(now / 86_400_000);
    const c = this.#sunCache;
    if (c && c.day === day && c.lat === site.latDeg && c.lon === site.lonDeg) return c;
    const fresh = {
      day, lat: site.latDeg, lon: site.lonDeg,
      rise: sunEventUtc(now, site.latDeg, site.lonDeg, ZENITH_OFFICIAL, true),
      set: sunEventUtc(now, site.latDeg, site.lonDeg, ZENITH_OFFICIAL, false),
    };
    this.#sunCache = fresh;
    return fresh;
  }

  /** Sun up (official zenith) at the configured site, with 30 min margins; undefined without time or site. */
  #daylight(): boolean | undefined {
    const site = this.#site;
    if (!site || !this.#clockValid() || (site.latDeg === 0 && site.lonDeg === 0)) return undefined;
    const now = this.#now();
    const { rise, set } = this.#sunTimes(now, site);
    if (rise === undefined || set === undefined) return undefined;
    return now >= rise + 1_800_000 && now < set - 1_800_000;
  }

  #decide(now: number): Decision & { nextAt?: number } {
    const defaultFade = this.#config?.fadeDefaultS ?? DEFAULTS.fadeS;
    const override = this.#activeOverride();
    if (override) {
      const level = override.level ?? 0;
      return { level, reported: level, fadeS: override.fadeS ?? defaultFade, source: LevelSource.LEVEL_SOURCE_OVERRIDE, nextAt: (override.expiresAt ?? 0) * 1000 };
    }
    if (this.#plan && this.#site && this.#clockValid()) {
      const d = evaluatePlan(this.#site, this.#plan, now);
      const next = d.nextAt !== undefined ? { nextAt: d.nextAt } : {};
      const sensor = this.#presence;
      // A presence step on a board with a sensor: base level, raised while someone is there and for the hold after.
      // Without a sensor the step's level (the raised one) is driven, as firmware without presence mode does.
      if (d.presence && sensor && d.since !== undefined) {
        const step: PresenceStep = { level: d.level, mode: d.presence, since: d.since };
        const wasRaised = this.#last.presence?.since === d.since && (this.#last.raised ?? false);
        const p = sensor.level(step, wasRaised, d.fadeS);
        const pre = p.raised ? undefined : this.#prelight(step, now);
        if (pre !== undefined && pre > p.level) {
          return { level: pre, fadeS: d.presence.fadeUpS ?? 0, raised: true, anticipated: true, presence: step, reported: Math.min(d.presence.baseLevel ?? 0, d.level), source: LevelSource.LEVEL_SOURCE_PLAN, ...next };
        }
        return { level: p.level, fadeS: p.fadeS, raised: p.raised, presence: step, reported: Math.min(d.presence.baseLevel ?? 0, d.level), source: LevelSource.LEVEL_SOURCE_PLAN, ...next };
      }
      return { level: d.level, reported: d.level, fadeS: d.fadeS, source: LevelSource.LEVEL_SOURCE_PLAN, ...next };
    }
    const source = this.#config ? LevelSource.LEVEL_SOURCE_FALLBACK : LevelSource.LEVEL_SOURCE_DEFAULT;
    const level = this.#isNight(now) ? this.#fallbackLevel() : 0;
    return { level, reported: level, fadeS: defaultFade, source };
  }

  /**
   * Issue 17: the pre-lit level of a presence step that anticipates (`anticipate_pct`) when the learnt profile
   * expects someone now or within learning.LEAD_MS: the step's `prelight_level` (0: its level), within base..level.
   */
  #prelight(step: PresenceStep, now: number): number | undefined {
    const learning = this.#learning;
    const pct = step.mode.anticipatePct ?? 0;
    const site = this.#site;
    if (!learning || !pct || !site) return undefined;
    if (!learning.shouldAnticipate(toLocalMs(site.tz, now), pct)) return undefined;
    const base = Math.min(step.mode.baseLevel ?? 0, step.level);
    return Math.min(step.level, Math.max(base, step.mode.prelightLevel || step.level));
  }

  /**
   * Issue 17, frugal learning: the cell of the week watched (a presence step with a sensor and a valid clock), the
   * model saved, and about once a week the profile — never raw detections — sent to the server.
   */
  #learn(now: number, d: Decision): void {
    const learning = this.#learning;
    const site = this.#site;
    if (!learning || !site || !this.#clockValid()) return;
    const nowS = Math.floor(now / 1000);
    learning.observe(toLocalMs(site.tz, now), nowS, d.presence !== undefined);
    learning.anticipating = d.anticipated ?? false;
    if (!(this.#link?.connected ?? false) || !learning.profileDue(nowS)) return;
    const sent = this.#send({ profile: { weeks: learning.weeks, cellMinutes: CELL_MINUTES, cells: learning.cells, watchedCells: learning.watchedCells } });
    if (sent) learning.profileSent(nowS);
  }

  /**
   * The presence sensor's output changed. In a presence step (of the plan, no override) the light follows at once —
   * no network in the loop — and the server is told by a PresenceDetection, at most once per hold.
   */
  #onPresence(): void {
    const sensor = this.#presence;
    if (!sensor) return;
    const now = this.#now();
    const d = this.#decide(now);
    const outcome = sensor.onChange(d.presence);
    if (outcome === 'ignored') return;
    if ((outcome === 'report' || outcome === 'raised') && this.#site && this.#clockValid()) this.#learning?.detected(toLocalMs(this.#site.tz, now));
    this.#evaluate(false);
    if (outcome !== 'report' || !d.presence) return;
    const step = d.presence;
    sensor.reported(this.#send({
      detection: {
        detectedAt: this.#clockValid() ? Math.floor(now / 1000) : 0,
        raisedLevel: step.level,
        holdS: step.mode.holdS ?? 0,
        sinceLast: sensor.sinceLast,
      },
    }));
  }

  /** Re-evaluates the level; `boot` applies it without fade. Re-arms itself for the next change. */
  #evaluate(boot: boolean): void {
    if (this.#stopped) return;
    const now = this.#now();
    const d = this.#decide(now);
    this.#learn(now, d);
    const changed = d.reported !== this.#last.reported || d.source !== this.#last.source;
    if (d.level !== this.#dimmer.target || boot) this.#dimmer.set(d.level, boot ? 0 : d.fadeS);
    this.#last = d;
    if (changed && !boot) this.#reportChangeAfter(d.fadeS);
    let wait = EVAL_MAX_MS;
    if (d.nextAt !== undefined && this.#clockValid()) wait = Math.max(0, Math.min(wait, d.nextAt - now));
    const holdLeft = d.raised ? this.#presence?.holdEndsIn() : undefined;
    if (holdLeft !== undefined) wait = Math.min(wait, holdLeft);
    this.#host.timers.clear(this.#evalTimer);
    this.#evalTimer = this.#host.timers.set(() => this.#guard('evaluate', () => this.#evaluate(false)), wait);
  }

  // ---- uplink --------------------------------------------------------------------------------------

  #nextSeq(): number {
    this.#seq++;
    if (this.#seq >= this.#counters.seqCeiling) {
      this.#counters.seqCeiling = this.#seq + SEQ_BLOCK;
      this.#store.saveCounters(this.#counters);
    }
    return this.#seq;
  }

  #send(body: Uplink): boolean {
    if (!this.#link.connected) return false;
    const identity = this.#identity;
    const guard = this.#guardFrames;
    if (!identity || !guard) return false;
    const time = this.#clockValid() ? Math.floor(this.#now() / 1000) : 0;
    const seq = this.#nextSeq();
    this.#sentAt.set(seq, this.#host.clock.ticks());
    if (this.#sentAt.size > 8) this.#sentAt.delete(this.#sentAt.keys().next().value as number);
    return this.#link.publish(guard.seal(encodeUplink({ protocolVersion: PROTOCOL_VERSION, deviceId: identity.deviceId, seq, time, ...body })));
  }

  /** A new connection: Hello (and what follows it), repeated until answered, the back-off from its start. */
  #onConnected(): void {
    this.#stopHelloRetry();
    this.#helloBackoff.reset();
    this.#sendHello();
    this.#firstHelloSeq = this.#helloSeqs[0] ?? 0;
    this.#sendState(ReportReason.REPORT_REASON_BOOT);
    this.#energy?.onConnected();
    this.#dali?.onConnected();
    this.#armHelloRetry();
  }

  #armHelloRetry(): void {
    this.#helloTimer = this.#host.timers.set(() => {
      this.#helloTimer = undefined;
      this.#guard('hello', () => {
        if (!this.#link.connected) return;
        this.#sendHello();
        this.#armHelloRetry();
      });
    }, this.#helloBackoff.next(() => this.#host.system.random()));
  }

  /** Nothing more to repeat (answered, disconnected or stopped). */
  #stopHelloRetry(): void {
    this.#host.timers.clear(this.#helloTimer);
    this.#helloTimer = undefined;
    this.#helloSeqs = [];
  }

  /**
   * A TimeSync (authentic, its downlink seq accepted) naming `uplinkSeq`: if that is one of this connection's
   * Hellos, the Hello is answered and not repeated. When the answered one is a repeat, the first Hello did not
   * reach the server and neither, most likely, did what followed it: the state report and the energy backlog and
   * active faults are sent again.
   */
  #onTimeSync(uplinkSeq: number): void {
    if (this.#helloSeqs.length === 0 || !this.#helloSeqs.includes(uplinkSeq)) return;
    this.#stopHelloRetry();
    if (uplinkSeq !== this.#firstHelloSeq) {
      this.#sendState(ReportReason.REPORT_REASON_BOOT);
      this.#energy?.onConnected();
      this.#dali?.onConnected(true);
    }
  }

  #sendHello(): void {
    const { system } = this.#host;
    const sent = this.#send({
      hello: {
        firmwareVersion: system.firmwareVersion || FIRMWARE_VERSION, // the running image's (issue 6: A/B slots)
        hardwareModel: this.#identity?.hardwareModel ?? '',
        resetReason: RESET_REASONS[system.resetReason],
        uptimeS: Math.floor(this.#host.clock.ticks() / 1000),
        bootCount: this.#counters.bootCount,
        configVersion: this.#config?.version ?? 0,
        plan: { id: this.#plan?.id ?? 0, version: this.#plan?.version ?? 0 },
        overrideId: this.#activeOverride()?.id ?? 0,
        clock: this.#clockStatus(),
        maxProtocolVersion: PROTOCOL_VERSION,
        downlinkFloor: this.#guardFrames?.floor ?? 0,
        keyGeneration: this.#identity?.keyGeneration ?? 0,
      },
    });
    if (!sent) return;
    this.#helloSeqs.push(this.#seq);
    if (this.#helloSeqs.length > HELLO_SEQS_KEPT) this.#helloSeqs.shift();
  }

  #sendState(reason: number): void {
    const override = this.#activeOverride();
    this.#send({
      state: {
        level: Math.round(this.#dimmer.level),
        targetLevel: Math.round(this.#dimmer.target),
        source: this.#last.source,
        plan: { id: this.#plan?.id ?? 0, version: this.#plan?.version ?? 0 },
        configVersion: this.#config?.version ?? 0,
        overrideId: override?.id ?? 0,
        overrideExpiresAt: override?.expiresAt ?? 0,
        clock: this.#clockStatus(),
        uptimeS: Math.floor(this.#host.clock.ticks() / 1000),
        powerMw: this.#energy?.powerMw ?? 0,
        reason,
        ...(this.#clo.active ? { clo: this.#clo.status() } : {}),
      },
    });
  }

  #event(type: number, active: boolean, value: number, detail: string): void {
    this.#counters.eventSeq++;
    this.#send({
      event: {
        eventSeq: this.#counters.eventSeq, type, active, value,
        time: this.#clockValid() ? Math.floor(this.#now() / 1000) : 0,
        detail: detail.slice(0, 100),
      },
    });
  }

  #ack(downlinkSeq: number, status: number, detail = ''): void {
    this.#send({ ack: { downlinkSeq, status, detail: detail.slice(0, 100) } });
  }

  /** One CHANGE report per change, sent when the fade has ended so it carries the level actually reached
   *  (the CommandAck already told the server the command was taken). A newer change replaces it. */
  #reportChangeAfter(fadeS: number): void {
    this.#host.timers.clear(this.#changeTimer);
    this.#changeTimer = this.#host.timers.set(() => {
      this.#changeTimer = undefined;
      this.#guard('report', () => this.#sendState(ReportReason.REPORT_REASON_CHANGE));
    }, Math.max(0, fadeS) * 1000 + FADE_STEP_MS);
  }

  /**
   * Constant light output (clo.ts): the LED's burning hours — the metering's lifetime count when the board has a
   * chip (it survives power cuts in the meter log), else this controller's own count of time lit, kept in the
   * store every CLO_TICK_MS × 60 — give the drive factor; the energy drawn since the last tick feeds the saving.
   */
  #cloTick(): void {
    const energy = this.#energy?.status();
    let burningS: number;
    if (energy) {
      burningS = energy.totalBurningS;
      const prev = this.#cloEnergyMwh;
      this.#cloEnergyMwh = energy.totalEnergyMwh;
      if (prev !== undefined && energy.totalEnergyMwh > prev) this.#clo.account(energy.totalEnergyMwh - prev, CLO_TICK_MS);
    } else {
      if (this.#dimmer.level > 0) {
        this.#cloBurningMs += CLO_TICK_MS;
        // Kept hourly while CLO is configured (a board without it spares its flash the writes).
        if (this.#clo.active && this.#cloBurningMs % (60 * CLO_TICK_MS) === 0) this.#store.saveCloBurningS(Math.floor(this.#cloBurningMs / 1000));
      }
      burningS = this.#cloBurningMs / 1000;
    }
    this.#clo.burning(burningS);
    this.#dimmer.setDriveFactor(this.#clo.active ? this.#clo.factor : 1);
  }

  #armReports(): void {
    const interval = this.#config?.stateIntervalS || DEFAULTS.stateIntervalS;
    if (interval === this.#reportIntervalS) return;
    this.#reportIntervalS = interval;
    this.#host.timers.clear(this.#reportTimer);
    this.#reportTimer = this.#host.timers.repeat(
      () => this.#guard('report', () => this.#sendState(ReportReason.REPORT_REASON_PERIODIC)), interval * 1000);
  }

  // ---- downlink ------------------------------------------------------------------------------------

  #onDownlink(bytes: Uint8Array): void {
    const guard = this.#guardFrames;
    // Authenticity first, on the raw bytes: nothing of a forged frame is decoded or believed.
    if (!guard || !guard.authentic(bytes)) return this.#reject('not authenticated');
    let msg: Downlink;
    try {
      msg = decodeDownlink(bytes);
    } catch (err) {
      if (!(err instanceof LeanDecodeError)) throw err;
      this.#reject(`undecodable: ${err.message}`);
      return;
    }
    if (msg.protocolVersion !== PROTOCOL_VERSION) return this.#reject(`protocol_version ${msg.protocolVersion ?? 0}`);
    if (msg.deviceId !== this.#identity?.deviceId) return this.#reject('device_id mismatch');
    const seq = msg.seq ?? 0;
    // Replay protection (frame-guard.ts): a seq accepted before (window kept in NVS), or below the window, is refused.
    if (!guard.accept(seq, msg.otaChunk !== undefined)) return this.#reject(`replayed downlink seq ${seq} (floor ${guard.floor})`);
    if (!msg.timeSync && !msg.otaChunk && msg.time && this.#clockValid() && Math.abs(msg.time * 1000 - this.#now()) > DOWNLINK_MAX_SKEW_MS) {
      return this.#reject(`downlink time ${msg.time} too far from the clock`);
    }
    this.#ota.serverReached();
    if (msg.time && this.#timeTrusted(msg)) this.#syncClock(msg.time);
    if (msg.config) this.#applyConfig(seq, msg.config);
    else if (msg.plan) this.#applyPlan(seq, msg.plan.plan);
    else if (msg.command) this.#applyCommand(seq, msg.command);
    else if (msg.otaOffer) { this.#ack(seq, AckStatus.ACK_STATUS_OK); this.#ota.onOffer(msg.otaOffer); } // issue 6
    else if (msg.otaChunk) return this.#ota.onChunk(msg.otaChunk); // issue 6: acknowledged by OtaStatus, not CommandAck
    else if (msg.timeSync) return this.#onTimeSync(msg.timeSync.uplinkSeq ?? 0); // its time was applied above; it answers a Hello
    else if (msg.energyAck) this.#energy?.onAck(msg.energyAck.ackedSeq ?? 0); // issue 5: metering
    else this.#ack(seq, AckStatus.ACK_STATUS_UNSUPPORTED, 'unknown body');
  }

  /** Any downlink's time while the board has none; afterwards only a prompt TimeSync (TIME_SYNC_MAX_RTT_MS). */
  #timeTrusted(msg: Downlink): boolean {
    if (!this.#clockValid()) return true;
    if (!msg.timeSync) return false;
    const sent = this.#sentAt.get(msg.timeSync.uplinkSeq ?? 0);
    return sent !== undefined && this.#host.clock.ticks() - sent <= TIME_SYNC_MAX_RTT_MS;
  }

  #reject(why: string): void {
    this.#rejected++;
    this.#host.system.log('warn', `downlink rejected: ${why}`);
    const ticks = this.#host.clock.ticks();
    if (ticks - this.#lastRejectEventTicks >= 60_000) {
      this.#lastRejectEventTicks = ticks;
      this.#event(EventType.EVENT_TYPE_FRAME_REJECTED, true, this.#rejected, why);
    }
  }

  /** A downlink well-formed but impossible from the real server: counted as a rejected frame, answered INVALID. */
  #refuse(seq: number, why: string): void {
    this.#reject(why);
    this.#ack(seq, AckStatus.ACK_STATUS_INVALID, why);
  }

  #applyConfig(seq: number, config: SetConfig): void {
    const current = this.#config?.version ?? 0;
    const version = config.version ?? 0;
    if (version === 0) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'version 0');
    const order = compareVersion(current, version);
    if (order === 'same') return this.#ack(seq, AckStatus.ACK_STATUS_OK, 'already applied');
    if (order === 'stale') return this.#ack(seq, AckStatus.ACK_STATUS_REJECTED, `stale version ${version} < ${current}`);
    if (order === 'implausible') return this.#refuse(seq, `implausible config version ${version}: more than ${MAX_VERSION_JUMP} above ${current}`);
    try {
      parsePosixTz(config.tz || DEFAULTS.tz);
    } catch (err) {
      return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, String(err instanceof Error ? err.message : err));
    }
    if ((config.fallbackLevel ?? 0) > 100 || (config.minLevel ?? 0) > 100) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'level > 100');
    const clo = cloProblem(config);
    if (clo) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, clo);
    this.#store.saveConfig(config);
    this.#config = config;
    this.#site = this.#siteOf(config);
    this.#dimmer.configure({ curve: config.curve ?? 0, minLevel: config.minLevel ?? 0 });
    this.#energy?.configure(config);
    this.#clo.configure(config);
    this.#cloTick();
    this.#armReports();
    this.#ack(seq, AckStatus.ACK_STATUS_OK);
    this.#evaluate(false);
  }

  #applyPlan(seq: number, plan: Plan | undefined): void {
    if (!plan || !plan.id) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'plan without id');
    const cur = this.#plan;
    const sameId = cur !== undefined && cur.id === plan.id;
    // A plan of another id replaces the one held whatever its version, but is held to the same bound from 0.
    const held = sameId ? cur.version ?? 0 : 0;
    const order = compareVersion(held, plan.version ?? 0);
    if (sameId && order === 'same') return this.#ack(seq, AckStatus.ACK_STATUS_OK, 'already applied');
    if (order === 'stale') return this.#ack(seq, AckStatus.ACK_STATUS_REJECTED, 'stale plan version');
    if (order === 'implausible') return this.#refuse(seq, `implausible plan version ${plan.version ?? 0}: more than ${MAX_VERSION_JUMP} above ${held}`);
    for (const program of plan.programs ?? []) {
      for (const step of program.steps ?? []) {
        if ((step.level ?? 0) > 100) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'step level > 100');
        const p = step.presence;
        if (p && ((p.baseLevel ?? 0) > (step.level ?? 0) || !p.holdS || p.holdS > MAX_PRESENCE_HOLD_S
          || (p.fadeUpS ?? 0) > MAX_PRESENCE_FADE_UP_S || (p.fadeDownS ?? 0) > MAX_PRESENCE_FADE_DOWN_S)) {
          return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'presence step out of bounds');
        }
      }
    }
    this.#store.savePlan(plan);
    this.#plan = plan;
    this.#ack(seq, AckStatus.ACK_STATUS_OK);
    this.#evaluate(false);
  }

  #applyCommand(seq: number, command: Command): void {
    if (command.setOverride) {
      const o = command.setOverride;
      if (!o.id || (o.level ?? 0) > 100) return this.#ack(seq, AckStatus.ACK_STATUS_INVALID, 'override needs id and level <= 100');
      if (this.#clockValid() && (o.expiresAt ?? 0) * 1000 <= this.#now()) return this.#ack(seq, AckStatus.ACK_STATUS_REJECTED, 'expired');
      if (this.#override?.id !== o.id) this.#store.saveOverride(o);
      this.#override = o;
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      this.#evaluate(false);
    } else if (command.clearOverride !== undefined) {
      // A oneof member has explicit presence, so clear_override = 0 ("any") is transmitted and decoded.
      const id = command.clearOverride ?? 0;
      if (this.#override && (id === 0 || this.#override.id === id)) {
        this.#override = undefined;
        this.#store.saveOverride(undefined);
      }
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      this.#evaluate(false);
    } else if (command.reboot) {
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      // Leave time for the acknowledgement to go out before the restart.
      this.#host.timers.set(() => this.#host.system.restart(), 1_000);
    } else if (command.presenceAhead) {
      // Presence on demand: someone detected up the street comes this way. Only within a presence step of this
      // device's own plan, to its level and for its hold: the server cannot raise a light beyond what the plan allows.
      const d = this.#decide(this.#now());
      if (!d.presence) return this.#ack(seq, AckStatus.ACK_STATUS_REJECTED, 'not in a presence step with a sensor');
      this.#presence?.ahead(d.presence);
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      this.#evaluate(false);
    } else if (command.readLuminaire) {
      // Issue 17: read the DALI driver's banks again and report them (LuminaireReport, reason REQUESTED).
      if (!this.#dali) return this.#ack(seq, AckStatus.ACK_STATUS_UNSUPPORTED, 'no DALI driver');
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      this.#dali.request();
    } else if (command.requestReport) {
      this.#ack(seq, AckStatus.ACK_STATUS_OK);
      this.#sendState(ReportReason.REPORT_REASON_REQUESTED);
    } else {
      this.#ack(seq, AckStatus.ACK_STATUS_UNSUPPORTED, 'unknown command');
    }
  }

  /** No exception may escape into the platform's callback (it would reset the board on a device). */
  #guard(what: string, fn: () => void): void {
    if (this.#stopped) return;
    try {
      fn();
    } catch (err) {
      this.#host.system.log('error', `${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

export function startFirmware(host: Host): Firmware {
  return new LuminaireController(host);
}
