/**
 * `build()` assembles the fleet server as a fastify instance (HOUSE-STYLE 10); `server.ts` only starts it.
 * Shared resources are plugins that decorate the instance and release themselves in onClose:
 *   repo     the database (SQLite or PostgreSQL), migrated on start
 *   broker   the embedded aedes broker, unless MQTT_URL names an external one
 *   ingest   the server's MQTT client (the same code for both brokers) and the device service
 * `build()` resolves once everything is ready: migrations applied, broker bound, ingest subscribed.
 */
import { randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import swagger from '@fastify/swagger';
import {
  createJsonSchemaTransform, createJsonSchemaTransformObject, hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler,
} from 'fastify-type-provider-zod';
import { loadConfig, PortInUseError, settingName, type Config, type ConfigInput } from './config.js';
import { openRepository, type Repository } from './db/index.js';
import { DeviceService } from './devices/service.js';
import { PresenceAhead } from './devices/presence-ahead.js';
import { TrafficProfileRepository } from './db/traffic-profile-repository.js'; // issue 17: frugal learning
import { profileRow } from './devices/traffic-profile.js';
import { trafficProfileRoutes } from './routes/traffic-profiles.js';
import { LuminaireD4iRepository } from './db/luminaire-d4i-repository.js';
import { d4iRow } from './devices/luminaire-d4i.js'; // issue 17
import { luminaireDataRoutes } from './routes/luminaire-data.js';
import { ERRORS, FleetError, type ErrorBody } from './errors.js';
import { Metrics, snapshot, type MetricsSnapshot } from './metrics.js';
import { SERVER_USERNAME, startEmbeddedBroker, type EmbeddedBroker } from './mqtt/broker.js';
import { DeviceIdentities, loadMasterKey, MasterKeyError } from './devices/identity.js';
import { join } from 'node:path';
import { startIngest, type Ingest } from './mqtt/ingest.js';
import { EnergyBatchWriter } from './ingest/energy-batch.js';
import { StateBatchWriter } from './ingest/state-batch.js';
import { OPENAPI_BASE, withDeclaredTagsAndUsedSchemas, withOperationDetails } from './openapi.js';
import { apiRoutes } from './routes/api.js';
import { mapRoutes } from './routes/map.js';
import { inventoryImportRoutes } from './routes/inventory-import.js';
import { inventoryModelRoutes } from './routes/inventory-model.js';
import { planRoutes } from './routes/plans.js';
import { cloRoutes } from './routes/clo.js';
import { calendarRoutes } from './routes/calendar.js';
import { statusRoutes } from './routes/status.js';
import { energyPlugin } from './energy/plugin.js';
import type { PreparedEnergy } from './energy/service.js';
import { energyRoutes } from './routes/energy.js';
import { authPlugin } from './auth/plugin.js';
import { authRoutes } from './routes/auth.js';
import type { ScryptParams } from './auth/password.js';
import { otaPlugin } from './ota/plugin.js'; // issue 6
import { otaRoutes } from './routes/ota.js'; // issue 6
import { OtaCluster } from './ota/cluster.js';
import { relayTopic } from './ota/relay.js';
import { LeaseRepository } from './db/lease-repository.js';
import type { DrizzleRepository } from './db/drizzle-repository.js';
import { uiRoutes } from './routes/ui.js';
import { syndicateRoutes } from './routes/syndicate.js';
import { councilReportRoutes } from './routes/council-report.js';
import { exportRoutes } from './routes/exports.js';
import { alarmsPlugin } from './alarms/plugin.js';
import type { Mailer } from './alarms/notify.js';
import { alarmRoutes } from './routes/alarms.js';
import { simulationRoutes, type SimulationDriver } from './routes/simulation.js';

export interface BuildOptions {
  /** Settings (camelCase); validated with defaults. See config.ts and the README. */
  config?: Partial<ConfigInput>;
  /** Environment to read documented variables from (server.ts passes process.env). Default: none. */
  env?: Record<string, string | undefined>;
  /** Clock in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  /** `false` silences logs; pino options; or a ready pino/fastify logger. Default: pino at LOG_LEVEL. */
  logger?: boolean | FastifyBaseLogger | Exclude<FastifyServerOptions['logger'], boolean | undefined>;
  /**
   * scrypt cost of new password hashes. Default DEFAULT_SCRYPT (N=2^15, r=8, p=3), the only cost a server
   * should use; tests pass TEST_SCRYPT (testing.ts) so that a sign-in costs milliseconds on a loaded machine.
   * Not a setting: no configuration file or variable reaches it.
   */
  passwordHashing?: ScryptParams;
  /**
   * The clock of people, in milliseconds since the epoch: sessions, API tokens and the sign-in back-off. Default
   * `Date.now`. Apart from `now` because the demo runs the device clock faster than real time (a session or a
   * back-off must not pass faster); tests inject a virtual one to step through waits instead of sleeping.
   */
  realNow?: () => number;
  /**
   * Alarm e-mails: the scheduler's real-time poll of the server clock (ms, default 2000; 0 = none, the caller runs
   * `app.notifier.tick()`) and the mailer (default nodemailer over the town's SMTP server).
   */
  alarmMail?: { tickMs?: number; mailer?: Mailer };
  /**
   * The demo's simulated town: with it the server offers fault injection (routes/simulation.ts) and the UI its
   * Simulation panel. Never set by server.ts: a real installation has no such routes.
   */
  simulation?: SimulationDriver;
}

/** The server's public surface, on `app.fleet`. */
export interface Fleet {
  readonly config: Config;
  readonly now: () => number;
  readonly metrics: Metrics;
  /** URL devices must use: the embedded broker's actual address, or MQTT_URL. */
  readonly brokerUrl: string;
  /**
   * The embedded broker's server account (generated at each start, in memory only), for in-process tools and
   * tests that watch a town's traffic: client ids must start with `<username>-`. Undefined with an external broker.
   */
  readonly brokerServerAccount: { username: string; password: string } | undefined;
  /** Broker address written into provisioned identities (DEVICE_BROKER_URL, else brokerUrl), and with TLS the CA (DER) devices check it with. */
  readonly deviceBroker: { host: string; port: number; tls: boolean; ca?: Uint8Array };
  /** `http://host:port` once listening, else undefined. */
  readonly httpUrl: string | undefined;
  mqttConnected(): boolean;
  metricsSnapshot(): Promise<MetricsSnapshot>;
  /** Listens on HTTP_HOST:HTTP_PORT; a taken port rejects with PortInUseError naming the setting. */
  listen(): Promise<string>;
}

declare module 'fastify' {
  interface FastifyInstance {
    fleet: Fleet;
    repo: Repository;
    devices: DeviceService;
    /** Issue 11: provisioned device identities, frame authentication, broker credentials. */
    identities: DeviceIdentities;
    /** Issue 17: the last LuminaireReport of each controller (its DALI-2 / D4i driver's data). */
    luminaireD4i: LuminaireD4iRepository;
  }
}

/** Plugins whose decorations belong to the root instance (what fastify-plugin does). */
function shared<T extends FastifyPluginAsync>(fn: T): T {
  (fn as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return fn;
}

const isLogger = (v: unknown): v is FastifyBaseLogger =>
  typeof v === 'object' && v !== null && typeof (v as FastifyBaseLogger).child === 'function' && typeof (v as FastifyBaseLogger).info === 'function';

export async function build(options: BuildOptions = {}): Promise<FastifyInstance> {
  const config = loadConfig(options.config ?? {}, options.env);
  const now = options.now ?? Date.now;
  const metrics = new Metrics();
  const logger = options.logger ?? { level: config.logLevel };

  const app = Fastify({
    ...(isLogger(logger) ? { loggerInstance: logger } : { logger }),
    requestIdHeader: 'x-request-id',
    // fastify accepts a hop count too, though its types only list boolean | string | string[] | function.
    trustProxy: config.trustProxy as boolean | string,
    genReqId: () => randomUUID(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  let brokerUrl = config.mqttUrl ?? '';
  let brokerServerAccount: { username: string; password: string } | undefined;
  // Issue 11, MQTT over TLS: the embedded broker's certificate, the CA the server's client trusts, the CA written
  // into identities (DER: what the device's TLS stack takes).
  const readPem = (path: string | undefined): Buffer | undefined => (path ? readFileSync(path) : undefined);
  if ((config.mqttTlsCert === undefined) !== (config.mqttTlsKey === undefined)) throw new Error('MQTT_TLS_CERT and MQTT_TLS_KEY go together');
  const brokerTls = config.mqttTlsCert && config.mqttTlsKey ? { cert: readFileSync(config.mqttTlsCert), key: readFileSync(config.mqttTlsKey) } : undefined;
  const clientCa = readPem(config.mqttTlsCa) ?? brokerTls?.cert;
  const devicePem = readPem(config.deviceBrokerCa) ?? clientCa;
  const deviceCa = devicePem ? new Uint8Array(new X509Certificate(devicePem).raw) : undefined;
  let httpUrl: string | undefined;
  let ingest: Ingest | undefined;

  const fleet: Fleet = {
    config,
    now,
    metrics,
    get brokerUrl() { return brokerUrl; },
    get brokerServerAccount() { return brokerServerAccount; },
    get deviceBroker() {
      const b = parseBrokerUrl(config.deviceBrokerUrl ?? brokerUrl);
      return { ...b, ...(b.tls && deviceCa ? { ca: deviceCa } : {}) };
    },
    get httpUrl() { return httpUrl; },
    mqttConnected: () => ingest?.connected() ?? false,
    metricsSnapshot: async () => snapshot(metrics, await app.repo.countDevices(), {
      role: app.ota.role, relaysSent: app.ota.relaysSent, relaysReceived: app.ota.relaysReceived, leads: app.ota.leads,
    }),
    listen: async () => {
      try {
        await app.listen({ host: config.httpHost, port: config.httpPort });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError('httpPort', config.httpPort, config.httpHost);
        throw err;
      }
      return httpUrl as string;
    },
  };
  app.decorate('fleet', fleet);

  app.addHook('onListen', async () => {
    const addr = app.server.address() as AddressInfo | null;
    if (!addr) return;
    const host = addr.address === '0.0.0.0' || addr.address === '::' ? '127.0.0.1' : addr.address;
    httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
  });
  app.addHook('onSend', async (req, reply) => { reply.header('x-request-id', req.id); });

  try {
    await registerAll(app, config, now, metrics, {
      setBrokerUrl: (url) => { brokerUrl = url; },
      setBrokerServerAccount: (a) => { brokerServerAccount = a; },
      brokerTls, clientCa,
      getIngest: () => ingest,
      setIngest: (i) => { ingest = i; },
    }, options.passwordHashing, options.realNow, options);
    await app.ready();
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  return app;
}

interface Wiring {
  setBrokerUrl(url: string): void;
  setBrokerServerAccount(a: { username: string; password: string } | undefined): void;
  /** The embedded broker's TLS certificate and key, when MQTT_TLS_CERT/KEY are set. */
  brokerTls: { cert: Buffer; key: Buffer } | undefined;
  /** The CA the server's own MQTT client trusts (mqtts). */
  clientCa: Buffer | undefined;
  getIngest(): Ingest | undefined;
  setIngest(i: Ingest | undefined): void;
}

async function registerAll(
  app: FastifyInstance, config: Config, now: () => number, metrics: Metrics, w: Wiring, passwordHashing: ScryptParams | undefined, realNow: (() => number) | undefined,
  options: Pick<BuildOptions, 'alarmMail' | 'simulation'> = {},
): Promise<void> {
  /** Issue 17: the learnt traffic profiles, made with the device service (below). */
  let trafficProfiles: TrafficProfileRepository | undefined;
  // --- database
  await app.register(shared(async (instance) => {
    const repo = await openRepository(config);
    instance.decorate('repo', repo);
    instance.addHook('onClose', async () => { await repo.close(); });
    instance.log.info({ dialect: repo.dialect }, 'database ready');
    // Issue 11: device identities; every device key derives from the installation's master key.
    const masterPath = config.deviceMasterKey ?? join(config.dataDir, 'device-master.key');
    let master: Uint8Array;
    try {
      master = loadMasterKey(masterPath, config.deviceMasterKey === undefined);
    } catch (err) {
      if (err instanceof MasterKeyError) throw new Error(`${settingName('deviceMasterKey')}: ${err.message}`);
      throw err;
    }
    instance.decorate('identities', new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master, now }));
    instance.decorate('luminaireD4i', new LuminaireD4iRepository((repo as DrizzleRepository).adapter)); // issue 17
  }));

  // --- issue 5: energy (records, rollups, reports) and alarms, on the same database
  await app.register(energyPlugin({ now, retentionDays: config.energyRetentionDays, gapGraceS: config.energyGapGraceS }));
  // Alarm e-mails: a digest per period to the people on duty, on the server clock (alarms/notify.ts)
  await app.register(alarmsPlugin({ now, ...options.alarmMail }));

  // --- issue 6: OTA images, campaigns and transfers (src/ota/); downlinks go out through the ingest once it runs
  await app.register(otaPlugin({
    config, now,
    publish: async (tenant, deviceId, message) => {
      const ingest = w.getIngest();
      if (!ingest) throw new Error('MQTT ingest not running');
      await ingest.publishDownlink(tenant, deviceId, message);
    },
  }));

  // --- MQTT: embedded broker (unless external), then the ingest client and the device service
  await app.register(shared(async (instance) => {
    let broker: EmbeddedBroker | undefined;
    if (!config.mqttUrl) {
      broker = await startEmbeddedBroker({
        host: config.mqttHost, port: config.mqttPort, identities: instance.identities, tls: w.brokerTls,
        onRefused: (what) => metrics.reject(`broker_${what}`),
      });
      const b = broker;
      instance.identities.onRevoke = (deviceId) => b.disconnect(deviceId);
      w.setBrokerUrl(broker.url);
      w.setBrokerServerAccount(broker.serverAccount);
      instance.log.info({ url: broker.url }, 'embedded MQTT broker listening');
    }
    // Issue 14: EnergyReports are written in batches across devices, one transaction each (src/ingest/energy-batch.ts).
    const energyBatch = new EnergyBatchWriter({
      adapter: (instance.repo as DrizzleRepository).adapter, maxFrames: config.ingestBatchFrames, maxDelayMs: config.ingestBatchDelayMs, metrics: metrics.ingest,
    });
    // StateReports likewise (src/ingest/state-batch.ts): what follows each one (TimeSync, reconciliation) after the commit.
    const stateBatch = new StateBatchWriter({
      adapter: (instance.repo as DrizzleRepository).adapter, maxFrames: config.ingestBatchFrames, maxDelayMs: config.ingestBatchDelayMs, metrics: metrics.ingest,
    });
    const devices = new DeviceService({
      repo: instance.repo, identities: instance.identities, metrics, now, log: instance.log.child({ module: 'devices' }),
      stateHistoryLimit: config.stateHistoryLimit,
      energyIngest: (device, rows, lostThroughSeq, logId) => instance.energy.ingest(device, rows, lostThroughSeq, logId), // issue 5
      energyBatch: (f) => {
        const device = { id: f.deviceId, tenantId: f.tenant };
        const submit = (prepared: PreparedEnergy) => energyBatch.submit({ tenant: f.tenant, deviceId: f.deviceId, seq: f.seq, prepared });
        const now = instance.energy.prepareCached(device, f.rows, f.lostThroughSeq, f.logId);
        return now ? submit(now) : instance.energy.prepare(device, f.rows, f.lostThroughSeq, f.logId).then(submit);
      },
      stateBatch: (f) => stateBatch.submit(f),
      recordEvent: (device, e) => instance.alarms.record(device, e), // issue 5: event + alarms, one transaction
      send: (tenant, deviceId, message) => {
        const ingest = w.getIngest();
        if (!ingest) throw new Error('MQTT ingest not running');
        return ingest.publishDownlink(tenant, deviceId, message);
      },
    });
    instance.decorate('devices', devices);
    // Presence on demand: a pole's detection raises the poles ahead along its street (devices/presence-ahead.ts).
    devices.presenceAhead = new PresenceAhead({ distanceM: config.presenceAheadM, inventory: (t) => instance.repo.listInventory(t), now });
    // Issue 17, frugal learning: each controller's weekly traffic profile (devices/traffic-profile.ts, routes/traffic-profiles.ts).
    const profiles = new TrafficProfileRepository((instance.repo as DrizzleRepository).adapter);
    trafficProfiles = profiles;
    devices.trafficProfiles = {
      onProfile: async (device, profile, sentAtS, at) => { await profiles.put(profileRow(device.id, device.tenantId, profile, sentAtS, at)); },
    };
    // Issue 17: what a luminaire's D4i driver says of itself, kept per controller (devices/luminaire-d4i.ts).
    devices.luminaireData = {
      onReport: async (device, report, at) => { await instance.luminaireD4i.put(d4iRow(device.id, device.tenantId, report, at)); },
    };
    devices.ota = instance.ota; // issue 6: OtaStatus and Hello reach the OTA service
    // Several instances: the OTA topic between them (ota/cluster.ts) arrives on the same client.
    const otaTopic = relayTopic(config.mqttShareGroup);
    let cluster: OtaCluster | undefined;
    // Issue 14: with an external broker and INSTANCE_NAME, a persistent session under a stable client id: the broker
    // keeps this instance's subscriptions and queues its uplinks across a broker or server restart.
    const persistentSession = !broker && config.instanceName !== undefined;
    if (!broker && !persistentSession) {
      instance.log.warn({}, `${settingName('instanceName')} is not set: the MQTT session is clean, uplinks published while this server is disconnected from the broker are not kept for it`);
    }
    try {
      w.setIngest(await startIngest({
        url: broker?.url ?? config.mqttUrl ?? '',
        username: broker ? broker.serverAccount.username : config.mqttUsername,
        password: broker ? broker.serverAccount.password : config.mqttPassword,
        // Server accounts connect as `<username>-<instance>`, several instances sharing one account: the instance's
        // name with a persistent session, else a random one.
        clientId: `${broker ? SERVER_USERNAME : config.mqttUsername ?? 'fleet'}-${persistentSession ? config.instanceName : randomUUID().slice(0, 12)}`,
        persistentSession,
        maxPending: config.ingestMaxPending,
        metrics: metrics.ingest,
        // A persistent session's queued uplinks arrive as soon as it connects: they are answered through it.
        onCreated: (i) => w.setIngest(i),
        ca: w.clientCa,
        seal: (deviceId, body) => instance.identities.sealDownlink(deviceId, body),
        // aedes has no $share: plain filters on the embedded broker (CONTEXT.md, "Brokers").
        shareGroup: broker ? undefined : config.mqttShareGroup,
        onMessage: (topic, payload) => (topic === otaTopic ? cluster?.onMessage(payload) ?? Promise.resolve() : devices.handleMessage(topic, payload)),
        log: instance.log.child({ module: 'mqtt' }),
        setting: broker ? settingName('mqttPort') : settingName('mqttUrl'),
      }));
      if (instance.ota.clustered) {
        cluster = new OtaCluster({
          ota: instance.ota, leases: new LeaseRepository((instance.repo as DrizzleRepository).adapter), leaseMs: config.otaLeaseS * 1000,
          topic: otaTopic, client: (w.getIngest() as Ingest).client, metrics, log: instance.log.child({ module: 'ota-cluster' }),
          onRelayedUplink: (tenant, deviceId, frame, via) => devices.handleRelayedOta(tenant, deviceId, frame, via),
        });
        await cluster.start();
      }
    } catch (err) {
      await w.getIngest()?.close().catch(() => undefined);
      w.setIngest(undefined);
      await broker?.close();
      throw err;
    }
    // One hook, in dependency order: hand OTA over (save, release the lease), stop receiving, finish queued
    // work, then stop the broker.
    instance.addHook('onClose', async () => {
      await cluster?.stop().catch((err: unknown) => instance.log.warn({ err }, 'OTA cluster stop failed'));
      await w.getIngest()?.close().catch(() => undefined);
      await devices.idle();
      await energyBatch.idle();
      await stateBatch.idle();
      w.setIngest(undefined);
      await broker?.close();
    });
  }));

  // --- HTTP API
  await app.register(swagger, {
    // Security schemes, operation ids, descriptions and tags for integrators' tooling (src/openapi.ts).
    openapi: OPENAPI_BASE,
    // OpenAPI 3.0 has no `type: "null"` nor type arrays: the zod schemas are written in its dialect (`nullable:
    // true`), named component schemas too (their default is JSON Schema 2020-12). test/api.test.ts validates the
    // document with swagger-parser.
    transform: withOperationDetails(createJsonSchemaTransform({ zodToJsonConfig: { target: 'openapi-3.0' } })),
    transformObject: withDeclaredTagsAndUsedSchemas(createJsonSchemaTransformObject({ zodToJsonConfig: { target: 'openapi-3.0' } })),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.setErrorHandler((err, req, reply) => {
    const body = (spec: { code: string; status: number; message: string }, details?: unknown, message?: string): ErrorBody => ({
      code: spec.code, message: message ?? spec.message, statusCode: spec.status, requestId: req.id, ...(details !== undefined ? { details } : {}),
    });
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        in: err.validationContext ?? 'request',
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message ?? 'invalid',
      }));
      return reply.code(400).send(body(ERRORS.VALIDATION, { issues }));
    }
    if (err instanceof FleetError) return reply.code(err.statusCode).send(body(err.spec, err.details, err.message));
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 413) return reply.code(413).send(body(ERRORS.PAYLOAD_TOO_LARGE));
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      // Malformed JSON, wrong content type and the like: the request is at fault.
      return reply.code(400).send(body(ERRORS.VALIDATION, { issues: [{ in: 'body', field: '', message: e.message ?? 'bad request' }] }));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(body(ERRORS.INTERNAL));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ code: ERRORS.NOT_FOUND.code, message: `${ERRORS.NOT_FOUND.message}: ${req.method} ${req.url}`, statusCode: 404, requestId: req.id } satisfies ErrorBody);
  });

  // --- issue 7: authentication, roles per tenant, CSRF and audit hooks for every route registered after this
  const authOpts = {
    sessionIdleMinutes: config.sessionIdleMinutes, cookieSecure: config.cookieSecure, ...(passwordHashing ? { scrypt: passwordHashing } : {}), ...(realNow ? { realNow } : {}),
  };
  await app.register(authPlugin(authOpts));
  await app.register(authRoutes(authOpts));
  await app.register(uiRoutes({ uiDir: config.uiDir, tileUrl: config.mapTileUrl }));

  await app.register(statusRoutes);
  await app.register(apiRoutes);
  await app.register(mapRoutes); // issue 16: the map's streets, search and lasso (routes/map.ts)
  await app.register(inventoryImportRoutes); // the inventory from a CSV or GeoJSON file, dry run then all or nothing (routes/inventory-import.ts)
  await app.register(inventoryModelRoutes); // cabinets, circuits, poles, luminaires; replace or decommission a controller (routes/inventory-model.ts)
  await app.register(energyRoutes); // issue 5: energy reports, gaps, settings (routes/energy.ts)
  await app.register(alarmRoutes); // alarms handled to the end: filters, assignment, comments, interventions, clearing, e-mails (routes/alarms.ts)
  if (options.simulation) await app.register(simulationRoutes(options.simulation)); // the demo's fault injection (routes/simulation.ts)
  await app.register(planRoutes); // issue 4: plans, groups' decree settings, luminaire models (routes/plans.ts)
  await app.register(cloRoutes); // issue 17: constant light output reported by the lights (routes/clo.ts)
  await app.register(trafficProfileRoutes(() => {
    if (!trafficProfiles) throw new Error('the traffic profiles are made with the device service, registered first');
    return trafficProfiles;
  })); // issue 17: learnt traffic profiles per light and per street (routes/traffic-profiles.ts)
  await app.register(calendarRoutes); // issue 16: calendar sets (holidays, school holidays), month view of plans (routes/calendar.ts)
  await app.register(otaRoutes({ maxImageBytes: config.otaMaxImageBytes })); // issue 6: OTA images and campaigns (routes/ota.ts)
  await app.register(syndicateRoutes); // issue 7: a syndicate's view across its member towns (routes/syndicate.ts)
  await app.register(councilReportRoutes); // issue 16: the council's month or year report, JSON, CSV and PDF (routes/council-report.ts)
  await app.register(luminaireDataRoutes); // issue 17: what a light's DALI-2 / D4i driver reported (routes/luminaire-data.ts)
  await app.register(exportRoutes); // issue 15: GeoJSON, CSV and NGSI-LD Streetlight exports of the town's lights (routes/exports.ts)
}

/** `mqtt://host:port` → where a device connects (default ports 1883, 8883 for mqtts). */
function parseBrokerUrl(url: string): { host: string; port: number; tls: boolean } {
  const m = /^(mqtts?):\/\/\[?([^\]/]+?)\]?(?::(\d+))?\/?$/.exec(url);
  if (!m) return { host: '', port: 0, tls: false };
  const tls = m[1] === 'mqtts';
  return { host: m[2] as string, port: m[3] ? Number(m[3]) : tls ? 8883 : 1883, tls };
}
