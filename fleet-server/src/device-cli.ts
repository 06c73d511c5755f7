/**
 * Device identities from the command line (issue 11): provisioning a controller, revoking one, and the Mosquitto
 * configuration of an installation with an external broker. Same settings as the server (DATA_DIR / DATABASE_URL,
 * DEVICE_MASTER_KEY, OTA_SIGNING_KEY, DEVICE_BROKER_URL or --broker), straight on the database (no HTTP).
 *
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device provision --tenant sarlat --device SRL-0001 \
 *     --model SL-ESP32 --broker mqtts://mqtt.sarlat.fr:8883 --ca-file ca.pem --out ./SRL-0001.identity [--wifi-ssid … --wifi-password …]
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device revoke --device SRL-0001
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device broker-config --out /etc/mosquitto/streetlight \
 *     --listener 0.0.0.0:8883 [--certfile broker.pem --keyfile broker.key [--cafile ca.pem]] [--plugin …/mosquitto_dynamic_security.so] \
 *     [--persistence-dir /var/lib/mosquitto]
 *
 * `provision` writes the identity (the exact bytes the controller keeps in NVS under "identity", namespace
 * "streetlight") to `--out` (mode 0600: it holds the device's secrets), and beside it `<out>.csv`, the input of
 * ESP-IDF's `nvs_partition_gen.py` for a real board (firmware/README.md, "Provisioning a board"); a simulated
 * board takes the same bytes (`SimBoard({ identity })`). Nothing secret is printed. Provisioning a device again
 * makes a new key generation: the old identity stops working.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, settingName, type ConfigInput } from './config.js';
import { openRepository } from './db/index.js';
import type { DrizzleRepository } from './db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey, MasterKeyError, ProvisionConflict } from './devices/identity.js';
import { writeMosquittoConfig } from './mqtt/broker-config.js';
import { loadSigningKey } from './ota/signing.js';
import { tenantKeys } from './ota/plugin.js';

const USAGE = 'usage: device provision|revoke|broker-config [options] (see fleet-server/README.md, "Device identities")';
// `pnpm run device -- provision …` hands the script the `--` too.
const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const command = argv[0];
const { values: a } = parseArgs({
  args: argv.slice(1),
  options: {
    tenant: { type: 'string' }, device: { type: 'string' }, model: { type: 'string' }, broker: { type: 'string' },
    out: { type: 'string' }, 'ca-file': { type: 'string' }, 'wifi-ssid': { type: 'string' }, 'wifi-password': { type: 'string' },
    listener: { type: 'string' }, plugin: { type: 'string' }, 'persistence-dir': { type: 'string' }, cafile: { type: 'string' }, certfile: { type: 'string' }, keyfile: { type: 'string' },
    'data-dir': { type: 'string' }, 'database-url': { type: 'string' },
  },
});

/** A path as the user typed it: relative to where pnpm was invoked (INIT_CWD), not to this package. */
const userPath = (p: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), p);

function fail(msg: string): never {
  console.error(`device ${command ?? ''}: ${msg}`);
  process.exit(1);
}

function parseBroker(url: string): { host: string; port: number; tls: boolean } {
  const m = /^(mqtts?):\/\/\[?([^\]/]+?)\]?(?::(\d{1,5}))?\/?$/.exec(url);
  if (!m) fail(`--broker must be mqtt://host:port or mqtts://host:port, got ${url}`);
  const tls = m[1] === 'mqtts';
  return { host: m[2] as string, port: m[3] ? Number(m[3]) : tls ? 8883 : 1883, tls };
}

if (command !== 'provision' && command !== 'revoke' && command !== 'broker-config') fail(USAGE);

