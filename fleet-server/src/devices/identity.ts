/**
 * Device identity (issue 11, SECURITY.md): provisioning, frame authentication and broker credentials.
 *
 * - **Provisioning** gives a controller its own identity (protocol `DeviceIdentity`, written to its NVS): device
 *   id, town, broker address, a random broker password, its device key, the OTA trust keys, Wi-Fi. The server
 *   keeps a row in `device_credentials`: the broker password as Mosquitto's `$7$` hash (PBKDF2-SHA512) and the
 *   key generation. Re-provisioning a device makes a new generation (new key, new password); revoking refuses it.
 * - **Device keys** are derived, not stored: `HMAC-SHA256(master, "streetlight/v1 device key" ‖ 0 ‖ tenant ‖ 0 ‖
 *   device ‖ 0 ‖ generation)`, with the installation's master key (a 32-byte file, `DEVICE_MASTER_KEY`). Every
 *   instance of one installation uses the same file. A database leak alone reveals no device key.
 * - **Frames**: every uplink must carry a valid MAC with the device's current key (protocol `mac`), or it is
 *   dropped and counted; every downlink is sealed with it. A frame from an identity the server did not provision
 *   (or revoked) is rejected and counted: devices are never created by a Hello.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import {
  DEVICE_KEY_BYTES, isValidId, pb, sealFrame, verifyFrame, type DeviceIdentityMessage,
} from '@streetlight/protocol';
import type { DialectAdapter, Db, Tables } from '../db/drizzle-repository.js';

import { frameHmac } from '@streetlight/protocol/node-crypto';

/** HMAC-SHA256 of label ‖ body with node:crypto (the protocol's FrameMac). */
export { frameHmac };

export const MASTER_KEY_BYTES = 32;

export class MasterKeyError extends Error {
  override name = 'MasterKeyError';
}

/**
 * Reads the installation's master key (64 hex characters in a file); creates it (mode 0600) when `create` and
 * the file does not exist.
 */
