/**
 * PostgreSQL schema (node-postgres). Mirrors schema.sqlite.ts column for column so both dialects produce the
 * same row types: integers are `bigint` read as JS numbers (millisecond times and protocol uint32/uint64
 * values do not fit int4), JSON is `jsonb`.
 */

import { bigint, boolean, customType, doublePrecision, index, jsonb, pgTable, primaryKey, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  hardwareModel: text('hardware_model'),
  firmwareVersion: text('firmware_version'),
  firstSeen: bigint('first_seen', { mode: 'number' }).notNull(),
  lastSeen: bigint('last_seen', { mode: 'number' }).notNull(),
  online: boolean('online').notNull().default(false),
  bootCount: bigint('boot_count', { mode: 'number' }),
  lastResetReason: bigint('last_reset_reason', { mode: 'number' }),
  lastUplinkSeq: bigint('last_uplink_seq', { mode: 'number' }),
  /** Last downlink seq handed out; the next one is this + 1. */
  lastDownlinkSeq: bigint('last_downlink_seq', { mode: 'number' }).notNull().default(0),
  /** Highest contiguous energy record seq stored (the EnergyAck watermark). */
  energyAckedSeq: bigint('energy_acked_seq', { mode: 'number' }).notNull().default(0),
  /** Issue 5: the device's current metering log id (EnergyReport.log_id, 0 = none seen) and the server seq its seq 0 maps to. */
  energyLogId: bigint('energy_log_id', { mode: 'number' }).notNull().default(0),
  energySeqBase: bigint('energy_seq_base', { mode: 'number' }).notNull().default(0),
  /** The log id before the current one: frames of it redelivered after the switch are dropped (0 = none). */
  energyPrevLogId: bigint('energy_prev_log_id', { mode: 'number' }).notNull().default(0),
  /** Highest server seq ever quarantined for the device (0 = none): ingest looks for quarantined seqs only at or below it. */
  energyQuarantineTop: bigint('energy_quarantine_top', { mode: 'number' }).notNull().default(0),
  configVersion: bigint('config_version', { mode: 'number' }),
  planId: bigint('plan_id', { mode: 'number' }),
  planVersion: bigint('plan_version', { mode: 'number' }),
  overrideId: bigint('override_id', { mode: 'number' }),
  overrideExpiresAt: bigint('override_expires_at', { mode: 'number' }),
  clockStatus: bigint('clock_status', { mode: 'number' }),
  level: bigint('level', { mode: 'number' }),
  targetLevel: bigint('target_level', { mode: 'number' }),
  levelSource: bigint('level_source', { mode: 'number' }),
  powerMw: bigint('power_mw', { mode: 'number' }),
  uptimeS: bigint('uptime_s', { mode: 'number' }),
  stateAt: bigint('state_at', { mode: 'number' }),
  seqEpoch: bigint('seq_epoch', { mode: 'number' }).notNull().default(0),
  stateOrd: bigint('state_ord', { mode: 'number' }).notNull().default(0),
  helloOrd: bigint('hello_ord', { mode: 'number' }).notNull().default(0),
}, (t) => [
  // (tenant, id): a tenant's devices in id order, for keyset pages of the device list (issue 14).
  index('devices_tenant_id_idx').on(t.tenantId, t.id),
  // (tenant, firmware, online, level, id): the lights on a firmware version (list filter, totals, OTA targeting), and
  // (tenant, online, level, id): the lights in a state; both hold what a state filter reads, so a page's total is
  // counted from the index alone (issue 14, migration 0013). The firmware changes only with a Hello, the level when
  // a light is dimmed (a few times a night).
  index('devices_tenant_firmware_state_idx').on(t.tenantId, t.firmwareVersion, t.online, t.level, t.id),
  index('devices_tenant_state_idx').on(t.tenantId, t.online, t.level, t.id),
]);

/** Issue 11: provisioned device identities (what the server keeps to verify a device; SECURITY.md). */
export const deviceCredentials = pgTable('device_credentials', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** Generation of the device key (derived from the installation's master key); +1 at every re-provisioning. */
  keyGeneration: bigint('key_generation', { mode: 'number' }).notNull(),
  /** The device's broker password, hashed as Mosquitto's `$7$` (PBKDF2-SHA512); never the password itself. */
  mqttPasswordHash: text('mqtt_password_hash').notNull(),
  hardwareModel: text('hardware_model'),
  provisionedAt: bigint('provisioned_at', { mode: 'number' }).notNull(),
  /** Revoked: frames refused, broker connection refused and closed. Null = active. */
  revokedAt: bigint('revoked_at', { mode: 'number' }),
  /**
   * Issue 15: SHA-256 (hex) of this generation's claim code, printed on the controller's label (devices/labels.ts):
   * whoever holds the controller can name it on the pole. Null for identities provisioned before.
   */
  claimCodeHash: text('claim_code_hash'),
  /** When the claim code was first used to commission the controller; null while unclaimed. */
  claimedAt: bigint('claimed_at', { mode: 'number' }),
}, (t) => [index('device_credentials_tenant_idx').on(t.tenantId)]);

