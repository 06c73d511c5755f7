/**
 * Energy accounting and store-and-forward (issue 5).
 *
 * - Reads the board's metering chip (HLW8012 over PulseCount or BL0940 over Serial, chosen from the IO and
 *   pins the host provides) every 1/30 of the record interval, between 10 and 30 s (`pollMsFor`: 30 s at the
 *   default 15 min); faults are judged at every poll, on its outcome.
 * - Lifetime counters (energy mWh, burning seconds, switch-on count) live in the newest record of the flash
 *   ring log (ringlog.ts), so they survive power cuts and firmware updates and never go backwards: at boot
 *   they restart from the newest valid record.
 * - Interval records (default 15 min, SetConfig.energy_interval_s, aligned to the wall clock when the time is
 *   valid) are appended to the log when the interval ends. A power cut loses the interval in progress (up to
 *   one interval of energy, burning time and switch-ons) and nothing else; a cut during the record's write
 *   leaves a torn slot that recovery skips, which is the same loss.
 * - Records are sent in EnergyReport batches of at most 32 (MAX_RECORDS_PER_FRAME), one batch in flight, and
 *   marked in the log only when an EnergyAck (highest contiguous seq committed by the server) covers them; an
 *   ack above every record sent so far is refused. Backlogs drain oldest first with a pause between batches
 *   (rate-limited catch-up).
 */
import { EventType, MAX_RECORDS_PER_FRAME, type IntervalRecord, type SetConfig, type Uplink } from '@streetlight/protocol/lean';
import type { Host, TimerId } from '../host.js';
import { Bl0940 } from '../metering/bl0940.js';
import { loadCalibration } from '../metering/calibration.js';
import { Hlw8012 } from '../metering/hlw8012.js';
import type { MeterDriver, MeterSample } from '../metering/meter.js';
import { FaultMonitor } from './faults.js';
import { RingLog, type LogRecord } from './ringlog.js';

/** Default interval, s (SetConfig.energy_interval_s = 0). */
export const DEFAULT_ENERGY_INTERVAL_S = 900;
/** Shortest accepted interval, s: bounds flash wear (see README "Metering"). */
export const MIN_ENERGY_INTERVAL_S = 60;
/** No EnergyAck within this time: the batch is sent again. */
export const ACK_TIMEOUT_MS = 30_000;
/** Pause between catch-up batches: 2 s plus up to 2 s of jitter (≈ 700 records/min per device at most). */
export const CATCHUP_GAP_MS = 2_000;
/** Below this power the lamp is not burning (a dark driver draws 0.3–0.5 W standby). */
export const BURNING_MIN_W = 2;
/**
 * Meter poll period, ms: 1/30 of the record interval, between these bounds (`pollMsFor`). Energy does not depend
 * on it (the chips count energy themselves), but a record gets the energy counted up to the poll that closes it, so
 * the poll sets the resolution of the records (their energy and min/max power: about 30 readings each) and of fault
 * timing (debounces of 1–5 minutes), and it bounds the work — on the device (a UART exchange or two counter reads, a
 * fault check) and in the simulator, where 10 s polls at the default 15-minute interval made metering ¾ of a metered
 * board's cost, and 10,000 metered boards could not run a night in a minute (issue 14). HLW8012: fewer than 32,768
 * CF pulses per poll up to 1.3 kW (luminaires are ≤ 250 W), so the 16-bit PCNT never aliases.
 */
export const MIN_POLL_MS = 10_000;
export const MAX_POLL_MS = 30_000;

/** The meter poll period for a record interval of `intervalS` seconds. */
export function pollMsFor(intervalS: number): number {
  return Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round((intervalS * 1000) / 30 / 1000) * 1000));
}