export function loadMasterKey(path: string, create: boolean): Uint8Array {
  if (!existsSync(path)) {
    if (!create) throw new MasterKeyError(`device master key not found at ${path}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(MASTER_KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) throw new MasterKeyError(`device master key at ${path} is not 64 hexadecimal characters`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

/** The device key of one device and generation. */
export function deriveDeviceKey(master: Uint8Array, tenant: string, deviceId: string, generation: number): Uint8Array {
  const h = createHmac('sha256', master);
  h.update('streetlight/v1 device key\0', 'latin1');
  h.update(`${tenant}\0${deviceId}\0${generation}`, 'utf8');
  return new Uint8Array(h.digest()).subarray(0, DEVICE_KEY_BYTES);
}

/** Mosquitto's default PBKDF2 iteration count for `$7$` hashes (mosquitto_passwd 2.0). */
export const BROKER_HASH_ITERATIONS = 101;

/**
 * Hashes a broker password as Mosquitto 2's password file does (`$7$<iterations>$<salt b64>$<hash b64>`,
 * PBKDF2-SHA512, 12-byte salt, 64-byte hash), so the same stored value serves the embedded broker and a
 * generated Mosquitto password file. Broker passwords are 256-bit random strings: the low iteration count costs
 * an attacker nothing he could use.
 */
export function hashBrokerPassword(password: string, iterations = BROKER_HASH_ITERATIONS, salt: Uint8Array = randomBytes(12)): string {
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${Buffer.from(salt).toString('base64')}$${hash.toString('base64')}`;
}

/** Checks a password against a `$7$` hash, in constant time over the hash. */
export function verifyBrokerPassword(password: string, stored: string): boolean {
  const m = /^\$7\$(\d{1,7})\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(stored);
  if (!m) return false;
  const iterations = Number(m[1]);
  const salt = Buffer.from(m[2] as string, 'base64');
  const expected = Buffer.from(m[3] as string, 'base64');
  if (iterations < 1 || expected.length !== 64) return false;
  const got = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return timingSafeEqual(got, expected);
}

/** A random broker password: 32 bytes, base64url (43 characters). */
export const randomBrokerPassword = (): string => randomBytes(32).toString('base64url');

/** Crockford's base32 alphabet: no I, L, O, U (read aloud, typed on a phone, no 0/O or 1/I confusion). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Issue 15: a claim code, printed on the controller's label (devices/labels.ts) for the installer who commissions
 * it: 60 random bits as 12 Crockford base32 characters in three groups (`7KQ2-M9XD-4TRW`). Only its hash is kept
 * (`claimCodeHash`); a re-provisioning makes a new one.
 */
export function randomClaimCode(): string {
  const bytes = randomBytes(8);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += CROCKFORD[Number(bits & 31n)];
    bits >>= 5n;
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

/**
 * A claim code as an installer may type it: case, spaces and dashes ignored, Crockford's readings of I/L (1) and
 * O (0) accepted; undefined when it cannot be one.
 */
export function normalizeClaimCode(typed: string): string | undefined {
  const c = typed.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(c)) return undefined;
  return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}

/** SHA-256 (hex) of a normalized claim code, as `device_credentials.claim_code_hash` keeps it. */
export const hashClaimCode = (code: string): string => createHash('sha256').update(code).digest('hex');

export interface CredentialRow {
  deviceId: string;
  tenantId: string;
  keyGeneration: number;
  mqttPasswordHash: string;
  hardwareModel: string | null;
  provisionedAt: number;
  revokedAt: number | null;
  /** Issue 15: the claim code's hash (null: provisioned before claim codes), and when it was first used. */
  claimCodeHash?: string | null;
  claimedAt?: number | null;
}

/** The `device_credentials` table. */
export class CredentialsRepository {
  private readonly db: Db;
  private readonly t: Tables;

  constructor(adapter: DialectAdapter) {
    this.db = adapter.db;
    this.t = adapter.tables;
  }

  async get(deviceId: string): Promise<CredentialRow | undefined> {
    const c = this.t.deviceCredentials;
    const [row] = await this.db.select().from(c).where(eq(c.deviceId, deviceId));
    return row as CredentialRow | undefined;
  }

  /** Writes a new generation for a device (insert, or replace an earlier one: the generation is the caller's). */
  async put(row: CredentialRow): Promise<void> {
    const c = this.t.deviceCredentials;
    await this.db.insert(c).values(row).onConflictDoUpdate({
      target: c.deviceId,
      set: {
        tenantId: row.tenantId, keyGeneration: row.keyGeneration, mqttPasswordHash: row.mqttPasswordHash,
        hardwareModel: row.hardwareModel, provisionedAt: row.provisionedAt, revokedAt: null,
        claimCodeHash: row.claimCodeHash ?? null, claimedAt: null,
      },
    });
  }

  /** Marks the claim code used (the first time only); false when it was already. */
  async markClaimed(deviceId: string, now: number): Promise<boolean> {
    const c = this.t.deviceCredentials;
    const rows = await this.db.update(c).set({ claimedAt: now }).where(and(eq(c.deviceId, deviceId), isNull(c.claimedAt))).returning({ id: c.deviceId });
    return rows.length > 0;
  }

  async revoke(deviceId: string, now: number): Promise<boolean> {
    const c = this.t.deviceCredentials;
    const rows = await this.db.update(c).set({ revokedAt: now }).where(and(eq(c.deviceId, deviceId), isNull(c.revokedAt))).returning({ id: c.deviceId });
    return rows.length > 0;
  }

  /**
   * What changes whenever a credential does (issue 14, DeviceIdentities' cache): how many there are, how many are
   * revoked, the sum of their generations. A provisioning adds one, a revocation revokes one, a re-provisioning
   * raises a generation, and none of the three ever goes back, so any change between two reads shows.
   */
  async fingerprint(): Promise<string> {
    const c = this.t.deviceCredentials;
    const [row] = await this.db.select({ n: sql`count(*)`, revoked: sql`count(${c.revokedAt})`, generations: sql`coalesce(sum(${c.keyGeneration}), 0)` }).from(c);
    return `${String(row?.n)}/${String(row?.revoked)}/${String(row?.generations)}`;
  }

  /** The town each of these devices is provisioned for (revoked ones included); absent: not provisioned. */
  async tenantsOf(deviceIds: readonly string[]): Promise<Map<string, string>> {
    const c = this.t.deviceCredentials;
    const out = new Map<string, string>();
    for (let i = 0; i < deviceIds.length; i += 500) {
      const rows = await this.db.select({ id: c.deviceId, tenant: c.tenantId }).from(c).where(inArray(c.deviceId, deviceIds.slice(i, i + 500)));
      for (const r of rows) out.set(r.id, r.tenant);
    }
    return out;
  }

  async list(tenant?: string): Promise<CredentialRow[]> {
    const c = this.t.deviceCredentials;
    const q = this.db.select().from(c);
    return (await (tenant === undefined ? q.orderBy(asc(c.deviceId)) : q.where(eq(c.tenantId, tenant)).orderBy(asc(c.deviceId)))) as CredentialRow[];
  }
}

/** What verifying an uplink found. */
export type UplinkAuth = 'ok' | 'unknown_device' | 'revoked' | 'wrong_tenant' | 'bad_mac';

export interface ProvisionRequest {
  tenant: string;
  deviceId: string;
  hardwareModel?: string | undefined;
  /** Broker the device connects to, as the device reaches it. */
  broker: { host: string; port: number; tls?: boolean | undefined; /** With `tls`: the CA (DER) the device checks the broker's certificate with. */ ca?: Uint8Array | undefined };
  wifi?: { ssid: string; password: string } | undefined;
  otaKeys?: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }> | undefined;
}

export interface Provisioned {
  /** The identity as the device stores it (NVS key "identity"): the encoded protocol `DeviceIdentity`. */
  nvs: Uint8Array;
  identity: DeviceIdentityMessage;
  generation: number;
  /** Issue 15: this generation's claim code, for the controller's label (the server keeps only its hash). */
  claimCode: string;
}

/** What checking a claim code found (`DeviceIdentities.checkClaim`). */
export type ClaimVerdict = 'ok' | 'unknown_device' | 'wrong_tenant' | 'revoked' | 'no_claim_code' | 'wrong_code';

/** Prefix of the server's own broker accounts; a device id may not start with it. */
export const SERVER_ACCOUNT_PREFIX = '_';

interface Cached { row: CredentialRow | undefined; key: Uint8Array | undefined; at: number }

export interface DeviceIdentitiesOptions {
  adapter: DialectAdapter;
  master: Uint8Array;
  /** Server clock (ms). */
  now: () => number;
  /**
   * How often, at most, the credentials' fingerprint is read while credentials are looked up: a change (a revocation
   * or a provisioning on another instance, or by the device CLI) drops every cached credential, so it takes effect
   * here within about this long. Default 1 s, real time.
   */
  checkMs?: number;
  /** A cached credential is read again after this long whatever the fingerprint says. Default 5 min, real time. */
  maxAgeMs?: number;
}

export class DeviceIdentities {
  readonly repo: CredentialsRepository;
  private readonly master: Uint8Array;
  private readonly now: () => number;
  private readonly checkMs: number;
  private readonly maxAgeMs: number;
  /**
   * Issue 14: credentials and derived keys by device, kept until the credentials change (the fingerprint check),
   * `maxAgeMs` or this instance's own revoke/provision: a frame's check costs no query and no key derivation.
   */
  private readonly cache = new Map<string, Cached>();
  /** Bumped whenever the cache is dropped: a read that started before is not cached (it may predate the change). */
  private epoch = 0;
  private fingerprint: string | undefined;
  private checkedAt = -Infinity;
  private checking = false;
  /** Called after a device is revoked (the embedded broker disconnects it). */
  onRevoke: ((deviceId: string) => void) | undefined;

  constructor(o: DeviceIdentitiesOptions) {
    this.repo = new CredentialsRepository(o.adapter);
    this.master = o.master;
    this.now = o.now;
    this.checkMs = o.checkMs ?? 1000;
    this.maxAgeMs = o.maxAgeMs ?? 300_000;
  }

  /** Provisions a device (or re-provisions it: a new generation, the old key and password stop working). */
  async provision(req: ProvisionRequest): Promise<Provisioned> {
    if (!isValidId(req.tenant)) throw new RangeError(`invalid town id "${req.tenant}"`);
    if (!isValidId(req.deviceId) || req.deviceId.startsWith(SERVER_ACCOUNT_PREFIX)) {
      throw new RangeError(`invalid device id "${req.deviceId}": 1..64 of [A-Za-z0-9_-], not starting with "${SERVER_ACCOUNT_PREFIX}"`);
    }
    const before = await this.repo.get(req.deviceId);
    if (before && before.tenantId !== req.tenant) throw new ProvisionConflict(req.deviceId);
    if (req.broker.tls && !req.broker.ca) throw new RangeError('a TLS broker needs the CA the controllers check it with (DEVICE_BROKER_CA, --ca-file)');
    const generation = (before?.keyGeneration ?? 0) + 1;
    const password = randomBrokerPassword();
    const claimCode = randomClaimCode();
    const now = this.now();
    await this.repo.put({
      deviceId: req.deviceId, tenantId: req.tenant, keyGeneration: generation, mqttPasswordHash: hashBrokerPassword(password),
      hardwareModel: req.hardwareModel ?? null, provisionedAt: now, revokedAt: null, claimCodeHash: hashClaimCode(claimCode), claimedAt: null,
    });
    this.cache.delete(req.deviceId);
    if (before) this.onRevoke?.(req.deviceId); // the previous generation's connection goes
    const identity: DeviceIdentityMessage = {
      format: 1, deviceId: req.deviceId, tenant: req.tenant, hardwareModel: req.hardwareModel ?? '',
      mqttHost: req.broker.host, mqttPort: req.broker.port, mqttTls: req.broker.tls ?? false, mqttPassword: password,
      ...(req.broker.tls && req.broker.ca ? { mqttCa: req.broker.ca } : {}),
      deviceKey: deriveDeviceKey(this.master, req.tenant, req.deviceId, generation), keyGeneration: generation,
      otaKeys: (req.otaKeys ?? []).map((k) => ({ keyId: k.keyId, publicKey: k.publicKey })),
      wifiSsid: req.wifi?.ssid ?? '', wifiPassword: req.wifi?.password ?? '', provisionedAt: Math.floor(now / 1000),
    };
    return { nvs: pb.DeviceIdentity.encode(identity).finish(), identity, generation, claimCode };
  }

  /**
   * Issue 15: whether `typed` is the claim code on this controller's label, for a commissioning in `tenant`
   * (compared in constant time on the hashes). Does not use it up: `markClaimed` records the first commissioning.
   */
  async checkClaim(tenant: string, deviceId: string, typed: string): Promise<ClaimVerdict> {
    const row = await this.repo.get(deviceId);
    if (!row) return 'unknown_device';
    if (row.tenantId !== tenant) return 'wrong_tenant';
    if (row.revokedAt !== null) return 'revoked';
    if (!row.claimCodeHash) return 'no_claim_code';
    const code = normalizeClaimCode(typed);
    const got = Buffer.from(hashClaimCode(code ?? typed), 'hex');
    const want = Buffer.from(row.claimCodeHash, 'hex');
    return code !== undefined && got.length === want.length && timingSafeEqual(got, want) ? 'ok' : 'wrong_code';
  }

  /** Revokes a device: its frames and its broker connection are refused from now on. False when not provisioned or revoked already. */
  async revoke(deviceId: string): Promise<boolean> {
    const done = await this.repo.revoke(deviceId, this.now());
    this.cache.delete(deviceId);
    if (done) this.onRevoke?.(deviceId);
    return done;
  }

  /** The device's active credential and current key (cached), undefined when unknown or revoked. */
  async lookup(deviceId: string): Promise<{ row: CredentialRow; key: Uint8Array } | undefined> {
    const c = await this.cached(deviceId);
    return c.row && c.key && c.row.revokedAt === null ? { row: c.row, key: c.key } : undefined;
  }

  /** Drops every cached credential (a change seen, or a failed check). */
  private drop(): void {
    this.cache.clear();
    this.epoch++;
  }

  /** Reads the credentials' fingerprint, at most every `checkMs` and one read at a time; a change drops the cache. */
  private check(): void {
    const t = performance.now();
    if (this.checking || t - this.checkedAt < this.checkMs) return;
    this.checking = true;
    this.checkedAt = t;
    this.repo.fingerprint().then((fp) => {
      // The first read drops too: what was cached before it may predate a change it already includes.
      if (fp !== this.fingerprint) this.drop();
      this.fingerprint = fp;
    }, () => {
      this.fingerprint = undefined;
      this.drop();
    }).finally(() => { this.checking = false; });
  }

  /** The cached entry of `deviceId` when there is a usable one (and a fingerprint check when one is due). */
  private hit(deviceId: string): Cached | undefined {
    this.check();
    const hit = this.cache.get(deviceId);
    return hit && performance.now() - hit.at < this.maxAgeMs ? hit : undefined;
  }

  private async cached(deviceId: string): Promise<Cached> {
    const hit = this.hit(deviceId);
    if (hit) return hit;
    const epoch = this.epoch;
    const t = performance.now();
    const row = await this.repo.get(deviceId);
    const entry: Cached = { row, key: row ? deriveDeviceKey(this.master, row.tenantId, row.deviceId, row.keyGeneration) : undefined, at: t };
    if (epoch !== this.epoch) return entry; // the cache was dropped meanwhile: this read may predate the change
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(deviceId, entry);
    return entry;
  }

  private static verdict(c: Cached, tenant: string, frame: Uint8Array | undefined): UplinkAuth {
    if (!c.row || !c.key) return 'unknown_device';
    if (c.row.revokedAt !== null) return 'revoked';
    if (c.row.tenantId !== tenant) return 'wrong_tenant';
    return frame === undefined || verifyFrame(frameHmac, c.key, 'up', frame) ? 'ok' : 'bad_mac';
  }

  /**
   * Checks an uplink frame of `deviceId` received on `tenant`'s topic (`frame` undefined: the identity alone).
   * Synchronous when the device's credential is cached (issue 14: no promise per frame), else a promise.
   */
  verifyUplink(tenant: string, deviceId: string, frame: Uint8Array | undefined): UplinkAuth | Promise<UplinkAuth> {
    const hit = this.hit(deviceId);
    if (hit) return DeviceIdentities.verdict(hit, tenant, frame);
    return this.cached(deviceId).then((c) => DeviceIdentities.verdict(c, tenant, frame));
  }

  /**
   * Seals an encoded downlink body for its device; undefined when the device has no active credential. Synchronous
   * when the credential is cached, else a promise.
   */
  sealDownlink(deviceId: string, body: Uint8Array): Uint8Array | undefined | Promise<Uint8Array | undefined> {
    const seal = (c: Cached) => (c.row && c.key && c.row.revokedAt === null ? sealFrame(frameHmac, c.key, 'down', body) : undefined);
    const hit = this.hit(deviceId);
    return hit ? seal(hit) : this.cached(deviceId).then(seal);
  }

  /** Broker authentication of a device account (username = device id). */
  async checkBrokerPassword(deviceId: string, password: string): Promise<CredentialRow | undefined> {
    const c = await this.lookup(deviceId);
    return c && verifyBrokerPassword(password, c.row.mqttPasswordHash) ? c.row : undefined;
  }
}

export class ProvisionConflict extends Error {
  override name = 'ProvisionConflict';
  constructor(readonly deviceId: string) {
    super(`device id ${deviceId} is not available: it is provisioned for another town`);
  }
}

/** Decodes a provisioned identity (tests and tools). */
export function decodeIdentity(nvs: Uint8Array): DeviceIdentityMessage {
  return pb.DeviceIdentity.decode(nvs);
}