export const inventory = pgTable('inventory', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  poleRef: text('pole_ref'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  groupId: text('group_id'),
  luminaireModel: text('luminaire_model'),
  nominalPowerW: bigint('nominal_power_w', { mode: 'number' }),
  cctK: bigint('cct_k', { mode: 'number' }),
  installedAt: bigint('installed_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  /** The pole (`poles.id`) and luminaire (`luminaires.id`) the controller serves (migration 0015); null only for a retired marker row. */
  poleId: text('pole_id'),
  luminaireId: text('luminaire_id'),
  /**
   * When the controller was retired (replaced on its pole, or decommissioned): the row stays, so its past energy
   * keeps its baseline (the per-town rollups' triggers read it), but the light leaves lists, counts, map and
   * exports. Null = in service.
   */
  retiredAt: bigint('retired_at', { mode: 'number' }),
}, (t) => [
  // (tenant, device): a tenant's commissioned lights in id order (device list pages, map; issue 14).
  index('inventory_tenant_device_idx').on(t.tenantId, t.deviceId),
  // (tenant, retired): a town's retired controllers, left out of the device list (a few rows each).
  index('inventory_tenant_retired_idx').on(t.tenantId, t.retiredAt),
]);

// ---------------------------------------------------------------- the inventory's model: cabinets, circuits, poles, luminaires, controllers

/** Electrical cabinets (armoires): where a circuit of poles is fed from and metered by the grid operator. */
export const cabinets = pgTable('cabinets', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  /** Supply point number (PDL, Enedis: 14 digits) of the cabinet's meter. */
  pdl: text('pdl'),
  /** Contracted power, kVA. */
  contractedKva: doublePrecision('contracted_kva'),
  /** Tariff of the supply contract (free text: e.g. `C5 BT ≤ 36 kVA base`, `éclairage public`). */
  tariff: text('tariff'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  decommissionedAt: bigint('decommissioned_at', { mode: 'number' }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

/** Circuits (départs) of a cabinet. */
export const circuits = pgTable('circuits', {
  tenantId: text('tenant_id').notNull(),
  cabinetId: text('cabinet_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.cabinetId, t.id] })]);

/** Poles (supports): a place, with the circuit that feeds it. Decommissioned poles stay, out of lists and exports. */
export const poles = pgTable('poles', {
  tenantId: text('tenant_id').notNull(),
  /** The town's pole reference (`inventory.pole_ref`), or `P-<device id>` for a light commissioned without one. */
  id: text('id').notNull(),
  lat: doublePrecision('lat'),
  lon: doublePrecision('lon'),
  street: text('street'),
  heightM: doublePrecision('height_m'),
  cabinetId: text('cabinet_id'),
  circuitId: text('circuit_id'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  decommissionedAt: bigint('decommissioned_at', { mode: 'number' }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('poles_tenant_cabinet_idx').on(t.tenantId, t.cabinetId, t.circuitId)]);

/** Luminaires (heads) on poles: the catalogue model, rated power and installation date the decree makes a town keep. */
export const luminaires = pgTable('luminaires', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  poleId: text('pole_id').notNull(),
  modelId: text('model_id'),
  nominalPowerW: bigint('nominal_power_w', { mode: 'number' }),
  cctK: bigint('cct_k', { mode: 'number' }),
  /** Installation date of the luminaire head (decree of 27 Dec 2018, art. 3), ms. */
  installedAt: bigint('installed_at', { mode: 'number' }).notNull(),
  removedAt: bigint('removed_at', { mode: 'number' }),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('luminaires_tenant_pole_idx').on(t.tenantId, t.poleId)]);

/**
 * Which controller served which luminaire on which pole, from when to when (`to_at` null: still serving). Energy
 * and alarms are keyed by controller: a pole's history is the union of its controllers' over their intervals.
 */
export const controllerAssignments = pgTable('controller_assignments', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  poleId: text('pole_id').notNull(),
  luminaireId: text('luminaire_id').notNull(),
  fromAt: bigint('from_at', { mode: 'number' }).notNull(),
  toAt: bigint('to_at', { mode: 'number' }),
  /** Why it ended: `replaced`, `decommissioned`, `pole_decommissioned`, `moved` (commissioned elsewhere). */
  endReason: text('end_reason'),
  /** The controller that took over (`replaced`). */
  replacedBy: text('replaced_by'),
  /** The installer's note at commissioning (what they saw on the pole), shown in the pole's history. */
  note: text('note'),
}, (t) => [
  index('controller_assignments_pole_idx').on(t.tenantId, t.poleId, t.fromAt),
  index('controller_assignments_device_idx').on(t.deviceId, t.toAt),
]);

export const groups = pgTable('groups', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

export const groupMembers = pgTable('group_members', {
  tenantId: text('tenant_id').notNull(),
  groupId: text('group_id').notNull(),
  deviceId: text('device_id').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.groupId, t.deviceId] }), index('group_members_device_idx').on(t.deviceId)]);

export const desired = pgTable('desired', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  config: jsonb('config').$type<Record<string, unknown>>(),
  configVersion: bigint('config_version', { mode: 'number' }).notNull().default(0),
  planId: bigint('plan_id', { mode: 'number' }).notNull().default(0),
  planVersion: bigint('plan_version', { mode: 'number' }).notNull().default(0),
  overrideId: bigint('override_id', { mode: 'number' }).notNull().default(0),
  overrideLevel: bigint('override_level', { mode: 'number' }).notNull().default(0),
  /** Unix seconds. */
  overrideExpiresAt: bigint('override_expires_at', { mode: 'number' }).notNull().default(0),
  overrideFadeS: bigint('override_fade_s', { mode: 'number' }).notNull().default(0),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [index('desired_tenant_idx').on(t.tenantId)]);

export const plans = pgTable('plans', {
  tenantId: text('tenant_id').notNull(),
  id: bigint('id', { mode: 'number' }).notNull(),
  version: bigint('version', { mode: 'number' }).notNull(),
  body: jsonb('body').$type<Record<string, unknown>>().notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id, t.version] })]);

export const overrides = pgTable('overrides', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  target: text('target').notNull(),
  level: bigint('level', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  fadeS: bigint('fade_s', { mode: 'number' }).notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
});

export const stateHistory = pgTable('state_history', {
  id: serial('id').primaryKey(),
  deviceId: text('device_id').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
  level: bigint('level', { mode: 'number' }).notNull(),
  targetLevel: bigint('target_level', { mode: 'number' }).notNull(),
  levelSource: bigint('level_source', { mode: 'number' }).notNull(),
  powerMw: bigint('power_mw', { mode: 'number' }).notNull(),
  reason: bigint('reason', { mode: 'number' }).notNull(),
}, (t) => [index('state_history_device_idx').on(t.deviceId, t.id)]);

export const downlinks = pgTable('downlinks', {
  deviceId: text('device_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  tenantId: text('tenant_id').notNull(),
  kind: text('kind').notNull(),
  summary: text('summary').notNull(),
  sentAt: bigint('sent_at', { mode: 'number' }).notNull(),
  ackStatus: text('ack_status').notNull().default('pending'),
  ackDetail: text('ack_detail'),
  ackedAt: bigint('acked_at', { mode: 'number' }),
}, (t) => [primaryKey({ columns: [t.deviceId, t.seq] })]);

export const deviceEvents = pgTable('device_events', {
  id: serial('id').primaryKey(),
  deviceId: text('device_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  eventSeq: bigint('event_seq', { mode: 'number' }).notNull(),
  type: bigint('type', { mode: 'number' }).notNull(),
  active: boolean('active').notNull(),
  time: bigint('time', { mode: 'number' }).notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
  detail: text('detail').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  uplinkOrd: bigint('uplink_ord', { mode: 'number' }).notNull().default(0),
}, (t) => [
  index('device_events_device_idx').on(t.deviceId, t.id),
  uniqueIndex('device_events_uplink_uq').on(t.deviceId, t.uplinkOrd).where(sql`${t.uplinkOrd} <> 0`),
  index('device_events_type_ord_idx').on(t.deviceId, t.type, t.uplinkOrd),
]);

export const energyRecords = pgTable('energy_records', {
  deviceId: text('device_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  tenantId: text('tenant_id').notNull(),
  start: bigint('start', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  minPowerMw: bigint('min_power_mw', { mode: 'number' }).notNull(),
  maxPowerMw: bigint('max_power_mw', { mode: 'number' }).notNull(),
  avgPowerMw: bigint('avg_power_mw', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  avgLevelX10: bigint('avg_level_x10', { mode: 'number' }).notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('energy_records_device_seq').on(t.deviceId, t.seq)]);


// ---------------------------------------------------------------- issue 4: named plans, group rules, luminaire models

/** Named plans (their versions are rows of `plans`). */
export const planMeta = pgTable('plan_meta', {
  tenantId: text('tenant_id').notNull(),
  planId: bigint('plan_id', { mode: 'number' }).notNull(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.planId] })]);

/** Per group: decree category, zone, activity hours, and the plan assigned with its priority. */
export const groupSettings = pgTable('group_settings', {
  tenantId: text('tenant_id').notNull(),
  groupId: text('group_id').notNull(),
  category: text('category').notNull().default('a'),
  zone: text('zone').notNull().default('ordinary'),
  opensAt: text('opens_at'),
  closesAt: text('closes_at'),
  /** 0 = no plan assigned. */
  planId: bigint('plan_id', { mode: 'number' }).notNull().default(0),
  priority: bigint('priority', { mode: 'number' }).notNull().default(0),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.groupId] })]);

export const luminaireModels = pgTable('luminaire_models', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  cctK: bigint('cct_k', { mode: 'number' }),
  ulrPct: doublePrecision('ulr_pct'),
  nominalW: bigint('nominal_w', { mode: 'number' }).notNull(),
  curve: text('curve').notNull().default('linear'),
  minLevel: bigint('min_level', { mode: 'number' }).notNull().default(0),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  /** Decree of 27 Dec 2018, art. 3 (what a town keeps per installation): nominal flux, lm. */
  fluxLm: bigint('flux_lm', { mode: 'number' }),
  /** CIE flux code n°3, % (the share of the flux within 75.5° of the downward vertical; decree: > 95 %). */
  cieFluxCode3Pct: doublePrecision('cie_flux_code3_pct'),
  /** Maximum electrical power, W. */
  maxPowerW: bigint('max_power_w', { mode: 'number' }),
  /** The driver's dimming interface: `pwm`, `0-10v`, `1-10v`, `dali`, `d4i`. */
  driverInterface: text('driver_interface'),
  cloLxxPct: bigint('clo_lxx_pct', { mode: 'number' }),
  cloRatedH: bigint('clo_rated_h', { mode: 'number' }),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);


// ---------------------------------------------------------------- issue 7: accounts, roles, sessions, API tokens, audit

/** Towns and syndicates: display name, kind, and the syndicate a town belongs to (its roles apply to the town). */
export const tenantProfiles = pgTable('tenant_profiles', {
  tenantId: text('tenant_id').primaryKey(),
  name: text('name').notNull(),
  /** `town` | `syndicate`. */
  kind: text('kind').notNull().default('town'),
  parentId: text('parent_id'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const users = pgTable('users', {
  id: serial('id').primaryKey(),
  /** Lower-cased. */
  email: text('email').notNull(),
  name: text('name').notNull(),
  /** `scrypt$N$r$p$salt$hash` (see auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  locale: text('locale'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('users_email').on(t.email)]);

/** One role per user and tenant; tenant `*` = the whole installation (platform operator). */
export const userRoles = pgTable('user_roles', {
  userId: bigint('user_id', { mode: 'number' }).notNull(),
  tenantId: text('tenant_id').notNull(),
  role: text('role').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.tenantId] }), index('user_roles_tenant').on(t.tenantId)]);

/** Browser sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: bigint('user_id', { mode: 'number' }).notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

/** Integration tokens, scoped to one tenant and one role; only the SHA-256 of the secret is stored. */
export const apiTokens = pgTable('api_tokens', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  role: text('role').notNull(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: bigint('created_by', { mode: 'number' }),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }),
  lastUsedAt: bigint('last_used_at', { mode: 'number' }),
  revokedAt: bigint('revoked_at', { mode: 'number' }),
}, (t) => [uniqueIndex('api_tokens_secret').on(t.secretHash), index('api_tokens_tenant').on(t.tenantId)]);

/** Who changed what, when (every successful state-changing request on a tenant, logins, user and token changes). */
export const auditLog = pgTable('audit_log', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
  /** `user:<id>` | `token:<id>` | `cli`. */
  actor: text('actor').notNull(),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>(),
  requestId: text('request_id'),
}, (t) => [index('audit_log_tenant').on(t.tenantId, t.id)]);

/**
 * Failed sign-ins, one row per failure and counter (`account`: the e-mail, `address`: the client address),
 * keys stored as SHA-256. In the database so that every server instance counts the same failures
 * (auth/rate-limit.ts); rows older than the window are deleted.
 */
export const loginFailures = pgTable('login_failures', {
  id: serial('id').primaryKey(),
  kind: text('kind').notNull(),
  keyHash: text('key_hash').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
}, (t) => [index('login_failures_key').on(t.kind, t.keyHash, t.at), index('login_failures_at').on(t.at)]);


// ---------------------------------------------------------------- issue 5: energy rollups, gaps, tariffs, alarms
// Twins of the SQLite tables (see schema.sqlite.ts for the meaning of each column).

export const energyDaily = pgTable('energy_daily', {
  tenantId: text('tenant_id').notNull(),
  day: text('day').notNull(),
  deviceId: text('device_id').notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  levelX10S: bigint('level_x10_s', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  darkS: bigint('dark_s', { mode: 'number' }).notNull(),
  records: bigint('records', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.day, t.deviceId] }), index('energy_daily_device_idx').on(t.deviceId, t.day)]);

