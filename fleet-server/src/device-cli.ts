/**
 * Device identities from the command line (issue 11): provisioning a controller, revoking one, and the Mosquitto
 * configuration of an installation with an external broker. Same settings as the server (DATA_DIR / DATABASE_URL,
 * DEVICE_MASTER_KEY, OTA_SIGNING_KEY, DEVICE_BROKER_URL or --broker), straight on the database (no HTTP).
 *
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device provision --tenant sarlat --device SRL-0001 \
 *     --model SL-ESP32 --broker mqtts://mqtt.sarlat.fr:8883 --ca-file ca.pem --out ./SRL-0001.identity [--wifi-ssid … --wifi-password …]
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device provision --tenant sarlat --devices SRL-0001..SRL-0020 \
 *     --model SL-ESP32 --broker mqtt://mqtt.sarlat.fr:1883 --out-dir ./batch [--json]
 *   npx -y pnpm@10 --filter @streetlight/fleet-server run device flash --devices SRL-0001..SRL-0020 --identity-dir ./batch \
 *     --image streetlight-1.4.0.slimg --sim-dir ./boards [--model SL-ESP32] [--json]
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
 *
 * Issue 15: every provisioning makes a claim code (the server keeps its hash) and a label (devices/labels.ts):
 * `<out>.label.svg` (62 × 29 mm: the device id, the claim code and a QR code of both); one controller's QR is also
 * printed in the terminal. A batch (`--devices`, ids and ranges `SRL-0001..SRL-0020`) writes into `--out-dir`
 * `<id>.identity`, `<id>.identity.csv` and `<id>.label.svg` per controller and `labels.html`, an A4 sheet of the
 * labels to print, with its progress on stderr; `--json` prints what was made (ids, key generations, claim codes,
 * file paths; no secret) as JSON instead.
 *
 * `flash` is the workshop's next step for simulated boards (a real board is flashed with `esptool`, firmware/README.md):
 * for each controller it writes the board's factory partition — its NVS store `<sim-dir>/<id>.json`, erased and
 * holding only the provisioned identity (the format of hardware-sim/src/storage.ts SimFlash) — and installs the
 * firmware image into its app slot 0, `<sim-dir>/<id>.app0` (a simulated image: hardware-sim/src/ota/bootloader.ts,
 * the header `SLIMG1` naming its version and the hardware models it runs on; refused when not one, or built for
 * another model than `--model`). The simulator boots such a board with `flashedBoard(dir, id)` (hardware-sim).
 * It needs no database: only the files.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, settingName, type ConfigInput } from './config.js';
import { openRepository } from './db/index.js';
import type { DrizzleRepository } from './db/drizzle-repository.js';
import { DeviceIdentities, loadMasterKey, MasterKeyError, ProvisionConflict } from './devices/identity.js';
import { claimPayload, labelSheetHtml, labelSvg, terminalQr } from './devices/labels.js';
import { writeMosquittoConfig } from './mqtt/broker-config.js';
import { disableBrokerClient } from './mqtt/dynsec.js';
import { loadSigningKey } from './ota/signing.js';
import { tenantKeys } from './ota/plugin.js';
import { serverClockOf } from './server-clock.js';

const USAGE = 'usage: device provision|flash|revoke|broker-config [options] (see fleet-server/README.md, "Device identities")';
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
    devices: { type: 'string' }, 'out-dir': { type: 'string' }, json: { type: 'boolean' },
    'identity-dir': { type: 'string' }, image: { type: 'string' }, 'sim-dir': { type: 'string' },
  },
});

/** A path as the user typed it: relative to where pnpm was invoked (INIT_CWD), not to this package. */
const userPath = (p: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), p);

function fail(msg: string): never {
  console.error(`device ${command ?? ''}: ${msg}`);
  process.exit(1);
}

/** Largest batch of one `provision --devices`. */
const MAX_BATCH = 10_000;

