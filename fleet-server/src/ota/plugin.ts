/**
 * Issue 6 wiring: decorates the app with `ota` (OtaService) on the same database as `repo`, loads the signing
 * key named by OTA_SIGNING_KEY (unset → OTA disabled, routes answer SL_OTA_DISABLED; set but missing or not an
 * ECDSA P-256 key → start-up error naming the setting and the keygen command) and the per-town keys of
 * OTA_TENANT_KEYS_DIR, and runs the campaign loop every
 * OTA_TICK_MS real milliseconds (its decisions read the server's injected clock, `build({ now })`).
 * Registered after the database plugin and before the MQTT ingest, which hands OtaStatus/Hello to it. With an
 * external broker (MQTT_URL) the service runs in cluster mode and app.ts starts its OtaCluster (the lease and the
 * topic between instances) once the MQTT client is connected.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { DrizzleRepository } from '../db/drizzle-repository.js';
import { OtaRepository } from '../db/ota-repository.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isValidId, type Downlink } from '@streetlight/protocol';
import { OtaService } from './service.js';
import { loadSigningKey, SigningKeyError, type SigningKey } from './signing.js';

declare module 'fastify' {
  interface FastifyInstance {
    ota: OtaService;
  }
}

export interface OtaPluginOptions {
  config: Config;
  now: () => number;
  /** Publishes a downlink through the MQTT ingest (resolved lazily: the ingest starts after this plugin). */
  publish: (tenant: string, deviceId: string, message: Downlink) => Promise<void>;
}

/**
 * Per-town signing keys: `<dir>/<tenant>.pem`, read when first needed and kept (a key added later is picked up
 * at the next start). A key file that is there but unusable is an error, never a silent fallback.
 */
export function tenantKeys(dir: string): (tenant: string) => SigningKey | undefined {
  const cache = new Map<string, SigningKey | undefined>();
  return (tenant) => {
    if (!isValidId(tenant)) return undefined;
    if (cache.has(tenant)) return cache.get(tenant);
    const path = join(dir, `${tenant}.pem`);
    let key: SigningKey | undefined;
    if (existsSync(path)) {
      try {
        key = loadSigningKey(path);
      } catch (err) {
        if (err instanceof SigningKeyError) throw new SigningKeyError(`OTA_TENANT_KEYS_DIR: ${err.message}`);
        throw err;
      }
    }
    cache.set(tenant, key);
    return key;
  };
}

export function otaPlugin(opts: OtaPluginOptions) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    const { config } = opts;
    let key: SigningKey | undefined;
    if (config.otaSigningKey) {
      try {
        key = loadSigningKey(config.otaSigningKey);
      } catch (err) {
        if (err instanceof SigningKeyError) throw new SigningKeyError(`OTA_SIGNING_KEY: ${err.message}`);
        throw err;
      }
      app.log.info({ keyId: key.keyId }, 'OTA signing key loaded');
    }
    const tenantKey = config.otaTenantKeysDir ? tenantKeys(config.otaTenantKeysDir) : undefined;
    const ota = new OtaService({
      repo: new OtaRepository((app.repo as DrizzleRepository).adapter), devices: app.repo, dataDir: config.dataDir,
      now: opts.now, log: app.log.child({ module: 'ota' }), key, publish: opts.publish,
      ...(tenantKey ? { tenantKey } : {}),
      nextSeq: (deviceId) => app.repo.nextDownlinkSeq(deviceId),
      deviceMaxBps: config.otaDeviceMaxBps, windowChunks: config.otaWindowChunks, maxInflightChunks: config.otaMaxInflightChunks,
      // An external broker means instances may run side by side: one drives, chosen by a lease (ota/cluster.ts,
      // started by app.ts once the MQTT client runs). The embedded broker's devices reach this instance only.
      mode: config.mqttUrl ? 'cluster' : 'solo',
    });
    await ota.start();
    app.decorate('ota', ota);
    if (key) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        ota.tick().catch((err: unknown) => app.log.error({ err }, 'OTA loop failed')).finally(() => { running = false; });
      }, config.otaTickMs);
      timer.unref();
      app.addHook('onClose', async () => { clearInterval(timer); });
    }
  };
  // Decorations belong to the root instance (what fastify-plugin does).
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