export const energyMonthly = pgTable('energy_monthly', {
  tenantId: text('tenant_id').notNull(),
  month: text('month').notNull(),
  deviceId: text('device_id').notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  levelX10S: bigint('level_x10_s', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  darkS: bigint('dark_s', { mode: 'number' }).notNull(),
  records: bigint('records', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.month, t.deviceId] }), index('energy_monthly_device_idx').on(t.deviceId, t.month)]);

/**
 * Aggregate rollups per tenant and local day / month (issue 14, "Reads at scale"): the sums of the per-device rows of
 * `energy_daily` / `energy_monthly` of that tenant and period, so that a town's report reads one row per period
 * instead of one per light. Maintained by triggers on the per-device rollups (migration 0012), so every write of a
 * per-device row — the ingest's batches and per-frame statements, an accepted quarantined record — updates them in
 * the same statement, hence the same transaction: they never count a record the per-device rows do not. Triggers on
 * `inventory` keep the baseline columns in step when a light's rated power or position changes, as a report over
 * the per-device rows (which joins the inventory at read time) would see it.
 * - `devices`: per-device rows of the period (each light has at most one), `devices_without_baseline`: those of
 *   lights without a rated power or a position;
 * - `baseline_ws`: Σ dark_s × rated W of the lights with both; `baseline_energy_mwh`: their energy.
 */
