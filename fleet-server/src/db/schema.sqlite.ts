/**
 * SQLite schema (better-sqlite3). Mirrors schema.pg.ts column for column so both dialects produce the same
 * row types. Server times (`*_at`, `first_seen`, `last_seen`) are integer milliseconds since the epoch;
 * device times (override expiry, event time, record start) are Unix seconds as on the wire; JSON is text.
 */

import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

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
  /** Issue 5: the device's current metering log id (EnergyReport.log_id, 0 = none seen) and the server seq its seq 0 maps to. */
  energyLogId: integer('energy_log_id').notNull().default(0),
  energySeqBase: integer('energy_seq_base').notNull().default(0),
  /** The log id before the current one: frames of it redelivered after the switch are dropped (0 = none). */
  energyPrevLogId: integer('energy_prev_log_id').notNull().default(0),
  /** Highest server seq ever quarantined for the device (0 = none): ingest looks for quarantined seqs only at or below it. */
  energyQuarantineTop: integer('energy_quarantine_top').notNull().default(0),
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
  /**
   * Uplink order (devices/order.ts): the seq numbering the device is in, counted by the server; a Hello older
   * than the last Hello applied means the device's counter restarted (wiped flash) and starts a new one.
   */
  seqEpoch: integer('seq_epoch').notNull().default(0),
  /** Uplink order of the frame (State or Hello) whose reported state the row holds; an older one is not applied. */
  stateOrd: integer('state_ord').notNull().default(0),
  /** Uplink order of the Hello whose identity fields (firmware, model, boot count, reset reason) the row holds. */
  helloOrd: integer('hello_ord').notNull().default(0),
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
export const deviceCredentials = sqliteTable('device_credentials', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** Generation of the device key (derived from the installation's master key); +1 at every re-provisioning. */
  keyGeneration: integer('key_generation').notNull(),
  /** The device's broker password, hashed as Mosquitto's `$7$` (PBKDF2-SHA512); never the password itself. */
  mqttPasswordHash: text('mqtt_password_hash').notNull(),
  hardwareModel: text('hardware_model'),
  provisionedAt: integer('provisioned_at').notNull(),
  /** Revoked: frames refused, broker connection refused and closed. Null = active. */
  revokedAt: integer('revoked_at'),
  /**
   * Issue 15: SHA-256 (hex) of this generation's claim code, printed on the controller's label (devices/labels.ts):
   * whoever holds the controller can name it on the pole. Null for identities provisioned before.
   */
  claimCodeHash: text('claim_code_hash'),
  /** When the claim code was first used to commission the controller; null while unclaimed. */
  claimedAt: integer('claimed_at'),
}, (t) => [index('device_credentials_tenant_idx').on(t.tenantId)]);

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
  /** The pole (`poles.id`) and luminaire (`luminaires.id`) the controller serves (migration 0015); null only for a retired marker row. */
  poleId: text('pole_id'),
  luminaireId: text('luminaire_id'),
  /**
   * When the controller was retired (replaced on its pole, or decommissioned): the row stays, so its past energy
   * keeps its baseline (the per-town rollups' triggers read it), but the light leaves lists, counts, map and
   * exports. Null = in service.
   */
  retiredAt: integer('retired_at'),
}, (t) => [
  // (tenant, device): a tenant's commissioned lights in id order (device list pages, map; issue 14).
  index('inventory_tenant_device_idx').on(t.tenantId, t.deviceId),
  // (tenant, retired): a town's retired controllers, left out of the device list (a few rows each).
  index('inventory_tenant_retired_idx').on(t.tenantId, t.retiredAt),
]);

// ---------------------------------------------------------------- the inventory's model: cabinets, circuits, poles, luminaires, controllers