export interface EnergyDeps {
  host: Host;
  bootCount: number;
  /** Commanded level now, percent (fractional during fades). */
  level: () => number;
  /** Sends an uplink body (the controller adds the envelope); false when the link is down. */
  send: (body: Uplink) => boolean;
  connected: () => boolean;
  event: (type: number, active: boolean, value: number, detail: string) => void;
  /** Sun up at the site (undefined without valid time or site). */
  daylight: () => boolean | undefined;
  /** Unix ms if the board clock is valid, else undefined. */
  wallClock: () => number | undefined;
  config: SetConfig | undefined;
  /** An EnergyAck was refused (counted with the controller's rejected downlinks). Default: only logged. */
  rejected?: (why: string) => void;
}

export interface EnergyStatus {
  chip: string;
  responding: boolean;
  powerMw: number;
  totalEnergyMwh: number;
  totalBurningS: number;
  switchCount: number;
  lastSeq: number;
  ackedSeq: number;
  pending: number;
  activeFaults: number[];
  logErases: number;
  logMaxEraseCount: number;
  logOverwritten: number;
}

interface Interval {
  startTicks: number;
  startUnix: number;      // 0 until known
  energyMwh: number;      // fractional, this interval
  minMw: number;
  maxMw: number;
  levelMs: number;        // ∫ level dt (percent · ms)
  powerMs: number;        // ∫ sampled power dt (mW · ms): finer than energy counts over a short interval
  burningMs: number;
  switchOns: number;
}

/** Builds the metering driver the board has, or undefined (no chip: no metering). */
function makeDriver(host: Host, common: Omit<ConstructorParameters<typeof Hlw8012>[0], 'pulseCount'>): MeterDriver | undefined {
  const { io, pin } = host.device;
  if (io.Serial && pin.meterTx !== undefined && pin.meterRx !== undefined) {
    return new Bl0940({ ...common, serial: { io: io.Serial, transmit: pin.meterTx, receive: pin.meterRx } });
  }
  if (io.PulseCount && pin.meterCf !== undefined) {
    return new Hlw8012({
      ...common,
      pulseCount: { io: io.PulseCount, cf: pin.meterCf, ...(pin.meterCf1 !== undefined ? { cf1: pin.meterCf1 } : {}) },
      ...(pin.meterSel !== undefined && io.Digital ? { select: { io: io.Digital, pin: pin.meterSel } } : {}),
    });
  }
  return undefined;
}

export class EnergyService {
  readonly #d: EnergyDeps;
  readonly #driver: MeterDriver;
  readonly #log: RingLog | undefined;
  readonly #faults: FaultMonitor;
  #intervalS = DEFAULT_ENERGY_INTERVAL_S;
  #pollMs = pollMsFor(DEFAULT_ENERGY_INTERVAL_S);
  #nominalW = 0;
  #cur: Interval;
  /** Lifetime counters at the end of the newest record (integers), plus the open interval. */
  #baseMwh: number;
  #baseBurningS: number;
  #baseSwitches: number;
  #lastEnergy = 0;
  #lastTicks: number;
  #burning = false;
  #powerMw = 0;
  #inFlight: number | undefined;
  /**
   * Highest record seq sent in an EnergyReport (since boot; at boot, the acknowledged boundary). A real server
   * acknowledges only what it received, so an ack above this is refused: applied, it would mark records never
   * sent as delivered (a forged EnergyAck(2^32−1) at reconnection dropped a whole backlog without a gap).
   */
  #sentThrough = 0;
  #ackTimer: TimerId | undefined;
  #gapTimer: TimerId | undefined;
  #stopped = false;
  /**
   * This log's identity (EnergyReport.log_id), stored in every record (ringlog.ts, u16 at offset 38). At boot it
   * is the newest record's; a fresh log (none, or only records of older firmware with 0) draws a random nonzero
   * one, so a log wiped and restarted at seq 1 is not taken by the server for the old one. 16 bits: two logs of
   * one device share an id with probability 1/65,535 per wipe (then the old bug: the new records look like
   * duplicates of the old ones).
   */
  #logId = 0;