export const energyTenantDaily = pgTable('energy_tenant_daily', {
  tenantId: text('tenant_id').notNull(),
  day: text('day').notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  levelX10S: bigint('level_x10_s', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  darkS: bigint('dark_s', { mode: 'number' }).notNull(),
  records: bigint('records', { mode: 'number' }).notNull(),
  devices: bigint('devices', { mode: 'number' }).notNull(),
  baselineWs: bigint('baseline_ws', { mode: 'number' }).notNull(),
  baselineEnergyMwh: bigint('baseline_energy_mwh', { mode: 'number' }).notNull(),
  devicesWithoutBaseline: bigint('devices_without_baseline', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.day] })]);

/** The same per tenant and local month (`YYYY-MM`). */
export const energyTenantMonthly = pgTable('energy_tenant_monthly', {
  tenantId: text('tenant_id').notNull(),
  month: text('month').notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  levelX10S: bigint('level_x10_s', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  darkS: bigint('dark_s', { mode: 'number' }).notNull(),
  records: bigint('records', { mode: 'number' }).notNull(),
  devices: bigint('devices', { mode: 'number' }).notNull(),
  baselineWs: bigint('baseline_ws', { mode: 'number' }).notNull(),
  baselineEnergyMwh: bigint('baseline_energy_mwh', { mode: 'number' }).notNull(),
  devicesWithoutBaseline: bigint('devices_without_baseline', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.month] })]);