/** Electrical cabinets (armoires): where a circuit of poles is fed from and metered by the grid operator. */
export const cabinets = sqliteTable('cabinets', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  lat: real('lat'),
  lon: real('lon'),
  /** Supply point number (PDL, Enedis: 14 digits) of the cabinet's meter. */
  pdl: text('pdl'),
  /** Contracted power, kVA. */
  contractedKva: real('contracted_kva'),
  /** Tariff of the supply contract (free text: e.g. `C5 BT ≤ 36 kVA base`, `éclairage public`). */
  tariff: text('tariff'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  decommissionedAt: integer('decommissioned_at'),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);

/** Circuits (départs) of a cabinet. */
export const circuits = sqliteTable('circuits', {
  tenantId: text('tenant_id').notNull(),
  cabinetId: text('cabinet_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.cabinetId, t.id] })]);

/** Poles (supports): a place, with the circuit that feeds it. Decommissioned poles stay, out of lists and exports. */
export const poles = sqliteTable('poles', {
  tenantId: text('tenant_id').notNull(),
  /** The town's pole reference (`inventory.pole_ref`), or `P-<device id>` for a light commissioned without one. */
  id: text('id').notNull(),
  lat: real('lat'),
  lon: real('lon'),
  street: text('street'),
  heightM: real('height_m'),
  cabinetId: text('cabinet_id'),
  circuitId: text('circuit_id'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  decommissionedAt: integer('decommissioned_at'),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('poles_tenant_cabinet_idx').on(t.tenantId, t.cabinetId, t.circuitId)]);

/** Luminaires (heads) on poles: the catalogue model, rated power and installation date the decree makes a town keep. */
export const luminaires = sqliteTable('luminaires', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  poleId: text('pole_id').notNull(),
  modelId: text('model_id'),
  nominalPowerW: integer('nominal_power_w'),
  cctK: integer('cct_k'),
  /** Installation date of the luminaire head (decree of 27 Dec 2018, art. 3), ms. */
  installedAt: integer('installed_at').notNull(),
  removedAt: integer('removed_at'),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index('luminaires_tenant_pole_idx').on(t.tenantId, t.poleId)]);

/**
 * Which controller served which luminaire on which pole, from when to when (`to_at` null: still serving). Energy
 * and alarms are keyed by controller: a pole's history is the union of its controllers' over their intervals.
 */
export const controllerAssignments = sqliteTable('controller_assignments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  poleId: text('pole_id').notNull(),
  luminaireId: text('luminaire_id').notNull(),
  fromAt: integer('from_at').notNull(),
  toAt: integer('to_at'),
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
  /**
   * Uplink order of the frame that carried the event (seq epoch × 2^32 + uplink seq): unique per device, so a
   * redelivered event is not stored twice. 0 for rows stored before it existed (not deduplicated, no order).
   */
  uplinkOrd: integer('uplink_ord').notNull().default(0),
}, (t) => [
  index('device_events_device_idx').on(t.deviceId, t.id),
  uniqueIndex('device_events_uplink_uq').on(t.deviceId, t.uplinkOrd).where(sql`${t.uplinkOrd} <> 0`),
  index('device_events_type_ord_idx').on(t.deviceId, t.type, t.uplinkOrd),
]);

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


// ---------------------------------------------------------------- issue 4: named plans, group rules, luminaire models

/** Named plans (their versions are rows of `plans`). */
export const planMeta = sqliteTable('plan_meta', {
  tenantId: text('tenant_id').notNull(),
  planId: integer('plan_id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.planId] })]);

/** Per group: decree category, zone, activity hours, and the plan assigned with its priority. */
export const groupSettings = sqliteTable('group_settings', {
  tenantId: text('tenant_id').notNull(),
  groupId: text('group_id').notNull(),
  category: text('category').notNull().default('a'),
  zone: text('zone').notNull().default('ordinary'),
  opensAt: text('opens_at'),
  closesAt: text('closes_at'),
  /** 0 = no plan assigned. */
  planId: integer('plan_id').notNull().default(0),
  priority: integer('priority').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.groupId] })]);

export const luminaireModels = sqliteTable('luminaire_models', {
  tenantId: text('tenant_id').notNull(),
  id: text('id').notNull(),
  name: text('name'),
  cctK: integer('cct_k'),
  ulrPct: real('ulr_pct'),
  nominalW: integer('nominal_w').notNull(),
  curve: text('curve').notNull().default('linear'),
  minLevel: integer('min_level').notNull().default(0),
  updatedAt: integer('updated_at').notNull(),
  /** Decree of 27 Dec 2018, art. 3 (what a town keeps per installation): nominal flux, lm. */
  fluxLm: integer('flux_lm'),
  /** CIE flux code n°3, % (the share of the flux within 75.5° of the downward vertical; decree: > 95 %). */
  cieFluxCode3Pct: real('cie_flux_code3_pct'),
  /** Maximum electrical power, W. */
  maxPowerW: integer('max_power_w'),
  /** The driver's dimming interface: `pwm`, `0-10v`, `1-10v`, `dali`, `d4i`. */
  driverInterface: text('driver_interface'),
  /** Issue 17, constant light output: lumen maintenance Lxx (% of the initial flux left) at `cloRatedH` burning hours. */
  cloLxxPct: integer('clo_lxx_pct'),
  cloRatedH: integer('clo_rated_h'),
}, (t) => [primaryKey({ columns: [t.tenantId, t.id] })]);


// ---------------------------------------------------------------- issue 7: accounts, roles, sessions, API tokens, audit

/** Towns and syndicates: display name, kind, and the syndicate a town belongs to (its roles apply to the town). */
export const tenantProfiles = sqliteTable('tenant_profiles', {
  tenantId: text('tenant_id').primaryKey(),
  name: text('name').notNull(),
  /** `town` | `syndicate`. */
  kind: text('kind').notNull().default('town'),
  parentId: text('parent_id'),
  updatedAt: integer('updated_at').notNull(),
});

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Lower-cased. */
  email: text('email').notNull(),
  name: text('name').notNull(),
  /** `scrypt$N$r$p$salt$hash` (see auth/password.ts). */
  passwordHash: text('password_hash').notNull(),
  locale: text('locale'),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
}, (t) => [uniqueIndex('users_email').on(t.email)]);

/** One role per user and tenant; tenant `*` = the whole installation (platform operator). */
export const userRoles = sqliteTable('user_roles', {
  userId: integer('user_id').notNull(),
  tenantId: text('tenant_id').notNull(),
  role: text('role').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.tenantId] }), index('user_roles_tenant').on(t.tenantId)]);

