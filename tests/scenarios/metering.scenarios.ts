/**
 * Metering scenarios (issue 5): the real firmware on a simulated board with a metering chip, a real broker
 * and a protocol peer that acknowledges energy records as the server does (highest contiguous seq; a new log id
 * maps the new log's seqs after the old log's, fleet-server EnergyRepository.ingest). Every
 * scenario runs twice: with the firmware on Node ('node', metering-node.test.ts) and with its bundle inside the
 * real XS engine ('xs', metering-xs.test.ts: PulseCount, Serial and the meter-log partition reach the same
 * simulated chip and flash through the XS host). Two files, so that the two hosts run in parallel.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFirmware, type Firmware, type FirmwareStatus, type Host } from '@streetlight/firmware';
import { SimBoard, VirtualClock, type FirmwareRuntime, type MeterSpec } from '@streetlight/hardware-sim';
import { startTestBroker, type TestBroker } from '@streetlight/hardware-sim/testing';
import { decodeUplinkFrame, parseDeviceTopic } from '@streetlight/protocol';
import type { IntervalRecord } from '@streetlight/protocol/lean';
import { ProtocolPeer } from '../lib/protocol-peer.js';
import { endDeviceScenario, startDeviceScenario } from '../lib/device-host.js';

const SARLAT = { lat: 44.8897, lon: 1.2166 };
const at = (iso: string): number => Date.parse(iso);
const CONFIG = {
  version: 1, tz: 'CET-1CEST,M3.5.0,M10.5.0/3', latitudeE6: Math.round(SARLAT.lat * 1e6), longitudeE6: Math.round(SARLAT.lon * 1e6),
  energyIntervalS: 60, nominalPowerW: 36,
};

let broker: TestBroker;
let peer: ProtocolPeer;
let clock: VirtualClock;
let tenant: string;
const boards: SimBoard[] = [];
/** Records stored by the "server", per device and server seq (idempotent, like the real one). */
let stored: Map<string, Map<number, IntervalRecord>>;
/** Highest EnergyReport.lost_through_seq seen per device (server seqs). */
let lost: Map<string, number>;
/** Per device: current log id (EnergyReport.log_id), the server seq its seq 0 maps to, and the previous id. */
let logs: Map<string, { id: number; base: number; prev: number }>;
let ackEnabled = true;
/** The peer answers a Hello with a TimeSync at once (false: the test sends it when it wants). */
let autoTimeSync = true;
let runtime: FirmwareRuntime = 'node';

