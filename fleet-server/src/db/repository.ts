/**
 * The store the services use: an async interface with one implementation over drizzle, run on SQLite
 * (better-sqlite3) or PostgreSQL (node-postgres). Row types are inferred from the drizzle schema
 * (HOUSE-STYLE 13); both dialect schemas produce the same types.
 */
import type * as s from './schema.sqlite.js';

export type TenantRow = typeof s.tenants.$inferSelect;
export type DeviceRow = typeof s.devices.$inferSelect;
export type InventoryRow = typeof s.inventory.$inferSelect;
export type DesiredRow = typeof s.desired.$inferSelect;
export type PlanRow = typeof s.plans.$inferSelect;
export type StateRow = typeof s.stateHistory.$inferSelect;
export type DownlinkRow = typeof s.downlinks.$inferSelect;
export type EventRow = typeof s.deviceEvents.$inferSelect;
export type EnergyRow = typeof s.energyRecords.$inferSelect;

export type NewState = typeof s.stateHistory.$inferInsert;
export type NewEvent = typeof s.deviceEvents.$inferInsert;
export type NewEnergy = typeof s.energyRecords.$inferInsert;
export type NewInventory = typeof s.inventory.$inferInsert;
export type NewDownlink = typeof s.downlinks.$inferInsert;

/** Fields of a device row a caller may change (identity and seq counters have their own methods). */
export type DevicePatch = Partial<Omit<DeviceRow, 'id' | 'tenantId' | 'firstSeen' | 'lastDownlinkSeq'>>;
export type DesiredPatch = Partial<Omit<DesiredRow, 'deviceId' | 'tenantId' | 'updatedAt'>>;

export interface TenantSummary { id: string; createdAt: number; deviceCount: number }
export interface GroupSummary { id: string; memberCount: number; createdAt: number }

/** One row of a bulk commissioning: inventory, group membership and the desired config computed for it. */
export interface Commissioning {
  inventory: NewInventory;
  desired: { config: Record<string, unknown>; configVersion: number };
  /** Where the controller is, in the inventory's model (db/inventory-repository.ts): written in the same transaction. */
  placement?: PlacementWrite;
}

/** The pole, luminaire and assignment rows of one commissioning (planned by inventory/placement.ts). */
export interface PlacementWrite {
  /** Upserted; a null street, height, cabinet or circuit keeps the stored one. A decommissioned pole is back in service. */
  pole: { id: string; lat: number | null; lon: number | null; street: string | null; heightM: number | null; cabinetId: string | null; circuitId: string | null };
  /** Upserted (model, power, CCT); `installedAt` is written only for a new luminaire. */
  luminaire: { id: string; modelId: string | null; nominalPowerW: number | null; cctK: number | null; installedAt: number };
  /** Open an assignment of the controller to the luminaire (it serves another one, or none, today). */
  open: boolean;
  /** The controller's open assignment elsewhere, ended now as `moved`. */
  closeId?: number | undefined;
  /** A generated pole (`P-<device id>`) the controller leaves: decommissioned, its luminaire removed. */
  dropPole?: string | undefined;
}

export interface Repository {
  readonly dialect: 'sqlite' | 'postgres';
  /** Cheap round trip for /health. */
  ping(): Promise<void>;
  close(): Promise<void>;

  ensureTenant(id: string, now: number): Promise<void>;
  getTenant(id: string): Promise<TenantRow | undefined>;
  listTenants(): Promise<TenantSummary[]>;

  getDevice(id: string): Promise<DeviceRow | undefined>;
  /** Creates the device (tenant must exist) or returns the existing row, whatever its tenant. */
  ensureDevice(tenantId: string, id: string, now: number): Promise<DeviceRow>;
  updateDevice(id: string, patch: DevicePatch): Promise<void>;
  /** The tenant's registered devices in service (retired controllers left out). */
  listDevices(tenantId: string): Promise<DeviceRow[]>;
  countDevices(): Promise<{ known: number; online: number }>;
  /** Registered and online devices per tenant (tenants without a registered device are absent). */
  countDevicesByTenant(): Promise<Map<string, { known: number; online: number }>>;
  /** Hands out the next downlink seq of a device, atomically (one UPDATE … RETURNING). */
  nextDownlinkSeq(id: string): Promise<number>;
  /** Moves the downlink counter up to `floor` (a device reported it applied that seq): the next seq is above it. */
  raiseDownlinkSeq(id: string, floor: number): Promise<void>;
  /** Sets the downlink counter (the next seq is `seq` + 1). */
  setDownlinkSeq(id: string, seq: number): Promise<void>;

  /** Tenant of each given device id that is registered or commissioned (registration wins). */
  deviceTenants(ids: readonly string[]): Promise<Map<string, string>>;
  getInventory(deviceId: string): Promise<InventoryRow | undefined>;
  /** The tenant's commissioned lights in service (retired controllers left out), by device id. */
  listInventory(tenantId: string): Promise<InventoryRow[]>;
  /** Upserts inventory, groups, memberships and desired configs in one transaction. */
  /** `extra`: more statements of the same transaction (an import's poles without a controller: InventoryRepository.poleWrites). */
  commission(tenantId: string, rows: readonly Commissioning[], now: number, extra?: (tx: never) => PromiseLike<unknown>[]): Promise<void>;

  listGroups(tenantId: string): Promise<GroupSummary[]>;
  groupExists(tenantId: string, groupId: string): Promise<boolean>;
  groupMembers(tenantId: string, groupId: string): Promise<string[]>;
  /** Group ids per device of a tenant. */
  memberships(tenantId: string): Promise<Map<string, string[]>>;

  getDesired(deviceId: string): Promise<DesiredRow | undefined>;
  listDesired(tenantId: string): Promise<DesiredRow[]>;
  setDesired(tenantId: string, deviceIds: readonly string[], patch: DesiredPatch, now: number): Promise<void>;

  createOverride(o: { tenantId: string; target: string; level: number; expiresAt: number; fadeS: number; createdAt: number }): Promise<number>;
  /** Stores a plan body as a new version of `planId` (or of a new plan id when undefined). */
  createPlanVersion(tenantId: string, planId: number | undefined, body: Record<string, unknown>, now: number): Promise<{ id: number; version: number }>;
  getPlan(tenantId: string, id: number, version: number): Promise<PlanRow | undefined>;

  appendState(row: NewState): Promise<void>;
  /** Deletes all but the newest `keep` state rows of a device. */
  pruneStates(deviceId: string, keep: number): Promise<void>;
  listStates(deviceId: string, limit: number): Promise<StateRow[]>;

  recordDownlink(row: NewDownlink): Promise<void>;
  /** Sets the ack of a pending downlink; false when no such downlink. */
  ackDownlink(deviceId: string, seq: number, status: string, detail: string, at: number): Promise<boolean>;
  listDownlinks(deviceId: string, limit: number): Promise<DownlinkRow[]>;

  insertEvent(row: NewEvent): Promise<void>;
  listEvents(deviceId: string, limit: number): Promise<EventRow[]>;

  /** Inserts records, ignoring (device, seq) already stored. Returns how many were new. */
  insertEnergy(rows: readonly NewEnergy[]): Promise<number>;
  /** Stored record seqs of a device greater than `after`, ascending, at most `limit`. */
  energySeqsAfter(deviceId: string, after: number, limit: number): Promise<number[]>;
}