/** Browser sessions; only the SHA-256 of the cookie value is stored. */
export const sessions = sqliteTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id').notNull(),
  csrfToken: text('csrf_token').notNull(),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  lastSeenAt: integer('last_seen_at').notNull(),
}, (t) => [index('sessions_user').on(t.userId)]);

/** Integration tokens, scoped to one tenant and one role; only the SHA-256 of the secret is stored. */
export const apiTokens = sqliteTable('api_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  role: text('role').notNull(),
  name: text('name').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: integer('created_by'),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at'),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
}, (t) => [uniqueIndex('api_tokens_secret').on(t.secretHash), index('api_tokens_tenant').on(t.tenantId)]);

/** Who changed what, when (every successful state-changing request on a tenant, logins, user and token changes). */
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  at: integer('at').notNull(),
  /** `user:<id>` | `token:<id>` | `cli`. */
  actor: text('actor').notNull(),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  target: text('target').notNull(),
  detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
  requestId: text('request_id'),
}, (t) => [index('audit_log_tenant').on(t.tenantId, t.id)]);

/**
 * Failed sign-ins, one row per failure and counter (`account`: the e-mail, `address`: the client address),
 * keys stored as SHA-256. In the database so that every server instance counts the same failures
 * (auth/rate-limit.ts); rows older than the window are deleted.
 */
export const loginFailures = sqliteTable('login_failures', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  keyHash: text('key_hash').notNull(),
  at: integer('at').notNull(),
}, (t) => [index('login_failures_key').on(t.kind, t.keyHash, t.at), index('login_failures_at').on(t.at)]);


// ---------------------------------------------------------------- issue 5: energy rollups, gaps, tariffs, alarms

/**
 * Daily per-device energy rollup, maintained in the same transaction as the raw interval records it sums
 * (energy-repository.ts), keyed by the tenant's local calendar day. Kept for years; raw records are pruned
 * after the retention period. `dark_s` is the night time (sunset→sunrise at the pole) the day's records
 * cover: the full-power baseline is nominal W × dark_s.
 */
export const energyDaily = sqliteTable('energy_daily', {
  tenantId: text('tenant_id').notNull(),
  /** Local calendar day in the tenant's time zone, `YYYY-MM-DD`. */
  day: text('day').notNull(),
  deviceId: text('device_id').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  burningS: integer('burning_s').notNull(),
  /** Σ avg_level_x10 × duration_s: the integral of the commanded level (tenths of % × s). */
  levelX10S: integer('level_x10_s').notNull(),
  durationS: integer('duration_s').notNull(),
  darkS: integer('dark_s').notNull(),
  records: integer('records').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.day, t.deviceId] }), index('energy_daily_device_idx').on(t.deviceId, t.day)]);

