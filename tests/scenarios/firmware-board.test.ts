/**
 * Firmware scenarios on a simulated board: the real firmware, the simulated hardware, a real MQTT broker
 * (embedded aedes) and a protocol peer in the server's place. Every scenario runs three times: with the firmware
 * on Node ('node'), with its bundle inside the real XS engine ('xs', an xsnap worker per boot), and preloaded in
 * the device's heap on the device-conditions host ('device', issue 12: its memory and compute are printed).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, nodeHmac, simDeviceKey, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { sealFrame, encodeDownlink as encodeServerDownlink } from '@streetlight/protocol';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { AckStatus, Anchor, ClockStatus, LevelSource, encodeDownlink, type Plan } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const PWM_MAX = 1023;
const at = (iso: string): number => Date.parse(iso);

/** Sobriety plan: full at sunset, 50 % from 23:00, off 01:00–05:00, 50 % until sunrise. */
const PLAN: Plan = {
  id: 11, version: 1, defaultProgramId: 1,
  programs: [{ id: 1, steps: [
    { anchor: Anchor.ANCHOR_SUNSET, level: 100, fadeS: 2 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 23 * 60, level: 50, fadeS: 10 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 60, level: 0, fadeS: 10 },
    { anchor: Anchor.ANCHOR_CLOCK, offsetMin: 5 * 60, level: 50, fadeS: 10 },
    { anchor: Anchor.ANCHOR_SUNRISE, level: 0, fadeS: 2 },
  ] }],
};
const CONFIG = { version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6) };

const RUNTIMES: FirmwareRuntime[] = ['node', 'xs', 'device'];
let runtime: FirmwareRuntime = 'node';
let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
const boards: SimBoard[] = [];

beforeEach(async () => {
  broker = await startTestBroker();
  clock = new VirtualClock({ start: at('2026-11-23T20:00:00Z') }); // 21:00 in Sarlat, a Monday night
  tenant = `t${randomUUID().slice(0, 8)}`;
  peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
  startDeviceScenario();
});

afterEach(async () => {
  try {
    if (runtime === 'device') endDeviceScenario(boards);
  } finally {
    for (const b of boards.splice(0)) b.dispose();
    await peer.close();
    await broker.close();
  }
});

