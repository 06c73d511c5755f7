/**
 * Issue 17, constant light output, the server's part: the catalogue keeps a model's lumen maintenance (both figures
 * or neither, within the protocol's bounds), the controllers of that model get it in their config, and what a
 * controller reports (StateReport.clo) is stored — only from a report applied — and answered per light and for the
 * town. Through the real device service and HTTP API, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import type { Config } from '../src/config.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { dropPgSchema, tempDir, TEST_PG_URL, uniqueSchema } from './helpers.js';

const T0 = Date.UTC(2026, 10, 30, 18, 0, 0);

function suite(name: string, config: () => Partial<Config>, cleanup: () => Promise<void>): void {
  describe(`constant light output on ${name}`, () => {
    let app: FastifyInstance;
    let admin: Inject;
    const clock = { ms: T0 };
    let uplinkSeq = 1;
    const provisioned = new Map<string, TestDevice>();
    const send = async (deviceId: string, body: Record<string, unknown>, seq = uplinkSeq++) => {
      let d = provisioned.get(deviceId);
      if (!d) provisioned.set(deviceId, d = await provisionDevice(app, 'lyon', deviceId));
      await app.devices.handleMessage(uplinkTopic('lyon', deviceId), d.uplink({ seq, time: Math.floor(clock.ms / 1000), ...body }));
      await app.devices.idle();
    };
    const model = (body: Record<string, unknown>) => admin({ method: 'PUT', url: '/api/tenants/lyon/luminaire-models/LED-36', payload: { nominalW: 36, ...body } });
    const desiredConfig = async (id: string) => (await admin({ method: 'GET', url: `/api/tenants/lyon/devices/${id}` })).json().desired?.config;

    beforeAll(async () => {
      app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0, ...config() }, logger: false, now: () => clock.ms });
      admin = await authedInject(app);
      expect((await admin({ method: 'POST', url: '/api/tenants', payload: { id: 'lyon', name: 'Lyon' } })).statusCode).toBe(200);
    });
    afterAll(async () => { await app?.close(); await cleanup(); });

    it('the catalogue keeps a model\'s lumen maintenance; its lights get it in their config', async () => {
      expect((await model({ cloLxxPct: 80 })).statusCode).toBe(400); // one figure without the other
      expect((await model({ cloLxxPct: 40, cloRatedH: 100_000 })).statusCode).toBe(400); // below L50
      expect((await model({ cloLxxPct: 80, cloRatedH: 500 })).statusCode).toBe(400); // below 1,000 h
      const r = await model({ cloLxxPct: 80, cloRatedH: 100_000 });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ id: 'LED-36', cloLxxPct: 80, cloRatedH: 100_000 });
      await app.devices.commission('lyon', [{ deviceId: 'C1', lat: 45.76, lon: 4.83, luminaireModel: 'LED-36' }, { deviceId: 'C2', lat: 45.761, lon: 4.831 }]);
      expect(await desiredConfig('C1')).toMatchObject({ cloLxxPct: 80, cloRatedH: 100_000 });
      expect((await desiredConfig('C2'))?.cloLxxPct ?? 0).toBe(0);
      // An edit that does not name them keeps them; null clears them, and the lights lose CLO (0/0).
      expect((await model({ name: 'Lanterne 36 W' })).json()).toMatchObject({ cloLxxPct: 80, cloRatedH: 100_000 });
      expect((await model({ cloLxxPct: null, cloRatedH: null })).json()).toMatchObject({ cloLxxPct: null, cloRatedH: null, devicesUpdated: 1 });
      expect(await desiredConfig('C1')).toMatchObject({ cloLxxPct: 0, cloRatedH: 0 });
      // A device's own config patch may give an LED's age (a controller fitted to a used luminaire).
      const patch = await admin({ method: 'PUT', url: '/api/tenants/lyon/devices/C1/config', payload: { cloLxxPct: 80, cloRatedH: 100_000, ledHoursOffset: 30_000 } });
      expect(patch.statusCode).toBe(200);
      expect(await desiredConfig('C1')).toMatchObject({ cloLxxPct: 80, cloRatedH: 100_000, ledHoursOffset: 30_000 });
      expect((await admin({ method: 'PUT', url: '/api/tenants/lyon/devices/C1/config', payload: { cloLxxPct: 80 } })).statusCode).toBe(400);
    });

    it('stores what a light reports and answers it per light and for the town; an older report changes nothing', async () => {
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/C1/clo' })).json()).toBeNull();
      await send('C1', { hello: { firmwareVersion: '1.0.0' } });
      await send('C1', { state: { level: 80, targetLevel: 80, clo: { drivePermille: 812, ledHours: 30_123, savedMwh: 4_567_000 } } }, 50);
      await send('C2', { state: { level: 80, targetLevel: 80 } });
      const one = await admin({ method: 'GET', url: '/api/tenants/lyon/devices/C1/clo' });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual({ deviceId: 'C1', receivedAt: new Date(T0).toISOString(), drivePct: 81.2, ledHours: 30_123, savedKwh: 4.567 });
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/C2/clo' })).json()).toBeNull();
      // A report older than the one applied (a redelivery) is not applied, its clo neither.
      await send('C1', { state: { level: 80, targetLevel: 80, clo: { drivePermille: 800, ledHours: 1, savedMwh: 1 } } }, 40);
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/C1/clo' })).json()).toMatchObject({ ledHours: 30_123 });
      const town = (await admin({ method: 'GET', url: '/api/tenants/lyon/clo' })).json();
      expect(town).toMatchObject({ lights: 1, savedKwh: 4.567, meanDrivePct: 81.2 });
      expect((await admin({ method: 'GET', url: '/api/tenants/lyon/devices/NOPE/clo' })).statusCode).toBe(404);
    });
  });
}

const schema = uniqueSchema();
suite('SQLite', () => ({}), async () => undefined);
suite('PostgreSQL', () => ({ databaseUrl: TEST_PG_URL, databaseSchema: schema }), () => dropPgSchema(schema));
