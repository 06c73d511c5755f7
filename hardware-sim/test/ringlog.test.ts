/**
 * The firmware's metering ring log (firmware/src/energy/ringlog.ts) on the simulated NOR partition: NOR
 * semantics, recovery after torn writes and torn erases at every byte, wear bounds.
 */
import { describe, expect, it } from 'vitest';
import { RingLog, SLOT_BYTES, type LogRecord } from '../../firmware/src/energy/ringlog.js';
import { PowerLossError, SimFlashPartition, partitionView } from '../src/flash-partition.js';

function rec(seq: number, prevTotal = (seq - 1) * 9000): LogRecord {
  return {
    seq, start: 1_795_456_800 + 900 * seq, durationS: 900, energyMwh: 9000, minPowerMw: 35_000, maxPowerMw: 37_000,
    avgPowerMw: 36_000, burningS: 900, avgLevelX10: 1000, totalEnergyMwh: prevTotal + 9000, totalBurningS: 900 * seq,
    switchCount: seq, bootCount: 1,
  };
}
const view = (p: SimFlashPartition): ReturnType<typeof partitionView> => partitionView(p, () => true);

describe('SimFlashPartition (NOR semantics)', () => {
  it('writes only clear bits and erase sets 0xFF', () => {
    const p = new SimFlashPartition({ size: 8192 });
    p.write(0, new Uint8Array([0xf0, 0x0f]));
    p.write(0, new Uint8Array([0x3c, 0xff]));
    expect([...p.peek(0, 2)]).toEqual([0x30, 0x0f]);
    p.eraseBlock(0);
    expect([...p.peek(0, 2)]).toEqual([0xff, 0xff]);
    expect(p.eraseCounts()).toEqual([1, 0]);
    expect(() => p.read(8190, 4)).toThrow(RangeError);
    expect(() => p.eraseBlock(2)).toThrow(RangeError);
  });

  it('a cut during a write programs a prefix only and reports the power loss', () => {
    const p = new SimFlashPartition({ size: 8192 });
    let cut = 0;
    p.onCut = () => { cut++; };
    p.cutDuringNextWrite(3);
    expect(() => p.write(10, new Uint8Array([1, 2, 3, 4, 5]))).toThrow(PowerLossError);
    expect([...p.peek(10, 5)]).toEqual([1, 2, 3, 0xff, 0xff]);
    expect(cut).toBe(1);
  });
});

describe('RingLog', () => {
  it('recovers records, the newest totals and the acknowledged boundary after a reboot', () => {
    const p = new SimFlashPartition({ size: 4 * 4096 });
    const log = new RingLog(view(p));
    for (let s = 1; s <= 10; s++) log.append(rec(s));
    log.acknowledge(6);
    const again = new RingLog(view(p));
    expect(again.lastSeq).toBe(10);
    expect(again.latest?.totalEnergyMwh).toBe(90_000);
    expect(again.ackedSeq).toBe(6);
    expect(again.pending(32).map((r) => r.seq)).toEqual([7, 8, 9, 10]);
    expect(again.pending(2).map((r) => r.seq)).toEqual([7, 8]);
  });

  it('keeps the log id (u16 at offset 38) of each record; records of older firmware (0 there) stay valid', () => {
    const p = new SimFlashPartition({ size: 4 * 4096 });
    const log = new RingLog(view(p));
    log.append(rec(1)); // older firmware: no log id, the reserved u16 written as 0
    for (let s = 2; s <= 4; s++) log.append({ ...rec(s), logId: 0xbeef });
    const again = new RingLog(view(p));
    expect(again.pending(32).map((r) => [r.seq, r.logId])).toEqual([[1, 0], [2, 0xbeef], [3, 0xbeef], [4, 0xbeef]]);
    expect(again.latest?.logId).toBe(0xbeef);
  });

  it('wraps round the ring, erasing each sector once per trip, and keeps lifetime totals beyond 2^32 mWh', () => {
    const p = new SimFlashPartition({ size: 4 * 4096 });
    const log = new RingLog(view(p));
    const perSector = 4096 / SLOT_BYTES - 1;
    const n = perSector * 4 * 3; // three trips
    const big = 2 ** 33;
    for (let s = 1; s <= n; s++) { log.append(rec(s, big + (s - 1) * 9000)); log.acknowledge(s); }
    expect(p.eraseCounts()).toEqual([3, 3, 3, 3]);
    const again = new RingLog(view(p));
    expect(again.lastSeq).toBe(n);
    expect(again.latest?.totalEnergyMwh).toBe(big + n * 9000);
    expect(again.stats().maxEraseCount).toBe(3);
  });

  it('overwrites the oldest unacknowledged sector only when full, and counts it', () => {
    const p = new SimFlashPartition({ size: 3 * 4096 });
    const log = new RingLog(view(p));
    const cap = log.stats().capacity;
    for (let s = 1; s <= cap + 1; s++) log.append(rec(s));
    expect(log.stats().overwritten).toBe(63);
    expect(log.pending(1)[0]?.seq).toBe(64);
  });

  it('a power cut at any byte of a record write loses that record only; the next boot goes on', () => {
    for (let cutAt = 0; cutAt < SLOT_BYTES; cutAt += 3) {
      const p = new SimFlashPartition({ size: 4 * 4096 });
      let alive = true;
      p.onCut = () => { alive = false; };
      const log = new RingLog(partitionView(p, () => alive));
      for (let s = 1; s <= 5; s++) log.append(rec(s));
      p.cutDuringNextWrite(cutAt);
      expect(() => log.append(rec(6))).toThrow(PowerLossError);
      alive = true;
      const after = new RingLog(view(p));
      expect(after.lastSeq).toBe(5);
      expect(after.latest?.totalEnergyMwh).toBe(5 * 9000);
      after.append(rec(6));
      const third = new RingLog(view(p));
      expect(third.lastSeq).toBe(6);
      expect(third.pending(100).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('a power cut in the middle of a sector erase is recovered by erasing again', () => {
    const p = new SimFlashPartition({ size: 3 * 4096 });
    let alive = true;
    p.onCut = () => { alive = false; };
    const log = new RingLog(partitionView(p, () => alive));
    const perSector = 63;
    for (let s = 1; s <= 3 * perSector; s++) { log.append(rec(s)); log.acknowledge(s); }
    p.cutDuringNextErase(1000); // the next append enters sector 0 again
    expect(() => log.append(rec(3 * perSector + 1))).toThrow(PowerLossError);
    alive = true;
    const after = new RingLog(view(p));
    expect(after.lastSeq).toBe(3 * perSector);
    after.append(rec(3 * perSector + 1));
    const third = new RingLog(view(p));
    expect(third.lastSeq).toBe(3 * perSector + 1);
    expect(third.latest?.totalEnergyMwh).toBe((3 * perSector + 1) * 9000);
  });

  it('never takes a corrupted slot (bit rot) for a record', () => {
    const p = new SimFlashPartition({ size: 2 * 4096 });
    const log = new RingLog(view(p));
    for (let s = 1; s <= 3; s++) log.append(rec(s));
    const slot3 = 3 * SLOT_BYTES; // header, then slots 0, 1, 2
    p.poke(slot3 + 20, [0x00]);
    const after = new RingLog(view(p));
    expect(after.lastSeq).toBe(2);
    expect(after.stats().dirtySlots).toBe(1);
  });
});
