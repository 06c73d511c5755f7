import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sunEventUtc, ZENITH_CIVIL, ZENITH_OFFICIAL } from '../src/sun.js';

interface Row { site: string; lat: number; lon: number; date: string; sunrise: string; sunset: string; civilDawn: string; civilDusk: string }
const reference = JSON.parse(readFileSync(new URL('./fixtures/sun-reference.json', import.meta.url), 'utf8')) as { rows: Row[] };

// Independent reference: PyEphem (fixtures/gen_sun_reference.py), sites across mainland France, Corsica
// and the overseas departments, dates across the year including solstices, both DST change days and a
// leap day.
describe('sun times match the independent reference within one minute', () => {
  const cases = reference.rows.flatMap((r) => [
    { ...r, event: 'sunrise', zenith: ZENITH_OFFICIAL, rising: true, expected: r.sunrise },
    { ...r, event: 'sunset', zenith: ZENITH_OFFICIAL, rising: false, expected: r.sunset },
    { ...r, event: 'civil dawn', zenith: ZENITH_CIVIL, rising: true, expected: r.civilDawn },
    { ...r, event: 'civil dusk', zenith: ZENITH_CIVIL, rising: false, expected: r.civilDusk },
  ]);
  it.each(cases)('$site $date $event', ({ lat, lon, date, zenith, rising, expected }) => {
    const got = sunEventUtc(Date.parse(`${date}T00:00:00Z`), lat, lon, zenith, rising);
    expect(got).toBeDefined();
    expect(Math.abs((got as number) - Date.parse(expected))).toBeLessThanOrEqual(60_000);
  });

  it('reports no event when the sun never reaches the zenith (polar night)', () => {
    expect(sunEventUtc(Date.parse('2026-12-21T00:00:00Z'), 78.2, 15.6, ZENITH_OFFICIAL, true)).toBeUndefined();
  });
});
