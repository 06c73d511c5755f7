/**
 * Server configuration, validated once at start-up and then frozen (HOUSE-STYLE 11).
 *
 * Sources, later ones winning: defaults < environment (only when an `env` object is passed) < options.
 * Options use camelCase keys; unknown option keys are rejected so a typo never silently falls back to a
 * default. The environment is read only for the documented variable names.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalText = z.string().min(1).optional();

export const configSchema = z.strictObject({
  /** HTTP bind address. Default `127.0.0.1`. */
  httpHost: z.string().min(1).default('127.0.0.1'),
  /** HTTP port; 0 picks a free port (tests). Default 8080. */
  httpPort: port.default(8080),
  /** Directory for the SQLite database (and future files). Default `./data`, relative to the process cwd. */
  dataDir: z.string().min(1).default('./data'),
  /** Unset → SQLite at `${dataDir}/fleet.sqlite`; `postgres://…` or `postgresql://…` → PostgreSQL. */
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  /** PostgreSQL schema holding the tables (created if missing). Default `public`. */
  databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('public'),
  /** Unset → embedded aedes broker; `mqtt://host:port` → external broker (shared subscriptions). */
  mqttUrl: z.string().regex(/^mqtts?:\/\/|^wss?:\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL').optional(),
  /** Embedded broker port; 0 picks a free port. Default 1884 (1883 is usually a system Mosquitto). */
  mqttPort: port.default(1884),
  /** Embedded broker bind address. Default `127.0.0.1`. */
  mqttHost: z.string().min(1).default('127.0.0.1'),
  /** Credentials of the server's own MQTT client (external broker). */
  mqttUsername: optionalText,
  mqttPassword: optionalText,
  /**
   * Issue 11, MQTT over TLS: the embedded broker's certificate and key (PEM files; both or neither). Set: it
   * listens with TLS only (`mqtts://…`). Default unset (plain MQTT).
   */
  mqttTlsCert: optionalText,
  mqttTlsKey: optionalText,
  /** CA (PEM) the server's own MQTT client trusts: an external `mqtts://` broker's, or the embedded one's (default: its certificate). */
  mqttTlsCa: optionalText,
  /** CA (PEM) written into provisioned identities for controllers to check the broker with (default: MQTT_TLS_CA, or the embedded broker's certificate). */
  deviceBrokerCa: optionalText,
  /** Shared-subscription group for `$share/<group>/…` on an external broker. Default `fleet`. */
  mqttShareGroup: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1..64 chars of [A-Za-z0-9_-]').default('fleet'),
  // --- issue 14: ingest pipeline, persistent session
  /**
   * This instance's name among those of the installation (`[A-Za-z0-9_-]`, ≤ 64 characters; unique per instance,
   * the same across its restarts). With an external broker, set: the server's MQTT client id is
   * `<MQTT_USERNAME>-<INSTANCE_NAME>` with a persistent session (`clean: false`), so the broker keeps its
   * subscriptions and queues the uplinks that arrive while it or the broker restarts. Unset: a random client id and a
   * clean session (uplinks sent while the server is disconnected are lost to it). Default unset.
   */
  instanceName: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1..64 chars of [A-Za-z0-9_-]').optional(),
  /** Frames taken from the broker and not yet processed, at most; beyond, the server stops reading and the broker holds them. Default 2048. */
  ingestMaxPending: z.coerce.number().int().min(1).max(1_000_000).default(2048),
  /** EnergyReports written per transaction at most (group commit). Default 256. */
  ingestBatchFrames: z.coerce.number().int().min(1).max(4096).default(256),
  /** How long the first EnergyReport of a batch waits for others, milliseconds (0: only those already arrived). Default 2. */
  ingestBatchDelayMs: z.coerce.number().min(0).max(1000).default(2),
  /** pino level. Default `info`. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How many state reports are kept per device. Default 1000. */
  stateHistoryLimit: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /**
   * Presence on demand: a pole's PresenceDetection raises the poles of its street within this distance (metres),
   * ahead of the passer-by (devices/presence-ahead.ts); 0 turns it off. Default 100 (three or four poles).
   */
  presenceAheadM: z.coerce.number().min(0).max(1000).default(100),
  // --- issue 5: energy
  /** Days raw energy interval records are kept (daily/monthly rollups are kept for good). Default 400. */
  energyRetentionDays: z.coerce.number().int().min(1).max(36500).default(400),
  /** Seconds after which a missing record range is given up so the ack watermark moves on. Default 21600 (6 h). */
  energyGapGraceS: z.coerce.number().int().min(60).max(30 * 86400).default(21600),
  // --- issue 7: accounts and sessions
  /** Trust X-Forwarded-* from a reverse proxy (client address, https for Secure cookies). `true`, a hop count or a comma-separated address list. Default false. */
  trustProxy: z.union([z.boolean(), z.number().int().min(1), z.string().min(1)])
    .transform((v) => (v === 'true' ? true : v === 'false' ? false : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)).default(false),
  /** Secure flag on the session cookie: `auto` = when the request came over HTTPS. Default `auto`. */
  cookieSecure: z.enum(['auto', 'always', 'never']).default('auto'),
  /** A session ends after this many minutes without a request. Default 480 (8 h). */
  sessionIdleMinutes: z.coerce.number().int().min(5).max(60 * 24 * 30).default(480),
  /** Map background: XYZ raster tile URL template (`https://…/{z}/{x}/{y}.png`, `{s}` = a|b|c). Unset = plain background, nothing fetched. */
  mapTileUrl: z.string().regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template with {z}, {x} and {y}').optional(),
  /** Serve a prebuilt UI (index.html, app.js, app.css from `build:ui`) from this folder. Unset = build from src/ui on first request. */
  uiDir: z.string().min(1).optional(),
  // --- issue 11: device identity
  /**
   * File of the installation's device master key (64 hex characters): every device key is derived from it. Default
   * `${dataDir}/device-master.key`, created at the first start. Several instances must use the same file.
   */
  deviceMasterKey: optionalText,
  /**
   * Broker address written into the identities provisioning makes (`mqtt://host:port` or `mqtts://…`), as the
   * controllers reach it. Default: the embedded broker's address, or MQTT_URL.
   */
  deviceBrokerUrl: z.string().regex(/^mqtts?:\/\/[^/:]+(:\d{1,5})?\/?$/, 'must be mqtt://host:port or mqtts://host:port').optional(),
  // --- issue 6: OTA
  /** Path of the Ed25519 PEM key that signs image manifests; unset → OTA routes answer SL_OTA_DISABLED. Default unset. */
  otaSigningKey: optionalText,
  /**
   * A folder of per-town signing keys (`<tenant>.pem`, ECDSA P-256, made with ota:keygen): a town with its own key
   * has its images signed with it, and its controllers are provisioned to trust it alone, so a key of another town
   * (or the installation's) cannot sign for them. Towns without one use OTA_SIGNING_KEY. Default unset.
   */
  otaTenantKeysDir: optionalText,
  /** Per-device OTA bandwidth cap, bytes per second. Default 32768. */
  otaDeviceMaxBps: z.coerce.number().int().min(512).max(100_000_000).default(32_768),
  /** Unacknowledged OTA chunks (4 KiB) per device; at least 4 (devices acknowledge every 16 KiB). Default 8. */
  otaWindowChunks: z.coerce.number().int().min(4).max(64).default(8),
  /** Unacknowledged OTA chunks over all devices (keeps the broker queue short for telemetry). Default 256. */
  otaMaxInflightChunks: z.coerce.number().int().min(1).max(100_000).default(256),
  /** Period of the OTA campaign loop, real milliseconds (decisions use the server clock). Default 1000. */
  otaTickMs: z.coerce.number().int().min(10).max(60_000).default(1000),
  /** Largest image accepted by the upload route, bytes. Default 4194304 (4 MiB). */
  otaMaxImageBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(4 * 1024 * 1024),
  /**
   * With an external broker (several instances possible), one instance at a time drives OTA: the holder of a
   * lease in the database, renewed every third of this many seconds; another takes over once it has expired.
   * Default 15.
   */
  otaLeaseS: z.coerce.number().min(0.5).max(600).default(15),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = Readonly<z.output<typeof configSchema>>;

/** Setting → environment variable and CLI flag (the README's configuration table mirrors this). */
export const SETTINGS: { readonly [K in keyof Config]-?: { env: string; flag?: string } } = {
  httpHost: { env: 'HTTP_HOST' },
  httpPort: { env: 'HTTP_PORT', flag: '--http-port' },
  dataDir: { env: 'DATA_DIR', flag: '--data-dir' },
  databaseUrl: { env: 'DATABASE_URL', flag: '--database-url' },
  databaseSchema: { env: 'DATABASE_SCHEMA' },
  mqttUrl: { env: 'MQTT_URL', flag: '--mqtt-url' },
  mqttPort: { env: 'MQTT_PORT', flag: '--mqtt-port' },
  mqttHost: { env: 'MQTT_HOST' },
  mqttUsername: { env: 'MQTT_USERNAME' },
  mqttPassword: { env: 'MQTT_PASSWORD' },
  mqttTlsCert: { env: 'MQTT_TLS_CERT' },
  mqttTlsKey: { env: 'MQTT_TLS_KEY' },
  mqttTlsCa: { env: 'MQTT_TLS_CA' },
  deviceBrokerCa: { env: 'DEVICE_BROKER_CA' },
  mqttShareGroup: { env: 'MQTT_SHARE_GROUP' },
  instanceName: { env: 'INSTANCE_NAME' },
  ingestMaxPending: { env: 'INGEST_MAX_PENDING' },
  ingestBatchFrames: { env: 'INGEST_BATCH_FRAMES' },
  ingestBatchDelayMs: { env: 'INGEST_BATCH_DELAY_MS' },
  logLevel: { env: 'LOG_LEVEL' },
  stateHistoryLimit: { env: 'STATE_HISTORY_LIMIT' },
  presenceAheadM: { env: 'PRESENCE_AHEAD_M' },
  energyRetentionDays: { env: 'ENERGY_RETENTION_DAYS' },
  energyGapGraceS: { env: 'ENERGY_GAP_GRACE_S' },
  trustProxy: { env: 'TRUST_PROXY' },
  cookieSecure: { env: 'COOKIE_SECURE' },
  sessionIdleMinutes: { env: 'SESSION_IDLE_MINUTES' },
  mapTileUrl: { env: 'MAP_TILE_URL' },
  uiDir: { env: 'UI_DIR' },
  deviceMasterKey: { env: 'DEVICE_MASTER_KEY' },
  deviceBrokerUrl: { env: 'DEVICE_BROKER_URL' },
  otaSigningKey: { env: 'OTA_SIGNING_KEY' },
  otaTenantKeysDir: { env: 'OTA_TENANT_KEYS_DIR' },
  otaDeviceMaxBps: { env: 'OTA_DEVICE_MAX_BPS' },
  otaWindowChunks: { env: 'OTA_WINDOW_CHUNKS' },
  otaMaxInflightChunks: { env: 'OTA_MAX_INFLIGHT_CHUNKS' },
  otaTickMs: { env: 'OTA_TICK_MS' },
  otaMaxImageBytes: { env: 'OTA_MAX_IMAGE_BYTES' },
  otaLeaseS: { env: 'OTA_LEASE_S' },
};

/** Names a setting the way an operator sets it: `MQTT_PORT (--mqtt-port)`. */
export function settingName(key: keyof Config): string {
  const s = SETTINGS[key];
  return s.flag ? `${s.env} or ${s.flag}` : s.env;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** A listening port is taken: the message names the setting to change. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(readonly setting: 'httpPort' | 'mqttPort', readonly port: number, host: string) {
    const env = SETTINGS[setting].env;
    super(`${env} ${port} is already in use on ${host} (set ${settingName(setting)})`);
  }
}

/** Reads the documented variables from an environment; empty strings count as unset. */
export function configFromEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, { env: name }] of Object.entries(SETTINGS)) {
    const v = env[name];
    if (v !== undefined && v !== '') out[key] = v;
  }
  return out;
}

/**
 * Validates and freezes the configuration. Throws ConfigError listing every bad key.
 * `env`, when given, supplies the documented environment variables; `options` win over it.
 */
export function loadConfig(options: Partial<ConfigInput> = {}, env?: Record<string, string | undefined>): Config {
  const merged: Record<string, unknown> = { ...(env ? configFromEnv(env) : {}) };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) merged[k] = v;
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') return `unknown setting(s): ${issue.keys.join(', ')}`;
      const key = String(issue.path[0] ?? '');
      const where = key in SETTINGS ? `${key} (${SETTINGS[key as keyof Config].env})` : key || '(root)';
      return `${where}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  return Object.freeze({ ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) });
}