const overrides: Partial<ConfigInput> = {};
if (a['data-dir']) overrides.dataDir = a['data-dir'];
if (a['database-url']) overrides.databaseUrl = a['database-url'];
const config = loadConfig(overrides, process.env);
let master: Uint8Array;
try {
  master = loadMasterKey(config.deviceMasterKey ?? resolve(config.dataDir, 'device-master.key'), config.deviceMasterKey === undefined);
} catch (err) {
  if (err instanceof MasterKeyError) fail(`${settingName('deviceMasterKey')}: ${err.message}`);
  throw err;
}
const repo = await openRepository(config);
try {
  const identities = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master, now: Date.now });
  if (command === 'provision') {
    if (!a.tenant || !a.device || !a.out) fail('--tenant, --device and --out are required');
    const brokerUrl = a.broker ?? config.deviceBrokerUrl;
    if (!brokerUrl) fail(`--broker (or ${settingName('deviceBrokerUrl')}) is required: the broker as the controller reaches it`);
    if ((a['wifi-ssid'] === undefined) !== (a['wifi-password'] === undefined)) fail('--wifi-ssid and --wifi-password go together');
    // The town's own signing key alone when it has one (OTA_TENANT_KEYS_DIR), else the installation's.
    const own = config.otaTenantKeysDir ? tenantKeys(config.otaTenantKeysDir)(a.tenant) : undefined;
    const signing = own ?? (config.otaSigningKey ? loadSigningKey(config.otaSigningKey) : undefined);
    const otaKeys = signing ? [{ keyId: signing.keyId, publicKey: signing.publicKey }] : [];
    let p;
    try {
      await repo.ensureTenant(a.tenant, Date.now());
      const broker = parseBroker(brokerUrl);
      const caPath = a['ca-file'] ?? config.deviceBrokerCa ?? config.mqttTlsCa;
      const ca = broker.tls && caPath ? new Uint8Array(new X509Certificate(readFileSync(userPath(caPath))).raw) : undefined;
      p = await identities.provision({
        tenant: a.tenant, deviceId: a.device, hardwareModel: a.model, broker: { ...broker, ...(ca ? { ca } : {}) }, otaKeys,
        ...(a['wifi-ssid'] !== undefined ? { wifi: { ssid: a['wifi-ssid'], password: a['wifi-password'] as string } } : {}),
      });
    } catch (err) {
      if (err instanceof ProvisionConflict || err instanceof RangeError) fail(err.message);
      throw err;
    }
    const out = userPath(a.out);
    writeFileSync(out, p.nvs, { mode: 0o600 });
    chmodSync(out, 0o600);
    // ESP-IDF nvs_partition_gen.py input: the namespace, then the identity blob read from the file beside it.
    writeFileSync(`${out}.csv`, `key,type,encoding,value\nstreetlight,namespace,,\nidentity,file,binary,${basename(out)}\n`, { mode: 0o600 });
    console.log(`${a.device}: provisioned for ${a.tenant} (key generation ${p.generation}, ${otaKeys.length} OTA key(s), broker ${brokerUrl})`);
    console.log(`identity written to ${out} and ${out}.csv (secret: hand it to the board, then delete it)`);
  } else if (command === 'revoke') {
    if (!a.device) fail('--device is required');
    const done = await identities.revoke(a.device);
    console.log(done ? `${a.device}: revoked (frames and broker connections refused from now on)` : `${a.device}: not provisioned or already revoked`);
    if (!done) process.exitCode = 1;
  } else {
    if (!a.out || !a.listener) fail('--out and --listener (host:port) are required');
    if ((a.certfile === undefined) !== (a.keyfile === undefined)) fail('--certfile and --keyfile go together (TLS on the listener)');
    if (!config.mqttUsername || !config.mqttPassword) fail(`${settingName('mqttUsername')} and ${settingName('mqttPassword')} name the servers' account`);
    const devices = await identities.repo.list();
    writeMosquittoConfig(userPath(a.out), {
      devices, server: { username: config.mqttUsername, password: config.mqttPassword },
      listener: a.listener, plugin: a.plugin,
      ...(a['persistence-dir'] ? { persistenceDir: userPath(a['persistence-dir']) } : {}),
      ...(a.certfile && a.keyfile ? { tls: { cafile: a.cafile, certfile: a.certfile, keyfile: a.keyfile } } : {}),
    });
    const active = devices.filter((d) => d.revokedAt === null).length;
    console.log(`Mosquitto configuration for ${active} device(s) written to ${userPath(a.out)} (restart Mosquitto to apply)`);
  }
} finally {
  await repo.close();
}
