import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { build } from '../src/app.js';
import { ConfigError, loadConfig, PortInUseError } from '../src/config.js';
import { occupyPort, tempDir } from './helpers.js';

describe('configuration', () => {
  it('has documented defaults and is frozen', () => {
    const c = loadConfig();
    expect(c).toMatchObject({ httpHost: '127.0.0.1', httpPort: 8080, mqttPort: 1884, mqttHost: '127.0.0.1', mqttShareGroup: 'fleet', logLevel: 'info' });
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.databaseUrl).toBeUndefined();
    expect(c.mqttUrl).toBeUndefined();
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads the environment, options win', () => {
    const c = loadConfig({ httpPort: 9000 }, { HTTP_PORT: '7000', MQTT_PORT: '0', MQTT_URL: 'mqtt://broker:1883', DATABASE_URL: 'postgres://x/y', LOG_LEVEL: 'warn', UNRELATED: 'x' });
    expect(c).toMatchObject({ httpPort: 9000, mqttPort: 0, mqttUrl: 'mqtt://broker:1883', databaseUrl: 'postgres://x/y', logLevel: 'warn' });
  });

  it('lists every bad key in one error', () => {
    let err: unknown;
    try {
      loadConfig({ httpPort: 70000, databaseUrl: 'mysql://x', bogus: 1 } as never, { MQTT_PORT: 'abc' });
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/httpPort \(HTTP_PORT\)/);
    expect(msg).toMatch(/databaseUrl \(DATABASE_URL\)/);
    expect(msg).toMatch(/mqttPort \(MQTT_PORT\)/);
    expect(msg).toMatch(/unknown setting\(s\): bogus/);
  });
});

describe('taken ports', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => { for (const c of cleanups.splice(0)) await c(); });

  it('names MQTT_PORT when the embedded broker port is taken', async () => {
    const taken = await occupyPort();
    cleanups.push(taken.release);
    const err = await build({ config: { dataDir: tempDir(), mqttPort: taken.port, httpPort: 0 }, logger: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toBe(`MQTT_PORT ${taken.port} is already in use on 127.0.0.1 (set MQTT_PORT or --mqtt-port)`);
  });

  it('names HTTP_PORT when the HTTP port is taken', async () => {
    const taken = await occupyPort();
    cleanups.push(taken.release);
    const app = await build({ config: { dataDir: tempDir(), mqttPort: 0, httpPort: taken.port }, logger: false });
    cleanups.push(() => app.close());
    const err = await app.fleet.listen().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortInUseError);
    expect((err as Error).message).toBe(`HTTP_PORT ${taken.port} is already in use on 127.0.0.1 (set HTTP_PORT or --http-port)`);
  });
});