/** The same sums per local calendar month (`YYYY-MM`): year reports read 12 rows per device instead of 365. */
export const energyMonthly = sqliteTable('energy_monthly', {
  tenantId: text('tenant_id').notNull(),
  month: text('month').notNull(),
  deviceId: text('device_id').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  burningS: integer('burning_s').notNull(),
  levelX10S: integer('level_x10_s').notNull(),
  durationS: integer('duration_s').notNull(),
  darkS: integer('dark_s').notNull(),
  records: integer('records').notNull(),
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
export const energyTenantDaily = sqliteTable('energy_tenant_daily', {
  tenantId: text('tenant_id').notNull(),
  day: text('day').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  burningS: integer('burning_s').notNull(),
  levelX10S: integer('level_x10_s').notNull(),
  durationS: integer('duration_s').notNull(),
  darkS: integer('dark_s').notNull(),
  records: integer('records').notNull(),
  devices: integer('devices').notNull(),
  baselineWs: integer('baseline_ws').notNull(),
  baselineEnergyMwh: integer('baseline_energy_mwh').notNull(),
  devicesWithoutBaseline: integer('devices_without_baseline').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.day] })]);

/** The same per tenant and local month (`YYYY-MM`). */
export const energyTenantMonthly = sqliteTable('energy_tenant_monthly', {
  tenantId: text('tenant_id').notNull(),
  month: text('month').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  burningS: integer('burning_s').notNull(),
  levelX10S: integer('level_x10_s').notNull(),
  durationS: integer('duration_s').notNull(),
  darkS: integer('dark_s').notNull(),
  records: integer('records').notNull(),
  devices: integer('devices').notNull(),
  baselineWs: integer('baseline_ws').notNull(),
  baselineEnergyMwh: integer('baseline_energy_mwh').notNull(),
  devicesWithoutBaseline: integer('devices_without_baseline').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.month] })]);

/** Missing record seq ranges per device: open (awaited) or lost (the ack watermark moved past them). */
export const energyGaps = sqliteTable('energy_gaps', {
  deviceId: text('device_id').notNull(),
  fromSeq: integer('from_seq').notNull(),
  toSeq: integer('to_seq').notNull(),
  tenantId: text('tenant_id').notNull(),
  /** `open`: still awaited (above the ack watermark); `lost`: given up after the grace period. */
  state: text('state').notNull().default('open'),
  detectedAt: integer('detected_at').notNull(),
}, (t) => [primaryKey({ columns: [t.deviceId, t.fromSeq] }), index('energy_gaps_tenant_idx').on(t.tenantId, t.state)]);

/**
 * Energy records that failed the plausibility check at ingest (src/energy/plausibility.ts): kept apart, never
 * summed into the rollups unless a manager accepts them (then copied into `energy_records` and the rollups, once).
 * Seqs are the server's (as in `energy_records`); each counts as received for the ack watermark.
 */
export const energyQuarantine = sqliteTable('energy_quarantine', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  seq: integer('seq').notNull(),
  start: integer('start').notNull(),
  durationS: integer('duration_s').notNull(),
  energyMwh: integer('energy_mwh').notNull(),
  minPowerMw: integer('min_power_mw').notNull(),
  maxPowerMw: integer('max_power_mw').notNull(),
  avgPowerMw: integer('avg_power_mw').notNull(),
  burningS: integer('burning_s').notNull(),
  avgLevelX10: integer('avg_level_x10').notNull(),
  receivedAt: integer('received_at').notNull(),
  /** Which check failed (`energy`, `duration`, `burning`, `level`, `too_old`, `in_future`) and why, in words. */
  reason: text('reason').notNull(),
  detail: text('detail').notNull(),
  /**
   * `pending` until a manager decides: `accepted` (counted from then on) or `rejected` (kept, never counted); or
   * `superseded` when a plausible record of the same seq arrived later and counts instead.
   */
  state: text('state').notNull().default('pending'),
  decidedAt: integer('decided_at'),
  decidedBy: text('decided_by'),
}, (t) => [uniqueIndex('energy_quarantine_device_seq').on(t.deviceId, t.seq), index('energy_quarantine_tenant_idx').on(t.tenantId, t.state, t.deviceId, t.seq)]);