export const energyGaps = pgTable('energy_gaps', {
  deviceId: text('device_id').notNull(),
  fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
  toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
  tenantId: text('tenant_id').notNull(),
  state: text('state').notNull().default('open'),
  detectedAt: bigint('detected_at', { mode: 'number' }).notNull(),
}, (t) => [primaryKey({ columns: [t.deviceId, t.fromSeq] }), index('energy_gaps_tenant_idx').on(t.tenantId, t.state)]);

export const energyQuarantine = pgTable('energy_quarantine', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  start: bigint('start', { mode: 'number' }).notNull(),
  durationS: bigint('duration_s', { mode: 'number' }).notNull(),
  energyMwh: bigint('energy_mwh', { mode: 'number' }).notNull(),
  minPowerMw: bigint('min_power_mw', { mode: 'number' }).notNull(),
  maxPowerMw: bigint('max_power_mw', { mode: 'number' }).notNull(),
  avgPowerMw: bigint('avg_power_mw', { mode: 'number' }).notNull(),
  burningS: bigint('burning_s', { mode: 'number' }).notNull(),
  avgLevelX10: bigint('avg_level_x10', { mode: 'number' }).notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  reason: text('reason').notNull(),
  detail: text('detail').notNull(),
  state: text('state').notNull().default('pending'),
  decidedAt: bigint('decided_at', { mode: 'number' }),
  decidedBy: text('decided_by'),
}, (t) => [uniqueIndex('energy_quarantine_device_seq').on(t.deviceId, t.seq), index('energy_quarantine_tenant_idx').on(t.tenantId, t.state, t.deviceId, t.seq)]);