/**
 * `--devices`: ids separated by commas, each an id or a range `SRL-0001..SRL-0020` (the same prefix, numbers of
 * the same width, ascending): the ids in order, each once.
 */
function parseDeviceList(spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(',').map((x) => x.trim()).filter(Boolean)) {
    const range = /^(.*?)(\d+)\.\.(.*?)(\d+)$/.exec(part);
    if (!range) { out.push(part); continue; }
    const [, p1, n1, p2, n2] = range as unknown as [string, string, string, string, string];
    if (p1 !== p2 || n1.length !== n2.length || Number(n2) < Number(n1)) fail(`--devices: ${part} is not a range like SRL-0001..SRL-0020`);
    if (Number(n2) - Number(n1) + 1 > MAX_BATCH) fail(`--devices: at most ${MAX_BATCH} controllers at a time`);
    for (let n = Number(n1); n <= Number(n2); n++) out.push(`${p1}${String(n).padStart(n1.length, '0')}`);
  }
  if (out.length === 0) fail('--devices: no device id');
  if (out.length > MAX_BATCH) fail(`--devices: at most ${MAX_BATCH} controllers at a time`);
  const seen = new Set<string>();
  for (const id of out) {
    if (seen.has(id)) fail(`--devices: ${id} twice`);
    seen.add(id);
  }
  return out;
}

function parseBroker(url: string): { host: string; port: number; tls: boolean } {
  const m = /^(mqtts?):\/\/\[?([^\]/]+?)\]?(?::(\d{1,5}))?\/?$/.exec(url);
  if (!m) fail(`--broker must be mqtt://host:port or mqtts://host:port, got ${url}`);
  const tls = m[1] === 'mqtts';
  return { host: m[2] as string, port: m[3] ? Number(m[3]) : tls ? 8883 : 1883, tls };
}

if (command !== 'provision' && command !== 'flash' && command !== 'revoke' && command !== 'broker-config') fail(USAGE);

/** The NVS key the firmware reads its identity from (firmware/src/identity.ts IDENTITY_KEY). */
const NVS_IDENTITY_KEY = 'identity';
/** A simulated image's first line (hardware-sim/src/ota/bootloader.ts buildSimImage). */
const SIM_IMAGE_MAGIC = 'SLIMG1\n';

/** Reads a simulated firmware image's header: its version and the hardware models it runs on. */
function simImageInfo(bytes: Uint8Array): { version: string; hardwareModels: string[] } | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (!head.startsWith(SIM_IMAGE_MAGIC)) return undefined;
  const end = head.indexOf('\n', SIM_IMAGE_MAGIC.length);
  try {
    const info = JSON.parse(head.slice(SIM_IMAGE_MAGIC.length, end)) as { version?: unknown; hardwareModels?: unknown; kind?: unknown };
    return end > 0 && typeof info.version === 'string' && Array.isArray(info.hardwareModels) && info.kind === 'full'
      ? { version: info.version, hardwareModels: info.hardwareModels.map(String) } : undefined;
  } catch {
    return undefined;
  }
}

