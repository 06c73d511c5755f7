/** API representations of stored rows (times as ISO 8601 strings, enums as names). */
import { z } from 'zod';
import type { DesiredRow, DeviceRow, DownlinkRow, EventRow, InventoryRow, StateRow } from './db/repository.js';
import { LIGHT_STATES, type LightState, type ListedLight } from './db/device-query-repository.js';

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());
const isoS = (s: number | null | undefined): string | null => (s ? new Date(s * 1000).toISOString() : null);

export const LEVEL_SOURCES = ['unspecified', 'plan', 'override', 'fallback', 'default'] as const;
export const CLOCK_STATUSES = ['unspecified', 'unset', 'rtc', 'synced'] as const;
export const EVENT_TYPES = ['unspecified', 'lamp_failure', 'day_burner', 'cycling', 'voltage_low', 'voltage_high', 'meter_fault', 'clock_lost', 'storage_fault', 'frame_rejected',
  'driver_overtemp', 'led_failure', 'driver_voltage', 'led_end_of_life', 'dali_fault'] as const;
const enumName = <T extends readonly string[]>(names: T, v: number | null | undefined): string | null =>
  v == null ? null : (names[v] ?? `unknown_${v}`);

export const inventoryView = z.object({
  poleRef: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  group: z.string().nullable(),
  luminaireModel: z.string().nullable(),
  nominalPowerW: z.number().nullable(),
  cctK: z.number().nullable(),
  installedAt: z.string().nullable(),
});

export const reportedView = z.object({
  level: z.number().nullable(),
  targetLevel: z.number().nullable(),
  levelSource: z.string().nullable(),
  configVersion: z.number().nullable(),
  plan: z.object({ id: z.number(), version: z.number() }).nullable(),
  overrideId: z.number().nullable(),
  overrideExpiresAt: z.string().nullable(),
  clock: z.string().nullable(),
  powerMw: z.number().nullable(),
  uptimeS: z.number().nullable(),
  at: z.string().nullable(),
});

export const OTA_UPDATING_STATES = ['offered', 'downloading', 'verifying', 'installing', 'rebooting'] as const;
export const otaUpdateView = z.object({
  campaignId: z.number(), campaignName: z.string(), state: z.enum(OTA_UPDATING_STATES), progressPct: z.number(),
}).describe('the active OTA campaign updating this device now (offered … rebooting), else null');
export type OtaUpdateView = z.infer<typeof otaUpdateView>;

