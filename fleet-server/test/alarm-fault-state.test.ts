/**
 * Acknowledged is not solved: a light with an acknowledged alarm is still in fault — on the map, in the device
 * list and its filter, on the light itself and in a syndicate's counts — until the device clears the fault.
 * (An acknowledgement once made the map's fault count drop to 0 while the lamp was still dead.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { pb, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, provisionDevice, type Inject, type TestDevice } from '../src/testing.js';
import { tempDir, waitFor } from './helpers.js';

describe('a fault stays visible until it is cleared', () => {
  let app: FastifyInstance;
  let inject: Inject;
  const clock = { ms: Date.UTC(2026, 0, 15, 18, 0, 0) };
  let uplinkSeq = 1;
  let dev: TestDevice;
  const send = (body: Record<string, unknown>) => app.devices.handleMessage(uplinkTopic('sarlat', 'sl-1'), dev.uplink({ seq: uplinkSeq++, ...body }));

  /** What every read of the server says of sl-1: its state, the map's and the list's fault counts, the syndicate's. */
  async function seen(): Promise<{ device: string; listed: number; map: number; syndicate: number }> {
    const after = Date.now();
    // The map answers from a snapshot a second old at most: wait for one read after this instant.
    const map = await waitFor(async () => {
      const m = (await inject('/api/tenants/sarlat/map')).json() as { asOf: string; states: Record<string, number> };
      return Date.parse(m.asOf) >= after ? m : null;
    }, 30_000, 'a map snapshot read after the change');
    const listed = await inject('/api/tenants/sarlat/devices?state=fault');
    const towns = (await inject('/api/tenants/sde24/towns')).json() as { towns: Array<{ tenantId: string; faulty: number }> };
    return {
      device: (await inject('/api/tenants/sarlat/devices/sl-1')).json().state as string,
      listed: Number(listed.headers['x-total-count']),
      map: map.states.fault ?? 0,
      syndicate: towns.towns.find((t) => t.tenantId === 'sarlat')?.faulty ?? -1,
    };
  }

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => clock.ms });
    inject = await authedInject(app);
    expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id: 'sde24', name: 'SDE 24', kind: 'syndicate' } })).statusCode).toBe(200);
    expect((await inject({ method: 'POST', url: '/api/tenants', payload: { id: 'sarlat', name: 'Sarlat', parentId: 'sde24' } })).statusCode).toBe(200);
    await inject({ method: 'POST', url: '/api/tenants/sarlat/inventory', payload: [{ deviceId: 'sl-1', lat: 44.89, lon: 1.216, group: 'REP', nominalPowerW: 40 }] });
    dev = await provisionDevice(app, 'sarlat', 'sl-1');
    await send({ hello: { firmwareVersion: '1.0.0' } });
  });
  afterAll(async () => { await app.close(); });

  it('keeps an acknowledged alarm\'s light in fault, and only the clear ends it', async () => {
    await send({ event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, time: clock.ms / 1000, value: 1200, detail: 'P 1.2 W at 50 %' } });
    expect(await seen()).toEqual({ device: 'fault', listed: 1, map: 1, syndicate: 1 });

    const alarm = (await inject('/api/tenants/sarlat/alarms?state=open')).json().alarms[0] as { id: number };
    expect((await inject({ method: 'POST', url: `/api/tenants/sarlat/alarms/${alarm.id}/acknowledge`, payload: {} })).json().state).toBe('acknowledged');
    expect(await seen()).toEqual({ device: 'fault', listed: 1, map: 1, syndicate: 1 });

    await send({ event: { eventSeq: 2, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: false, time: clock.ms / 1000 + 60, value: 20000 } });
    expect((await inject(`/api/tenants/sarlat/alarms/${alarm.id}`)).json().state).toBe('cleared');
    const after = await seen();
    expect(after.device).not.toBe('fault');
    expect(after).toMatchObject({ listed: 0, map: 0, syndicate: 0 });
  });
});
