/**
 * Test helpers for code that calls the authenticated API (issue 7). Import from tests as
 * `import { authHeaders, authedInject, createUser, login } from '<path>/fleet-server/src/testing.js'`
 * (or `@streetlight/fleet-server/testing`).
 *
 *   const headers = await authHeaders(app, { tenant: 'lyon', role: 'manager' });
 *   await app.inject({ method: 'PUT', url: '/api/tenants/lyon/…', headers, payload });
 *
 *   const inject = await authedInject(app);          // platform admin: every tenant, every route
 *   await inject({ method: 'POST', url: '/api/tenants/lyon/inventory', payload });
 *   await inject('/api/tenants/lyon/devices');
 *
 * Tokens go straight to the service (no scrypt hashing), so helpers are cheap; `createUser` + `login` exercise
 * the browser path (session cookie + CSRF header) and cost one scrypt hash each.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { PROTOCOL_VERSION, encodeUplink, sealFrame, verifyFrame, type Uplink } from '@streetlight/protocol';
import { frameHmac, type DeviceIdentities } from './devices/identity.js';
import { PLATFORM, type Role } from './auth/model.js';
import { SESSION_COOKIE } from './auth/service.js';
import type { ScryptParams } from './auth/password.js';
import type { SentDownlink } from './devices/service.js';

export { PLATFORM };

/**
 * scrypt cost for tests only: N=2^10 r=8 p=1 (1 MiB, ~2 ms a hash) instead of DEFAULT_SCRYPT (32 MiB, ~0.3 s, and
 * seconds on a loaded machine). Pass it as `build({ passwordHashing: TEST_SCRYPT })` where a test signs in; the
 * production cost is asserted by fleet-server/test/auth.test.ts ("password hashing").
 */
export const TEST_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 10, r: 8, p: 1 });
export type { Role };

export interface AuthOptions {
  /** Tenant the token is scoped to; `*` = the whole installation. Default `*`. */
  tenant?: string;
  /** Default `admin`. */
  role?: Role;
  name?: string;
}

/** Headers carrying a fresh API token for `tenant` and `role`. */
export async function authHeaders(app: FastifyInstance, opts: AuthOptions = {}): Promise<{ authorization: string }> {
  const { token } = await app.auth.createToken({ tenantId: opts.tenant ?? PLATFORM, role: opts.role ?? 'admin', name: opts.name ?? 'test', createdBy: null });
  return { authorization: `Bearer ${token}` };
}

export type Inject = (opts: InjectOptions | string) => Promise<LightMyRequestResponse>;

/** `app.inject` with the given headers (or a fresh platform-admin token) added to every request. */
export async function authedInject(app: FastifyInstance, headersOrOpts: Record<string, string> | AuthOptions = {}): Promise<Inject> {
  const headers = 'authorization' in headersOrOpts || 'cookie' in headersOrOpts
    ? headersOrOpts as Record<string, string>
    : await authHeaders(app, headersOrOpts as AuthOptions);
  return (opts) => {
    const o: InjectOptions = typeof opts === 'string' ? { url: opts } : opts;
    return app.inject({ ...o, headers: { ...headers, ...(o.headers as Record<string, string> | undefined) } });
  };
}

/** Creates a user with a role on a tenant (or on several). */
export async function createUser(app: FastifyInstance, u: { email: string; password: string; name?: string; roles: Record<string, Role> }): Promise<number> {
  const user = await app.auth.createUser({ email: u.email, name: u.name, password: u.password });
  for (const [tenant, role] of Object.entries(u.roles)) await app.auth.repo.setRole(user.id, tenant, role, app.fleet.now());
  return user.id;
}

/** Signs in through the API; returns the headers a browser would send (session cookie + CSRF token). */
export async function login(app: FastifyInstance, email: string, password: string): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const set = String(res.headers['set-cookie'] ?? '');
  const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set)?.[1];
  if (!value) throw new Error('login set no session cookie');
  return { cookie: `${SESSION_COOKIE}=${value}`, 'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken };
}

/**
 * Holds an installation-wide test resource, such as the machine's MQTT broker, for the caller alone: test files
 * run in parallel, and every fleet server subscribes to every device's uplinks, so two suites sharing one broker
 * would answer each other's boards. A PostgreSQL advisory lock on a connection of its own (`pgUrl`), so it is
 * released by `release()` or when the test process dies. Waits as long as the holder keeps it.
 *
 *   const release = await holdSharedResource(TEST_PG_URL, 'mqtt://127.0.0.1:1883');
 *   …
 *   await release();
 */
export async function holdSharedResource(pgUrl: string, name: string): Promise<() => Promise<void>> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [`streetlight-test:${name}`]);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  return async () => {
    try {
      await client.query('select pg_advisory_unlock(hashtext($1))', [`streetlight-test:${name}`]);
    } finally {
      await client.end().catch(() => undefined);
    }
  };
}

// ---- issue 11: provisioned devices in tests -----------------------------------------------------------------

