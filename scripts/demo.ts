/**
 * The demo: the fleet server plus a simulated town of controllers in accelerated time.
 *
 *   npx -y pnpm@10 demo [--speed 60] [--boards N] [--http-port 8080] [--mqtt-port 1884]
 *                       [--data-dir ./data/demo] [--town sarlat] [--start now|sunset|<ISO>] [--fresh]
 *
 * One virtual clock drives the boards and the server (`build({ now })`), so server timestamps, override
 * expiries and the boards' plans all live in the same accelerated time; it is written to the data directory's
 * `clock.json` (fleet-server's server-clock.ts), so `admin:create` and `device provision` run on the same data
 * stamp their writes in that time too. Everything persists in the data directory (the server's SQLite file, each
 * board's flash, the virtual clock, the demo account's password in `demo-account.json`), so a restart resumes the
 * town where it was, and people signed in stay signed in.
 *
 * The set-up runs at every start and only adds what is missing (an older data directory gets it too): the
 * luminaire catalogue, two named plans, and each street's category and plan — through the REST API with an admin
 * token made for it and revoked as soon as it is done (earlier runs' leftovers too).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build, ConfigError, generateSigningKey, PortInUseError, randomPassword, readServerClock, verifyPassword, writeServerClock, type BuildOptions } from '@streetlight/fleet-server';
import { buildSimImage, createTown, getTown, LUMINAIRE_CATALOGUE, townInventory, VirtualClock, type SimFleet, type TownPole } from '@streetlight/hardware-sim';
import { sunEventUtc, ZENITH_OFFICIAL, parsePosixTz, toLocalMs } from '@streetlight/firmware';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  // `pnpm demo -- --speed 120` hands the script the `--` too: parseArgs would take what follows for positionals.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: {
    speed: { type: 'string', default: '60' },
    boards: { type: 'string' },
    'http-port': { type: 'string' },
    'mqtt-port': { type: 'string' },
    // DATA_DIR, the server's own setting, moves it too (the documentation test runs the demo in a temp dir).
    'data-dir': { type: 'string', default: process.env.DATA_DIR || join(repoRoot, 'data', 'demo') },
    town: { type: 'string', default: 'sarlat' },
    start: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 5).map((l) => l.replace(/^ \* ?/, '')).join('\n'));
  process.exit(0);
}

function fail(message: string): never {
  console.error(`demo: ${message}`);
  process.exit(1);
}

const speed = Number(args.speed);
if (!(speed > 0 && speed <= 3600)) fail(`--speed must be a number in (0, 3600], got ${args.speed}`);
const town = getTown(args.town);
const tenant = town.slug;
const dataDir = resolve(args['data-dir']);
if (args.fresh) rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
/** Resume the saved virtual time, else start a quarter of an hour before today's sunset in the town. */
function startTime(): number {
  if (args.start === 'now') return Date.now();
  if (args.start && args.start !== 'sunset') {
    const t = Date.parse(args.start);
    if (Number.isNaN(t)) fail(`--start must be now, sunset or an ISO date, got ${args.start}`);
    return t;
  }
  const saved = args.start ? undefined : readServerClock(dataDir);
  if (saved) return saved.now;
  const sunset = sunEventUtc(Date.now(), town.centre.lat, town.centre.lon, ZENITH_OFFICIAL, false) ?? Date.now();
  return sunset - 15 * 60_000;
}

const clock = new VirtualClock({ start: startTime() });
/** The town's clock for the tools working on this data directory: running at `speed` while this process lives. */
const saveClock = (running: boolean): void => writeServerClock(dataDir, {
  now: clock.now(), realAt: Date.now(), speed: running ? speed : 0, ...(running ? { pid: process.pid } : {}),
});