export const deviceView = z.object({
  id: z.string(),
  tenant: z.string(),
  registered: z.boolean().describe('the device has connected at least once'),
  online: z.boolean(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
  hardwareModel: z.string().nullable(),
  firmwareVersion: z.string().nullable(),
  groups: z.array(z.string()),
  inventory: inventoryView.nullable(),
  reported: reportedView.nullable(),
  ota: otaUpdateView.nullable(),
  state: z.enum(LIGHT_STATES).describe('what the map shows: unknown (never connected), updating (OTA), fault (an alarm not cleared: open or acknowledged), offline, off, on (100 %) or dim'),
});
export type DeviceView = z.infer<typeof deviceView>;
/** A device of the list (issue 14): the same fields. */
export const listedDeviceView = deviceView;

export const desiredView = z.object({
  configVersion: z.number(),
  config: z.record(z.string(), z.unknown()).nullable(),
  plan: z.object({ id: z.number(), version: z.number() }).nullable(),
  override: z.object({ id: z.number(), level: z.number(), expiresAt: z.string(), fadeS: z.number(), active: z.boolean() }).nullable(),
});

export const downlinkView = z.object({
  seq: z.number(), kind: z.string(), summary: z.string(), sentAt: z.string(),
  ackStatus: z.string(), ackDetail: z.string().nullable(), ackedAt: z.string().nullable(),
});

export const eventView = z.object({
  eventSeq: z.number(), type: z.string(), active: z.boolean(), time: z.string().nullable(), value: z.number(), detail: z.string(), receivedAt: z.string(),
});

export const deviceDetailView = deviceView.extend({
  bootCount: z.number().nullable(),
  lastResetReason: z.number().nullable(),
  lastUplinkSeq: z.number().nullable(),
  desired: desiredView.nullable(),
  downlinks: z.array(downlinkView),
  events: z.array(eventView),
});

export const stateView = z.object({
  at: z.string(), level: z.number(), targetLevel: z.number(), levelSource: z.string(), powerMw: z.number(), reason: z.number(),
});

/** The state of a light (as DeviceQueryRepository decides it in SQL): unknown, updating, fault, offline, off, on or dim. */
export function lightStateOf(d: Pick<DeviceRow, 'online' | 'level'> | undefined, updating: boolean, fault: boolean): LightState {
  if (!d) return 'unknown';
  if (updating) return 'updating';
  if (fault) return 'fault';
  if (!d.online) return 'offline';
  const level = d.level ?? 0;
  if (level <= 0) return 'off';
  return level >= 100 ? 'on' : 'dim';
}

/** A light of a device-list page. */
export function listedDevice(tenant: string, l: ListedLight, groups: string[], ota: OtaUpdateView | null): DeviceView {
  const d = l.device;
  const inv = l.inventory;
  return {
    ota,
    id: l.id,
    tenant,
    registered: l.registered,
    online: d?.online ?? false,
    firstSeen: iso(d?.firstSeen),
    lastSeen: iso(d?.lastSeen),
    hardwareModel: d?.hardwareModel ?? null,
    firmwareVersion: d?.firmwareVersion ?? null,
    groups,
    inventory: inv ? {
      poleRef: inv.poleRef, lat: inv.lat, lon: inv.lon, group: inv.groupId, luminaireModel: inv.luminaireModel,
      nominalPowerW: inv.nominalPowerW, cctK: inv.cctK, installedAt: iso(inv.installedAt),
    } : null,
    reported: d ? {
      level: d.level, targetLevel: d.targetLevel, levelSource: enumName(LEVEL_SOURCES, d.levelSource),
      configVersion: d.configVersion, plan: d.planId ? { id: d.planId, version: d.planVersion ?? 0 } : null,
      overrideId: d.overrideId, overrideExpiresAt: isoS(d.overrideExpiresAt), clock: enumName(CLOCK_STATUSES, d.clockStatus),
      powerMw: d.powerMw, uptimeS: d.uptimeS, at: iso(d.stateAt),
    } : null,
    state: l.state,
  };
}

export function toDeviceView(tenant: string, id: string, d: DeviceRow | undefined, inv: InventoryRow | undefined, groups: string[], ota: OtaUpdateView | null = null): Omit<DeviceView, 'state'> {
  return {
    ota,
    id,
    tenant,
    registered: !!d,
    online: d?.online ?? false,
    firstSeen: iso(d?.firstSeen),
    lastSeen: iso(d?.lastSeen),
    hardwareModel: d?.hardwareModel ?? null,
    firmwareVersion: d?.firmwareVersion ?? null,
    groups,
    inventory: inv ? {
      poleRef: inv.poleRef, lat: inv.lat, lon: inv.lon, group: inv.groupId, luminaireModel: inv.luminaireModel,
      nominalPowerW: inv.nominalPowerW, cctK: inv.cctK, installedAt: iso(inv.installedAt),
    } : null,
    reported: d ? {
      level: d.level, targetLevel: d.targetLevel, levelSource: enumName(LEVEL_SOURCES, d.levelSource),
      configVersion: d.configVersion, plan: d.planId ? { id: d.planId, version: d.planVersion ?? 0 } : null,
      overrideId: d.overrideId, overrideExpiresAt: isoS(d.overrideExpiresAt), clock: enumName(CLOCK_STATUSES, d.clockStatus),
      powerMw: d.powerMw, uptimeS: d.uptimeS, at: iso(d.stateAt),
    } : null,
  };
}

export function toDesiredView(d: DesiredRow | undefined, nowS: number): z.infer<typeof desiredView> | null {
  if (!d) return null;
  return {
    configVersion: d.configVersion,
    config: d.config ?? null,
    plan: d.planId ? { id: d.planId, version: d.planVersion } : null,
    override: d.overrideId ? {
      id: d.overrideId, level: d.overrideLevel, expiresAt: isoS(d.overrideExpiresAt) ?? '', fadeS: d.overrideFadeS,
      active: d.overrideExpiresAt > nowS,
    } : null,
  };
}

export const toDownlinkView = (r: DownlinkRow): z.infer<typeof downlinkView> => ({
  seq: r.seq, kind: r.kind, summary: r.summary, sentAt: iso(r.sentAt) ?? '', ackStatus: r.ackStatus, ackDetail: r.ackDetail, ackedAt: iso(r.ackedAt),
});

export const toEventView = (r: EventRow): z.infer<typeof eventView> => ({
  eventSeq: r.eventSeq, type: enumName(EVENT_TYPES, r.type) ?? 'unspecified', active: r.active, time: isoS(r.time), value: r.value, detail: r.detail, receivedAt: iso(r.receivedAt) ?? '',
});

export const toStateView = (r: StateRow): z.infer<typeof stateView> => ({
  at: iso(r.at) ?? '', level: r.level, targetLevel: r.targetLevel, levelSource: enumName(LEVEL_SOURCES, r.levelSource) ?? 'unspecified', powerMw: r.powerMw, reason: r.reason,
});