/** A provisioned device as a test plays it: its identity and what it needs to speak for itself. */
export interface TestDevice {
  tenant: string;
  deviceId: string;
  /** The identity bytes a board stores in NVS (give them to a SimBoard as `identity`). */
  identity: Uint8Array;
  key: Uint8Array;
  /** MQTT CONNECT options of the device's own broker account. */
  mqtt: { username: string; password: string; clientId: string };
  /** Issue 15: the claim code of its label. */
  claimCode: string;
  /** An encoded uplink body with the device's MAC appended. */
  seal(body: Uint8Array): Uint8Array;
  /** Encodes and seals an uplink (protocol version and device id filled in). */
  uplink(message: Omit<Uplink, 'protocolVersion' | 'deviceId'> & Partial<Pick<Uplink, 'protocolVersion' | 'deviceId'>>): Uint8Array;
  /** True when a downlink frame carries this device's valid MAC. */
  authentic(frame: Uint8Array): boolean;
}

/** The simulator's board model (hardware-sim SimBoard's default), the default of test provisioning. */
export const SIM_HARDWARE_MODEL = 'SL-ESP32-SIM';

export interface ProvisionTestOptions {
  /** Default SIM_HARDWARE_MODEL. */
  hardwareModel?: string;
  /** OTA trust keys written into the identity (default: the app's signing key when OTA is on). */
  otaKeys?: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }>;
  /** Broker written into the identity. Default: the app's deviceBroker. */
  broker?: { host: string; port: number; tls?: boolean; ca?: Uint8Array };
}

/** Provisions a device on `app` (a new key generation each call) and returns it as a test plays it. */
export async function provisionDevice(app: FastifyInstance, tenant: string, deviceId: string, o: ProvisionTestOptions = {}): Promise<TestDevice> {
  return provisionWith(app.identities, tenant, deviceId, { broker: o.broker ?? app.fleet.deviceBroker, ...o, otaKeys: o.otaKeys ?? app.ota.trustKeysFor(tenant) });
}

/** Provisions many devices; a map by device id. */
export async function provisionDevices(app: FastifyInstance, tenant: string, deviceIds: readonly string[], o: ProvisionTestOptions = {}): Promise<Map<string, TestDevice>> {
  const out = new Map<string, TestDevice>();
  for (const id of deviceIds) out.set(id, await provisionDevice(app, tenant, id, o));
  return out;
}

/** The same, on a DeviceIdentities without an app (unit tests of the device service). */
export async function provisionWith(identities: DeviceIdentities, tenant: string, deviceId: string, o: ProvisionTestOptions = {}): Promise<TestDevice> {
  const p = await identities.provision({
    tenant, deviceId, hardwareModel: o.hardwareModel ?? SIM_HARDWARE_MODEL, broker: o.broker ?? { host: '127.0.0.1', port: 1883 }, otaKeys: o.otaKeys,
  });
  const key = p.identity.deviceKey as Uint8Array;
  const seal = (body: Uint8Array): Uint8Array => sealFrame(frameHmac, key, 'up', body);
  return {
    tenant, deviceId, identity: p.nvs, key,
    mqtt: { username: deviceId, password: p.identity.mqttPassword as string, clientId: deviceId },
    claimCode: p.claimCode,
    seal,
    uplink: (m) => seal(encodeUplink({ protocolVersion: PROTOCOL_VERSION, deviceId, ...m })),
    authentic: (frame) => verifyFrame(frameHmac, key, 'down', frame),
  };
}

/**
 * MQTT options for a test's own client on the embedded broker, with the server account (it may watch a town's
 * `sl/v1/…` traffic); `name` makes the client id unique.
 */
export function brokerObserver(app: FastifyInstance, name = randomUUID().slice(0, 8)): { username: string; password: string; clientId: string } {
  const a = app.fleet.brokerServerAccount;
  if (!a) throw new Error('no embedded broker: an external broker has its own accounts');
  return { username: a.username, password: a.password, clientId: `${a.username}-${name}` };
}

/**
 * Provisions `deviceIds` on `app` and returns a lookup of their identity bytes, the shape createTown's
 * `identity` option and SimBoard's `identity` take.
 */
export async function provisionIdentities(app: FastifyInstance, tenant: string, deviceIds: readonly string[], o: ProvisionTestOptions = {}): Promise<(deviceId: string) => Uint8Array> {
  const devices = await provisionDevices(app, tenant, deviceIds, o);
  return (deviceId) => {
    const d = devices.get(deviceId);
    if (!d) throw new Error(`device ${deviceId} was not provisioned for the test`);
    return d.identity;
  };
}

/**
 * Issue 14: the downlinks `app` publishes from now on (`DeviceService.onDownlinkSent`), EnergyAcks and TimeSyncs
 * included (they are not `downlinks` rows). `summaries(deviceId, kind)`: their summaries, newest first, as
 * `listDownlinks` orders rows (`['acked 96', 'acked 32']`).
 */
export function watchDownlinks(app: FastifyInstance): { sent: SentDownlink[]; summaries(deviceId: string, kind: string): string[]; stop(): void } {
  const sent: SentDownlink[] = [];
  const stop = app.devices.onDownlinkSent((d) => { sent.push(d); });
  return {
    sent,
    summaries: (deviceId, kind) => sent.filter((d) => d.deviceId === deviceId && d.kind === kind).map((d) => d.summary).reverse(),
    stop,
  };
}
