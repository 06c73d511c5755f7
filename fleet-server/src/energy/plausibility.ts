/**
 * Plausibility of an energy interval record before it counts (SECURITY.md, "Plausibility and bounds"). Frames are
 * authenticated, but a device can be broken (a metering chip gone mad, a clock at 1970 after a dead RTC battery)
 * or its key stolen: one record of 9,007,199,254 kWh (€1.8 bn at 0.20 €/kWh), or dated 2100, would otherwise go
 * straight into a town's reports, bills and savings. A record that fails one check below is quarantined
 * (EnergyRepository.ingest: stored apart with its reason, acknowledged, never summed) until a manager accepts or
 * rejects it.
 *
 * The bounds are generous on purpose: they must never quarantine what a working controller measures, only what no
 * luminaire and no clock could have produced.
 */
import type { NewEnergy } from '../db/repository.js';

/** Rated power assumed when the inventory gives none, W: above any street luminaire (typically 10–250 W). */
export const DEFAULT_RATED_W = 1000;
/** A luminaire may draw this many times its rated power (driver tolerance, inventory rounding, over-voltage). */
export const POWER_MARGIN = 1.5;
/** Power a record may show on top of that, W: driver standby (0.3–0.5 W) and metering offsets, ten times over. */
export const STANDBY_W = 5;
/**
 * Seconds of that power a record may hold beyond its duration: the firmware closes an interval at the first meter
 * poll after its boundary (up to two polls of 10 s late, firmware/src/energy/service.ts) and carries sub-mWh
 * remainders over; a BL0940 counts energy in steps of 163 mWh.
 */
export const CLOSE_SLACK_S = 60;
/**
 * Longest record, s: the largest energy interval the configuration allows (SetConfig.energy_interval_s ≤ 86,400,
 * devices/device-config.ts) plus five minutes of late closing.
 */
export const MAX_DURATION_S = 86_400 + 300;
/** No record starts before this (Unix s, 2024-01-01T00:00:00Z): no controller of this system metered earlier. */
export const MIN_START_S = Date.UTC(2024, 0, 1) / 1000;
/**
 * A record may start at most this far after the server's clock, s. A record is sent after it ends, so a real one
 * starts at least its duration before the server's now; device clocks follow TimeSync (round trip ≤ 10 s, a few
 * seconds of RTC drift a day). The start, not the end, is compared: the margin is then the record's duration plus
 * these 5 minutes, which also absorbs a server clock that lags the boards' (the chaos test's virtual clocks, where
 * a busy server reads its clock updates late, were seen 6 min behind).
 */
export const MAX_AHEAD_S = 300;
/** avg_level_x10 is tenths of a percent of the commanded level (uplink.proto): 0..1000. */
export const MAX_LEVEL_X10 = 1000;

/** Which check a quarantined record failed (`energy_quarantine.reason`). */
export type ImplausibleReason = 'duration' | 'burning' | 'level' | 'energy' | 'too_old' | 'in_future';
export const IMPLAUSIBLE_REASONS: readonly ImplausibleReason[] = ['duration', 'burning', 'level', 'energy', 'too_old', 'in_future'];

export interface Implausible { reason: ImplausibleReason; detail: string }

export interface PlausibilityContext {
  /** Server clock, Unix s. */
  nowS: number;
  /** Rated power of the device's luminaire (inventory `nominalPowerW`); DEFAULT_RATED_W when unknown or 0. */
  ratedW?: number | null | undefined;
  /** Earliest plausible start, Unix s: the later of MIN_START_S and the start of raw-record retention. */
  minStartS: number;
}

/** Most energy (mWh) a luminaire of `ratedW` can put in a record of `durationS` (bounds above). */
export function maxEnergyMwh(ratedW: number, durationS: number): number {
  return Math.ceil(((ratedW * POWER_MARGIN + STANDBY_W) * (durationS + CLOSE_SLACK_S)) / 3.6);
}

const iso = (s: number): string => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Why the record is implausible, or undefined when it may count. Start 0 means undated (closed before the device
 * had valid time; README "Undated records"), not 1970: only dated records are checked against the clock.
 */
export function implausibility(r: Pick<NewEnergy, 'start' | 'durationS' | 'energyMwh' | 'burningS' | 'avgLevelX10'>, ctx: PlausibilityContext): Implausible | undefined {
  const burningS = r.burningS ?? 0;
  const level = r.avgLevelX10 ?? 0;
  if (!(r.durationS > 0) || r.durationS > MAX_DURATION_S) {
    return { reason: 'duration', detail: `duration ${r.durationS} s outside 1..${MAX_DURATION_S} s` };
  }
  if (burningS > r.durationS) return { reason: 'burning', detail: `burning ${burningS} s longer than the record's ${r.durationS} s` };
  if (level > MAX_LEVEL_X10) return { reason: 'level', detail: `average level ${level / 10} % above 100 %` };
  const ratedW = ctx.ratedW && ctx.ratedW > 0 ? ctx.ratedW : DEFAULT_RATED_W;
  const max = maxEnergyMwh(ratedW, r.durationS);
  if (r.energyMwh > max) {
    return { reason: 'energy', detail: `${r.energyMwh} mWh in ${r.durationS} s, above the ${max} mWh a ${ratedW} W luminaire can draw${ctx.ratedW && ctx.ratedW > 0 ? '' : ' (no rated power in the inventory)'}` };
  }
  if (r.start > 0) {
    if (r.start < ctx.minStartS) return { reason: 'too_old', detail: `starts ${iso(r.start)}, before ${iso(ctx.minStartS)}` };
    if (r.start > ctx.nowS + MAX_AHEAD_S) {
      return { reason: 'in_future', detail: `starts ${iso(r.start)}, after the server's clock (${iso(ctx.nowS)}) + ${MAX_AHEAD_S} s` };
    }
  }
  return undefined;
}