const config: Record<string, unknown> = { dataDir };
// OTA (issue 16): the demo signs firmware with a key of its own, made once in the data directory (mode 0600), and
// its boards are provisioned to trust it, so a campaign started from the UI's firmware page succeeds. OTA_SIGNING_KEY,
// when set, wins (the installation's key).
const demoKeyPath = join(dataDir, 'ota-signing-key.pem');
if (!process.env.OTA_SIGNING_KEY) {
  if (!existsSync(demoKeyPath)) generateSigningKey(demoKeyPath);
  config.otaSigningKey = demoKeyPath;
}
if (args['http-port'] !== undefined) config.httpPort = Number(args['http-port']);
if (args['mqtt-port'] !== undefined) config.mqttPort = Number(args['mqtt-port']);

// Fault injection (the UI's Simulation panel, POST …/simulation/faults): faults made in the simulated hardware, which the
// firmware detects and reports as on a pole. Each street is fed by a cabinet `AR-<street>` (circuit D1, set up below):
// a supply fault there lowers the voltage of every light of the circuit by 15 %.
let simFleet: SimFleet | undefined = undefined; // set once the boards exist
const circuits = new Map<string, string[]>();
type Simulation = NonNullable<BuildOptions['simulation']>;
const faults = new Map<string, ReturnType<Simulation['active']>[number]>();
const simulation: Simulation = {
  tenant: town.slug,
  targets: () => ({ lights: simFleet ? simFleet.boards.map((b) => b.deviceId).sort() : [], circuits: [...circuits].map(([id, l]) => ({ id, lights: l.length })) }),
  inject(kind, target, active) {
    if (!simFleet) return undefined;
    const ids = kind === 'supply_fault' ? circuits.get(target) : simFleet.get(target) ? [target] : undefined;
    if (!ids) return undefined;
    for (const id of ids) {
      const b = simFleet.get(id);
      if (kind === 'lamp_failure') b?.metering.injectLampFailure(active);
      else if (kind === 'day_burner') b?.metering.injectDayBurner(active);
      else b?.electrical.setVoltageDeviation(active ? -15 : 0);
    }
    if (active) faults.set(`${kind} ${target}`, { kind, target, lights: ids.length });
    else faults.delete(`${kind} ${target}`);
    return ids;
  },
  active: () => [...faults.values()],
};

let app: Awaited<ReturnType<typeof build>>;
try {
  app = await build({ config, env: process.env, now: () => clock.now(), logger: { level: process.env.LOG_LEVEL ?? 'warn' }, simulation });
  await app.fleet.listen();
} catch (err) {
  if (err instanceof PortInUseError || err instanceof ConfigError) fail(err.message);
  throw err;
}
const httpUrl = app.fleet.httpUrl as string;
const broker = new URL(app.fleet.brokerUrl);

// Accounts (issue 7): the town's profile and a lighting manager to sign in with. Its password is made once and
// kept in the data directory (mode 0600), so a restart neither changes it nor signs anyone out. The account has no
// saved language: the UI speaks the browser's (French for a French browser, English otherwise) until the person
// picks one.
await app.auth.putProfile({ tenantId: tenant, name: town.name, kind: 'town', parentId: null });
await app.repo.ensureTenant(tenant, clock.now());
const DEMO_EMAIL = `manager@${tenant}.demo`;
const accountFile = join(dataDir, 'demo-account.json');
const savedAccount = (existsSync(accountFile) ? JSON.parse(readFileSync(accountFile, 'utf8')) : {}) as { email?: string; password?: string };
const demoUser = await app.auth.repo.getUserByEmail(DEMO_EMAIL);
/** The password to print: the kept one, a new one (first start), or null when the person changed it in the UI. */
let demoPassword: string | null;
if (demoUser && savedAccount.email === DEMO_EMAIL && typeof savedAccount.password === 'string') {
  demoPassword = (await verifyPassword(savedAccount.password, demoUser.passwordHash)) ? savedAccount.password : null;
} else {
  // First start, or a data directory from before the password was kept (the demo then also set a language).
  demoPassword = randomPassword();
  if (demoUser) {
    await app.auth.setPassword(demoUser.id, demoPassword);
    await app.auth.repo.updateUser(demoUser.id, { locale: null });
  }
  writeFileSync(accountFile, JSON.stringify({ email: DEMO_EMAIL, password: demoPassword }), { mode: 0o600 });
  chmodSync(accountFile, 0o600);
}
const demoUserId = demoUser?.id ?? (await app.auth.createUser({ email: DEMO_EMAIL, name: 'Demo lighting manager', password: demoPassword as string, locale: null })).id;
await app.auth.repo.setRole(demoUserId, tenant, 'manager', clock.now());