if (command === 'flash') {
  if (!a.devices && !a.device) fail('--device or --devices is required');
  if (!a['identity-dir'] || !a.image || !a['sim-dir']) fail('--identity-dir (where provision wrote <id>.identity), --image and --sim-dir (the simulated boards) are required');
  const ids = a.devices ? parseDeviceList(a.devices) : [a.device as string];
  let image: Uint8Array;
  try {
    image = new Uint8Array(readFileSync(userPath(a.image)));
  } catch (err) {
    fail(`--image ${a.image}: ${(err as Error).message}`);
  }
  const info = simImageInfo(image);
  if (!info) fail(`${a.image} is not a simulated firmware image (full image, header SLIMG1); a real board is flashed with esptool (firmware/README.md)`);
  if (a.model && !info.hardwareModels.includes(a.model)) fail(`${a.image} (version ${info.version}) is built for ${info.hardwareModels.join(', ')}, not ${a.model}`);
  const simDir = userPath(a['sim-dir']);
  mkdirSync(simDir, { recursive: true, mode: 0o700 });
  const done: Array<{ deviceId: string; nvs: string; app: string }> = [];
  for (const deviceId of ids) {
    let identity: Buffer;
    try {
      identity = readFileSync(join(userPath(a['identity-dir']), `${deviceId}.identity`));
    } catch {
      fail(`${deviceId}: no ${deviceId}.identity in ${a['identity-dir']} (provision it first)${done.length ? `; ${done.length} flashed before it` : ''}`);
    }
    // The factory partition: an erased NVS holding the identity alone (the simulator's SimFlash file), then the image in slot 0.
    const nvs = join(simDir, `${deviceId}.json`);
    writeFileSync(nvs, JSON.stringify({ data: { [NVS_IDENTITY_KEY]: identity.toString('base64') }, writes: {} }), { mode: 0o600 });
    const app = join(simDir, `${deviceId}.app0`);
    writeFileSync(app, image);
    done.push({ deviceId, nvs, app });
    if (!a.json) process.stderr.write(`flashed ${done.length}/${ids.length} ${deviceId}: identity and firmware ${info.version}\n`);
  }
  if (a.json) console.log(JSON.stringify({ firmwareVersion: info.version, hardwareModels: info.hardwareModels, boards: done }, null, 2));
  else console.log(`${done.length} simulated board(s) flashed in ${simDir}: identity in NVS, firmware ${info.version} in slot 0`);
  process.exit(0);
}

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
  const identities = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master, now: serverClockOf(config.dataDir) });
  if (command === 'provision') {
    const batch = a.devices !== undefined;
    if (!a.tenant || (!a.device && !batch)) fail('--tenant and --device (one controller) or --devices (a batch) are required');
    if (a.device && batch) fail('--device and --devices do not go together');
    if (!batch && !a.out) fail('--out is required with --device');
    if (batch && !a['out-dir']) fail('--out-dir is required with --devices');
    const ids = batch ? parseDeviceList(a.devices as string) : [a.device as string];
    const brokerUrl = a.broker ?? config.deviceBrokerUrl;
    if (!brokerUrl) fail(`--broker (or ${settingName('deviceBrokerUrl')}) is required: the broker as the controller reaches it`);
    if ((a['wifi-ssid'] === undefined) !== (a['wifi-password'] === undefined)) fail('--wifi-ssid and --wifi-password go together');
    // The town's own signing key alone when it has one (OTA_TENANT_KEYS_DIR), else the installation's.
    const own = config.otaTenantKeysDir ? tenantKeys(config.otaTenantKeysDir)(a.tenant) : undefined;
    const signing = own ?? (config.otaSigningKey ? loadSigningKey(config.otaSigningKey) : undefined);
    const otaKeys = signing ? [{ keyId: signing.keyId, publicKey: signing.publicKey }] : [];
    const broker = parseBroker(brokerUrl);
    const caPath = a['ca-file'] ?? config.deviceBrokerCa ?? config.mqttTlsCa;
    const ca = broker.tls && caPath ? new Uint8Array(new X509Certificate(readFileSync(userPath(caPath))).raw) : undefined;
    const dir = batch ? userPath(a['out-dir'] as string) : undefined;
    if (dir) mkdirSync(dir, { recursive: true, mode: 0o700 });
    await repo.ensureTenant(a.tenant, serverClockOf(config.dataDir)());
    const done: Array<{ deviceId: string; generation: number; claimCode: string; identity: string; label: string; svg: string }> = [];
    for (const deviceId of ids) {
      let p;
      try {
        p = await identities.provision({
          tenant: a.tenant, deviceId, hardwareModel: a.model, broker: { ...broker, ...(ca ? { ca } : {}) }, otaKeys,
          ...(a['wifi-ssid'] !== undefined ? { wifi: { ssid: a['wifi-ssid'], password: a['wifi-password'] as string } } : {}),
        });
      } catch (err) {
        if (err instanceof ProvisionConflict || err instanceof RangeError) fail(done.length ? `${err.message} (${done.length} provisioned before it: ${done.map((d) => d.deviceId).join(', ')})` : err.message);
        throw err;
      }
      const out = dir ? join(dir, `${deviceId}.identity`) : userPath(a.out as string);
      writeFileSync(out, p.nvs, { mode: 0o600 });
      chmodSync(out, 0o600);
      // ESP-IDF nvs_partition_gen.py input: the namespace, then the identity blob read from the file beside it.
      writeFileSync(`${out}.csv`, `key,type,encoding,value\nstreetlight,namespace,,\nidentity,file,binary,${basename(out)}\n`, { mode: 0o600 });
      const svg = await labelSvg({ deviceId, claimCode: p.claimCode, tenant: a.tenant, ...(a.model ? { model: a.model } : {}) });
      const label = dir ? join(dir, `${deviceId}.label.svg`) : `${out}.label.svg`;
      writeFileSync(label, svg);
      done.push({ deviceId, generation: p.generation, claimCode: p.claimCode, identity: out, label, svg });
      if (batch && !a.json) process.stderr.write(`provisioned ${done.length}/${ids.length} ${deviceId}\n`);
    }
    const sheet = dir ? join(dir, 'labels.html') : undefined;
    if (sheet) writeFileSync(sheet, labelSheetHtml(done.map((d) => ({ deviceId: d.deviceId, claimCode: d.claimCode, tenant: a.tenant as string, ...(a.model ? { model: a.model } : {}), svg: d.svg }))));
    if (a.json) {
      // What the labels say and where the files are; never the secrets (they are in the identity files only).
      console.log(JSON.stringify({
        tenant: a.tenant, broker: brokerUrl, otaKeys: otaKeys.length, labels: sheet ?? null,
        devices: done.map((d) => ({ deviceId: d.deviceId, keyGeneration: d.generation, claimCode: d.claimCode, identity: d.identity, label: d.label })),
      }, null, 2));
    } else if (batch) {
      console.log(`${done.length} controller(s) provisioned for ${a.tenant} (${otaKeys.length} OTA key(s), broker ${brokerUrl})`);
      console.log(`identities, ESP-IDF inputs and labels in ${dir}; print ${sheet} (secret: hand each identity to its board, then delete it)`);
    } else {
      const d = done[0]!;
      console.log(`${d.deviceId}: provisioned for ${a.tenant} (key generation ${d.generation}, ${otaKeys.length} OTA key(s), broker ${brokerUrl})`);
      console.log(`identity written to ${d.identity} and ${d.identity}.csv (secret: hand it to the board, then delete it)`);
      console.log(`label: ${d.label} (claim code ${d.claimCode})`);
      console.log(await terminalQr(claimPayload(d.deviceId, d.claimCode)));
    }
  } else if (command === 'revoke') {
    if (!a.device) fail('--device is required');
    const done = await identities.revoke(a.device);
    console.log(done ? `${a.device}: revoked (frames and broker connections refused from now on)` : `${a.device}: not provisioned or already revoked`);
    if (!done) process.exitCode = 1;
    // Issue 15: an external Mosquitto (MQTT_URL and the servers' account) is told at once: account disabled, connection closed.
    if (done && config.mqttUrl && config.mqttUsername && config.mqttPassword) {
      const why = await disableBrokerClient({ url: config.mqttUrl, username: config.mqttUsername, password: config.mqttPassword }, a.device);
      console.log(why === undefined
        ? `${a.device}: disabled on the broker and disconnected`
        : `${a.device}: the broker was not told (${why}); it refuses the device after the next broker-config and restart`);
    }
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
