/**
 * Mosquitto configuration generated from the device table (issue 11, docs/deployment.md "Mosquitto"): the rules
 * of the embedded broker (broker.ts `brokerAcl`) for an installation with an external Mosquitto (≥ 2.0), through
 * its dynamic-security plugin (`mosquitto_dynamic_security.so`, shipped with Mosquitto):
 *  - one client per provisioned, not revoked device: username = device id, the PBKDF2-SHA512 hash stored at
 *    provisioning (the same `$7$` value, in the plugin's JSON form), and `clientid` = its username, so that no
 *    other account can take its session over (attack 10);
 *  - a role per device allowing exactly its own topics: publish its `up` and `status`, subscribe to its `down`.
 *    Subscriptions are denied by default, so a device cannot subscribe to `$share/<group>/sl/v1/+/+/up` and take
 *    a share of every device's uplinks away from the servers (attack 6: an `acl_file` grants such a
 *    subscription and then drops what it is dealt), nor to `#`, nor to another device's topics;
 *  - the servers' account (MQTT_USERNAME), shared by the instances (client ids `<username>-<random>`): publish
 *    and subscribe under `sl/v1/#` (shared subscriptions included) and `sl/fleet/#`.
 * `max_packet_size` bounds every packet to the protocol's largest frame plus its headers.
 *
 * Sessions and queues (issue 14, `brokerLimits`, docs/deployment.md "Broker limits"): Mosquitto's defaults (1,000
 * queued and 20 in-flight messages per client, as Debian runs it) dropped 7,401 of 10,000 Hellos at a cold start:
 * every device's frames go to the servers' few sessions, whose queues overflowed. Mosquitto 2.0 has one value of
 * each for every client, so they are sized for the servers' sessions; a device's session holds only the few
 * downlinks the servers send it (OTA chunks by a window of 8) and ends with its connection (clean session).
 * Persistence keeps the servers' sessions (and the retained presence) across a broker restart; a session its
 * instance has not resumed within `persistent_client_expiration` is dropped, so that a retired instance stops
 * taking its share of the `$share` group's uplinks.
 *
 * After provisioning or revoking devices, generate again and restart Mosquitto (the plugin reads its file at
 * start). The servers refuse a revoked device's frames at once anyway (frame MAC, devices/identity.ts).
 */
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deviceTopic } from '@streetlight/protocol';
import { MAX_PACKET_BYTES } from './broker.js';
import { hashBrokerPassword, type CredentialRow } from '../devices/identity.js';

export interface MosquittoConfigOptions {
  /** Provisioned devices (revoked ones are left out). */
  devices: readonly CredentialRow[];
  /** The fleet servers' account: username and password (hashed into the plugin's file). */
  server: { username: string; password: string };
  /** `host:port` of the listener, e.g. `0.0.0.0:8883`. */
  listener: string;
  /** Path of the dynamic-security plugin. Default: Debian's. */
  plugin?: string | undefined;
  /** TLS for the listener: certificate files as Mosquitto reads them. */
  tls?: { cafile?: string | undefined; certfile: string; keyfile: string } | undefined;
  /**
   * Where Mosquitto keeps sessions, queued messages and retained presence across restarts (`persistence_location`);
   * the broker's user must be able to write it. Default: Debian's, DEFAULT_PERSISTENCE_DIR.
   */
  persistenceDir?: string | undefined;
  /** Extra lines for mosquitto.conf (logging). */
  extra?: readonly string[];
}

/** Debian's `persistence_location` (owned by the `mosquitto` user). */
export const DEFAULT_PERSISTENCE_DIR = '/var/lib/mosquitto/';

/** Issue 14: the limits the generated configuration sets (see the header and docs/deployment.md "Broker limits"). */
export interface BrokerLimits {
  /** `max_queued_messages`: QoS 1 messages queued per session beyond those in flight. */
  maxQueuedMessages: number;
  /** `max_inflight_messages`: QoS 1 messages sent to a client and not yet acknowledged. */
  maxInflightMessages: number;
  /** `persistent_client_expiration`: a persistent session not resumed within it is dropped. */
  persistentClientExpiration: string;
  /** `autosave_interval` (s): how often the persistence file is written besides at a clean shutdown. */
  autosaveIntervalS: number;
}

/** Queued messages per device the servers' session must hold: a cold start's Hello, state, presence and energy frames, twice. */
export const QUEUED_PER_DEVICE = 10;
/** The queue never goes below this (what the project's own tests had run with). */
export const MIN_QUEUED_MESSAGES = 100_000;

/**
 * The limits for a fleet of `devices` controllers: a queue holding a cold start's burst of every device twice over
 * (and about an hour of a 10,000-light fleet's traffic while an instance is away), 1,000 messages in flight to a
 * server (the window its ingest batches from), sessions kept an hour.
 */
export function brokerLimits(devices: number): BrokerLimits {
  return {
    maxQueuedMessages: Math.max(MIN_QUEUED_MESSAGES, QUEUED_PER_DEVICE * devices),
    maxInflightMessages: 1_000,
    persistentClientExpiration: '1h',
    autosaveIntervalS: 60,
  };
}

export const DEFAULT_DYNSEC_PLUGIN = '/usr/lib/x86_64-linux-gnu/mosquitto_dynamic_security.so';

export interface MosquittoFiles {
  'mosquitto.conf': string;
  'dynamic-security.json': string;
}