// This script's own set-up calls go through the REST API with an admin token made for them and revoked once they
// are done; a token an earlier run could not revoke (killed during its set-up) is revoked first.
const SETUP_TOKEN = 'demo set-up';
for (const t of await app.auth.repo.listTokens(tenant)) {
  if (t.name === SETUP_TOKEN && t.revokedAt === null) await app.auth.repo.revokeToken(tenant, t.id, Date.now());
}
const setupToken = await app.auth.createToken({ tenantId: tenant, role: 'admin', name: SETUP_TOKEN, createdBy: null });
const setupHeaders = { authorization: `Bearer ${setupToken.token}` };

async function api(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, allow404 = false): Promise<unknown> {
  const res = await app.inject({ method, url, headers: setupHeaders, ...(body !== undefined ? { payload: body as object } : {}) });
  if (allow404 && res.statusCode === 404) return undefined;
  if (res.statusCode >= 300) fail(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Lanes of the old town: a sobriety plan with switch-off in the heart of the night, later on weekends. */
const lanePlan = {
  programs: [
    { id: 1, steps: [
      { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 5 },
      { anchor: 'clock', offsetMin: 22 * 60 + 30, level: 60, fadeS: 60 },
      { anchor: 'clock', offsetMin: 0, level: 0, fadeS: 60 },
      { anchor: 'clock', offsetMin: 5 * 60 + 30, level: 60, fadeS: 60 },
      { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 5 },
    ] },
    { id: 2, steps: [
      { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 5 },
      { anchor: 'clock', offsetMin: 23 * 60 + 30, level: 60, fadeS: 60 },
      { anchor: 'clock', offsetMin: 60, level: 0, fadeS: 60 },
      { anchor: 'clock', offsetMin: 5 * 60 + 30, level: 60, fadeS: 60 },
      { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 5 },
    ] },
  ],
  rules: [{ programId: 2, weekdays: ['fri', 'sat'] }],
  defaultProgramId: 1,
};
/** Through roads: never off, dimmed to 50 % from 23:00. */
const avenuePlan = {
  programs: [{ id: 1, steps: [
    { anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 5 },
    { anchor: 'clock', offsetMin: 23 * 60, level: 50, fadeS: 120 },
    { anchor: 'clock', offsetMin: 5 * 60 + 30, level: 80, fadeS: 120 },
    { anchor: 'sunrise', offsetMin: 0, level: 0, fadeS: 5 },
  ] }],
  rules: [],
  defaultProgramId: 1,
};

let poles: TownPole[] = townInventory(town.slug);
const count = args.boards !== undefined ? Number(args.boards) : poles.length;
if (!(Number.isInteger(count) && count > 0)) fail(`--boards must be a positive integer, got ${args.boards}`);
poles = poles.slice(0, count);

const T = `/api/tenants/${tenant}`;
const known = (await api('GET', `${T}/devices`, undefined, true)) as unknown[] | undefined;
if (!known?.length) {
  // First run: commission the poles (installer's job).
  await api('POST', `${T}/inventory`, poles.map((p) => ({
    deviceId: p.deviceId, poleRef: p.poleRef, lat: p.lat, lon: p.lon, group: p.streetCode,
    luminaireModel: p.luminaire.id, nominalPowerW: p.nominalW, cctK: p.luminaire.cctK,
  })));
  // Each pole's street by its name (the inventory model): the map draws the streets from the poles, named.
  const streetName = new Map(town.streets.map((s) => [s.code, s.name]));
  for (const p of poles) {
    await api('PUT', `${T}/inventory/poles/${encodeURIComponent(p.poleRef)}`, { lat: p.lat, lon: p.lon, street: streetName.get(p.streetCode) ?? p.streetCode });
  }
}
// The lighting manager's side, at every start for what is missing: the luminaire catalogue (CCT and ULR, which
// the decree check reads: the avenues' 4000 K heads are flagged), the two named plans, and each street's category
// (road lighting, art. 1 a) and plan — so the UI shows plans by name per street and the street's compliance.
const models = (await api('GET', `${T}/luminaire-models`)) as Array<{ id: string }>;
for (const m of Object.values(LUMINAIRE_CATALOGUE)) {
  if (models.some((x) => x.id === m.id)) continue;
  await api('PUT', `${T}/luminaire-models/${m.id}`, { name: m.name, cctK: m.cctK, ulrPct: m.ulrPct, nominalW: m.nominalW, curve: 'linear', minLevel: 0 });
}
const plans = (await api('GET', `${T}/plans`)) as Array<{ planId: number; name: string }>;
async function namedPlan(name: string, description: string, plan: object): Promise<number> {
  const have = plans.find((p) => p.name === name);
  if (have) return have.planId;
  return ((await api('POST', `${T}/plans`, { name, description, plan })) as { planId: number }).planId;
}
const lanePlanId = await namedPlan('Ruelles — extinction en cœur de nuit', 'Vieille ville : 100 % au coucher, 60 % à 22 h 30, éteint de minuit à 5 h 30 (1 h le week-end), 60 % jusqu’au lever.', lanePlan);
const avenuePlanId = await namedPlan('Avenues — abaissement à 50 % dès 23 h', 'Axes de traversée, jamais éteints : 100 % au coucher, 50 % à 23 h, 80 % à 5 h 30.', avenuePlan);
for (const street of town.streets) {
  if (!poles.some((p) => p.streetCode === street.code)) continue;
  const settings = (await api('GET', `${T}/groups/${street.code}/settings`)) as { planId: number | null };
  if (settings.planId !== null) continue; // the manager's own choice stays
  await api('PUT', `${T}/groups/${street.code}/settings`, { category: 'a', planId: street.kind === 'lane' ? lanePlanId : avenuePlanId });
}
// Each street's cabinet (armoire) and circuit, and its poles on it: a supply fault is then one line in the alarm mail.
const cabinets = (await api('GET', `${T}/inventory/cabinets`)) as Array<{ id: string }>;
for (const street of town.streets) {
  const on = poles.filter((p) => p.streetCode === street.code);
  if (on.length === 0) continue;
  const cabinet = `AR-${street.code}`;
  circuits.set(`${cabinet}/D1`, on.map((p) => p.deviceId));
  if (cabinets.some((c) => c.id === cabinet)) continue;
  await api('PUT', `${T}/inventory/cabinets/${cabinet}`, { name: `Armoire ${street.name}`, lat: on[0]!.lat, lon: on[0]!.lon });
  await api('PUT', `${T}/inventory/cabinets/${cabinet}/circuits/D1`, { name: 'Départ 1' });
  for (const p of on) await api('PUT', `${T}/inventory/poles/${p.poleRef}`, { lat: p.lat, lon: p.lon, street: street.name, cabinetId: cabinet, circuitId: 'D1' });
}
// A firmware image for the campaign to send: the simulated boards' next version, uploaded (and signed) once, and
// written to the data directory for the firmware page's upload form too.
const DEMO_IMAGE = { version: '0.2.0-sim', hardwareModels: ['SL-ESP32-SIM'], kind: 'full' as const };
const demoImageFile = join(dataDir, `firmware-${DEMO_IMAGE.version}.slimg`);
if (!existsSync(demoImageFile)) writeFileSync(demoImageFile, buildSimImage(DEMO_IMAGE, 16_384));
let demoImage = false;
if (app.ota.enabled) {
  const images = (await api('GET', `${T}/ota/images`)) as Array<{ version: string }>;
  if (!images.some((im) => im.version === DEMO_IMAGE.version)) {
    const q = new URLSearchParams({ version: DEMO_IMAGE.version, kind: DEMO_IMAGE.kind, hardwareModels: DEMO_IMAGE.hardwareModels.join(','), releaseNotes: 'Image de démonstration' });
    const res = await app.inject({ method: 'POST', url: `${T}/ota/images?${q}`, headers: { ...setupHeaders, 'content-type': 'application/octet-stream' }, payload: readFileSync(demoImageFile) });
    if (res.statusCode !== 201) fail(`POST ${T}/ota/images → ${res.statusCode} ${res.body}`);
  }
  demoImage = true;
}
await app.auth.repo.revokeToken(tenant, setupToken.id, Date.now());

// Issue 11: every controller is provisioned (its own identity and keys, written to its NVS as an installer's
// provisioning step does). At each start again: a new key generation, the previous one stops working.
const identities = new Map<string, Uint8Array>();
for (const p of townInventory(town.slug).slice(0, count)) {
  const { nvs } = await app.identities.provision({
    tenant, deviceId: p.deviceId, hardwareModel: 'SL-ESP32-SIM', broker: app.fleet.deviceBroker, otaKeys: app.ota.trustKeysFor(tenant),
  });
  identities.set(p.deviceId, nvs);
}
const fleet = createTown({
  clock, tenant, town: town.slug, count, identity: (id) => identities.get(id),
  // Each controller meters its luminaire (HLW8012 pulse output), so the UI's energy page has real records.
  boardDefaults: { meter: 'hlw8012' },
  broker: { host: broker.hostname, port: Number(broker.port) },
  dataDir: join(dataDir, 'boards'),
});
simFleet = fleet;
await fleet.start({ staggerMs: 20 });
clock.start(speed);
saveClock(true);

const tz = parsePosixTz(town.tz);
const localTime = (): string => new Date(toLocalMs(tz, clock.now())).toISOString().slice(0, 16).replace('T', ' ');
console.log([
  '',
  `Streetlight demo — ${town.name}: ${fleet.size} simulated controllers, virtual time ×${speed}`,
  `  UI            ${httpUrl}/`,
  `  sign in as    ${DEMO_EMAIL}  /  ${demoPassword ?? '(the password you chose in the UI)'}   (lighting manager of ${town.name})`,
  `  REST API      ${httpUrl}/api/openapi.json   (tenant "${tenant}")`,
  `  MQTT broker   ${app.fleet.brokerUrl}`,
  `  firmware      ${demoImage ? `image ${DEMO_IMAGE.version} ready for a campaign (Micrologiciel page); signed with ${process.env.OTA_SIGNING_KEY ?? demoKeyPath}` : 'OTA off'}`,
  `  data          ${dataDir}`,
  `  town time     ${localTime()} (local)`,
  '  Ctrl-C stops; running the same command again resumes where it stopped (--fresh starts over).',
  '',
].join('\n'));

const status = setInterval(() => {
  const s = fleet.stats();
  console.log(`${localTime()}  online ${s.online}/${s.boards}  lit ${s.lit}  ${Math.round(s.powerW)} W  ${(s.energyWh / 1000).toFixed(2)} kWh`);
  saveClock(true);
  fleet.flushStorage(); // the boards' metering logs, so a restart resumes their energy counters
}, 10_000);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearInterval(status);
  clock.stop();
  saveClock(false);
  fleet.dispose();
  await app.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