/** Per-tenant reporting settings; a tenant without a row uses the documented defaults. */
export const energySettings = sqliteTable('energy_settings', {
  tenantId: text('tenant_id').primaryKey(),
  /** POSIX TZ rule of the tenant's day boundaries. */
  tz: text('tz').notNull(),
  tariffEurPerKwh: real('tariff_eur_per_kwh').notNull(),
  emissionGPerKwh: real('emission_g_per_kwh').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Alarms raised from fault events: open → acknowledged → cleared (or open → cleared). */
export const alarms = sqliteTable('alarms', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  deviceId: text('device_id').notNull(),
  type: text('type').notNull(),
  severity: text('severity').notNull(),
  state: text('state').notNull(),
  /** Device time of the raising event (ms; server receipt time when the device clock was invalid). */
  raisedAt: integer('raised_at').notNull(),
  receivedAt: integer('received_at').notNull(),
  lastEventAt: integer('last_event_at').notNull(),
  lastEventSeq: integer('last_event_seq').notNull(),
  value: integer('value').notNull(),
  detail: text('detail').notNull(),
  acknowledgedAt: integer('acknowledged_at'),
  acknowledgedBy: text('acknowledged_by'),
  clearedAt: integer('cleared_at'),
  /** Uplink order of the first raise of this occurrence (0: stored before orders existed). */
  raisedOrd: integer('raised_ord').notNull().default(0),
  /** Uplink order of the last event applied: the clear of a cleared alarm, else the latest raise. */
  lastEventOrd: integer('last_event_ord').notNull().default(0),
  /** Who repairs it: `user` (an account of the town, `assigneeId` = its user id) or `contractor` (`contractors.id`). */
  assigneeKind: text('assignee_kind'),
  assigneeId: text('assignee_id'),
  assignedAt: integer('assigned_at'),
  assignedBy: text('assigned_by'),
  /** Who cleared it by hand (a manager, with the reason); null when the device's own report cleared it. */
  clearedBy: text('cleared_by'),
  clearReason: text('clear_reason'),
  /** The e-mail digest that told the people on duty (`alarm_digests.id`); null: not in a digest (yet). */
  digestId: integer('digest_id'),
}, (t) => [
  index('alarms_tenant_state_idx').on(t.tenantId, t.state, t.id), index('alarms_device_type_idx').on(t.deviceId, t.type, t.state),
  // The digest's query: a town's alarms not notified yet, in order.
  index('alarms_tenant_digest_idx').on(t.tenantId, t.digestId, t.id),
]);

/** Comments on an alarm, oldest first: who wrote what, when (server time). */
export const alarmComments = sqliteTable('alarm_comments', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  alarmId: integer('alarm_id').notNull(),
  author: text('author').notNull(),
  at: integer('at').notNull(),
  text: text('text').notNull(),
}, (t) => [index('alarm_comments_alarm_idx').on(t.tenantId, t.alarmId, t.id)]);

/** Interventions on an alarm: what was done, when, by whom, which parts were replaced; who recorded it. */
export const alarmInterventions = sqliteTable('alarm_interventions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  alarmId: integer('alarm_id').notNull(),
  /** When the work was done (ms), as the person recording it says. */
  doneAt: integer('done_at').notNull(),
  /** Who did it (a person or a maintenance company, in words). */
  doneBy: text('done_by').notNull(),
  action: text('action').notNull(),
  parts: text('parts', { mode: 'json' }).$type<string[]>().notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: integer('recorded_at').notNull(),
}, (t) => [index('alarm_interventions_alarm_idx').on(t.tenantId, t.alarmId, t.id)]);

/** Maintenance companies a town hands repairs to. Archived ones stay for the alarms that name them. */
export const contractors = sqliteTable('contractors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  name: text('name').notNull(),
  email: text('email'),
  phone: text('phone'),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
  archivedAt: integer('archived_at'),
}, (t) => [index('contractors_tenant_idx').on(t.tenantId, t.id)]);

/**
 * A town's alarm e-mails: its SMTP server and the people on duty. The password is kept to log in to the SMTP
 * server and never leaves the server: not in API answers, logs, the audit log or exports (alarms/notify.ts).
 */
