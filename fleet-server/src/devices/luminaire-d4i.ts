/**
 * Issue 17: a controller's `LuminaireReport` (what the luminaire's DALI-2 / D4i driver says of itself) into the
 * inventory's terms, and the luminaire's values with their source: `declared` (the town's inventory and catalogue)
 * or `driver` (reported by the D4i driver). A declared value wins; the driver's fills what was not declared and is
 * shown beside a declared value that differs from it.
 */
import type { Uplink } from '@streetlight/protocol';
import type { LuminaireD4iRow } from '../db/luminaire-d4i-repository.js';

type Report = NonNullable<Uplink['luminaire']>;

const REASONS = ['unspecified', 'boot', 'requested', 'periodic'] as const;

/** `LuminaireReport.failures` bits, in the API's words. */
export const D4I_FAILURES: readonly (readonly [number, string])[] = [
  [1, 'led_open'], [2, 'led_short'], [4, 'lamp_failure'], [8, 'thermal_derating'], [16, 'thermal_shutdown'],
  [32, 'undervoltage'], [64, 'overvoltage'], [128, 'light_source_failure'],
];

const orNull = (v: number | null | undefined): number | null => (v ? v : null);
const hex = (b: Uint8Array | null | undefined): string | null =>
  b && b.length > 0 && b.some((x) => x !== 0xff) ? [...b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase() : null;

/** The stored row of a report (zeros are "not known": null). */
export function d4iRow(deviceId: string, tenantId: string, r: Report, receivedAt: number): LuminaireD4iRow {
  const fw = r.gearFirmware ?? 0;
  return {
    deviceId, tenantId, receivedAt,
    readAt: r.readAt ? r.readAt * 1000 : null,
    reason: REASONS[r.reason ?? 0] ?? 'unspecified',
    d4i: r.d4i === true,
    gtin: r.gtin ? String(r.gtin) : null,
    serial: hex(r.serial),
    gearGtin: r.gearGtin ? String(r.gearGtin) : null,
    gearSerial: hex(r.gearSerial),
    gearFirmware: fw ? `${fw >> 8}.${fw & 0xff}` : null,
    yearOfManufacture: orNull(r.yearOfManufacture), weekOfManufacture: orNull(r.weekOfManufacture),
    nominalPowerW: orNull(r.nominalPowerW), minDimPowerW: orNull(r.minDimPowerW),
    minMainsV: orNull(r.minMainsV), maxMainsV: orNull(r.maxMainsV),
    fluxLm: orNull(r.fluxLm), cri: orNull(r.cri), cctK: orNull(r.cctK), distribution: orNull(r.distribution),
    energyWh: orNull(r.energyWh as number | undefined), powerW: r.powerDw ? r.powerDw / 10 : null,
    operatingTimeS: orNull(r.operatingTimeS), startCount: orNull(r.startCount),
    supplyV: r.supplyDv ? r.supplyDv / 10 : null,
    gearTemperatureC: r.operatingTimeS ? r.gearTemperatureC ?? 0 : null,
    ledOnTimeS: orNull(r.ledOnTimeS), ledVoltageV: r.ledVoltageDv ? r.ledVoltageDv / 10 : null,
    ledCurrentMa: r.ledOnTimeS ? r.ledCurrentMa ?? 0 : null,
    ledTemperatureC: r.ledOnTimeS ? r.ledTemperatureC ?? 0 : null,
    failures: r.failures ?? 0,
    actualLevel: r.actualLevel ?? null,
  };
}

export interface Sourced<T> { value: T | null; source: 'declared' | 'driver' | null; driver: T | null }

/** A luminaire value: the declared one if any, else the driver's; `driver` keeps the driver's for comparison. */
export function sourced<T>(declared: T | null | undefined, driver: T | null | undefined): Sourced<T> {
  if (declared !== null && declared !== undefined) return { value: declared, source: 'declared', driver: driver ?? null };
  if (driver !== null && driver !== undefined) return { value: driver, source: 'driver', driver };
  return { value: null, source: null, driver: null };
}

/** The API's view of a report (GET …/luminaire-data, the light's page). */
export function d4iView(r: LuminaireD4iRow): Record<string, unknown> {
  return {
    receivedAt: new Date(r.receivedAt).toISOString(),
    readAt: r.readAt === null ? null : new Date(r.readAt).toISOString(),
    reason: r.reason, d4i: r.d4i,
    luminaire: {
      gtin: r.gtin, serial: r.serial, yearOfManufacture: r.yearOfManufacture, weekOfManufacture: r.weekOfManufacture,
      nominalPowerW: r.nominalPowerW, minDimPowerW: r.minDimPowerW, minMainsV: r.minMainsV, maxMainsV: r.maxMainsV,
      fluxLm: r.fluxLm, cri: r.cri, cctK: r.cctK, distribution: r.distribution,
    },
    driver: { gtin: r.gearGtin, serial: r.gearSerial, firmware: r.gearFirmware },
    diagnostics: {
      energyWh: r.energyWh, powerW: r.powerW, operatingHours: r.operatingTimeS === null ? null : Math.floor(r.operatingTimeS / 3600),
      startCount: r.startCount, supplyV: r.supplyV, driverTemperatureC: r.gearTemperatureC,
      ledOnHours: r.ledOnTimeS === null ? null : Math.floor(r.ledOnTimeS / 3600), ledVoltageV: r.ledVoltageV, ledCurrentMa: r.ledCurrentMa,
      ledTemperatureC: r.ledTemperatureC, failures: D4I_FAILURES.filter(([bit]) => (r.failures & bit) !== 0).map(([, name]) => name),
      actualLevel: r.actualLevel,
    },
  };
}

/** What the town declared of a light's luminaire: its inventory row, its luminaire on the pole, its catalogue model. */
export interface DeclaredLuminaire { nominalPowerW: number | null; cctK: number | null; fluxLm: number | null; maxPowerW: number | null }

/** The declared values of the luminaire a controller serves (inventory row, luminaire row, catalogue model). */
export async function declaredValues(
  tenant: string,
  inv: { poleId: string | null; luminaireId: string | null; luminaireModel: string | null; nominalPowerW: number | null; cctK: number | null } | undefined,
  store: { luminairesOf(tenantId: string, poleIds: readonly string[]): Promise<Map<string, { id: string; modelId: string | null; nominalPowerW: number | null; cctK: number | null }[]>> },
  plans: { getModel(tenantId: string, id: string): Promise<{ nominalW: number; cctK: number | null; fluxLm: number | null; maxPowerW: number | null } | undefined> },
): Promise<DeclaredLuminaire> {
  if (!inv) return { nominalPowerW: null, cctK: null, fluxLm: null, maxPowerW: null };
  const lum = inv.poleId && inv.luminaireId ? (await store.luminairesOf(tenant, [inv.poleId])).get(inv.poleId)?.find((l) => l.id === inv.luminaireId) : undefined;
  const modelId = lum?.modelId ?? inv.luminaireModel;
  const model = modelId ? await plans.getModel(tenant, modelId) : undefined;
  return {
    nominalPowerW: lum?.nominalPowerW ?? inv.nominalPowerW ?? model?.nominalW ?? null,
    cctK: lum?.cctK ?? inv.cctK ?? model?.cctK ?? null,
    fluxLm: model?.fluxLm ?? null,
    maxPowerW: model?.maxPowerW ?? null,
  };
}

/** The luminaire's values with their source (declared first, else the driver's). */
export function luminaireValues(d: DeclaredLuminaire, r: LuminaireD4iRow | undefined): { gtin: Sourced<string>; nominalPowerW: Sourced<number>; cctK: Sourced<number>; fluxLm: Sourced<number> } {
  const rep = r?.d4i ? r : undefined;
  return {
    gtin: sourced<string>(null, rep?.gtin),
    nominalPowerW: sourced(d.nominalPowerW, rep?.nominalPowerW),
    cctK: sourced(d.cctK, rep?.cctK),
    fluxLm: sourced(d.fluxLm, rep?.fluxLm),
  };
}