export const energySettings = pgTable('energy_settings', {
  tenantId: text('tenant_id').primaryKey(),
  tz: text('tz').notNull(),
  tariffEurPerKwh: doublePrecision('tariff_eur_per_kwh').notNull(),
  emissionGPerKwh: doublePrecision('emission_g_per_kwh').notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

export const alarms = pgTable('alarms', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  type: text('type').notNull(),
  severity: text('severity').notNull(),
  state: text('state').notNull(),
  raisedAt: bigint('raised_at', { mode: 'number' }).notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  lastEventAt: bigint('last_event_at', { mode: 'number' }).notNull(),
  lastEventSeq: bigint('last_event_seq', { mode: 'number' }).notNull(),
  value: bigint('value', { mode: 'number' }).notNull(),
  detail: text('detail').notNull(),
  acknowledgedAt: bigint('acknowledged_at', { mode: 'number' }),
  acknowledgedBy: text('acknowledged_by'),
  clearedAt: bigint('cleared_at', { mode: 'number' }),
  raisedOrd: bigint('raised_ord', { mode: 'number' }).notNull().default(0),
  lastEventOrd: bigint('last_event_ord', { mode: 'number' }).notNull().default(0),
  /** Who repairs it: `user` (an account of the town, `assigneeId` = its user id) or `contractor` (`contractors.id`). */
  assigneeKind: text('assignee_kind'),
  assigneeId: text('assignee_id'),
  assignedAt: bigint('assigned_at', { mode: 'number' }),
  assignedBy: text('assigned_by'),
  /** Who cleared it by hand (a manager, with the reason); null when the device's own report cleared it. */
  clearedBy: text('cleared_by'),
  clearReason: text('clear_reason'),
  /** The e-mail digest that told the people on duty (`alarm_digests.id`); null: not in a digest (yet). */
  digestId: bigint('digest_id', { mode: 'number' }),
}, (t) => [
  index('alarms_tenant_state_idx').on(t.tenantId, t.state, t.id), index('alarms_device_type_idx').on(t.deviceId, t.type, t.state),
  // The digest's query: a town's alarms not notified yet, in order.
  index('alarms_tenant_digest_idx').on(t.tenantId, t.digestId, t.id),
]);

/** Comments on an alarm, oldest first: who wrote what, when (server time). */
export const alarmComments = pgTable('alarm_comments', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  alarmId: bigint('alarm_id', { mode: 'number' }).notNull(),
  author: text('author').notNull(),
  at: bigint('at', { mode: 'number' }).notNull(),
  text: text('text').notNull(),
}, (t) => [index('alarm_comments_alarm_idx').on(t.tenantId, t.alarmId, t.id)]);

/** Interventions on an alarm: what was done, when, by whom, which parts were replaced; who recorded it. */
export const alarmInterventions = pgTable('alarm_interventions', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  alarmId: bigint('alarm_id', { mode: 'number' }).notNull(),
  /** When the work was done (ms), as the person recording it says. */
  doneAt: bigint('done_at', { mode: 'number' }).notNull(),
  /** Who did it (a person or a maintenance company, in words). */
  doneBy: text('done_by').notNull(),
  action: text('action').notNull(),
  parts: jsonb('parts').$type<string[]>().notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: bigint('recorded_at', { mode: 'number' }).notNull(),
}, (t) => [index('alarm_interventions_alarm_idx').on(t.tenantId, t.alarmId, t.id)]);

/** Maintenance companies a town hands repairs to. Archived ones stay for the alarms that name them. */
export const contractors = pgTable('contractors', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
  archivedAt: bigint('archived_at', { mode: 'number' }),
}, (t) => [index('contractors_tenant_idx').on(t.tenantId, t.id)]);

