/** The device service without a network: an in-memory transport and a fake clock (HOUSE-STYLE 15). */
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeUplink, pb, uplinkTopic, statusTopic, encodePresence, type Downlink, type Uplink } from '@streetlight/protocol';
import { openSqlite, type Repository } from '../src/db/index.js';
import { DeviceService, FRAME_BURST, TIME_SYNC_BURST } from '../src/devices/service.js';
import { DeviceIdentities } from '../src/devices/identity.js';
import type { DrizzleRepository } from '../src/db/drizzle-repository.js';
import { provisionWith, type TestDevice } from '../src/testing.js';
import { randomBytes } from 'node:crypto';
import { Metrics } from '../src/metrics.js';

const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

interface Sent { tenant: string; deviceId: string; message: Downlink }

function setup() {
  const repo: Repository = openSqlite(':memory:');
  const sent: Sent[] = [];
  const timeSyncs: Sent[] = [];
  const clock = { ms: Date.UTC(2025, 0, 15, 18, 0, 0) };
  const metrics = new Metrics();
  const identities = new DeviceIdentities({ adapter: (repo as DrizzleRepository).adapter, master: new Uint8Array(randomBytes(32)), now: () => clock.ms });
  const service = new DeviceService({
    repo, identities, metrics, log: silent, now: () => clock.ms,
    send: async (tenant, deviceId, message) => { (message.timeSync ? timeSyncs : sent).push({ tenant, deviceId, message }); },
  });
  let seq = 0;
  // Issue 11: a device is provisioned (in the first town it is used with) before it speaks; frames are sealed.
  const provisioned = new Map<string, TestDevice>();
  const device = async (tenant: string, deviceId: string): Promise<TestDevice> => {
    let d = provisioned.get(deviceId);
    if (!d) provisioned.set(deviceId, d = await provisionWith(identities, tenant, deviceId));
    return d;
  };
  const uplink = async (tenant: string, deviceId: string, body: Partial<Uplink>, s = ++seq) =>
    service.handleMessage(uplinkTopic(tenant, deviceId), (await device(tenant, deviceId)).seal(encodeUplink({ protocolVersion: 1, deviceId, seq: s, ...body })));
  const hello = (tenant: string, deviceId: string, h: Partial<NonNullable<Uplink['hello']>> = {}, s?: number) =>
    uplink(tenant, deviceId, { hello: { firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', bootCount: 1, ...h } }, s);
  return { repo, sent, timeSyncs, clock, metrics, service, uplink, hello, device, identities };
}

describe('device service', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(() => { t = setup(); });

  it('registers a device on Hello and sends nothing without desired state', async () => {
    await t.hello('lyon', 'sl-1');
    const d = await t.repo.getDevice('sl-1');
    expect(d).toMatchObject({ tenantId: 'lyon', firmwareVersion: '1.0.0', hardwareModel: 'esp32-sl', online: true });
    expect(t.sent).toEqual([]);
    expect(t.metrics.framesReceived).toBe(1);
  });

  it('reconciles on Hello: config, plan and override the device lacks, each once per 30 s', async () => {
    await t.service.commission('lyon', [{ deviceId: 'sl-1', lat: 45.76, lon: 4.84, group: 'rue-a', nominalPowerW: 40 }]);
    await t.service.setPlan('lyon', { groupId: 'rue-a' }, {
      programs: [{ id: 1, steps: [{ anchor: 'sunset', offsetMin: 0, level: 100, fadeS: 0 }, { anchor: 'clock', offsetMin: 1380, level: 30, fadeS: 60 }] }],
      rules: [{ programId: 1, weekdays: ['fri', 'sat'], dates: ['2025-12-24'], priority: 1 }],
      defaultProgramId: 1,
    });
    const { overrideId } = await t.service.setOverride('lyon', { deviceId: 'sl-1' }, { level: 80, durationS: 3600 });
    expect(t.sent).toEqual([]); // never seen: nothing to push yet
    await t.hello('lyon', 'sl-1');
    const kinds = t.sent.map((s) => Object.keys(s.message).find((k) => ['config', 'plan', 'command'].includes(k)));
    expect(kinds).toEqual(['config', 'plan', 'command']);
    const [config, plan, command] = t.sent.map((s) => s.message);
    expect(config?.config).toMatchObject({ version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: 45760000, longitudeE6: 4840000, nominalPowerW: 40 });
    expect(plan?.plan?.plan).toMatchObject({ id: 1, version: 1, defaultProgramId: 1, rules: [{ programId: 1, weekdayMask: 0b0110000, dates: [20251224], priority: 1 }] });
    expect(plan?.plan?.plan?.programs?.[0]?.steps?.[1]).toMatchObject({ anchor: pb.Anchor.ANCHOR_CLOCK, offsetMin: 1380, level: 30, fadeS: 60 });
    expect(command?.command?.setOverride).toMatchObject({ id: overrideId, level: 80, expiresAt: Math.floor(t.clock.ms / 1000) + 3600 });
    // Envelope: protocol 1, device id, increasing seqs, server time in seconds.
    expect(t.timeSyncs.map((s) => s.message.seq)).toEqual([1]);
    expect(t.sent.map((s) => s.message.seq)).toEqual([2, 3, 4]);
    for (const s of t.sent) expect(s.message).toMatchObject({ protocolVersion: 1, deviceId: 'sl-1', time: Math.floor(t.clock.ms / 1000) });
    expect(t.sent.every((s) => s.tenant === 'lyon')).toBe(true);

    // Reconnect 10 s later: same desired state, nothing re-sent.
    t.clock.ms += 10_000;
    await t.hello('lyon', 'sl-1');
    expect(t.sent.length).toBe(3);
    // 31 s after the first send: re-sent, with new seqs.
    t.clock.ms += 21_000;
    await t.hello('lyon', 'sl-1');
    expect(t.sent.map((s) => s.message.seq)).toEqual([2, 3, 4, 7, 8, 9]);
    // Device now reports everything applied: nothing more.
    t.clock.ms += 60_000;
    await t.hello('lyon', 'sl-1', { configVersion: 1, plan: { id: 1, version: 1 }, overrideId });
    expect(t.sent.length).toBe(6);
  });

  it('pushes an override at once to a known device and clears it', async () => {
    await t.hello('lyon', 'sl-1');
    const { overrideId } = await t.service.setOverride('lyon', { deviceId: 'sl-1' }, { level: 5, durationS: 600, fadeS: 3 });
    expect(t.sent.at(-1)?.message.command?.setOverride).toMatchObject({ id: overrideId, level: 5, fadeS: 3 });
    await t.uplink('lyon', 'sl-1', { state: { level: 5, targetLevel: 5, source: pb.LevelSource.LEVEL_SOURCE_OVERRIDE, overrideId } });
    await t.service.clearOverride('lyon', { deviceId: 'sl-1' });
    expect(t.sent.at(-1)?.message.command?.clearOverride).toBe(overrideId);
  });

  it('does not re-send an expired override', async () => {
    await t.service.commission('lyon', [{ deviceId: 'sl-1', lat: 45, lon: 4 }]);
    await t.service.setOverride('lyon', { deviceId: 'sl-1' }, { level: 80, durationS: 60 });
    t.clock.ms += 61_000;
    await t.hello('lyon', 'sl-1', { configVersion: 1 });
    expect(t.sent).toEqual([]);
  });

  it('marks downlinks acked or rejected from CommandAck', async () => {
    await t.hello('lyon', 'sl-1');
    await t.service.setConfig('lyon', 'sl-1', { fallbackLevel: 70 });
    await t.service.setOverride('lyon', { deviceId: 'sl-1' }, { level: 50, durationS: 600 });
    const [cfg, ov] = t.sent.map((s) => s.message.seq!);
    await t.uplink('lyon', 'sl-1', { ack: { downlinkSeq: cfg, status: pb.AckStatus.ACK_STATUS_OK } });
    await t.uplink('lyon', 'sl-1', { ack: { downlinkSeq: ov, status: pb.AckStatus.ACK_STATUS_REJECTED, detail: 'expired' } });
    const dls = await t.repo.listDownlinks('sl-1', 10);
    expect(dls.find((d) => d.seq === cfg)?.ackStatus).toBe('ok');
    expect(dls.find((d) => d.seq === ov)).toMatchObject({ ackStatus: 'rejected', ackDetail: 'expired' });
  });

  it('ignores a frame whose seq does not advance, and a Hello restarts the count', async () => {
    await t.hello('lyon', 'sl-1', {}, 10);
    await t.uplink('lyon', 'sl-1', { state: { level: 40 } }, 11);
    await t.uplink('lyon', 'sl-1', { state: { level: 99 } }, 11);
    await t.uplink('lyon', 'sl-1', { state: { level: 98 } }, 5);
    expect(t.metrics.duplicates).toBe(2);
    expect(t.metrics.framesRejectedTotal).toBe(0);
    expect((await t.repo.getDevice('sl-1'))?.level).toBe(40);
    // A wiped device says Hello with seq 1 and continues from there.
    await t.hello('lyon', 'sl-1', {}, 1);
    await t.uplink('lyon', 'sl-1', { state: { level: 20 } }, 2);
    expect((await t.repo.getDevice('sl-1'))?.level).toBe(20);
    expect((await t.repo.listStates('sl-1', 10)).map((s) => s.level)).toEqual([20, 40]);
  });

  it('rejects a device that reports under another tenant', async () => {
    await t.hello('lyon', 'sl-1');
    await t.hello('nice', 'sl-1');
    await t.service.handleMessage(statusTopic('nice', 'sl-1'), encodePresence({ online: false }));
    expect(t.metrics.framesRejected.get('wrong_tenant')).toBe(2);
    expect((await t.repo.getDevice('sl-1'))?.tenantId).toBe('lyon');
    expect((await t.repo.getDevice('sl-1'))?.online).toBe(true);
    expect(await t.repo.getTenant('nice')).toBeUndefined();
  });

  it('counts undecodable frames and bad topics by reason without throwing', async () => {
    const sl1 = await t.device('lyon', 'sl-1');
    const sl2 = await t.device('lyon', 'sl-2');
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', sl1.seal(new Uint8Array([0xff, 0xff, 0xff])));
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', new Uint8Array(8193));
    await t.service.handleMessage('sl/v1/ly on/x/up', encodeUplink({ protocolVersion: 1, deviceId: 'x', hello: {} }));
    await t.service.handleMessage(uplinkTopic('lyon', 'sl-2'), sl2.seal(encodeUplink({ protocolVersion: 1, deviceId: 'sl-1', seq: 1, hello: {} })));
    expect(Object.fromEntries(t.metrics.framesRejected)).toEqual({ decode_error: 1, too_large: 1, bad_topic: 1, bad_device_id: 1 });
  });

  it('issue 11: drops every uplink that is not from a provisioned identity with its valid MAC, before decoding it', async () => {
    const sl1 = await t.device('lyon', 'sl-1');
    const hello = encodeUplink({ protocolVersion: 1, deviceId: 'sl-1', seq: 1, hello: { firmwareVersion: '9.9.9' } });
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', hello); // no MAC
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', new Uint8Array(0));
    const forged = sl1.seal(hello);
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1; // a MAC off by one bit
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', forged);
    // An identity the server never provisioned: never registered, nor its town created.
    await t.service.handleMessage('sl/v1/evil/squat-1/up', encodeUplink({ protocolVersion: 1, deviceId: 'squat-1', seq: 1, hello: {} }));
    // Another device's key on sl-1's topic.
    const sl2 = await t.device('lyon', 'sl-2');
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', sl2.seal(hello));
    expect(Object.fromEntries(t.metrics.framesRejected)).toEqual({ unauthenticated: 4, unknown_device: 1 });
    expect(await t.repo.getDevice('sl-1')).toBeUndefined();
    expect(await t.repo.getDevice('squat-1')).toBeUndefined();
    expect(await t.repo.getTenant('evil')).toBeUndefined();
    expect(t.timeSyncs).toEqual([]);
    // Revoked: refused from then on, even with the right key.
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', sl1.seal(hello));
    expect((await t.repo.getDevice('sl-1'))?.firmwareVersion).toBe('9.9.9');
    await t.identities.revoke('sl-1');
    await t.service.handleMessage('sl/v1/lyon/sl-1/up', sl1.seal(encodeUplink({ protocolVersion: 1, deviceId: 'sl-1', seq: 2, state: { level: 3 } })));
    expect(t.metrics.framesRejected.get('revoked')).toBe(1);
    expect((await t.repo.getDevice('sl-1'))?.level).not.toBe(3);
  });

  it('answers every Hello, and a report without a synced clock, with TimeSync', async () => {
    await t.hello('lyon', 'sl-1', {}, 5);
    expect(t.timeSyncs.map((s) => s.message)).toMatchObject([{ seq: 1, time: Math.floor(t.clock.ms / 1000), timeSync: { uplinkSeq: 5 } }]);
    await t.uplink('lyon', 'sl-1', { state: { level: 1, clock: pb.ClockStatus.CLOCK_STATUS_SYNCED } }, 6);
    expect(t.timeSyncs.length).toBe(1);
    await t.uplink('lyon', 'sl-1', { state: { level: 1, clock: pb.ClockStatus.CLOCK_STATUS_RTC } }, 7);
    expect(t.timeSyncs.at(-1)?.message.timeSync?.uplinkSeq).toBe(7);
  });

  it('issue 11, attack 11: a device flooding Hellos is throttled; its TimeSyncs and downlink rows stay bounded; others are served', async () => {
    const flood = await t.device('lyon', 'flood-1');
    const calm = await t.device('lyon', 'calm-1');
    for (let i = 1; i <= 5_000; i++) {
      await t.service.handleMessage(uplinkTopic('lyon', 'flood-1'), flood.seal(encodeUplink({ protocolVersion: 1, deviceId: 'flood-1', seq: i, hello: { firmwareVersion: '1.0.0' } })));
    }
    const timeSyncsOf = (id: string) => t.timeSyncs.filter((s) => s.deviceId === id).length;
    expect(t.metrics.framesRejected.get('rate_limited')).toBe(5_000 - FRAME_BURST);
    expect(timeSyncsOf('flood-1')).toBe(TIME_SYNC_BURST);
    expect(t.metrics.framesRejected.get('time_sync_limited')).toBe(FRAME_BURST - TIME_SYNC_BURST);
    // Issue 14: TimeSyncs take a seq each but write no row; the flood left the config the first Hello asked for, at most.
    expect((await t.repo.listDownlinks('flood-1', 10_000)).map((d) => d.kind).filter((k) => k !== 'config')).toEqual([]);
    // Another device at the same moment is answered as usual.
    await t.service.handleMessage(uplinkTopic('lyon', 'calm-1'), calm.seal(encodeUplink({ protocolVersion: 1, deviceId: 'calm-1', seq: 1, hello: {} })));
    expect(timeSyncsOf('calm-1')).toBe(1);
    // Time refills the flooder's budgets: a minute later it is served again.
    t.clock.ms += 60_000;
    await t.service.handleMessage(uplinkTopic('lyon', 'flood-1'), flood.seal(encodeUplink({ protocolVersion: 1, deviceId: 'flood-1', seq: 5_001, state: { level: 7, clock: 1 } })));
    expect((await t.repo.getDevice('flood-1'))?.level).toBe(7);
    expect(timeSyncsOf('flood-1')).toBe(TIME_SYNC_BURST + 1);
  });

  it('tracks presence from the status topic', async () => {
    await t.hello('lyon', 'sl-1');
    await t.service.handleMessage(statusTopic('lyon', 'sl-1'), encodePresence({ online: true, bootCount: 3 }));
    expect(await t.repo.getDevice('sl-1')).toMatchObject({ online: true, bootCount: 3 });
    await t.service.handleMessage(statusTopic('lyon', 'sl-1'), encodePresence({ online: false }));
    expect((await t.repo.getDevice('sl-1'))?.online).toBe(false);
  });

  it('does not let a retained presence of an unknown device claim it for a tenant', async () => {
    await t.service.handleMessage(statusTopic('paris', 'sl-9'), encodePresence({ online: true, bootCount: 1 }));
    expect(await t.repo.getDevice('sl-9')).toBeUndefined();
    await t.hello('lyon', 'sl-9');
    expect((await t.repo.getDevice('sl-9'))?.tenantId).toBe('lyon');
  });

  it('stores energy idempotently and acks the highest contiguous seq', async () => {
    await t.hello('lyon', 'sl-1');
    const rec = (seq: number) => ({ seq, start: 1000 * seq, durationS: 900, energyMwh: 10_000, avgPowerMw: 40_000 });
    await t.uplink('lyon', 'sl-1', { energy: { records: [rec(1), rec(2), rec(4)] } });
    expect(t.sent.at(-1)?.message.energyAck?.ackedSeq).toBe(2);
    await t.uplink('lyon', 'sl-1', { energy: { records: [rec(3), rec(4)] } }, 100);
    expect(t.sent.at(-1)?.message.energyAck?.ackedSeq).toBe(4);
    // A redelivered frame is a duplicate but is acknowledged again.
    await t.uplink('lyon', 'sl-1', { energy: { records: [rec(3), rec(4)] } }, 100);
    expect(t.metrics.duplicates).toBe(1);
    expect(t.sent.at(-1)?.message.energyAck?.ackedSeq).toBe(4);
    expect(await t.repo.energySeqsAfter('sl-1', 0, 10)).toEqual([1, 2, 3, 4]);
  });

  it('stores device events', async () => {
    await t.hello('lyon', 'sl-1');
    await t.uplink('lyon', 'sl-1', { event: { eventSeq: 1, type: pb.EventType.EVENT_TYPE_LAMP_FAILURE, active: true, value: 120, detail: 'no current' } });
    expect(await t.repo.listEvents('sl-1', 5)).toMatchObject([{ type: 1, active: true, value: 120, detail: 'no current' }]);
  });

  it('gives a config version above the one the device reports', async () => {
    await t.hello('lyon', 'sl-1', { configVersion: 7 });
    const r = await t.service.setConfig('lyon', 'sl-1', { stateIntervalS: 60, curve: 'logarithmic' });
    expect(r.configVersion).toBe(8);
    expect(t.sent.at(-1)?.message.config).toMatchObject({ version: 8, stateIntervalS: 60, curve: pb.DimCurve.DIM_CURVE_LOGARITHMIC });
  });

  it('numbers the next config from its own version when the device reports one implausibly far ahead (2^32−1)', async () => {
    // Forged, or adopted from a forged SetConfig by older firmware: one above it would not even fit the uint32
    // field, and the device takes a real version far below a held one that is implausible (firmware README).
    await t.hello('lyon', 'sl-1', { configVersion: 2 ** 32 - 1 });
    const r = await t.service.setConfig('lyon', 'sl-1', { fallbackLevel: 60 });
    expect(r.configVersion).toBe(1);
    expect(t.sent.at(-1)?.message.config).toMatchObject({ version: 1, fallbackLevel: 60 });
  });
});
