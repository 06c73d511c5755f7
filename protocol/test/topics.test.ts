/** The MQTT topic scheme of protocol v1: ids are single topic levels, never wildcards or separators. */
import { describe, expect, it } from 'vitest';
import {
  ID_MAX_LENGTH, TOPIC_QOS, TOPIC_RETAIN, TOPIC_ROOT, channelFilter, deviceTopic, downlinkQos, downlinkTopic, isValidId,
  parseDeviceTopic, sharedFilter, statusTopic, uplinkTopic, type Channel,
} from '../src/topics.js';

const BAD_IDS = ['', 'x'.repeat(ID_MAX_LENGTH + 1), '+', '#', '/', 'a/b', 'a+', 'b#', 'a b', 'é', '$SYS', 'a\u0000b', 'a.b'];

describe('topics', () => {
  it('builds and parses back every channel of a device', () => {
    for (const channel of ['up', 'down', 'status'] as Channel[]) {
      const t = deviceTopic('acme-city', 'lamp_0042', channel);
      expect(t).toBe(`${TOPIC_ROOT}/acme-city/lamp_0042/${channel}`);
      expect(parseDeviceTopic(t)).toEqual({ tenant: 'acme-city', deviceId: 'lamp_0042', channel });
    }
    expect(uplinkTopic('t', 'd')).toBe('sl/v1/t/d/up');
    expect(downlinkTopic('t', 'd')).toBe('sl/v1/t/d/down');
    expect(statusTopic('t', 'd')).toBe('sl/v1/t/d/status');
  });

  it('accepts ids of 1..64 characters of [A-Za-z0-9_-]', () => {
    for (const id of ['a', 'Z', '0', '-', '_', 'Lamp-42_b', 'x'.repeat(ID_MAX_LENGTH)]) expect(isValidId(id)).toBe(true);
  });

  it.each(BAD_IDS.map((id) => [JSON.stringify(id), id]))('rejects id %s everywhere', (_label, id) => {
    expect(isValidId(id)).toBe(false);
    expect(() => deviceTopic(id, 'lamp', 'up')).toThrow(RangeError);
    expect(() => deviceTopic('tenant', id, 'up')).toThrow(RangeError);
    expect(parseDeviceTopic(`sl/v1/${id}/lamp/up`)).toBeUndefined();
    expect(parseDeviceTopic(`sl/v1/tenant/${id}/up`)).toBeUndefined();
  });

  it.each([
    'sl/v2/t/d/up', 'sl/v1/t/d/sideways', 'sl/v1/t/d', 'sl/v1/t/d/up/extra', '/sl/v1/t/d/up', 'sl/v1/t/d/up/',
    'sl/v1/+/d/up', 'sl/v1/t/+/up', 'sl/v1/t/d/#', 'sl/v1/#', '', 'sl//t/d/up', 'SL/v1/t/d/up',
  ])('parseDeviceTopic rejects %j', (topic) => {
    expect(parseDeviceTopic(topic)).toBeUndefined();
  });

  it('channel filters use single-level wildcards for tenant and device', () => {
    expect(channelFilter('up')).toBe('sl/v1/+/+/up');
    expect(channelFilter('status', 'acme')).toBe('sl/v1/acme/+/status');
    expect(() => channelFilter('up', '#')).toThrow(RangeError);
  });

  it('sharedFilter builds a $share subscription and rejects a group that is not one topic level', () => {
    expect(sharedFilter('fleet', channelFilter('up'))).toBe('$share/fleet/sl/v1/+/+/up');
    for (const g of ['', '+', '#', 'a/b', 'a b']) expect(() => sharedFilter(g, 'sl/v1/+/+/up')).toThrow(RangeError);
  });

  it('QoS 1 on every channel; only presence (status) is retained', () => {
    expect(TOPIC_QOS).toEqual({ up: 1, down: 1, status: 1 });
    expect(TOPIC_RETAIN).toEqual({ up: false, down: false, status: true });
  });

  it('publishes EnergyAck and TimeSync at QoS 0, every other downlink at QoS 1', () => {
    expect(downlinkQos({ energyAck: { ackedSeq: 5 } })).toBe(0);
    expect(downlinkQos({ timeSync: { uplinkSeq: 1 } })).toBe(0);
    expect(downlinkQos({ timeSync: {} })).toBe(0); // all defaults: still a TimeSync
    for (const m of [{ config: {} }, { plan: {} }, { command: {} }, { otaOffer: {} }, {}] as Array<Parameters<typeof downlinkQos>[0]>) expect(downlinkQos(m)).toBe(1);
  });
});
