/**
 * A month of a town's traffic (src/traffic.ts, issue 17): weekday and weekend nights, regulars, a festival night and
 * a rainy week drawn on a SimStreet, reproducibly; the street's sensor conditions follow the weather.
 */
import { describe, expect, it } from 'vitest';
import { SimBoard, SimStreet, VirtualClock } from '../src/index.js';
import { DAYS, FESTIVAL, RAIN, scheduleTownMonth, weekdayOf, type StreetTraffic, type TownMonth } from '../src/traffic.js';

/** Monday 2 November 2026, 00:00 CET. */
const START = Date.parse('2026-11-01T23:00:00Z');
const flat = (v: number): number[] => Array.from({ length: 24 }, () => v);
const SPEC: StreetTraffic = {
  weekday: { pedestrian: flat(2), car: flat(1) },
  weekendNight: { pedestrian: flat(6), car: flat(1) },
  weekend: { pedestrian: flat(2), car: flat(1) },
  regulars: [{ kind: 'pedestrian', minute: 22 * 60 + 10, days: DAYS.weekdays, attendance: 1, jitterMin: 2 }],
  missProbability: 0.05, falseTriggersPerHour: 0.5,
};

function street(clock: VirtualClock, seed: number): SimStreet {
  const boards = [0, 1].map((i) => new SimBoard({ clock, deviceId: `T${seed}-${i}`, tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, presenceSensor: true, provisioned: false }));
  return new SimStreet({ clock, poles: boards.map((board, i) => ({ board, x: i * 30 })), seed });
}
const localHour = (ms: number): number => Math.floor((ms + 3_600_000) / 3_600_000) % 24;
const dayOf = (ms: number): number => Math.floor((ms - START) / 86_400_000);

describe('a month of a town', () => {
  const month: TownMonth = { start: START, days: 28, utcOffsetMin: 60, festivalDay: 19, rain: { from: 8, days: 7 }, seed: 5 };

  it('weekdays, weekend nights, regulars, the festival night and the rainy week, the same for the same seed', () => {
    expect([0, 4, 5, 6].map((d) => weekdayOf(month, d))).toEqual([0, 4, 5, 6]); // Monday, Friday, Saturday, Sunday
    const clock = new VirtualClock({ start: START });
    const a = street(clock, 1);
    const summary = scheduleTownMonth(a, SPEC, month);
    const b = street(clock, 1);
    scheduleTownMonth(b, SPEC, month);
    expect(b.passages.map((p) => [p.kind, p.startMs, p.poles.map((x) => x.detected)])).toEqual(a.passages.map((p) => [p.kind, p.startMs, p.poles.map((x) => x.detected)]));
    expect(summary.passages).toBe(a.passages.length);
    // The regular: every weekday at 22:10 ± 2 min, never at the weekend.
    const regular = a.passages.filter((p) => p.kind === 'pedestrian' && localHour(p.startMs) === 22 && Math.abs(((p.startMs + 3_600_000) % 3_600_000) / 60_000 - 10) <= 2);
    expect(summary.regularPassages).toBe(20);
    expect(regular.length).toBeGreaterThanOrEqual(20);
    const ped = (days: number[], hours: number[]) => a.passages.filter((p) => p.kind === 'pedestrian' && days.includes(dayOf(p.startMs)) && hours.includes(localHour(p.startMs))).length;
    const evening = [20, 21, 23];
    // Friday and Saturday evenings (weekend nights, 6/h) against Monday–Thursday's (2/h), dry weeks only.
    expect(ped([4, 5, 25, 26], evening) / 4).toBeGreaterThan(1.8 * (ped([0, 1, 2, 3, 21, 22, 23, 24], evening) / 8));
    // The festival evening (day 19, a Saturday: ×8 from 20:00) against the Saturday after it.
    expect(ped([19], [20, 21, 22, 23])).toBeGreaterThan(3 * ped([26], [20, 21, 22, 23]));
    expect(summary.festivalPassages).toBeGreaterThan(0);
    // The rainy week: fewer pedestrians (×0.4), more misses (×3) and false triggers (×4) than the next dry week.
    expect(summary.rainyDays).toBe(7);
    const peds = (from: number) => a.passages.filter((p) => p.kind === 'pedestrian' && dayOf(p.startMs) >= from && dayOf(p.startMs) < from + 7).length;
    expect(peds(8)).toBeLessThan(0.7 * peds(1) + 30);
    const missRate = (from: number) => {
      const ps = a.passages.filter((p) => dayOf(p.startMs) >= from && dayOf(p.startMs) < from + 7).flatMap((p) => p.poles);
      return ps.filter((x) => !x.detected).length / ps.length;
    };
    expect(missRate(8)).toBeGreaterThan(missRate(21));
    const falseIn = (from: number) => a.falseTriggers.filter((f) => dayOf(f.at) >= from && dayOf(f.at) < from + 7).length;
    expect(falseIn(8)).toBeGreaterThan(2 * falseIn(21));
    expect(FESTIVAL.pedestrian).toBeGreaterThan(1);
    expect(RAIN.pedestrian).toBeLessThan(1);
    a.dispose();
    b.dispose();
  });

  it('setConditions bounds what it takes', () => {
    const s = street(new VirtualClock({ start: START }), 2);
    expect(() => s.setConditions({ missProbability: 1.5 })).toThrow(RangeError);
    expect(() => s.setConditions({ falseTriggersPerHour: -1 })).toThrow(RangeError);
    s.setConditions({ missProbability: 1 });
    expect(s.walk({ kind: 'car' }).poles.every((p) => !p.detected)).toBe(true);
    s.dispose();
  });
});