export const notificationSettings = sqliteTable('notification_settings', {
  tenantId: text('tenant_id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(false),
  smtpHost: text('smtp_host').notNull(),
  smtpPort: integer('smtp_port').notNull(),
  /** `none` (plain), `starttls` (required upgrade) or `tls` (implicit TLS, port 465). */
  smtpTls: text('smtp_tls').notNull(),
  smtpUser: text('smtp_user'),
  smtpPassword: text('smtp_password'),
  fromAddress: text('from_address').notNull(),
  /** The people on duty. */
  recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
  /** Length of a digest period, minutes: at most one mail per period. */
  periodMin: integer('period_min').notNull(),
  /** Address of the UI as the people on duty reach it, for the links in the mail. */
  uiUrl: text('ui_url').notNull(),
  /** Alarms received from this time on are notified (set when notifications are turned on). */
  since: integer('since').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * One row per digest mail: made (with its alarms marked) in one transaction at the end of a period, then sent
 * and retried until the SMTP server takes it; `sent` is written once it did. One per (town, period).
 */
export const alarmDigests = sqliteTable('alarm_digests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  periodStart: integer('period_start').notNull(),
  periodEnd: integer('period_end').notNull(),
  alarmCount: integer('alarm_count').notNull(),
  /** `pending` until the SMTP server accepted it, then `sent`. */
  state: text('state').notNull(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  nextAttemptAt: integer('next_attempt_at').notNull(),
  createdAt: integer('created_at').notNull(),
  sentAt: integer('sent_at'),
  /** Message-ID of the mail (the same on every attempt, so a receiving server can tell a repeat). */
  messageId: text('message_id').notNull(),
}, (t) => [uniqueIndex('alarm_digests_tenant_period_idx').on(t.tenantId, t.periodStart), index('alarm_digests_state_idx').on(t.state, t.nextAttemptAt)]);

// ---- issue 6: OTA images and campaigns ------------------------------------------------------------------

/** Uploaded firmware images (bytes in `${DATA_DIR}/ota/<sha256>.bin`), with the signed manifest. */
export const otaImages = sqliteTable('ota_images', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  version: text('version').notNull(),
  /** `full` (app partition) or `mod` (JS-only Moddable mod). */
  kind: text('kind').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  hardwareModels: text('hardware_models', { mode: 'json' }).$type<string[]>().notNull(),
  minVersion: text('min_version'),
  requiresHost: text('requires_host'),
  releaseNotes: text('release_notes'),
  keyId: integer('key_id').notNull(),
  /** Canonical manifest bytes and their Ed25519 signature, base64. */
  manifest: text('manifest').notNull(),
  signature: text('signature').notNull(),
  createdAt: integer('created_at').notNull(),
}, (t) => [uniqueIndex('ota_images_tenant_version_kind_idx').on(t.tenantId, t.version, t.kind)]);

/** Staged campaigns; `state` is the campaign state machine's JSON (fleet-server/src/ota/campaign.ts). */
export const otaCampaigns = sqliteTable('ota_campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  imageId: integer('image_id').notNull(),
  name: text('name').notNull(),
  status: text('status').notNull(),
  /** What was targeted: `{ group }` or `{ filter: { hardwareModel?, firmwareVersion? } }`. */
  target: text('target', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  windowStartMin: integer('window_start_min').notNull().default(0),
  windowEndMin: integer('window_end_min').notNull().default(0),
  state: text('state', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
}, (t) => [index('ota_campaigns_tenant_idx').on(t.tenantId, t.status)]);

// ---- OTA with several instances (docs/ota.md, "Several instances") --------------------------------------

/**
 * Named leases on the database's clock: one instance at a time holds `ota` and drives the campaigns. Taken or
 * renewed by one conditional upsert (free, expired, or already ours), released on a clean shutdown.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  /** Milliseconds since the epoch on the database's clock (not an instance's). */
  expiresAt: integer('expires_at').notNull(),
  acquiredAt: integer('acquired_at').notNull(),
});

/** Image bytes by SHA-256, so the instance that drives a campaign has the image another instance received. */
export const otaImageData = sqliteTable('ota_image_data', {
  sha256: text('sha256').primaryKey(),
  data: blob('data', { mode: 'buffer' }).$type<Buffer>().notNull(),
});

/**
 * Operator commands (pause, resume, cancel, retry) received by an instance that does not drive OTA: the driver
 * applies them in order and writes the result, which the receiving instance returns to the caller.
 */
export const otaCommands = sqliteTable('ota_commands', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  campaignId: integer('campaign_id').notNull(),
  command: text('command').notNull(),
  requestedAt: integer('requested_at').notNull(),
  appliedAt: integer('applied_at'),
  /** `{ retried? }` or `{ error: { code, message } }`. */
  result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
}, (t) => [index('ota_commands_pending_idx').on(t.appliedAt, t.id)]);

