/**
 * Issue 14: the commonest downlinks, EnergyAck and TimeSync, go out at QoS 0 (no PUBACK from the broker or the device,
 * no outgoing copy kept by the server); the ones a device acknowledges (config, plan, commands) at QoS 1. Checked on
 * the wire: an observer on the embedded broker subscribed at QoS 1 receives each at the QoS it was published with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import mqtt from 'mqtt';
import { decodeDownlinkFrame, uplinkTopic } from '@streetlight/protocol';
import { build } from '../src/app.js';
import { authedInject, brokerObserver, provisionDevice, type TestDevice } from '../src/testing.js';
import { tempDir, waitFor } from './helpers.js';

describe('downlink QoS on the wire', () => {
  let app: FastifyInstance;
  let spy: mqtt.MqttClient;
  let dev: TestDevice;
  const got: Array<{ kind: string; qos: number }> = [];
  const now = Date.UTC(2026, 2, 10, 20, 0, 0);

  beforeAll(async () => {
    app = await build({ config: { dataDir: tempDir(), httpPort: 0, mqttPort: 0 }, logger: false, now: () => now });
    const inject = await authedInject(app);
    await inject({ method: 'POST', url: '/api/tenants/qos/inventory', payload: [{ deviceId: 'q-1', lat: 44.89, lon: 1.216, group: 'rue', nominalPowerW: 40 }] });
    dev = await provisionDevice(app, 'qos', 'q-1');
    spy = await mqtt.connectAsync(app.fleet.brokerUrl, { ...brokerObserver(app, 'qos-spy'), clean: true, protocolVersion: 4, reconnectPeriod: 0 });
    spy.on('message', (_topic, payload, packet) => {
      const d = decodeDownlinkFrame(payload);
      if (!d.ok) return;
      const kind = Object.keys(d.message).find((k) => !['protocolVersion', 'deviceId', 'seq', 'time', 'mac'].includes(k)) ?? '?';
      got.push({ kind, qos: packet.qos });
    });
    await spy.subscribeAsync('sl/v1/qos/+/down', { qos: 1 });
  });
  afterAll(async () => {
    await spy?.endAsync();
    await app?.close();
  });

  it('EnergyAck and TimeSync at QoS 0, config at QoS 1', async () => {
    const send = (seq: number, body: Parameters<TestDevice['uplink']>[0]) => app.devices.handleMessage(uplinkTopic('qos', 'q-1'), dev.uplink({ ...body, seq }));
    await send(1, { hello: { firmwareVersion: '1.0.0' } }); // a TimeSync, then the commissioned config
    const start = Math.floor(now / 1000) - 3600;
    await send(2, { energy: { records: [{ seq: 1, start, durationS: 900, energyMwh: 9000, burningS: 900, avgLevelX10: 1000, avgPowerMw: 36_000 }] } });
    await app.devices.idle();
    await waitFor(() => got.some((g) => g.kind === 'energyAck') && got.some((g) => g.kind === 'config') && got.some((g) => g.kind === 'timeSync'), 30_000, 'the three downlinks', () => got);
    expect(new Set(got.filter((g) => g.kind === 'energyAck' || g.kind === 'timeSync').map((g) => g.qos))).toEqual(new Set([0]));
    expect(new Set(got.filter((g) => g.kind === 'config').map((g) => g.qos))).toEqual(new Set([1]));
  });
});