/** Registers the metering scenarios for one firmware host (in the calling test file). */
export function meteringScenarios(r: FirmwareRuntime): void {
  beforeEach(async () => {
    startDeviceScenario();
    broker = await startTestBroker();
    clock = new VirtualClock({ start: at('2026-11-23T18:00:00Z') }); // 19:00 in Sarlat, dark
    tenant = `t${randomUUID().slice(0, 8)}`;
    peer = await ProtocolPeer.connect(`mqtt://${broker.host}:${broker.port}`, tenant, () => clock.now());
    stored = new Map();
    lost = new Map();
    logs = new Map();
    ackEnabled = true;
    autoTimeSync = true;
    // The server's energy ingest: store idempotently, then ack the highest contiguous seq.
    peer.client.on('message', (topic, payload) => {
      const t = parseDeviceTopic(topic);
      if (!t || t.channel !== 'up') return;
      const d = decodeUplinkFrame(new Uint8Array(payload), t.deviceId);
      if (!d.ok) return;
      if (d.message.hello && autoTimeSync) peer.send(t.deviceId, { timeSync: { uplinkSeq: d.message.seq ?? 0 } }).catch(() => undefined);
      const e = d.message.energy;
      if (!e || !ackEnabled) return;
      let m = stored.get(t.deviceId);
      if (!m) stored.set(t.deviceId, (m = new Map()));
      let log = logs.get(t.deviceId);
      if (!log) logs.set(t.deviceId, (log = { id: 0, base: 0, prev: 0 }));
      const logId = e.logId ?? 0;
      let lostThrough = lost.get(t.deviceId) ?? 0;
      if (logId !== 0 && logId !== log.id) {
        if (log.id !== 0 && logId === log.prev) return; // a late frame of the old log: nothing to store or ack
        if (log.id !== 0) {
          // A new log (seqs restarted at 1): after everything of the old one; what the old one never sent is lost.
          log.base = Math.max(lostThrough, ...m.keys());
          lostThrough = log.base;
          log.prev = log.id;
        }
        log.id = logId;
      }
      const base = logId === 0 ? 0 : log.base;
      for (const r of e.records ?? []) if (!m.has((r.seq ?? 0) + base)) m.set((r.seq ?? 0) + base, { ...r, seq: (r.seq ?? 0) + base } as IntervalRecord);
      // Records the device says its log no longer holds are lost: acknowledged past, like the server does.
      lostThrough = Math.max(lostThrough, e.lostThroughSeq ? e.lostThroughSeq + base : 0);
      lost.set(t.deviceId, lostThrough);
      let acked = 0;
      while (m.has(acked + 1) || acked < lostThrough) acked++;
      const ackedSeq = acked - base; // in the device's seqs
      if (ackedSeq > 0) peer.send(t.deviceId, { energyAck: { ackedSeq } }).catch(() => undefined); // the peer may be closing
    });
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

  function makeBoard(meter: MeterSpec['chip'] | MeterSpec, extra: Partial<ConstructorParameters<typeof SimBoard>[0]> = {}): SimBoard {
    const board = new SimBoard({
      clock, deviceId: `MTR-${boards.length + 1}`, tenant, mqtt: { host: broker.host, port: broker.port },
      position: SARLAT, meter, runtime, ...(runtime === 'node' ? { firmware: (host: Host) => startFirmware(host) } : {}), ...extra,
    });
    boards.push(peer.watch(board));
    return board;
  }

  // On XS, status() is a synchronous query into the engine; it returns the same fields.
  const status = (b: SimBoard): FirmwareStatus => (b.firmware as unknown as Firmware).status();
  const records = (b: SimBoard): IntervalRecord[] => [...(stored.get(b.deviceId)?.values() ?? [])].sort((x, y) => (x.seq ?? 0) - (y.seq ?? 0));
  /** A record's energy: proto3 leaves a 0 out of the frame, so a record that counted nothing has no energyMwh. */
  const mwh = (r: IntervalRecord): number => Number(r.energyMwh ?? 0);
  const sumMwh = (rs: IntervalRecord[]): number => rs.reduce((a, r) => a + mwh(r), 0);
  const sumWh = (rs: IntervalRecord[]): number => sumMwh(rs) / 1000;

  /** What a wait saw of a board, for its failure message: firmware status, stored records, last uplinks. */
  function seen(b: SimBoard): string {
    let st: unknown;
    try { st = status(b); } catch (err) { st = `status failed: ${String(err)}`; }
    const rs = records(b);
    const last = peer.of(b.deviceId).slice(-5).map((u) => Object.keys(u).filter((k) => !['protocolVersion', 'deviceId', 'seq', 'time'].includes(k)).join('+'));
    return `board ${b.deviceId} ${b.state}, link ${b.online ? 'up' : 'down'}; status ${JSON.stringify(st)}; records ${rs.length} (seqs ${rs[0]?.seq ?? '-'}..${rs.at(-1)?.seq ?? '-'}), `
      + `${sumMwh(rs)} mWh; last uplinks [${last.join(', ')}]`;
  }

  async function commission(board: SimBoard): Promise<void> {
    await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(board) });
    await peer.send(board.deviceId, { config: CONFIG });
    await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack), { timeoutMs: 60_000, describe: () => seen(board) });
  }

  const energyTotals = (b: SimBoard): number[] => peer.of(b.deviceId).filter((u) => u.energy).map((u) => Number(u.energy!.energyTotalMwh));
  const events = (b: SimBoard, type: number, active: boolean): number =>
    peer.of(b.deviceId).filter((u) => u.event?.type === type && (u.event.active ?? false) === active).length;

  describe(`firmware on ${r}`, () => {
    beforeEach(() => { runtime = r; });

    describe.each(['bl0940', 'hlw8012'] as const)('metering with %s', (chip) => {
      it('records flow to the server, are acknowledged and sum to the ground truth', async () => {
        const board = makeBoard(chip);
        board.powerOn();
        await commission(board);
        const wh0 = board.energyWh();
        await clock.runUntil(() => records(board).length >= 8 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
        const rs = records(board);
        expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1));
        for (const r of rs.slice(2)) { // the first ones straddle the clock sync and the new interval
          expect(r.durationS).toBe(60);
          expect((r.start ?? 0) % 60).toBe(0);
          expect(r.avgLevelX10).toBe(1000);
          expect(r.burningS).toBeGreaterThanOrEqual(50);
          expect(Number(r.avgPowerMw)).toBeGreaterThan(34_000);
          expect(Number(r.avgPowerMw)).toBeLessThan(38_000);
        }
        const st = status(board).energy!;
        // The lifetime counter equals the sum of the records (no interval is lost while powered).
        expect(st.totalEnergyMwh - Math.floor(st.totalEnergyMwh - sumWh(rs) * 1000)).toBeGreaterThan(0);
        const e = peer.of(board.deviceId).filter((u) => u.energy).at(-1)!.energy!;
        expect(Number(e.energyTotalMwh)).toBe(sumMwh(rs));
        // Ground truth: what the luminaire drew while the records ran, within a chip quantum and a poll of power.
        const truthWh = board.energyWh();
        const quantumWh = chip === 'bl0940' ? 0.17 : 0.001;
        expect(Math.abs(sumWh(rs) - truthWh)).toBeLessThan(quantumWh + (36 * 70) / 3600 + wh0);
        // StateReport.power_mw comes from the meter.
        await peer.send(board.deviceId, { command: { requestReport: true } });
        await clock.runUntil(() => peer.of(board.deviceId).some((u) => (u.state?.powerMw ?? 0) > 30_000), { timeoutMs: 60_000, describe: () => seen(board) });
      });
    });

    // Found under load (issue 13): a time sync late in the first interval (here 55 s after boot) dated that
    // interval back to boot, then closed it at the minute boundary its start fell before, which had passed: a
    // record of 2 s holding 55 s of energy (506 mWh, an apparent 900 W), and a next record claiming the 55 s it
    // never covered. Under load the sync lands anywhere in the minute; a record then held 0 mWh (no energy field
    // in proto3), and the sum over records in the test above was NaN.
    it('an interval dated late (time sync mid-interval) keeps its real duration; records tile time and sum to the total', async () => {
      autoTimeSync = false;
      const board = makeBoard('bl0940');
      const bootS = clock.now() / 1000;
      board.powerOn();
      await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 60_000, describe: () => seen(board) });
      // The time sync reaches the board at hh:mm:55 (5 s before a boundary, 55 s after boot): virtual time waits for
      // it on the broker (the peer's FrameLedger), so it lands at that very instant on every host.
      const hello = peer.of(board.deviceId).find((u) => u.hello)!;
      clock.advanceTo(Math.ceil((clock.now() + 1) / 60_000) * 60_000 - 5_000);
      const syncedAt = clock.now() / 1000;
      await peer.send(board.deviceId, { timeSync: { uplinkSeq: hello.seq ?? 0 } });
      await clock.runUntil(() => status(board).clock === 3, { timeoutMs: 60_000, describe: () => seen(board) }); // CLOCK_STATUS_SYNCED
      expect(clock.now() / 1000).toBe(syncedAt);
      await peer.send(board.deviceId, { config: CONFIG });
      await clock.runUntil(() => records(board).length >= 6 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
      const rs = records(board);
      const show = JSON.stringify(rs.map((r) => ({ seq: r.seq, start: new Date((r.start ?? 0) * 1000).toISOString(), durationS: r.durationS, energyMwh: mwh(r) })));
      // Back to back: each record starts where the previous one ended.
      for (let k = 1; k < rs.length; k++) expect((rs[k]!.start ?? 0) - (rs[k - 1]!.start ?? 0), show).toBe(rs[k - 1]!.durationS);
      // The interval in progress at the sync is dated from the board's ticks: it starts at boot and runs to the first
      // boundary after the sync (the config's 60 s came with it), its real length; the next ones are whole minutes.
      expect(Math.abs((rs[0]!.start ?? 0) - bootS), show).toBeLessThanOrEqual(1);
      expect((rs[0]!.start ?? 0) + (rs[0]!.durationS ?? 0), show).toBe(Math.ceil(syncedAt / 60) * 60);
      for (const r of rs.slice(1)) expect([(r.start ?? 0) % 60, r.durationS], show).toEqual([0, 60]);
      // Plausible energy: no record holds more than its duration at the lamp's power, plus one chip count (163 mWh).
      for (const r of rs) expect(mwh(r), show).toBeLessThanOrEqual((36.5 * (r.durationS ?? 0)) / 3.6 + 170);
      const e = peer.of(board.deviceId).filter((u) => u.energy).at(-1)!.energy!;
      expect(Number(e.energyTotalMwh), show).toBe(sumMwh(rs));
      expect(Math.abs(sumWh(rs) - board.energyWh()), show).toBeLessThan(0.17 + (36 * 70) / 3600);
    });

    // The chaos month (tests/chaos) had a record quarantined as "3607 mWh in 38 s, above what a 54 W luminaire can
    // draw": a TimeSync set the board's clock 200 s back in the middle of an interval, and the interval, dated before
    // the step, closed at the next boundary of the new clock, claiming 38 s for 238 s of energy.
    it.each([['back', -200], ['forward', 200]] as const)('a clock set %s by a TimeSync mid-interval: the interval in progress keeps its real duration', async (_, stepS) => {
      const board = makeBoard('bl0940');
      board.powerOn();
      await commission(board);
      await clock.runUntil(() => records(board).length >= 3 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
      // 20 s into an interval: a new connection, whose Hello the peer answers with a clock `stepS` away.
      clock.advanceTo(Math.ceil(clock.now() / 60_000) * 60_000 + 20_000);
      const cutSeq = status(board).energy!.lastSeq + 1; // the interval in progress
      autoTimeSync = false;
      const hellos = peer.of(board.deviceId).filter((u) => u.hello).length;
      board.link.down();
      board.link.up();
      await clock.runUntil(() => peer.of(board.deviceId).filter((u) => u.hello).length > hellos, { timeoutMs: 60_000, describe: () => seen(board) });
      const hello = peer.of(board.deviceId).filter((u) => u.hello).at(-1)!;
      await peer.send(board.deviceId, { timeSync: { uplinkSeq: hello.seq ?? 0 } }, Math.floor(clock.now() / 1000) + stepS);
      await clock.runUntil(() => Math.abs(board.rtcNow() - clock.now() - stepS * 1000) < 1000, { timeoutMs: 60_000, describe: () => seen(board) });
      await clock.runUntil(() => records(board).length >= cutSeq + 3 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
      const rs = records(board);
      const show = JSON.stringify(rs.slice(cutSeq - 2).map((r) => ({ seq: r.seq, start: r.start, durationS: r.durationS, energyMwh: mwh(r) })));
      // Every record holds at most its duration of the lamp's power (plus a chip count and the poll it closed on).
      for (const r of rs) expect(mwh(r), show).toBeLessThanOrEqual((36.5 * ((r.durationS ?? 0) + 2)) / 3.6 + 170);
      // The interval cut by the step is dated on the new clock (its start moved by the step), and runs to the next
      // boundary of the new clock: its duration is real seconds.
      const cut = rs[cutSeq - 1]!;
      const prev = rs[cutSeq - 2]!;
      expect([prev.seq, cut.seq]).toEqual([cutSeq - 1, cutSeq]);
      expect(Math.abs((cut.start ?? 0) - ((prev.start ?? 0) + (prev.durationS ?? 0) + stepS)), show).toBeLessThanOrEqual(1); // whole seconds
      expect(((cut.start ?? 0) + (cut.durationS ?? 0)) % 60, show).toBe(0);
      // Before the step the records tile the old clock, after it the new one; the totals still add up.
      for (let k = cutSeq; k < rs.length; k++) expect((rs[k]!.start ?? 0) - (rs[k - 1]!.start ?? 0), show).toBe(rs[k - 1]!.durationS);
      expect(Math.abs(sumWh(rs) - board.energyWh()), show).toBeLessThan(0.17 + (36.5 * 70) / 3600);
    });

    describe('power cuts', () => {
      it('lose at most one interval each (also in the middle of a flash write); the counter never goes back', async () => {
        const board = makeBoard('hlw8012');
        board.powerOn();
        await commission(board);
        const cuts = 6;
        for (let i = 0; i < cuts; i++) {
          await clock.runUntil(() => false, { timeoutMs: 150_000 + 17_000 * i }).catch(() => undefined);
          if (i === 3) {
            // The next record write is torn: the board dies 20 bytes into it.
            board.metering.meterlog.cutDuringNextWrite(20);
            await clock.runUntil(() => board.state === 'off', { timeoutMs: 120_000, describe: () => seen(board) });
            board.powerOn();
          } else {
            board.powerCycle(5_000);
          }
          await clock.runUntil(() => board.state === 'on', { timeoutMs: 60_000, describe: () => seen(board) });
        }
        await clock.runUntil(() => false, { timeoutMs: 200_000 }).catch(() => undefined);
        board.powerOff(); // the morning cut: the interval in progress is the last loss
        board.powerOn();
        // Virtual time is cheap; acks take real time (broker round trips), so a loaded machine may need retries.
        await clock.runUntil(() => status(board).energy !== undefined && status(board).energy!.pending === 0 && records(board).length > 0 && status(board).energy!.lastSeq === records(board).length, { timeoutMs: 900_000, describe: () => seen(board) });
        const rs = records(board);
        expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1));
        const totals = energyTotals(board);
        for (let i = 1; i < totals.length; i++) expect(totals[i]!).toBeGreaterThanOrEqual(totals[i - 1]!);
        const lostWh = board.energyWh() - sumWh(rs);
        const oneIntervalWh = (36.5 * 60) / 3600 + (36.5 * 10) / 3600; // an interval plus the poll it closes on
        expect(lostWh).toBeGreaterThanOrEqual(0);
        expect(lostWh).toBeLessThanOrEqual((cuts + 1) * oneIntervalWh + 0.01);
      });

      it('the metering log persists across runs of the simulator (dataDir): the counter and the seqs carry on', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'meterlog-'));
        try {
          const first = makeBoard('bl0940', { deviceId: 'MTR-PERSIST', dataDir: dir });
          first.powerOn();
          await commission(first);
          await clock.runUntil(() => records(first).length >= 4 && status(first).energy?.pending === 0, { timeoutMs: 30 * 60_000 });
          const before = status(first).energy!;
          first.dispose(); // the simulator process ends: NVS is written through, the meter log is flushed here
          boards.splice(boards.indexOf(first), 1);
          // A new process: a new board object on the same files.
          const second = makeBoard('bl0940', { deviceId: 'MTR-PERSIST', dataDir: dir });
          second.powerOn();
          await clock.runUntil(() => records(second).length >= before.lastSeq + 3 && status(second).energy?.pending === 0, { timeoutMs: 30 * 60_000 });
          const rs = records(second);
          expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1)); // no seq restarted at 1, none skipped
          const after = status(second).energy!;
          expect(after.lastSeq).toBeGreaterThan(before.lastSeq);
          expect(after.totalEnergyMwh).toBeGreaterThan(before.totalEnergyMwh); // the lifetime counter carried on
          const totals = energyTotals(second);
          for (let i = 1; i < totals.length; i++) expect(totals[i]!).toBeGreaterThanOrEqual(totals[i - 1]!);
        } finally {
          for (const b of boards.splice(0)) b.dispose(); // flushes into dir: before it goes
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('a meter log erased while the board is off starts a new log (new log_id, seqs from 1): its records are counted after the old ones', async () => {
        const board = makeBoard('hlw8012');
        board.powerOn();
        await commission(board);
        await clock.runUntil(() => records(board).length >= 5 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
        const before = status(board).energy!;
        const oldCount = records(board).length;
        const oldWh = sumWh(records(board));
        const oldLogId = peer.of(board.deviceId).filter((u) => u.energy).at(-1)!.energy!.logId ?? 0;
        expect(oldLogId).toBeGreaterThan(0);
        expect(before.ackedSeq).toBe(oldCount);
        // The installer re-flashes the controller with a full erase of the meter partition.
        board.powerOff();
        const part = board.metering.meterlog;
        for (let b = 0; b < part.blocks; b++) part.eraseBlock(b);
        board.powerOn();
        await clock.runUntil(() => records(board).length >= oldCount + 4 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
        const after = status(board).energy!;
        // The device's seqs restarted at 1 under a new id; its acks came back in its own seqs.
        // (A resend of the old log's last frame may still arrive after the cut: the peer drops it, as the server.)
        const newFrames = peer.of(board.deviceId).filter((u) => u.energy && u.energy.logId !== oldLogId);
        expect(newFrames[0]!.energy!.records![0]!.seq).toBe(1);
        const newLogId = newFrames[0]!.energy!.logId ?? 0;
        expect(newLogId).toBeGreaterThan(0);
        expect(newLogId).not.toBe(oldLogId);
        expect(after.ackedSeq).toBe(after.lastSeq);
        expect(after.lastSeq).toBe(records(board).length - oldCount);
        // Nothing taken for a duplicate: the server holds old and new records back to back, the old ones unchanged.
        const rs = records(board);
        expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1));
        expect(sumWh(rs.slice(0, oldCount))).toBe(oldWh);
        expect(sumWh(rs.slice(oldCount))).toBeGreaterThan(0);
      });
    });

    describe('faults are raised and cleared', () => {
      it('lamp failure, cycling, voltage and a dead chip (BL0940)', async () => {
        const board = makeBoard('bl0940');
        board.powerOn();
        await commission(board);
        board.metering.injectLampFailure(true);
        await clock.runUntil(() => events(board, 1, true) > 0, { timeoutMs: 10 * 60_000, describe: () => seen(board) });
        board.metering.injectLampFailure(false);
        await clock.runUntil(() => events(board, 1, false) > 0, { timeoutMs: 10 * 60_000, describe: () => seen(board) });

        board.metering.injectCycling(60_000);
        await clock.runUntil(() => events(board, 3, true) > 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
        board.metering.injectCycling(0);
        await clock.runUntil(() => events(board, 3, false) > 0, { timeoutMs: 60 * 60_000, describe: () => seen(board) });

        board.electrical.setVoltageDeviation(-15);
        await clock.runUntil(() => events(board, 4, true) > 0, { timeoutMs: 10 * 60_000, describe: () => seen(board) });
        board.electrical.setVoltageDeviation(12);
        await clock.runUntil(() => events(board, 4, false) > 0 && events(board, 5, true) > 0, { timeoutMs: 10 * 60_000, describe: () => seen(board) });
        board.electrical.setVoltageDeviation(0);
        await clock.runUntil(() => events(board, 5, false) > 0, { timeoutMs: 10 * 60_000, describe: () => seen(board) });

        for (const fault of ['dead', 'garbage'] as const) {
          const before = events(board, 6, true);
          board.metering.injectChipFault(fault);
          await clock.runUntil(() => events(board, 6, true) > before, { timeoutMs: 10 * 60_000, describe: () => seen(board) });
          const cleared = events(board, 6, false);
          board.metering.injectChipFault('none');
          await clock.runUntil(() => events(board, 6, false) > cleared, { timeoutMs: 10 * 60_000, describe: () => seen(board) });
        }
      });

      it('day burner (HLW8012): a welded relay lights the lamp in daylight', async () => {
        clock = new VirtualClock({ start: at('2026-11-24T11:00:00Z') });
        const board = makeBoard('hlw8012');
        board.powerOn();
        await commission(board);
        await peer.send(board.deviceId, { command: { setOverride: { id: 1, level: 0, expiresAt: Math.floor(clock.now() / 1000) + 86_400 } } });
        await clock.runUntil(() => false, { timeoutMs: 60_000 }).catch(() => undefined);
        board.metering.injectDayBurner(true);
        await clock.runUntil(() => events(board, 2, true) > 0, { timeoutMs: 15 * 60_000, describe: () => seen(board) });
        board.metering.injectDayBurner(false);
        await clock.runUntil(() => events(board, 2, false) > 0, { timeoutMs: 15 * 60_000, describe: () => seen(board) });
        // A dead pulse chip is seen through its silent voltage channel.
        board.metering.injectChipFault('dead');
        await clock.runUntil(() => events(board, 6, true) > 0, { timeoutMs: 5 * 60_000, describe: () => seen(board) });
      });
    });

    describe('store-and-forward', () => {
      // A night and a day without network at 5-minute intervals: a backlog of ~190 records, six batches. (The XS
      // host pays a pipe round trip per IO call: 16 virtual hours cost it a third of the two days at 15 minutes
      // this test used to run, for the same backlog.)
      it('drains 16 hours of outage in order, in bounded batches, paced, with nothing lost or doubled', { timeout: 600_000 }, async () => {
        const board = makeBoard('hlw8012');
        board.powerOn();
        await commission(board);
        await peer.send(board.deviceId, { config: { ...CONFIG, version: 2, energyIntervalS: 300 } });
        await clock.runUntil(() => peer.of(board.deviceId).filter((u) => u.ack).length >= 2, { timeoutMs: 60_000, describe: () => seen(board) });
        await clock.runUntil(() => records(board).length >= 1 && status(board).energy?.pending === 0, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const before = records(board).length;
        const framesBefore = peer.of(board.deviceId).filter((u) => u.energy).length;

        board.link.down();
        clock.advance(16 * 3_600_000); // 16 h without network: nothing can be sent
        expect(status(board).energy?.pending).toBeGreaterThan(180);
        board.link.up();
        const t0 = clock.now();
        await clock.runUntil(() => status(board).energy?.pending === 0, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const drainMs = clock.now() - t0;

        const rs = records(board);
        expect(rs.length - before).toBeGreaterThanOrEqual(190); // 16 h of 5-minute intervals
        expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1));
        const frames = peer.of(board.deviceId).filter((u) => u.energy).slice(framesBefore);
        for (const f of frames) expect(f.energy!.records!.length).toBeLessThanOrEqual(32);
        // In order: each frame starts after the previous one's first record (a resend may repeat, never go back).
        const firsts = frames.map((f) => f.energy!.records![0]?.seq ?? 0).filter((s) => s > 0);
        for (let i = 1; i < firsts.length; i++) expect(firsts[i]!).toBeGreaterThanOrEqual(firsts[i - 1]!);
        // Paced catch-up: at least the minimum gap between the batches of the backlog.
        const batches = Math.ceil((rs.length - before) / 32);
        expect(drainMs).toBeGreaterThanOrEqual((batches - 1) * 2_000);
        // Nothing lost while powered: the records add up to what the luminaire drew, within a poll of power.
        expect(Math.abs(sumWh(rs) - board.energyWh())).toBeLessThan((36.5 * 310) / 3600);
      });

      // An EnergyAck above every record the board has sent (here 2^32−1, at reconnection with a backlog) used to
      // mark the whole log acknowledged: the records not yet sent were dropped, with no gap to say so.
      it('refuses an EnergyAck above the records it has sent: the backlog survives and is delivered, none lost, none twice', async () => {
        const board = makeBoard('hlw8012');
        board.powerOn();
        await commission(board);
        await clock.runUntil(() => records(board).length >= 2 && status(board).energy?.pending === 0, { timeoutMs: 30 * 60_000, describe: () => seen(board) });
        board.link.down();
        clock.advance(45 * 60_000); // 45 one-minute records pending: more than one batch
        const made = status(board).energy!.lastSeq;
        expect(status(board).energy!.pending).toBeGreaterThan(40);
        const rejectedBefore = status(board).rejectedDownlinks;
        const hellos = peer.of(board.deviceId).filter((u) => u.hello).length;
        board.link.up();
        await clock.runUntil(() => peer.of(board.deviceId).filter((u) => u.hello).length > hellos, { timeoutMs: 60_000, describe: () => seen(board) });
        await peer.send(board.deviceId, { energyAck: { ackedSeq: 2 ** 32 - 1 } });
        // Downlinks are handled in order: once this one is answered, the forged ack has been handled.
        const probe = await peer.send(board.deviceId, { command: { requestReport: true } });
        await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.ack?.downlinkSeq === probe), { timeoutMs: 60_000, describe: () => seen(board) });
        expect(status(board).rejectedDownlinks).toBe(rejectedBefore + 1);
        await clock.runUntil(() => status(board).energy?.pending === 0 && records(board).length >= made, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const rs = records(board);
        expect(rs.map((r) => r.seq)).toEqual(rs.map((_, i) => i + 1));
        expect(lost.get(board.deviceId) ?? 0).toBe(0);
        const e = peer.of(board.deviceId).filter((u) => u.energy).at(-1)!.energy!;
        expect(Number(e.energyTotalMwh)).toBe(sumMwh(rs.filter((r) => (r.seq ?? 0) <= (e.records!.at(-1)!.seq ?? 0))));
      });

      it('records closed before the board had the time go out dated, back to back up to the interval in progress', async () => {
        const board = makeBoard('hlw8012'); // RTC lost: the board starts in 1970 and gets the time from the server
        board.link.down();
        const poweredAt = clock.now();
        board.powerOn();
        clock.advance(2 * 3_600_000 + 5 * 60_000); // 2 h without network: 8 intervals closed by the board's ticks
        expect(status(board).energy?.pending).toBe(8);
        board.link.up();
        // The TimeSync the peer sends for the Hello lands while virtual time stands still, so the board's clock is
        // exactly the peer's: had it landed seconds late, the board would repeat its Hello (issue 14) and the next
        // TimeSync would set the clock again, seconds away from the one the records were dated with.
        await clock.runUntil(() => peer.of(board.deviceId).some((u) => u.hello), { timeoutMs: 3_600_000, describe: () => seen(board) });
        await clock.waitFor(() => status(board).clock === 3, { describe: () => seen(board) }); // CLOCK_STATUS_SYNCED
        await clock.runUntil(() => status(board).energy?.pending === 0 && records(board).length >= 8, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const rs = records(board).slice(0, 8);
        expect(rs.every((r) => (r.start ?? 0) > 0)).toBe(true);
        // Back to back from power-on, in the board's time (its clock is as right as the server's TimeSync made it;
        // the record starts are whole seconds: within 1 s each).
        const poweredAtBoard = (poweredAt + board.rtcNow() - clock.now()) / 1000;
        expect(Math.abs((rs[0]!.start ?? 0) - poweredAtBoard)).toBeLessThanOrEqual(1);
        for (let i = 1; i < rs.length; i++) expect(Math.abs((rs[i - 1]!.start ?? 0) + (rs[i - 1]!.durationS ?? 0) - (rs[i]!.start ?? 0))).toBeLessThanOrEqual(1);
        expect(Math.abs((rs[7]!.start ?? 0) - (poweredAtBoard + 7 * 900))).toBeLessThanOrEqual(2);
      });

      it('records of a boot that never had the time stay undated (start 0); the next boot\'s are dated', async () => {
        const board = makeBoard('hlw8012');
        board.link.down();
        board.powerOn();
        clock.advance(3_600_000 + 60_000); // 4 intervals closed without time
        board.powerCycle(60_000);           // cut before it ever reached the server: those 4 cannot be dated
        clock.advance(60_000 + 2 * 900_000 + 60_000);
        board.link.up();
        await clock.runUntil(() => status(board).energy?.pending === 0 && records(board).length >= 6, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const rs = records(board);
        expect(rs.slice(0, 4).map((r) => r.start ?? 0)).toEqual([0, 0, 0, 0]);
        expect(rs.slice(4).every((r) => (r.start ?? 0) > 0)).toBe(true);
      });

      it('a log that overflowed while offline says which records it no longer holds (lost_through_seq) and drains past them', { timeout: 600_000 }, async () => {
        // 2 sectors of 63 records (the smallest ring): 126 slots, about 31 h of 15-minute records, so 36 h offline
        // overflows it (kept short: on the XS host every simulated hour costs real time).
        const board = makeBoard({ chip: 'hlw8012', logBytes: 2 * 4096 });
        board.powerOn();
        await commission(board);
        await peer.send(board.deviceId, { config: { ...CONFIG, version: 2, energyIntervalS: 900 } });
        // Applied is what this scenario needs (the board reports it in its status and state reports). Its ack is not
        // waited for here: CI once saw config 2 applied with no ack among the uplinks that followed (energy, state,
        // energy), on the device host; that is an open question of its own, not this scenario's.
        await clock.runUntil(() => status(board).configVersion === 2, { timeoutMs: 60_000, describe: () => seen(board) });
        await clock.runUntil(() => records(board).length >= 1 && status(board).energy?.pending === 0, { timeoutMs: 3_600_000, describe: () => seen(board) });
        const acked = status(board).energy!.ackedSeq;
        const framesBefore = peer.of(board.deviceId).filter((u) => u.energy).length;

        board.link.down();
        clock.advance(36 * 3_600_000); // 36 h offline: the oldest unacknowledged records are overwritten
        const st = status(board).energy!;
        expect(st.logOverwritten).toBeGreaterThan(0);
        board.link.up();
        await clock.runUntil(() => status(board).energy?.pending === 0, { timeoutMs: 3_600_000, describe: () => seen(board) });

        // The first frame of the catch-up (a resend of an already-acknowledged record, sent when its ack came late
        // and still in flight at framesBefore, is not one: delivery is at least once).
        const first = peer.of(board.deviceId).filter((u) => u.energy).slice(framesBefore).map((u) => u.energy!)
          .find((e) => (e.records?.[0]?.seq ?? 0) > acked)!;
        const firstSeq = first.records![0]!.seq!;
        expect(firstSeq).toBeGreaterThan(acked + 1);
        expect(first.lostThroughSeq).toBe(firstSeq - 1);
        expect(firstSeq - 1 - acked).toBe(st.logOverwritten);
        // Everything the log still held arrived, in order, and the acknowledgement went past the lost range.
        const after = records(board).filter((r) => (r.seq ?? 0) > acked).map((r) => r.seq);
        expect(after).toEqual(Array.from({ length: st.lastSeq - firstSeq + 1 }, (_, i) => firstSeq + i));
        expect(status(board).energy!.ackedSeq).toBeGreaterThanOrEqual(st.lastSeq);
      });
    });
  });
}