/** A town's calendar settings (issue 16): Alsace-Moselle public holidays, the last school holiday import. */
export const calendarSettings = sqliteTable('calendar_settings', {
  tenantId: text('tenant_id').primaryKey(),
  alsaceMoselle: integer('alsace_moselle', { mode: 'boolean' }).notNull().default(false),
  schoolImportedAt: integer('school_imported_at'),
  schoolSource: text('school_source'),
  updatedAt: integer('updated_at').notNull(),
});

/** School holiday periods imported from the ministry's dataset (fr-en-calendrier-scolaire): local dates, end = classes resume. */
export const schoolHolidays = sqliteTable('school_holidays', {
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
export const luminaireD4i = sqliteTable('luminaire_d4i', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  receivedAt: integer('received_at').notNull(),
  readAt: integer('read_at'),
  reason: text('reason'),
  d4i: integer('d4i', { mode: 'boolean' }).notNull(),
  gtin: text('gtin'),
  serial: text('serial'),
  gearGtin: text('gear_gtin'),
  gearSerial: text('gear_serial'),
  gearFirmware: text('gear_firmware'),
  yearOfManufacture: integer('year_of_manufacture'),
  weekOfManufacture: integer('week_of_manufacture'),
  nominalPowerW: integer('nominal_power_w'),
  minDimPowerW: integer('min_dim_power_w'),
  minMainsV: integer('min_mains_v'),
  maxMainsV: integer('max_mains_v'),
  fluxLm: integer('flux_lm'),
  cri: integer('cri'),
  cctK: integer('cct_k'),
  distribution: integer('distribution'),
  energyWh: integer('energy_wh'),
  powerW: real('power_w'),
  operatingTimeS: integer('operating_time_s'),
  startCount: integer('start_count'),
  supplyV: real('supply_v'),
  gearTemperatureC: integer('gear_temperature_c'),
  ledOnTimeS: integer('led_on_time_s'),
  ledVoltageV: real('led_voltage_v'),
  ledCurrentMa: integer('led_current_ma'),
  ledTemperatureC: integer('led_temperature_c'),
  failures: integer('failures').notNull(),
  actualLevel: integer('actual_level'),
}, (t) => [index('luminaire_d4i_tenant_idx').on(t.tenantId)]);

/**
 * Issue 17, frugal learning: the last learnt traffic profile of each controller (`TrafficProfile`, about one a week):
 * the probability × 255 that someone passes, per cell of the local week (Monday 00:00 first), base64 of the bytes.
 */
export const trafficProfiles = sqliteTable('traffic_profiles', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** Server time the profile arrived (ms). */
  receivedAt: integer('received_at').notNull(),
  /** Device time the frame was sent (Unix s; 0 = the device had no valid clock). */
  sentAt: integer('sent_at').notNull(),
  weeks: integer('weeks').notNull(),
  cellMinutes: integer('cell_minutes').notNull(),
  watchedCells: integer('watched_cells').notNull(),
  cells: text('cells').notNull(),
}, (t) => [index('traffic_profiles_tenant_idx').on(t.tenantId)]);

// ---------------------------------------------------------------- issue 17: constant light output

/** Each controller's last constant-light-output status (StateReport.clo): the drive, its LED's hours, the saving. */
export const deviceClo = sqliteTable('device_clo', {
  deviceId: text('device_id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  /** Server time of the report (ms). */
  receivedAt: integer('received_at').notNull(),
  /** Drive ÷ plan level, ‰. */
  drivePermille: integer('drive_permille').notNull(),
  ledHours: integer('led_hours').notNull(),
  /** Energy not drawn thanks to CLO since it was configured (the controller's lifetime counter), mWh. */
  savedMwh: integer('saved_mwh').notNull(),
}, (t) => [index('device_clo_tenant_idx').on(t.tenantId)]);
