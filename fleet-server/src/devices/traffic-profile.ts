/**
 * Issue 17, frugal learning: a controller's learnt traffic profile (`TrafficProfile`, protocol README "Learned
 * traffic profile") as the server keeps and shows it. The frame decoder has already bounded it (a week of 15, 30 or
 * 60 min cells, ≤ 672 bytes); here it becomes a row and, for the API and the UI, a week of hours (7 × 24, Monday
 * first): the probability that someone passes in that hour, 1 − Π(1 − p) over the hour's cells (cells taken as
 * independent), and a street's or group's map as the mean over its lights that sent a profile.
 */
import type { Uplink } from '@streetlight/protocol';
import type { TrafficProfileRow } from '../db/traffic-profile-repository.js';

export type TrafficProfileMessage = NonNullable<Uplink['profile']>;

/** Days × hours of the heat map. */
export const WEEK_DAYS = 7;
export const DAY_HOURS = 24;

export function profileRow(deviceId: string, tenantId: string, m: TrafficProfileMessage, sentAtS: number, now: number): TrafficProfileRow {
  return {
    deviceId, tenantId, receivedAt: now, sentAt: sentAtS, weeks: m.weeks ?? 0, cellMinutes: m.cellMinutes ?? 0,
    watchedCells: m.watchedCells ?? 0, cells: Buffer.from(m.cells ?? new Uint8Array(0)).toString('base64'),
  };
}

/** The week as 7 rows (Monday … Sunday) of 24 hourly probabilities in [0, 1], 3 decimals. */
export function hourlyWeek(row: Pick<TrafficProfileRow, 'cells' | 'cellMinutes'>): number[][] {
  const cells = Buffer.from(row.cells, 'base64');
  const perHour = 60 / row.cellMinutes;
  if (!Number.isInteger(perHour) || cells.length !== WEEK_DAYS * DAY_HOURS * perHour) throw new RangeError(`a week of ${row.cellMinutes} min cells is ${WEEK_DAYS * DAY_HOURS * perHour}, not ${cells.length}`);
  const week: number[][] = [];
  for (let d = 0; d < WEEK_DAYS; d++) {
    const day: number[] = [];
    for (let h = 0; h < DAY_HOURS; h++) {
      let none = 1;
      for (let k = 0; k < perHour; k++) none *= 1 - cells[(d * DAY_HOURS + h) * perHour + k]! / 255;
      day.push(Math.round((1 - none) * 1000) / 1000);
    }
    week.push(day);
  }
  return week;
}

/** The mean of several weeks, hour by hour (a street: its lights that sent a profile). */
export function meanWeek(weeks: readonly number[][][]): number[][] {
  return Array.from({ length: WEEK_DAYS }, (_, d) => Array.from({ length: DAY_HOURS }, (_, h) => {
    if (weeks.length === 0) return 0;
    return Math.round((weeks.reduce((s, w) => s + w[d]![h]!, 0) / weeks.length) * 1000) / 1000;
  }));
}
