/** Local days in the tenant's zone, night seconds for the baseline, CSV writing, report formulas. */
import { describe, expect, it } from 'vitest';
import { sunEventUtc, ZENITH_OFFICIAL } from '@streetlight/firmware';
import { localDay, NightCalculator, parsePosixTz } from '../src/energy/calendar.js';
import { csvField, toCsv } from '../src/energy/csv.js';
import { toRow } from '../src/energy/service.js';

const PARIS = parsePosixTz('CET-1CEST,M3.5.0,M10.5.0/3');
const s = (iso: string) => Date.parse(iso) / 1000;

describe('local days', () => {
  it('puts a record in the local day of its start, across DST changes', () => {
    expect(localDay(PARIS, s('2026-01-01T22:59:59Z'))).toBe('2026-01-01');
    expect(localDay(PARIS, s('2026-01-01T23:00:00Z'))).toBe('2026-01-02'); // CET: local midnight is 23:00 UTC
    expect(localDay(PARIS, s('2026-07-01T21:59:59Z'))).toBe('2026-07-01');
    expect(localDay(PARIS, s('2026-07-01T22:00:00Z'))).toBe('2026-07-02'); // CEST: 22:00 UTC
  });
});

describe('night seconds (baseline)', () => {
  const sarlat = { lat: 44.889, lon: 1.216 };
  const nights = new NightCalculator();

  it('counts the whole night for a day-long interval from noon to noon', () => {
    const noon = s('2026-06-21T12:00:00Z');
    const set = sunEventUtc(Date.UTC(2026, 5, 21), sarlat.lat, sarlat.lon, ZENITH_OFFICIAL, false)!;
    const rise = sunEventUtc(Date.UTC(2026, 5, 22), sarlat.lat, sarlat.lon, ZENITH_OFFICIAL, true)!;
    const dark = nights.darkSeconds(sarlat.lat, sarlat.lon, noon, 86_400);
    expect(dark).toBe(Math.round((rise - set) / 1000));
    // Shortest night in Sarlat: about 8 h 40 min between sunset ≈ 19:40 UTC and sunrise ≈ 04:15 UTC.
    expect(dark / 3600).toBeGreaterThan(8.3);
    expect(dark / 3600).toBeLessThan(9);
  });

  it('sums 15-minute records to the same night, and gives daylight intervals none', () => {
    const start = s('2026-12-21T12:00:00Z');
    let sum = 0;
    for (let i = 0; i < 96; i++) sum += nights.darkSeconds(sarlat.lat, sarlat.lon, start + i * 900, 900);
    expect(sum).toBe(nights.darkSeconds(sarlat.lat, sarlat.lon, start, 86_400));
    expect(sum / 3600).toBeGreaterThan(15); // longest night ≈ 15 h 13 min (day ≈ 8 h 47 min at 44.9° N)
    expect(sum / 3600).toBeLessThan(15.5);
    expect(nights.darkSeconds(sarlat.lat, sarlat.lon, s('2026-12-21T11:00:00Z'), 900)).toBe(0);
    expect(nights.darkSeconds(sarlat.lat, sarlat.lon, s('2026-12-21T01:00:00Z'), 900)).toBe(900);
  });

  it('works far from Greenwich (Papeete, UTC−10: sunset falls on the next UTC day)', () => {
    const papeete = { lat: -17.53, lon: -149.57 };
    const start = s('2026-03-01T22:00:00Z'); // local noon
    const dark = nights.darkSeconds(papeete.lat, papeete.lon, start, 86_400);
    expect(dark / 3600).toBeGreaterThan(11);
    expect(dark / 3600).toBeLessThan(12.5);
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes fields with separators, quotes or line breaks and ends records with CRLF', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(null)).toBe('');
    expect(toCsv(['k', 'v'], [['x', 1e-7]])).toBe('k,v\r\nx,0.0000001\r\n');
  });

  it('writes the French locale with ; and a decimal comma behind a BOM', () => {
    expect(toCsv(['rue', 'kWh'], [['Rue de la République; nord', 12.5]], { locale: 'fr' }))
      .toBe('\uFEFFrue;kWh\r\n"Rue de la République; nord";12,5\r\n');
    expect(csvField('1,5', 'fr')).toBe('1,5'); // a comma needs no quotes when `;` separates
  });
});

describe('report formulas', () => {
  it('derives kWh, hours, level, savings, money and CO2 from the sums', () => {
    const row = toRow({
      key: 'town', period: '2026-01', energyMwh: 30_000_000, burningS: 3600 * 100, levelX10S: 500 * 3600 * 100, durationS: 3600 * 200, records: 800, devices: 2,
      baselineWs: 100 * 1000 * 3600 /* 100 kWh */, baselineEnergyMwh: 30_000_000, devicesWithoutBaseline: 0,
    }, { tariffEurPerKwh: 0.2, emissionGPerKwh: 52 });
    expect(row).toMatchObject({
      energyKwh: 30, burningHours: 100, averageLevelPct: 50, baselineKwh: 100, savedKwh: 70, savedPct: 70,
      costEur: 6, moneySavedEur: 14, co2Kg: 1.56, co2AvoidedKg: 3.64, coveredHours: 200,
    });
  });
});