function makeBoard(extra: Partial<ConstructorParameters<typeof SimBoard>[0]> = {}): { board: SimBoard; fw: () => Firmware } {
  const board = new SimBoard({
    clock, deviceId: `SRL-T-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port },
    position: SARLAT,
    runtime,
    ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}),
    ...extra,
  });
  boards.push(peer.watch(board));
  // On XS, status() is a synchronous query into the engine; it returns the same fields.
  return { board, fw: () => board.firmware as unknown as Firmware };
}

/**
 * The first Hello of boot `boot` (Hello.boot_count), once it has arrived. A board repeats a Hello the peer does not
 * answer (issue 14), so "the second Hello" may be a repeat of the first boot's.
 */
const helloOfBoot = (board: SimBoard, boot: number) => peer.of(board.deviceId).find((u) => u.hello?.bootCount === boot);
const hasHelloOfBoot = (board: SimBoard, boot: number) => (): boolean => helloOfBoot(board, boot) !== undefined;

/** Raw PWM value last written (0..1023). */
const duty = (b: SimBoard): number => b.pwmTrace.at(-1)?.value ?? -1;
const pct = (level: number): number => Math.round((level / 100) * PWM_MAX);

/** Commissions a board the way the server would: time, config, plan. */
async function commission(board: SimBoard): Promise<void> {
  await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000 });
  await peer.send(board.deviceId, { timeSync: { uplinkSeq: 1 } });
  await peer.send(board.deviceId, { config: CONFIG });
  await peer.send(board.deviceId, { plan: { plan: PLAN } });
  await clock.runUntil(() => peer.of(board.deviceId).filter((u) => u.ack?.status === AckStatus.ACK_STATUS_OK).length >= 2, { timeoutMs: 60_000 });
}

describe.each(RUNTIMES)('firmware on %s', (r) => {
  beforeEach(() => { runtime = r; });

  describe('boot without time or configuration', () => {
    it('lights at the fallback level at night (photocell dark) and says why', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      expect(duty(board)).toBe(PWM_MAX); // before any network: the safe level
      expect(fw().status()).toMatchObject({ source: LevelSource.LEVEL_SOURCE_DEFAULT, clock: ClockStatus.CLOCK_STATUS_UNSET });
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.state), { timeoutMs: 60_000 });
      const hello = peer.of(board.deviceId).find((u) => u.hello)?.hello;
      expect(hello).toMatchObject({ clock: ClockStatus.CLOCK_STATUS_UNSET, configVersion: 0, resetReason: 1, bootCount: 1 });
      expect(peer.of(board.deviceId).find((u) => u.state)?.state?.source).toBe(LevelSource.LEVEL_SOURCE_DEFAULT);
    });

    it('stays dark by day (photocell light)', () => {
      clock = new VirtualClock({ start: at('2026-11-23T11:00:00Z') });
      const { board } = makeBoard();
      board.powerOn();
      expect(duty(board)).toBe(0);
    });
  });

  describe('running a plan', () => {
    it('takes the time from the server, then follows the plan through the night, offline', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await commission(board);
      expect(fw().status()).toMatchObject({ clock: ClockStatus.CLOCK_STATUS_SYNCED, source: LevelSource.LEVEL_SOURCE_PLAN, planId: 11, configVersion: 1 });
      await clock.runUntil(() => duty(board) === pct(100), { timeoutMs: 60_000 });

      board.link.down(); // the rest of the night without network
      clock.advanceTo(at('2026-11-23T22:30:00Z')); // 23:30 CET
      expect(duty(board)).toBe(pct(50));
      clock.advanceTo(at('2026-11-24T01:00:00Z')); // 02:00 CET: off in the heart of the night
      expect(duty(board)).toBe(0);
      clock.advanceTo(at('2026-11-24T04:30:00Z')); // 05:30 CET
      expect(duty(board)).toBe(pct(50));
      clock.advanceTo(at('2026-11-24T08:30:00Z')); // after sunrise
      expect(duty(board)).toBe(0);
    });

    it('fades smoothly between steps (no jump larger than a few % per 50 ms step)', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await commission(board);
      board.link.down();
      clock.advanceTo(at('2026-11-23T21:59:00Z'));
      const from = board.pwmTrace.length;
      clock.advanceTo(at('2026-11-23T22:01:00Z')); // the 23:00 step fades 100 → 50 over 10 s
      const writes = board.pwmTrace.slice(from);
      expect(writes.length).toBeGreaterThan(100);
      for (let i = 1; i < writes.length; i++) {
        expect(Math.abs((writes[i]?.value ?? 0) - (writes[i - 1]?.value ?? 0))).toBeLessThanOrEqual(pct(1) + 1);
      }
      expect(writes.at(-1)?.value).toBe(pct(50));
    });
  });

  describe('authenticated downlinks (issue 11)', () => {
    const sevenDays = (): number => Math.floor(clock.now() / 1000) + 7 * 86_400;

    it('obeys no downlink without the MAC of its own key: forged override, reboot and TimeSync change nothing', async () => {
      const { board, fw } = makeBoard();
      const other = makeBoard().board; // another board's key: what a compromised neighbour has
      board.powerOn();
      await commission(board);
      await clock.runUntil(() => duty(board) === pct(100), { timeoutMs: 60_000 });
      const boots = board.bootCount;
      const before = fw().status().rejectedDownlinks;
      const hello = peer.of(board.deviceId).find((u) => u.hello);
      const forged = [
        { command: { setOverride: { id: 66, level: 0, expiresAt: sevenDays() } } },
        { command: { reboot: true } },
        // A TimeSync answering a sniffed uplink seq, 12 h ahead.
        { timeSync: { uplinkSeq: hello?.seq ?? 1 } },
      ];
      for (const body of forged) await peer.sendUnsealed(board.deviceId, body, 9_000);
      // Addressed to this board, sealed with the other board's key: an override, and a TimeSync 12 h ahead.
      const otherKey = simDeviceKey(other.deviceId);
      const t12h = Math.floor(clock.now() / 1000) + 43_200;
      await peer.sendRaw(board.deviceId, sealFrame(nodeHmac, otherKey, 'down', encodeServerDownlink({ protocolVersion: 1, deviceId: board.deviceId, seq: 9_001, time: t12h, command: { setOverride: { id: 67, level: 0, expiresAt: sevenDays() } } })));
      await peer.sendRaw(board.deviceId, sealFrame(nodeHmac, otherKey, 'down', encodeServerDownlink({ protocolVersion: 1, deviceId: board.deviceId, seq: 9_002, time: t12h, timeSync: { uplinkSeq: hello?.seq ?? 1 } })));
      const clockBefore = board.rtcNow();
      // Virtual time stands still while the frames travel (real time; long on the device-conditions host under load).
      await clock.waitFor(() => fw().status().rejectedDownlinks >= before + 5, { describe: () => `rejected ${fw().status().rejectedDownlinks}` });
      clock.advance(5_000);
      expect(duty(board)).toBe(pct(100));
      expect(fw().status()).toMatchObject({ overrideId: 0, source: LevelSource.LEVEL_SOURCE_PLAN });
      expect(board.bootCount).toBe(boots);
      expect(Math.abs(board.rtcNow() - clockBefore - 5_000)).toBeLessThan(2_000); // not moved by 12 h
      // No CommandAck answered any of them.
      expect(peer.of(board.deviceId).filter((u) => u.ack && (u.ack.downlinkSeq ?? 0) >= 9_000)).toEqual([]);
    });

    it('refuses a captured genuine override replayed later, also after a reboot (the applied seq is persisted)', async () => {
      const { board, fw } = makeBoard({ rtc: 'kept' });
      board.powerOn();
      await commission(board);
      await clock.runUntil(() => duty(board) === pct(100), { timeoutMs: 60_000 });
      // The genuine override, as an eavesdropper captures it on the way.
      const captured = peer.seal(board.deviceId, { seq: 50, time: Math.floor(clock.now() / 1000), command: { setOverride: { id: 5, level: 0, expiresAt: sevenDays() } } });
      await peer.sendRaw(board.deviceId, captured);
      await clock.runUntil(() => fw().status().overrideId === 5, { timeoutMs: 60_000 });
      const seqAfter = 51;
      await peer.sendRaw(board.deviceId, peer.seal(board.deviceId, { seq: seqAfter, time: Math.floor(clock.now() / 1000), command: { clearOverride: 5 } }));
      await clock.runUntil(() => fw().status().overrideId === 0 && duty(board) === pct(100), { timeoutMs: 60_000 });
      const rejected = fw().status().rejectedDownlinks;
      await peer.sendRaw(board.deviceId, captured); // replayed
      await clock.runUntil(() => fw().status().rejectedDownlinks > rejected, { timeoutMs: 60_000 });
      expect(fw().status().overrideId).toBe(0);
      board.powerOff();
      clock.advance(60_000);
      board.powerOn();
      await clock.runUntil(hasHelloOfBoot(board, 2), { timeoutMs: 60_000 });
      expect(helloOfBoot(board, 2)?.hello?.downlinkFloor).toBe(seqAfter);
      await peer.sendRaw(board.deviceId, captured); // replayed after the reboot
      await clock.runUntil(() => fw().status().rejectedDownlinks >= 1, { timeoutMs: 60_000 });
      clock.advance(5_000);
      expect(fw().status().overrideId).toBe(0);
      expect(duty(board)).toBe(pct(100));
      // A new genuine command (above the floor) is obeyed.
      await peer.send(board.deviceId, { command: { setOverride: { id: 6, level: 30, expiresAt: sevenDays() } } });
      await clock.runUntil(() => fw().status().overrideId === 6, { timeoutMs: 60_000 });
    });

    it('accepts genuine downlinks out of order within its window, once each', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await commission(board);
      const t = Math.floor(clock.now() / 1000);
      const a = peer.seal(board.deviceId, { seq: 102, time: t, command: { setOverride: { id: 8, level: 20, expiresAt: sevenDays() } } });
      const b = peer.seal(board.deviceId, { seq: 101, time: t, command: { requestReport: true } });
      await peer.sendRaw(board.deviceId, a);
      await peer.sendRaw(board.deviceId, b); // older seq, never seen, within the window: obeyed (another instance sent it)
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === 101), { timeoutMs: 60_000 });
      const acks = (): number => peer.of(board.deviceId).filter((u) => u.ack?.downlinkSeq === 102).length;
      expect(acks()).toBe(1);
      const rejected = fw().status().rejectedDownlinks;
      await peer.sendRaw(board.deviceId, a); // twice: refused
      await clock.runUntil(() => fw().status().rejectedDownlinks > rejected, { timeoutMs: 60_000 });
      expect(acks()).toBe(1);
    });

    it('a board that was never provisioned drives its lamp and stays off the network', async () => {
      const { board, fw } = makeBoard({ provisioned: false });
      board.powerOn();
      expect(duty(board)).toBe(PWM_MAX); // night, no configuration: the safe level
      clock.advance(120_000);
      expect(board.online).toBe(false);
      expect(fw().status().connected).toBe(false);
      expect(peer.of(board.deviceId)).toEqual([]);
      expect(board.logs.toArray().some((l) => /not provisioned/.test(l.message))).toBe(true);
    });
  });

  describe('power cuts', () => {
    it('comes back at the level the plan gives for that moment, before any network (battery-backed RTC)', async () => {
      const { board } = makeBoard({ rtc: 'kept' });
      board.powerOn();
      await commission(board);
      clock.advanceTo(at('2026-11-23T22:30:00Z'));
      expect(duty(board)).toBe(pct(50));
      board.powerOff();
      board.link.down();
      clock.advanceTo(at('2026-11-24T04:30:00Z')); // power back at 05:30 CET
      const from = board.pwmTrace.length;
      board.powerOn();
      const afterBoot = board.pwmTrace.slice(from).map((w) => w.value);
      expect(afterBoot.filter((v) => v !== 0)).toEqual([pct(50)]); // straight to 50 %, never the old level
      expect(duty(board)).toBe(pct(50));
    });

    it('without an RTC, uses the fallback until the server time arrives, then the plan level', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await commission(board);
      board.powerOff();
      clock.advanceTo(at('2026-11-24T01:30:00Z')); // 02:30 CET: the plan says off
      board.powerOn();
      expect(duty(board)).toBe(PWM_MAX); // no valid time: fallback (photocell dark)
      await clock.runUntil(hasHelloOfBoot(board, 2), { timeoutMs: 60_000 });
      await peer.send(board.deviceId, { timeSync: { uplinkSeq: 1 } });
      await clock.runUntil(() => duty(board) === 0, { timeoutMs: 60_000 });
    });

    it('keeps its uplink sequence strictly increasing across power cuts', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.state), { timeoutMs: 60_000 });
      board.powerCycle();
      await clock.runUntil(hasHelloOfBoot(board, 2), { timeoutMs: 60_000 });
      await clock.runUntil(() => peer.of(board.deviceId).filter((u) => u.state).length >= 2, { timeoutMs: 60_000 });
      const seqs = peer.of(board.deviceId).map((u) => u.seq ?? 0);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
    });
  });

  describe('overrides', () => {
    it('applies an override and reverts to the plan at its expiry, even offline', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await commission(board);
      const expiresAt = Math.floor(clock.now() / 1000) + 600;
      await peer.send(board.deviceId, { command: { setOverride: { id: 5, level: 30, expiresAt, fadeS: 1 } } });
      await clock.runUntil(() => duty(board) === pct(30), { timeoutMs: 60_000 });
      board.link.down();
      clock.advanceTo(expiresAt * 1000 - 1000);
      expect(duty(board)).toBe(pct(30));
      clock.advanceTo(expiresAt * 1000 + 5000);
      expect(duty(board)).toBe(pct(100)); // back to the plan (before 23:00: full)
    });

    it('rejects an already expired override', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await commission(board);
      const seq = await peer.send(board.deviceId, { command: { setOverride: { id: 6, level: 30, expiresAt: Math.floor(clock.now() / 1000) - 10 } } });
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === seq), { timeoutMs: 60_000 });
      expect(peer.of(board.deviceId).find((u) => u.ack?.downlinkSeq === seq)?.ack?.status).toBe(AckStatus.ACK_STATUS_REJECTED);
      expect(duty(board)).toBe(pct(100));
    });
  });

  describe('hostile downlinks', () => {
    it('counts garbage, truncated and foreign frames, reports it, and keeps running', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await commission(board);
      await peer.sendRaw(board.deviceId, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f]));
      await peer.sendRaw(board.deviceId, Uint8Array.from([0x08, 0x01, 0x12, 0x40, 0x41])); // length past the end
      await peer.send('SRL-SOMEONE-ELSE', { command: { reboot: true } }); // not for us: never delivered
      await peer.sendRaw(board.deviceId, new Uint8Array(90_000));
      await clock.runUntil(() => fw().status().rejectedDownlinks >= 2, { timeoutMs: 60_000 });
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.event?.type === 9), { timeoutMs: 60_000 });
      expect(board.state).toBe('on');
      expect(board.bootCount).toBe(1);
      // Still obeys a good command afterwards.
      const seq = await peer.send(board.deviceId, { command: { requestReport: true } });
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === seq && u.ack.status === AckStatus.ACK_STATUS_OK), { timeoutMs: 60_000 });
    });
  });

  // A version or seq far beyond what a real peer could reach in one step is refused (protocol/src/limits.ts):
  // adopted once, it would make every later real one look stale, also after a reboot (NVS keeps it).
  describe('version and counter sanity', () => {
    /** Sends a downlink and waits for its CommandAck. */
    async function acked(board: SimBoard, body: Parameters<ProtocolPeer['send']>[1]) {
      const seq = await peer.send(board.deviceId, body);
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === seq), { timeoutMs: 60_000 });
      return peer.of(board.deviceId).find((u) => u.ack?.downlinkSeq === seq)!.ack!;
    }

    it('refuses a config version 2^32−1 (INVALID, counted, not adopted) and applies the next real config, also after a reboot', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await commission(board);
      const forged = await acked(board, { config: { ...CONFIG, version: 2 ** 32 - 1, fallbackLevel: 10 } });
      expect(forged.status).toBe(AckStatus.ACK_STATUS_INVALID);
      expect(forged.detail).toMatch(/implausible/);
      expect(fw().status()).toMatchObject({ configVersion: 1, rejectedDownlinks: 1 });
      expect((await acked(board, { config: { ...CONFIG, version: 2 } })).status).toBe(AckStatus.ACK_STATUS_OK);
      board.powerCycle();
      await clock.runUntil(hasHelloOfBoot(board, 2), { timeoutMs: 60_000 });
      expect(fw().status().configVersion).toBe(2);
      expect((await acked(board, { config: { ...CONFIG, version: 3 } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect(fw().status().configVersion).toBe(3);
    });

    it('a board with wiped flash (version 0) takes a real server version of a few thousand', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000 });
      expect((await acked(board, { config: { ...CONFIG, version: 4_321 } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect((await acked(board, { plan: { plan: { ...PLAN, version: 2_345 } } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect(fw().status()).toMatchObject({ configVersion: 4_321, planId: 11, planVersion: 2_345, rejectedDownlinks: 0 });
    });

    it('refuses a plan version 2^32−1, for its plan id or a new one, and applies the next real plan, also after a reboot', async () => {
      const { board, fw } = makeBoard();
      board.powerOn();
      await commission(board);
      const sameId = await acked(board, { plan: { plan: { ...PLAN, version: 2 ** 32 - 1 } } });
      expect(sameId.status).toBe(AckStatus.ACK_STATUS_INVALID);
      expect(sameId.detail).toMatch(/implausible/);
      const newId = await acked(board, { plan: { plan: { ...PLAN, id: 12, version: 2 ** 32 - 1 } } });
      expect(newId.status).toBe(AckStatus.ACK_STATUS_INVALID);
      expect(fw().status()).toMatchObject({ planId: 11, planVersion: 1, rejectedDownlinks: 2 });
      expect((await acked(board, { plan: { plan: { ...PLAN, version: 2 } } })).status).toBe(AckStatus.ACK_STATUS_OK);
      board.powerCycle();
      await clock.runUntil(hasHelloOfBoot(board, 2), { timeoutMs: 60_000 });
      expect(fw().status()).toMatchObject({ planId: 11, planVersion: 2 });
      expect((await acked(board, { plan: { plan: { ...PLAN, version: 3 } } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect((await acked(board, { plan: { plan: { ...PLAN, id: 12, version: 1 } } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect(fw().status()).toMatchObject({ planId: 12, planVersion: 1 });
    });

    it('a board that adopted a version 2^32−1 before this rule takes the next real ones (the held version is the implausible one)', async () => {
      const { board, fw } = makeBoard();
      // What older firmware kept in NVS after a forged SetConfig / SetPlan: the Downlink frames that carried them.
      const frame = (body: Parameters<typeof encodeDownlink>[0]) => encodeDownlink({ protocolVersion: 1, deviceId: 'self', ...body }).slice().buffer;
      board.flash.write('cfg', frame({ config: { ...CONFIG, version: 2 ** 32 - 1 } }));
      board.flash.write('plan', frame({ plan: { plan: { ...PLAN, version: 2 ** 32 - 1 } } }));
      board.powerOn();
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000 });
      expect(fw().status()).toMatchObject({ configVersion: 2 ** 32 - 1, planVersion: 2 ** 32 - 1 });
      expect((await acked(board, { config: { ...CONFIG, version: 5 } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect((await acked(board, { plan: { plan: { ...PLAN, version: 3 } } })).status).toBe(AckStatus.ACK_STATUS_OK);
      expect(fw().status()).toMatchObject({ configVersion: 5, planId: 11, planVersion: 3 });
    });

    // The server refuses an uplink seq implausibly far above the last one it saw (fleet-server README): boots that
    // never sent anything must not move the counter, or a board cut on and off while offline would come back
    // beyond that bound.
    it('boots without network do not move its uplink seq: the next frame is within one block of the last', async () => {
      const { board } = makeBoard();
      board.powerOn();
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.state), { timeoutMs: 60_000 });
      const last = Math.max(...peer.of(board.deviceId).map((u) => u.seq ?? 0));
      board.link.down();
      for (let i = 0; i < 4; i++) { board.powerCycle(); clock.advance(30_000); }
      board.link.up();
      await clock.runUntil(hasHelloOfBoot(board, 5), { timeoutMs: 60_000 });
      const hello = helloOfBoot(board, 5)!;
      expect(hello.seq).toBeGreaterThan(last);
      expect(hello.seq! - last).toBeLessThanOrEqual(256 + 1);
    });
  });
});