/**
 * A town's alarm e-mails: its SMTP server and the people on duty. The password is kept to log in to the SMTP
 * server and never leaves the server: not in API answers, logs, the audit log or exports (alarms/notify.ts).
 */
export const notificationSettings = pgTable('notification_settings', {
  tenantId: text('tenant_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(false),
  smtpHost: text('smtp_host').notNull(),
  smtpPort: bigint('smtp_port', { mode: 'number' }).notNull(),
  /** `none` (plain), `starttls` (required upgrade) or `tls` (implicit TLS, port 465). */
  smtpTls: text('smtp_tls').notNull(),
  smtpUser: text('smtp_user'),
  smtpPassword: text('smtp_password'),
  fromAddress: text('from_address').notNull(),
  /** The people on duty. */
  recipients: jsonb('recipients').$type<string[]>().notNull(),
  /** Length of a digest period, minutes: at most one mail per period. */
  periodMin: bigint('period_min', { mode: 'number' }).notNull(),
  /** Address of the UI as the people on duty reach it, for the links in the mail. */
  uiUrl: text('ui_url').notNull(),
  /** Alarms received from this time on are notified (set when notifications are turned on). */
  since: bigint('since', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/**
 * One row per digest mail: made (with its alarms marked) in one transaction at the end of a period, then sent
 * and retried until the SMTP server takes it; `sent` is written once it did. One per (town, period).
 */
export const alarmDigests = pgTable('alarm_digests', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  periodStart: bigint('period_start', { mode: 'number' }).notNull(),
  periodEnd: bigint('period_end', { mode: 'number' }).notNull(),
  alarmCount: bigint('alarm_count', { mode: 'number' }).notNull(),
  /** `pending` until the SMTP server accepted it, then `sent`. */
  state: text('state').notNull(),
  attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  sentAt: bigint('sent_at', { mode: 'number' }),
  /** Message-ID of the mail (the same on every attempt, so a receiving server can tell a repeat). */
  messageId: text('message_id').notNull(),
}, (t) => [uniqueIndex('alarm_digests_tenant_period_idx').on(t.tenantId, t.periodStart), index('alarm_digests_state_idx').on(t.state, t.nextAttemptAt)]);

// ---- issue 6: OTA images and campaigns ------------------------------------------------------------------

export const otaImages = pgTable('ota_images', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  version: text('version').notNull(),
  kind: text('kind').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  sha256: text('sha256').notNull(),
  hardwareModels: jsonb('hardware_models').$type<string[]>().notNull(),
  minVersion: text('min_version'),
  requiresHost: text('requires_host'),
  releaseNotes: text('release_notes'),
  keyId: bigint('key_id', { mode: 'number' }).notNull(),
  manifest: text('manifest').notNull(),
  signature: text('signature').notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
}, (t) => [uniqueIndex('ota_images_tenant_version_kind_idx').on(t.tenantId, t.version, t.kind)]);

export const otaCampaigns = pgTable('ota_campaigns', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  imageId: bigint('image_id', { mode: 'number' }).notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
  target: jsonb('target').$type<Record<string, unknown>>().notNull(),
  windowStartMin: bigint('window_start_min', { mode: 'number' }).notNull().default(0),
  windowEndMin: bigint('window_end_min', { mode: 'number' }).notNull().default(0),
  state: jsonb('state').$type<Record<string, unknown>>().notNull(),
  createdAt: bigint('created_at', { mode: 'number' }).notNull(),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
}, (t) => [index('ota_campaigns_tenant_idx').on(t.tenantId, t.status)]);

// ---- OTA with several instances (docs/ota.md, "Several instances") --------------------------------------

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  acquiredAt: bigint('acquired_at', { mode: 'number' }).notNull(),
});

export const otaImageData = pgTable('ota_image_data', {
  sha256: text('sha256').primaryKey(),
  data: bytea('data').notNull(),
});

