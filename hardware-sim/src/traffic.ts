/**
 * A month of a town's street traffic, for presence lighting and its learning (issue 17, "frugal learning"): what
 * passes each street of a small town hour by hour, drawn on `SimStreet`s (Poisson arrivals per hour and kind, both
 * directions, the sensors' misses and false triggers), with what makes a real month uneven:
 * - weekdays and weekends: commuters early on weekdays, later and busier evenings on Friday and Saturday nights,
 *   quiet Sunday nights;
 * - regulars: people who pass at the same time on given weekdays (the nurse home at 22:10, the baker at 04:45, the
 *   dog walked at 23:00), a few minutes early or late, not every day (ill, on holiday: `attendance`);
 * - a festival night (the village fête): crowds until 2 am on one night, once;
 * - a dark rainy week: fewer pedestrians and cyclists, a few more cars; PIR sensors miss more (rain cools the
 *   background, drops blur the lens) and trigger more on their own (wind in the trees, splashes).
 * Everything comes from seeded PRNGs: a run is reproducible, and two streets built with the same seed and spec get
 * the same passers-by (a benchmark compares lighting strategies on identical traffic that way).
 */
import { mulberry32 } from './board.js';
import type { Passage, SimStreet, TrafficKind } from './presence.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Mean arrivals per hour of local time 0..23, per kind. */
export type HourlyRates = Partial<Record<TrafficKind, readonly number[]>>;

/** A regular passer-by: `minute` after local midnight on the weekdays of `days` (bit 0 = Monday … bit 6 = Sunday). */
export interface Regular {
  kind: TrafficKind;
  minute: number;
  days: number;
  /** Up to this many minutes early or late (uniform). Default 3. */
  jitterMin?: number;
  /** Probability they come on one of their days. Default 0.9. */
  attendance?: number;
  direction?: 1 | -1;
}

export interface StreetTraffic {
  /** Weekday (Monday–Thursday) nights. */
  weekday: HourlyRates;
  /** Friday and Saturday nights (from 18:00 on those days; their early morning hours are the next day's). */
  weekendNight: HourlyRates;
  /** Sunday and the early hours of Saturday and Sunday. */
  weekend: HourlyRates;
  regulars?: readonly Regular[];
  /** Sensor conditions in dry weather. */
  missProbability: number;
  falseTriggersPerHour: number;
}

export interface TownMonth {
  /** UTC ms of the first day's local midnight. */
  start: number;
  days: number;
  /** Local time = UTC + this (minutes; no DST change inside the month). */
  utcOffsetMin: number;
  /** Day index (0-based) of the festival night (its evening), or none. */
  festivalDay?: number;
  /** The rainy week: first day index and length. */
  rain?: { from: number; days: number };
  seed: number;
}

/** Multipliers of a festival night (20:00 to 02:00) and of a rainy day, per kind. */
export const FESTIVAL = Object.freeze({ pedestrian: 8, cyclist: 3, car: 2 });
export const RAIN = Object.freeze({ pedestrian: 0.4, cyclist: 0.2, car: 1.3, miss: 3, falseTriggers: 4 });

/** Weekday of a day index: 0 = Monday … 6 = Sunday. */
export function weekdayOf(month: TownMonth, day: number): number {
  const localMidnight = month.start + day * DAY_MS + month.utcOffsetMin * 60_000;
  return (Math.floor(localMidnight / DAY_MS) + 3) % 7; // 1970-01-01 was a Thursday
}

export interface MonthSummary {
  passages: number;
  regularPassages: number;
  festivalPassages: number;
  rainyDays: number;
}

/**
 * Draws the month on `street` (passages and false triggers scheduled on its clock, which must not be past `start`).
 * The same street spec, month and seed give the same passers-by on any street with the same poles.
 */
export function scheduleTownMonth(street: SimStreet, spec: StreetTraffic, month: TownMonth): MonthSummary {
  const random = mulberry32((month.seed ^ 0x5eed17) >>> 0);
  const offsetMs = month.utcOffsetMin * 60_000;
  const summary: MonthSummary = { passages: 0, regularPassages: 0, festivalPassages: 0, rainyDays: 0 };
  for (let day = 0; day < month.days; day++) {
    const dayStart = month.start + day * DAY_MS;
    const wd = weekdayOf(month, day);
    const rainy = month.rain !== undefined && day >= month.rain.from && day < month.rain.from + month.rain.days;
    if (rainy) summary.rainyDays++;
    street.setConditions({
      missProbability: Math.min(1, spec.missProbability * (rainy ? RAIN.miss : 1)),
      falseTriggersPerHour: spec.falseTriggersPerHour * (rainy ? RAIN.falseTriggers : 1),
    });
    const festival = month.festivalDay !== undefined && (day === month.festivalDay || day === month.festivalDay + 1);
    const hourOf = (ms: number): number => Math.floor((ms + offsetMs) / HOUR_MS) % 24;
    // The rates of one hour of this day: the night's shape by weekday, the festival, the rain.
    const perHour: Partial<Record<TrafficKind, number[]>> = {};
    for (const kind of ['pedestrian', 'cyclist', 'car'] as const) {
      const rates: number[] = [];
      for (let h = 0; h < 24; h++) {
        // Friday and Saturday evenings (from 18:00) and the early hours after them are weekend nights.
        const evening = h >= 18;
        const nightOfWd = evening ? wd : (wd + 6) % 7;
        const shape = nightOfWd === 4 || nightOfWd === 5 ? spec.weekendNight : wd >= 5 || (!evening && wd === 0) ? spec.weekend : spec.weekday;
        let r = shape[kind]?.[h] ?? 0;
        if (festival && ((day === month.festivalDay && h >= 20) || (day === (month.festivalDay ?? -9) + 1 && h < 2))) r *= FESTIVAL[kind];
        if (rainy) r *= RAIN[kind];
        rates.push(r);
      }
      perHour[kind] = rates;
    }
    const drawn: Passage[] = street.traffic(dayStart, dayStart + DAY_MS, { perHour, hourOf });
    summary.passages += drawn.length;
    if (festival) {
      summary.festivalPassages += drawn.filter((p) => {
        const h = hourOf(p.startMs);
        return (day === month.festivalDay && h >= 20) || (day !== month.festivalDay && h < 2);
      }).length;
    }
    for (const regular of spec.regulars ?? []) {
      if (!(regular.days & (1 << wd))) continue;
      if (random() >= (regular.attendance ?? 0.9)) continue;
      const jitter = regular.jitterMin ?? 3;
      const minute = regular.minute + (random() * 2 - 1) * jitter;
      street.walk({ kind: regular.kind, at: dayStart + minute * 60_000, direction: regular.direction ?? 1 });
      summary.regularPassages++;
      summary.passages++;
    }
  }
  return summary;
}

/** Weekdays bit masks. */
export const DAYS = Object.freeze({ weekdays: 0b0011111, all: 0b1111111, tueToSat: 0b0011110, weekend: 0b1100000 });
