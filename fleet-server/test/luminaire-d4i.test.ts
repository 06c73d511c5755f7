/**
 * Issue 17: a controller's LuminaireReport (its DALI-2 / D4i driver) stored on SQLite and PostgreSQL (one row per
 * controller, a report read earlier than the stored one kept out), and the luminaire's values with their source.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pb, type Uplink } from '@streetlight/protocol';
import { openPostgres, openSqlite } from '../src/db/index.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { LuminaireD4iRepository } from '../src/db/luminaire-d4i-repository.js';
import { d4iRow, d4iView, luminaireValues } from '../src/devices/luminaire-d4i.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const schema = uniqueSchema();
const dialects: Array<[string, () => Promise<DrizzleRepository>, () => Promise<void>]> = [
  ['SQLite', async () => openSqlite(`${tempDir()}/fleet.sqlite`) as DrizzleRepository, async () => undefined],
  ['PostgreSQL', async () => (await openPostgres(TEST_PG_URL, schema)) as unknown as DrizzleRepository, () => dropPgSchema(schema)],
];
const T0 = 1_795_000_000;
type Report = NonNullable<Uplink['luminaire']>;
const report = (over: Partial<Report> = {}): Report => ({
  readAt: T0, reason: pb.LuminaireReason.LUMINAIRE_REASON_BOOT, d4i: true, gtin: 3_760_123_450_029,
  serial: Uint8Array.of(0, 0, 0, 0, 0, 0xbe, 0xef, 1), gearGtin: 4_012_345_000_019, gearSerial: Uint8Array.of(0, 0, 0, 0, 0, 0, 0xc0, 0xfe),
  gearFirmware: 0x0104, yearOfManufacture: 2025, weekOfManufacture: 9, nominalPowerW: 36, minDimPowerW: 3, minMainsV: 220, maxMainsV: 240,
  fluxLm: 5200, cri: 70, cctK: 2700, distribution: 2, energyWh: 250_036, powerDw: 360, operatingTimeS: 43_200_000, startCount: 4001,
  supplyDv: 2300, gearTemperatureC: 48, ledOnTimeS: 41_400_000, ledVoltageDv: 540, ledCurrentMa: 700, ledTemperatureC: 43, failures: 0, actualLevel: 254,
  ...over,
});

describe.each(dialects)('D4i reports on %s', (_name, open, cleanup) => {
  let repo: DrizzleRepository;
  let store: LuminaireD4iRepository;
  beforeAll(async () => { repo = await open(); store = new LuminaireD4iRepository(repo.adapter); });
  afterAll(async () => { await repo?.close(); await cleanup(); });

  it('keeps the last report of each controller, in the inventory\'s terms (GTIN as decimal text, serial in hex, 0 = not known)', async () => {
    expect(await store.put(d4iRow('D1', 'sarlat', report(), 1000))).toBe(true);
    const row = await store.get('sarlat', 'D1');
    expect(row).toMatchObject({
      deviceId: 'D1', tenantId: 'sarlat', receivedAt: 1000, readAt: T0 * 1000, reason: 'boot', d4i: true, gtin: '3760123450029', serial: '0000000000BEEF01',
      gearGtin: '4012345000019', gearSerial: '000000000000C0FE', gearFirmware: '1.4', yearOfManufacture: 2025, nominalPowerW: 36, fluxLm: 5200, cctK: 2700,
      energyWh: 250_036, powerW: 36, supplyV: 230, gearTemperatureC: 48, ledVoltageV: 54, ledCurrentMa: 700, failures: 0, actualLevel: 254,
    });
    expect(await store.get('other', 'D1')).toBeUndefined(); // another town's
    // A later read replaces it; an earlier one (a redelivered frame) does not.
    expect(await store.put(d4iRow('D1', 'sarlat', report({ readAt: T0 + 3600, failures: 5, ledCurrentMa: 0 }), 2000))).toBe(true);
    expect(await store.put(d4iRow('D1', 'sarlat', report({ readAt: T0 + 60 }), 3000))).toBe(false);
    expect(await store.get('sarlat', 'D1')).toMatchObject({ readAt: (T0 + 3600) * 1000, failures: 5, ledCurrentMa: 0, receivedAt: 2000 });
    // A driver without D4i data: the luminaire fields are not known.
    await store.put(d4iRow('D2', 'sarlat', { readAt: T0, d4i: false, gearGtin: 4_012_345_000_019 }, 1000));
    const plain = await store.get('sarlat', 'D2');
    expect(plain).toMatchObject({ d4i: false, gtin: null, nominalPowerW: null, fluxLm: null, energyWh: null, gearTemperatureC: null });
    const all = await store.byDevice('sarlat');
    expect([...all.keys()]).toEqual(['D1', 'D2']);
    expect([...(await store.byDevice('sarlat', ['D2'])).keys()]).toEqual(['D2']);
    expect((await store.byDevice('sarlat', [])).size).toBe(0);
    expect(d4iView(all.get('D1')!)).toMatchObject({ diagnostics: { failures: ['led_open', 'lamp_failure'], operatingHours: 12_000, ledOnHours: 11_500 } });
  });
});

describe('the luminaire\'s values and their source', () => {
  it('a declared value wins and keeps the driver\'s beside it; the driver fills what was not declared; a driver without D4i fills nothing', () => {
    const row = d4iRow('D1', 'sarlat', report(), 1000);
    expect(luminaireValues({ nominalPowerW: 40, cctK: null, fluxLm: null, maxPowerW: null }, row)).toEqual({
      gtin: { value: '3760123450029', source: 'driver', driver: '3760123450029' },
      nominalPowerW: { value: 40, source: 'declared', driver: 36 },
      cctK: { value: 2700, source: 'driver', driver: 2700 },
      fluxLm: { value: 5200, source: 'driver', driver: 5200 },
    });
    const none = luminaireValues({ nominalPowerW: null, cctK: 3000, fluxLm: null, maxPowerW: null }, d4iRow('D2', 'sarlat', report({ d4i: false }), 1));
    expect(none).toEqual({
      gtin: { value: null, source: null, driver: null }, nominalPowerW: { value: null, source: null, driver: null },
      cctK: { value: 3000, source: 'declared', driver: null }, fluxLm: { value: null, source: null, driver: null },
    });
  });
});
