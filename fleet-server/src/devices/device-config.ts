/** Device configuration (protocol v1 SetConfig) as the API accepts it, stored as proto field names. */
import { z } from 'zod';
import { MAX_CLO_LXX_PCT, MAX_CLO_RATED_H, MAX_LED_HOURS_OFFSET, MIN_CLO_LXX_PCT, MIN_CLO_RATED_H, pb, type Downlink } from '@streetlight/protocol';

export type ProtoConfig = NonNullable<Downlink['config']>;

/** POSIX TZ rule for metropolitan France (CET/CEST, EU switching rule). Devices have no tz database. */
export const DEFAULT_TZ = 'CET-1CEST,M3.5.0,M10.5.0/3';

export const configPatchSchema = z.strictObject({
  tz: z.string().min(1).max(64).regex(/^[A-Za-z<>+\-0-9,./:]+$/, 'must be a POSIX TZ rule').optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  stateIntervalS: z.number().int().min(0).max(86400).optional(),
  energyIntervalS: z.number().int().min(0).max(86400).optional(),
  fallbackLevel: z.number().int().min(0).max(100).optional(),
  curve: z.enum(['linear', 'logarithmic']).optional(),
  minLevel: z.number().int().min(0).max(100).optional(),
  nominalPowerW: z.number().int().min(0).max(100000).optional(),
  fadeDefaultS: z.number().int().min(0).max(3600).optional(),
  /** Issue 17, constant light output: the luminaire model's lumen maintenance (0 and 0: off; protocol bounds otherwise). */
  cloLxxPct: z.union([z.literal(0), z.number().int().min(MIN_CLO_LXX_PCT).max(MAX_CLO_LXX_PCT)]).optional(),
  cloRatedH: z.union([z.literal(0), z.number().int().min(MIN_CLO_RATED_H).max(MAX_CLO_RATED_H)]).optional(),
  /** LED burning hours before this controller counted them (a controller fitted to a used luminaire). */
  ledHoursOffset: z.number().int().min(0).max(MAX_LED_HOURS_OFFSET).optional(),
}).refine((c) => (c.cloLxxPct === undefined) === (c.cloRatedH === undefined) && ((c.cloLxxPct ?? 0) === 0) === ((c.cloRatedH ?? 0) === 0),
  { message: 'cloLxxPct and cloRatedH go together (both 0: no constant light output)', path: ['cloRatedH'] });
export type ConfigPatch = z.output<typeof configPatchSchema>;

/** Stored config: SetConfig fields without `version` (the version lives in its own column). */
export type StoredConfig = Omit<ProtoConfig, 'version'>;

export function applyConfigPatch(base: StoredConfig, patch: ConfigPatch): StoredConfig {
  const out: StoredConfig = { ...base };
  if (patch.tz !== undefined) out.tz = patch.tz;
  if (patch.lat !== undefined) out.latitudeE6 = Math.round(patch.lat * 1e6);
  if (patch.lon !== undefined) out.longitudeE6 = Math.round(patch.lon * 1e6);
  if (patch.stateIntervalS !== undefined) out.stateIntervalS = patch.stateIntervalS;
  if (patch.energyIntervalS !== undefined) out.energyIntervalS = patch.energyIntervalS;
  if (patch.fallbackLevel !== undefined) out.fallbackLevel = patch.fallbackLevel;
  if (patch.curve !== undefined) out.curve = patch.curve === 'linear' ? pb.DimCurve.DIM_CURVE_LINEAR : pb.DimCurve.DIM_CURVE_LOGARITHMIC;
  if (patch.minLevel !== undefined) out.minLevel = patch.minLevel;
  if (patch.nominalPowerW !== undefined) out.nominalPowerW = patch.nominalPowerW;
  if (patch.fadeDefaultS !== undefined) out.fadeDefaultS = patch.fadeDefaultS;
  if (patch.cloLxxPct !== undefined) out.cloLxxPct = patch.cloLxxPct;
  if (patch.cloRatedH !== undefined) out.cloRatedH = patch.cloRatedH;
  if (patch.ledHoursOffset !== undefined) out.ledHoursOffset = patch.ledHoursOffset;
  if (out.tz === undefined) out.tz = DEFAULT_TZ;
  return out;
}

export function sameConfig(a: StoredConfig | null | undefined, b: StoredConfig): boolean {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof StoredConfig>;
  for (const k of keys) if ((a[k] ?? null) !== (b[k] ?? null)) return false;
  return true;
}
