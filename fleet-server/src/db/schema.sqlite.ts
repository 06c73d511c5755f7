/**
 * SQLite schema (better-sqlite3). Mirrors schema.pg.ts column for column so both dialects produce the same
 * row types. Server times (`*_at`, `first_seen`, `last_seen`) are integer milliseconds since the epoch;
 * device times (override expiry, event time, record start) are Unix seconds as on the wire; JSON is text.
 */

import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  createdAt: integer('created_at').notNull(),
});

export const devices = sqliteTable('devices', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  hardwareModel: text('hardware_model'),
  firmwareVersion: text('firmware_version'),
  firstSeen: integer('first_seen').notNull(),
  lastSeen: integer('last_seen').notNull(),
  online: integer('online', { mode: 'boolean' }).notNull().default(false),
  bootCount: integer('boot_count'),
  lastResetReason: integer('last_reset_reason'),
  lastUplinkSeq: integer('last_uplink_seq'),
  /** Last downlink seq handed out; the next one is this + 1. */
  lastDownlinkSeq: integer('last_downlink_seq').notNull().default(0),
  /** Highest contiguous energy record seq stored (the EnergyAck watermark). */
  energyAckedSeq: integer('energy_acked_seq').notNull().default(0),
  configVersion: integer('config_version'),
  planId: integer('plan_id'),
  planVersion: integer('plan_version'),
  overrideId: integer('override_id'),
  overrideExpiresAt: integer('override_expires_at'),
  clockStatus: integer('clock_status'),
  level: integer('level'),
  targetLevel: integer('target_level'),
  levelSource: integer('level_source'),
  powerMw: integer('power_mw'),
  uptimeS: integer('uptime_s'),
  stateAt: integer('state_at'),
}, (t) => [index('devices_tenant_idx').on(t.tenantId)]);

export const inventory = sqliteTable('inventory', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  poleRef: text('pole_ref'),
  lat: real('lat'),
  lon: real('lon'),
  groupId: text('group_id'),
  luminaireModel: text('luminaire_model'),
  nominalPowerW: integer('nominal_power_w'),
  cctK: integer('cct_k'),
  installedAt: integer('installed_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [index('inventory_tenant_idx').on(t.tenantId)]);

export const groups = sqliteTable('groups', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

export const groupMembers = sqliteTable('group_members', {
  tenantId: text('tenant_id').notNull(),
  groupId: text('group_id').notNull(),
  deviceId: text('device_id').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.groupId, t.deviceId] }), index('group_members_device_idx').on(t.deviceId)]);

export const desired = sqliteTable('desired', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  config: text('config', { mode: 'json' }).$type<Record<string, unknown>>(),
  configVersion: integer('config_version').notNull().default(0),
  planId: integer('plan_id').notNull().default(0),
  planVersion: integer('plan_version').notNull().default(0),
  overrideId: integer('override_id').notNull().default(0),
  overrideLevel: integer('override_level').notNull().default(0),
  /** Unix seconds. */
  overrideExpiresAt: integer('override_expires_at').notNull().default(0),
  overrideFadeS: integer('override_fade_s').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [index('desired_tenant_idx').on(t.tenantId)]);

export const plans = sqliteTable('plans', {
  tenantId: text('tenant_id').notNull(),
  id: integer('id').notNull(),
  version: integer('version').notNull(),
  body: text('body', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id, t.version] })]);

export const overrides = sqliteTable('overrides', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  target: text('target').notNull(),
  level: integer('level').notNull(),
  expiresAt: integer('expires_at').notNull(),
  fadeS: integer('fade_s').notNull(),
  createdAt: integer('created_at').notNull(),
});

export const stateHistory = sqliteTable('state_history', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: text('device_id').notNull(),
  at: integer('at').notNull(),
  level: integer('level').notNull(),
  targetLevel: integer('target_level').notNull(),
  levelSource: integer('level_source').notNull(),
  powerMw: integer('power_mw').notNull(),
  reason: integer('reason').notNull(),
}, (t) => [index('state_history_device_idx').on(t.deviceId, t.id)]);

export const downlinks = sqliteTable('downlinks', {
  deviceId: text('device_id').notNull(),
  seq: integer('seq').notNull(),
  tenantId: text('tenant_id').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  sentAt: integer('sent_at').notNull(),
  ackStatus: text('ack_status').notNull().default('pending'),
  ackDetail: text('ack_detail'),
  ackedAt: integer('acked_at'),
}, (t) => [primaryKey({ columns: [t.deviceId, t.seq] })]);

export const deviceEvents = sqliteTable('device_events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  deviceId: text('device_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  eventSeq: integer('event_seq').notNull(),
  type: integer('type').notNull(),
  active: integer('active', { mode: 'boolean' }).notNull(),
  time: integer('time').notNull(),
  value: integer('value').notNull(),
  detail: text('detail').notNull(),
  receivedAt: integer('received_at').notNull(),
}, (t) => [index('device_events_device_idx').on(t.deviceId, t.id)]);

export const energyRecords = sqliteTable('energy_records', {
  deviceId: text('device_id').notNull(),
  seq: integer('seq').notNull(),
  tenantId: text('tenant_id').notNull(),
  start: integer('start').notNull(),
  durationS: integer('duration_s').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  minPowerMw: integer('min_power_mw').notNull(),
  maxPowerMw: integer('max_power_mw').notNull(),
  avgPowerMw: integer('avg_power_mw').notNull(),
  burningS: integer('burning_s').notNull(),
  avgLevelX10: integer('avg_level_x10').notNull(),
  receivedAt: integer('received_at').notNull(),
}, (t) => [uniqueIndex('energy_records_device_seq').on(t.deviceId, t.seq)]);