  /** Starts metering if the board has a chip; undefined otherwise. */
  static start(deps: EnergyDeps): EnergyService | undefined {
    const s = new EnergyService(deps);
    return s.#driverOk ? s : (s.stop(), undefined);
  }

  #driverOk: boolean;

  private constructor(deps: EnergyDeps) {
    this.#d = deps;
    const { host } = deps;
    this.#faults = new FaultMonitor(deps.event);
    let log: RingLog | undefined;
    if (host.flash) {
      try {
        log = new RingLog(host.flash.open('meterlog'));
      } catch (err) {
        deps.event(EventType.EVENT_TYPE_STORAGE_FAULT, true, 0, `meterlog: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    this.#log = log;
    this.#sentThrough = log?.ackedSeq ?? 0;
    const latest = log?.latest;
    this.#baseMwh = latest?.totalEnergyMwh ?? 0;
    this.#baseBurningS = latest?.totalBurningS ?? 0;
    this.#baseSwitches = latest?.switchCount ?? 0;
    this.#logId = latest?.logId || 1 + Math.min(0xfffe, Math.floor(host.system.random() * 0xffff));
    this.configure(deps.config);
    const now = host.clock.ticks();
    this.#lastTicks = now;
    this.#cur = this.#newInterval(now);
    const warm = host.system.resetReason !== 'power-on' && host.system.resetReason !== 'brownout';
    const driver = makeDriver(host, {
      timers: host.timers, ticks: () => host.clock.ticks(), calibration: loadCalibration(host.storage), pollMs: this.#pollMs,
      chipWarm: warm,
      // Both run at every poll (no closure per call: a closure per sample was churn, on the device too).
      onSample: (s) => {
        if (this.#stopped) return;
        try { this.#onSample(s); } catch (err) { this.#failed(err); }
      },
      // Faults are judged once per poll, when its outcome is known: on the reading just taken, or on the failed
      // poll (a timer of their own, at the poll period, judged the reading of the previous poll).
      onPoll: () => {
        if (this.#stopped) return;
        try { this.#evaluateFaults(); } catch (err) { this.#failed(err); }
      },
      onHealth: () => undefined, // judged with debounce by the fault monitor
    });
    this.#driverOk = driver !== undefined;
    this.#driver = driver as MeterDriver;
  }

  configure(config: SetConfig | undefined): void {
    const i = config?.energyIntervalS || DEFAULT_ENERGY_INTERVAL_S;
    this.#intervalS = Math.max(MIN_ENERGY_INTERVAL_S, i);
    this.#nominalW = config?.nominalPowerW ?? 0;
    const poll = pollMsFor(this.#intervalS);
    if (poll !== this.#pollMs) {
      this.#pollMs = poll;
      // Undefined while the constructor runs (the driver is made after, with this period).
      (this.#driver as MeterDriver | undefined)?.setPollMs(poll);
    }
  }

  /**
   * The wall clock was set `stepMs` away from where it ran (a TimeSync correcting a drifted or wrong clock). The
   * interval in progress is re-dated on the new clock (its start moves by the step), so it still closes at a
   * boundary and its duration stays the real time it covered: dated before the step, a clock set 200 s back made
   * a record of 38 s hold 238 s of energy (quarantined by the server as implausible), one set forward claimed time
   * it never covered. Records already closed keep their dates. An undated interval is dated at the next poll.
   */
  clockStepped(stepMs: number): void {
    const c = this.#cur;
    if (c.startUnix !== 0) c.startUnix = Math.max(1, c.startUnix + Math.round(stepMs / 1000));
  }

  get powerMw(): number { return this.#powerMw; }

  status(): EnergyStatus {
    const st = this.#log?.stats();
    const t = this.#totals();
    return {
      chip: this.#driver.chip, responding: this.#driver.responding, powerMw: this.#powerMw,
      totalEnergyMwh: t.energy, totalBurningS: t.burning, switchCount: t.switches,
      lastSeq: this.#log?.lastSeq ?? 0, ackedSeq: this.#log?.ackedSeq ?? 0, pending: st?.pending ?? 0,
      activeFaults: this.#faults.active(), logErases: st?.erases ?? 0, logMaxEraseCount: st?.maxEraseCount ?? 0,
      logOverwritten: st?.overwritten ?? 0,
    };
  }

  stop(): void {
    this.#stopped = true;
    const t = this.#d.host.timers;
    t.clear(this.#ackTimer);
    t.clear(this.#gapTimer);
    this.#driver?.close();
  }

  /** The link is up (after Hello): send what is pending, say active faults again. */
  onConnected(): void {
    this.#inFlight = undefined;
    this.#d.host.timers.clear(this.#ackTimer);
    this.#faults.repeatActive();
    this.#kick();
  }

  onAck(ackedSeq: number): void {
    const log = this.#log;
    if (!log) return;
    if (ackedSeq > this.#sentThrough) {
      const why = `energy ack ${ackedSeq} above the records sent (${this.#sentThrough})`;
      if (this.#d.rejected) this.#d.rejected(why);
      else this.#d.host.system.log('warn', why);
      return;
    }
    log.acknowledge(ackedSeq);
    if (this.#inFlight !== undefined && ackedSeq >= this.#inFlight) {
      this.#inFlight = undefined;
      this.#d.host.timers.clear(this.#ackTimer);
      this.#ackTimer = undefined;
      if (log.lastSeq > log.ackedSeq) this.#after(CATCHUP_GAP_MS * (1 + this.#d.host.system.random()));
    }
  }

  // ---- accounting -----------------------------------------------------------------------------------

  #newInterval(ticks: number): Interval {
    const wall = this.#d.wallClock();
    return {
      startTicks: ticks, startUnix: wall === undefined ? 0 : Math.floor(wall / 1000),
      energyMwh: 0, minMw: Infinity, maxMw: 0, levelMs: 0, powerMs: 0, burningMs: 0, switchOns: 0,
    };
  }

  #totals(): { energy: number; burning: number; switches: number } {
    const c = this.#cur;
    return {
      energy: Math.floor(this.#baseMwh + c.energyMwh),
      burning: this.#baseBurningS + Math.floor(c.burningMs / 1000),
      switches: this.#baseSwitches + c.switchOns,
    };
  }

  #onSample(s: MeterSample): void {
    const now = this.#d.host.clock.ticks();
    const dt = Math.max(0, now - this.#lastTicks);
    this.#lastTicks = now;
    const dE = Math.max(0, s.energyMwh - this.#lastEnergy);
    this.#lastEnergy = s.energyMwh;
    const level = this.#d.level();
    const c = this.#cur;
    c.energyMwh += dE;
    const mw = Math.max(0, Math.round(s.powerW * 1000));
    this.#powerMw = mw;
    c.minMw = Math.min(c.minMw, mw);
    c.maxMw = Math.max(c.maxMw, mw);
    c.levelMs += level * dt;
    c.powerMs += mw * dt;
    const burning = level > 0 && s.powerW >= Math.max(BURNING_MIN_W, 0.05 * this.#nominalW);
    if (burning) c.burningMs += dt;
    if (burning && !this.#burning) c.switchOns++;
    this.#burning = burning;
    this.#maybeClose(now);
  }

  #maybeClose(now: number): void {
    const c = this.#cur;
    const wall = this.#d.wallClock();
    const I = this.#intervalS;
    if (wall !== undefined) {
      const nowS = wall / 1000;
      const dated = this.#dateCurrent(now, wall);
      if (dated) this.#kick(); // the records held back for want of time can go now
      const boundary = Math.floor(c.startUnix / I) * I + I;
      // The first poll after its boundary closes an interval at the boundary. An interval dated just now (the
      // time came while it ran) or polled long after its boundary (a stalled meter) ran until now: it closes
      // now (its start was dated from its ticks), and the next one starts now, so records never claim time
      // they did not cover (and never hold energy of seconds outside them).
      // Late: two polls or more after the boundary.
      if (nowS >= boundary) this.#close(now, dated || nowS - boundary >= (2 * this.#pollMs) / 1000 ? Math.max(c.startUnix + 1, Math.floor(nowS)) : boundary);
    } else if (now - c.startTicks >= I * 1000) {
      this.#close(now, undefined);
    }
  }

  /** Time became valid during the interval in progress: its start is now known from the board's ticks. */
  #dateCurrent(ticks: number, wall: number): boolean {
    const c = this.#cur;
    if (c.startUnix !== 0) return false;
    c.startUnix = Math.floor(wall / 1000 - (ticks - c.startTicks) / 1000);
    return true;
  }

  #close(now: number, boundaryS: number | undefined): void {
    const c = this.#cur;
    const durationMs = Math.max(1, now - c.startTicks);
    const before = Math.floor(this.#baseMwh);
    const totals = this.#totals();
    const energy = totals.energy - before;
    const log = this.#log;
    const rec: LogRecord = {
      seq: (log?.lastSeq ?? 0) + 1,
      start: c.startUnix,
      durationS: boundaryS !== undefined && c.startUnix > 0 ? Math.max(1, boundaryS - c.startUnix) : Math.round(durationMs / 1000),
      energyMwh: energy,
      minPowerMw: c.minMw === Infinity ? 0 : c.minMw,
      maxPowerMw: c.maxMw,
      // Time-weighted mean of the sampled power: a BL0940 energy count is 163 mWh, too coarse for a short interval.
      avgPowerMw: Math.round(c.powerMs / durationMs),
      burningS: Math.floor(c.burningMs / 1000),  // capped below once durationS is known
      avgLevelX10: Math.round((c.levelMs / durationMs) * 10),
      totalEnergyMwh: totals.energy,
      totalBurningS: totals.burning,
      switchCount: totals.switches,
      bootCount: this.#d.bootCount,
      logId: this.#logId,
    };
    // Polls are #pollMs apart: an interval closes at the first poll after its boundary, so its burning time
    // can exceed the nominal duration by up to one poll (the excess is counted, not lost: see the carry).
    rec.burningS = Math.min(rec.burningS, rec.durationS);
    rec.totalBurningS = this.#baseBurningS + rec.burningS;
    // The remainders below 1 mWh / 1 s carry into the next interval, so records sum exactly to the totals.
    const carryMwh = this.#baseMwh + c.energyMwh - totals.energy;
    const carryBurnMs = Math.max(0, c.burningMs - rec.burningS * 1000);
    this.#baseMwh = totals.energy;
    this.#baseBurningS = rec.totalBurningS;
    this.#baseSwitches = totals.switches;
    this.#cur = this.#newInterval(now);
    if (boundaryS !== undefined) this.#cur.startUnix = boundaryS;
    this.#cur.energyMwh = carryMwh;
    this.#cur.burningMs = carryBurnMs;
    if (!log) return;
    log.append(rec);
    this.#kick();
  }

  // ---- store-and-forward ----------------------------------------------------------------------------

  #after(ms: number): void {
    const timers = this.#d.host.timers;
    timers.clear(this.#gapTimer);
    this.#gapTimer = timers.set(() => { this.#gapTimer = undefined; this.#guard(() => this.#kick()); }, ms);
  }

  #kick(): void {
    const log = this.#log;
    if (!log || this.#stopped || this.#inFlight !== undefined || this.#gapTimer !== undefined || !this.#d.connected()) return;
    // Records are sent with their start: without valid time yet (a board without RTC, just connected, gets it
    // from the server's answer to its Hello) they wait, so this boot's records closed before can be dated.
    const wall = this.#d.wallClock();
    if (wall === undefined) return;
    this.#dateCurrent(this.#d.host.clock.ticks(), wall);
    let batch = log.pending(MAX_RECORDS_PER_FRAME);
    if (batch.some((r) => r.start === 0)) batch = this.#dated(log.pending(Number.MAX_SAFE_INTEGER)).slice(0, MAX_RECORDS_PER_FRAME);
    const first = batch[0];
    const last = batch[batch.length - 1];
    if (!first || !last) return;
    const records: IntervalRecord[] = batch.map((r) => ({
      seq: r.seq, start: r.start, durationS: r.durationS, energyMwh: r.energyMwh, minPowerMw: r.minPowerMw,
      maxPowerMw: r.maxPowerMw, avgPowerMw: r.avgPowerMw, burningS: r.burningS, avgLevelX10: r.avgLevelX10,
    }));
    // The oldest record still held comes first: the unacknowledged ones before it are gone from the log
    // (overwritten while offline for longer than the log lasts, or unreadable). Saying so lets the server stop
    // waiting for them at once (EnergyReport.lost_through_seq) instead of after its grace period.
    const lostThroughSeq = first.seq - 1 > log.ackedSeq ? first.seq - 1 : 0;
    const sent = this.#d.send({
      energy: {
        records, energyTotalMwh: last.totalEnergyMwh, burningTotalS: last.totalBurningS, switchCount: last.switchCount,
        logId: this.#logId,
        ...(lostThroughSeq > 0 ? { lostThroughSeq } : {}),
      },
    });
    if (!sent) return;
    this.#inFlight = last.seq;
    this.#sentThrough = Math.max(this.#sentThrough, last.seq);
    const timers = this.#d.host.timers;
    timers.clear(this.#ackTimer);
    this.#ackTimer = timers.set(() => {
      this.#ackTimer = undefined;
      this.#inFlight = undefined;
      this.#guard(() => this.#after(CATCHUP_GAP_MS * (1 + this.#d.host.system.random())));
    }, ACK_TIMEOUT_MS);
  }

  /**
   * Records closed before the board had valid time carry start 0 in the log (a NOR slot is written once). One
   * boot's records are back to back (each interval starts where the previous one closed), so such a record
   * starts where the next record of the same boot starts, minus its own duration (counted in board ticks); the
   * newest records of this boot end where the interval in progress began, known once the time is valid.
   * `records`: every pending record, oldest first. A record of a boot that never had valid time (cut before it
   * reached the server) keeps start 0: the server places it (fleet-server README, "undated records").
   */
  #dated(records: LogRecord[]): LogRecord[] {
    const out = records.slice();
    const log = this.#log;
    let nextStart = this.#cur.startUnix;
    let nextSeq = (log?.lastSeq ?? 0) + 1;
    let nextBoot = this.#d.bootCount;
    for (let i = out.length - 1; i >= 0; i--) {
      let r = out[i] as LogRecord;
      if (r.start === 0 && nextStart > 0 && r.seq + 1 === nextSeq && r.bootCount === nextBoot) {
        r = { ...r, start: Math.max(1, nextStart - r.durationS) };
        out[i] = r;
      }
      nextStart = r.start;
      nextSeq = r.seq;
      nextBoot = r.bootCount;
    }
    return out;
  }

  // ---- faults ---------------------------------------------------------------------------------------

  #evaluateFaults(): void {
    const s = this.#driver.last;
    this.#faults.evaluate({
      now: this.#d.host.clock.ticks(), level: this.#d.level(),
      powerW: s?.powerW, voltageV: s?.voltageV, meterResponding: this.#driver.responding,
      daylight: this.#d.daylight(), nominalW: this.#nominalW, burningW: Math.max(BURNING_MIN_W, 0.05 * this.#nominalW),
    });
  }

  /** No exception may escape into a platform callback (on a device it would reset the board): a failing
   *  flash write or driver read is logged and the next timer tries again. */
  #guard(fn: () => void): void {
    if (this.#stopped) return;
    try {
      fn();
    } catch (err) {
      this.#failed(err);
    }
  }

  #failed(err: unknown): void {
    this.#d.host.system.log('error', `energy: ${err instanceof Error ? err.message : String(err)}`);
  }
}
