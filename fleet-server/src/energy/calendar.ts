/**
 * Calendar and sun arithmetic of the energy reports, on the firmware's own modules (`@streetlight/firmware`:
 * POSIX TZ rules and the NOAA sun equations), so the server's days and nights are the pole's.
 *
 * Sunset and sunrise are the firmware's `ZENITH_OFFICIAL` events: zenith 90.833°, i.e. the upper limb of
 * the sun on the horizon with standard refraction (34′) and the solar semi-diameter (16′), as the NOAA
 * solar calculator and published ephemerides give them. The night is [sunset, next sunrise).
 */
import { parsePosixTz, sunEventUtc, toLocalMs, ZENITH_OFFICIAL, type PosixTz } from '@streetlight/firmware';

const DAY_MS = 86_400_000;

/** Local calendar day (`YYYY-MM-DD`) of a Unix-seconds instant in a POSIX TZ zone. */
export function localDay(tz: PosixTz, unixS: number): string {
  return new Date(toLocalMs(tz, unixS * 1000)).toISOString().slice(0, 10);
}

export { parsePosixTz, type PosixTz };

/**
 * Night time covered by intervals at one position. Sun events are cached per position and UTC day (a
 * bounded map), so ingest computes two sun events per device and day, not per record.
 */
export class NightCalculator {
  private readonly cache = new Map<string, { set: number | undefined; rise: number | undefined }>();

  constructor(private readonly maxEntries = 200_000) {}

  private events(lat: number, lon: number, dayIndex: number): { set: number | undefined; rise: number | undefined } {
    const key = `${lat},${lon},${dayIndex}`;
    let e = this.cache.get(key);
    if (!e) {
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      const day = dayIndex * DAY_MS;
      e = { set: sunEventUtc(day, lat, lon, ZENITH_OFFICIAL, false), rise: sunEventUtc(day, lat, lon, ZENITH_OFFICIAL, true) };
      this.cache.set(key, e);
    }
    return e;
  }

  /**
   * Seconds of [startS, startS + durationS) that lie between a sunset and the following sunrise at (lat, lon).
   * Nights are [sunset of UTC day k, sunrise of UTC day k + 1); `sunEventUtc` starts from solar noon, so for
   * any longitude those two events bracket the night of local evening k. Days without a sunset or sunrise
   * (beyond the polar circles) count as no night: the baseline is undefined there.
   */
  darkSeconds(lat: number, lon: number, startS: number, durationS: number): number {
    if (durationS <= 0) return 0;
    const a = startS * 1000;
    const b = a + durationS * 1000;
    const first = Math.floor(a / DAY_MS) - 2;
    const last = Math.floor(b / DAY_MS);
    let dark = 0;
    for (let k = first; k <= last; k++) {
      const set = this.events(lat, lon, k).set;
      const rise = this.events(lat, lon, k + 1).rise;
      if (set === undefined || rise === undefined || rise <= set) continue;
      const lo = Math.max(a, set);
      const hi = Math.min(b, rise);
      if (hi > lo) dark += hi - lo;
    }
    return Math.round(dark / 1000);
  }

  /** The night starting on the evening of local day `evening` (UTC-midnight ms of that date): sunset → sunrise. */
  night(lat: number, lon: number, eveningUtcMidnight: number): { sunset: number | undefined; sunrise: number | undefined } {
    const k = Math.floor(eveningUtcMidnight / DAY_MS);
    return { sunset: this.events(lat, lon, k).set, sunrise: this.events(lat, lon, k + 1).rise };
  }
}