interface DynsecPassword { password: string; salt: string; iterations: number }

/** A `$7$<iterations>$<salt>$<hash>` value as the plugin's password fields. */
function dynsecPassword(hash7: string): DynsecPassword {
  const m = /^\$7\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/.exec(hash7);
  if (!m) throw new RangeError('a stored broker password hash is not in the $7$ form');
  return { password: m[3] as string, salt: m[2] as string, iterations: Number(m[1]) };
}

const listenerLine = (hostPort: string): string => {
  const m = /^(.*):(\d{1,5})$/.exec(hostPort);
  if (!m) throw new RangeError(`listener must be host:port, got ${hostPort}`);
  return `listener ${m[2]} ${m[1]}`;
};

/** The files' contents; `dir` is where they will be (mosquitto.conf names the plugin file by absolute path). */
export function mosquittoConfig(dir: string, o: MosquittoConfigOptions): MosquittoFiles {
  const active = o.devices.filter((d) => d.revokedAt === null).slice().sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
  const dynsec = {
    defaultACLAccess: { publishClientSend: false, publishClientReceive: true, subscribe: false, unsubscribe: true },
    clients: [
      { username: o.server.username, textname: 'fleet servers', ...dynsecPassword(hashBrokerPassword(o.server.password)), roles: [{ rolename: 'fleet-server' }] },
      ...active.map((d) => ({
        username: d.deviceId, clientid: d.deviceId, textname: `device of ${d.tenantId}`, ...dynsecPassword(d.mqttPasswordHash),
        roles: [{ rolename: `device-${d.deviceId}` }],
      })),
    ],
    groups: [],
    roles: [
      {
        rolename: 'fleet-server',
        acls: [
          { acltype: 'publishClientSend', topic: 'sl/v1/#', allow: true },
          { acltype: 'publishClientSend', topic: 'sl/fleet/#', allow: true },
          { acltype: 'subscribePattern', topic: 'sl/v1/#', allow: true },
          { acltype: 'subscribePattern', topic: '$share/+/sl/v1/#', allow: true },
          { acltype: 'subscribePattern', topic: 'sl/fleet/#', allow: true },
          // Issue 15: live revocation (mqtt/dynsec.ts: `disableClient` when a device is revoked).
          { acltype: 'publishClientSend', topic: '$CONTROL/dynamic-security/#', allow: true },
          { acltype: 'publishClientReceive', topic: '$CONTROL/dynamic-security/#', allow: true },
          { acltype: 'subscribePattern', topic: '$CONTROL/dynamic-security/#', allow: true },
        ],
      },
      ...active.map((d) => ({
        rolename: `device-${d.deviceId}`,
        acls: [
          { acltype: 'publishClientSend', topic: deviceTopic(d.tenantId, d.deviceId, 'up'), allow: true },
          { acltype: 'publishClientSend', topic: deviceTopic(d.tenantId, d.deviceId, 'status'), allow: true },
          { acltype: 'subscribeLiteral', topic: deviceTopic(d.tenantId, d.deviceId, 'down'), allow: true },
        ],
      })),
    ],
  };
  const limits = brokerLimits(active.length);
  const persistenceDir = o.persistenceDir ?? DEFAULT_PERSISTENCE_DIR;
  const conf = [
    '# Generated by the fleet server (device broker-config): do not edit, generate again.',
    `max_packet_size ${MAX_PACKET_BYTES}`,
    `# Sessions and queues for ${active.length} device(s) (docs/deployment.md "Broker limits").`,
    'persistence true',
    `persistence_location ${persistenceDir.endsWith('/') ? persistenceDir : `${persistenceDir}/`}`,
    `autosave_interval ${limits.autosaveIntervalS}`,
    `persistent_client_expiration ${limits.persistentClientExpiration}`,
    `max_queued_messages ${limits.maxQueuedMessages}`,
    `max_inflight_messages ${limits.maxInflightMessages}`,
    'set_tcp_nodelay true',
    listenerLine(o.listener),
    'allow_anonymous false',
    ...(o.tls ? [...(o.tls.cafile ? [`cafile ${o.tls.cafile}`] : []), `certfile ${o.tls.certfile}`, `keyfile ${o.tls.keyfile}`] : []),
    `plugin ${o.plugin ?? DEFAULT_DYNSEC_PLUGIN}`,
    `plugin_opt_config_file ${join(dir, 'dynamic-security.json')}`,
    ...(o.extra ?? []),
    '',
  ].join('\n');
  return { 'mosquitto.conf': conf, 'dynamic-security.json': `${JSON.stringify(dynsec, null, 1)}\n` };
}

/**
 * Writes the files into `dir` (each replaced atomically). The plugin's file holds password hashes only; Mosquitto
 * started as root reads it after dropping to its own user, and writes it back: mode 0644 in a folder it can write.
 */
export function writeMosquittoConfig(dir: string, o: MosquittoConfigOptions): MosquittoFiles {
  mkdirSync(dir, { recursive: true });
  const files = mosquittoConfig(dir, o);
  for (const [name, text] of Object.entries(files)) {
    const tmp = join(dir, `.${name}.tmp`);
    writeFileSync(tmp, text, { mode: 0o644 });
    chmodSync(tmp, 0o644);
    renameSync(tmp, join(dir, name));
  }
  return files;
}