export const otaCommands = pgTable('ota_commands', {
  id: serial('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  campaignId: bigint('campaign_id', { mode: 'number' }).notNull(),
  command: text('command').notNull(),
  requestedAt: bigint('requested_at', { mode: 'number' }).notNull(),
  appliedAt: bigint('applied_at', { mode: 'number' }),
  result: jsonb('result').$type<Record<string, unknown>>(),
}, (t) => [index('ota_commands_pending_idx').on(t.appliedAt, t.id)]);

/** A town's calendar settings (issue 16): Alsace-Moselle public holidays, the last school holiday import. */
export const calendarSettings = pgTable('calendar_settings', {
  tenantId: text('tenant_id').primaryKey(),
  alsaceMoselle: boolean('alsace_moselle').notNull().default(false),
  schoolImportedAt: bigint('school_imported_at', { mode: 'number' }),
  schoolSource: text('school_source'),
  updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
});

/** School holiday periods imported from the ministry's dataset (fr-en-calendrier-scolaire): local dates, end = classes resume. */
export const schoolHolidays = pgTable('school_holidays', {
  tenantId: text('tenant_id').notNull(),
  zone: text('zone').notNull(),
  startDate: text('start_date').notNull(),
  endDate: text('end_date').notNull(),
  description: text('description').notNull(),
  schoolYear: text('school_year').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.zone, t.startDate] })]);

// ---------------------------------------------------------------- issue 17: what a luminaire's DALI-2 / D4i driver says of itself

/**
 * The last `LuminaireReport` of a controller (uplink.proto): the luminaire data its D4i driver holds (bank 1: GTIN,
 * serial, year, nominal power, flux, CCT…), the driver's identity (bank 0) and its latest energy and diagnostics
 * (banks 202, 205, 206). One row per controller, replaced by each report; null = not known (the driver has no such
 * value). GTINs are decimal strings, serials hex (8 bytes). The inventory's luminaire takes its missing GTIN, rated
 * power, CCT and flux from here ("reported by the driver", as against "declared").
 */
export const luminaireD4i = pgTable('luminaire_d4i', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  readAt: bigint('read_at', { mode: 'number' }),
  reason: text('reason'),
  d4i: boolean('d4i').notNull(),
  gtin: text('gtin'),
  serial: text('serial'),
  gearGtin: text('gear_gtin'),
  gearSerial: text('gear_serial'),
  gearFirmware: text('gear_firmware'),
  yearOfManufacture: bigint('year_of_manufacture', { mode: 'number' }),
  weekOfManufacture: bigint('week_of_manufacture', { mode: 'number' }),
  nominalPowerW: bigint('nominal_power_w', { mode: 'number' }),
  minDimPowerW: bigint('min_dim_power_w', { mode: 'number' }),
  minMainsV: bigint('min_mains_v', { mode: 'number' }),
  maxMainsV: bigint('max_mains_v', { mode: 'number' }),
  fluxLm: bigint('flux_lm', { mode: 'number' }),
  cri: bigint('cri', { mode: 'number' }),
  cctK: bigint('cct_k', { mode: 'number' }),
  distribution: bigint('distribution', { mode: 'number' }),
  energyWh: bigint('energy_wh', { mode: 'number' }),
  powerW: doublePrecision('power_w'),
  operatingTimeS: bigint('operating_time_s', { mode: 'number' }),
  startCount: bigint('start_count', { mode: 'number' }),
  supplyV: doublePrecision('supply_v'),
  gearTemperatureC: bigint('gear_temperature_c', { mode: 'number' }),
  ledOnTimeS: bigint('led_on_time_s', { mode: 'number' }),
  ledVoltageV: doublePrecision('led_voltage_v'),
  ledCurrentMa: bigint('led_current_ma', { mode: 'number' }),
  ledTemperatureC: bigint('led_temperature_c', { mode: 'number' }),
  failures: bigint('failures', { mode: 'number' }).notNull(),
  actualLevel: bigint('actual_level', { mode: 'number' }),
}, (t) => [index('luminaire_d4i_tenant_idx').on(t.tenantId)]);

/** Issue 17, frugal learning: see schema.sqlite.ts. */
export const trafficProfiles = pgTable('traffic_profiles', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  sentAt: bigint('sent_at', { mode: 'number' }).notNull(),
  weeks: bigint('weeks', { mode: 'number' }).notNull(),
  cellMinutes: bigint('cell_minutes', { mode: 'number' }).notNull(),
  watchedCells: bigint('watched_cells', { mode: 'number' }).notNull(),
  cells: text('cells').notNull(),
}, (t) => [index('traffic_profiles_tenant_idx').on(t.tenantId)]);

// ---------------------------------------------------------------- issue 17: constant light output

export const deviceClo = pgTable('device_clo', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  receivedAt: bigint('received_at', { mode: 'number' }).notNull(),
  drivePermille: bigint('drive_permille', { mode: 'number' }).notNull(),
  ledHours: bigint('led_hours', { mode: 'number' }).notNull(),
  savedMwh: bigint('saved_mwh', { mode: 'number' }).notNull(),
}, (t) => [index('device_clo_tenant_idx').on(t.tenantId)]);
