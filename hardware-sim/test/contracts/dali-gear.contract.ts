/**
 * Contract of a DALI-2 LED control gear with D4i memory banks, seen by a DALI master through a DALI interface on a
 * UART (HOUSE-STYLE 8): runs against any implementation given a fixture that performs one transaction — the
 * simulator (hardware-sim/src/dali) or a bench with a real D4i driver behind the same interface.
 */
import { describe, expect, it } from 'vitest';
import {
  BANK0, BANK1, BANK202, BANK205, BANK206, D4I_CONTENT_FORMAT, DALI_BROADCAST_CMD, DALI_BROADCAST_DAPC, DALI_DEVICE_TYPE_LED,
  DALI_DT6_QUERY_FAILURE_STATUS, DALI_DTR0, DALI_DTR1, DALI_ENABLE_DEVICE_TYPE, DALI_OFF, DALI_QUERY_ACTUAL_LEVEL,
  DALI_QUERY_DEVICE_TYPE, DALI_QUERY_GEAR_PRESENT, DALI_QUERY_STATUS, DALI_QUERY_VERSION, DALI_READ_MEMORY_LOCATION, DALI_YES,
  IF_ANSWER, IF_NO_ANSWER, IF_QUERY, IF_SEND, IF_SENT, STATUS_LAMP_ON, STATUS_POWER_CYCLE_SEEN,
} from '../../../firmware/src/dali/frames.js';

export interface DaliFixture {
  /** One transaction: kind IF_QUERY / IF_SEND, the 16-bit forward frame; resolves with the interface's 2 bytes. */
  transact(kind: number, frame: number): Promise<[number, number]>;
  /** Powers the gear off and on again (mains). */
  powerCycle(): Promise<void>;
}

export function daliGearContract(name: string, makeFixture: () => DaliFixture): void {
  const cmd = (op: number): number => (DALI_BROADCAST_CMD << 8) | op;
  const query = async (f: DaliFixture, op: number): Promise<[number, number]> => f.transact(IF_QUERY, cmd(op));
  const send = async (f: DaliFixture, frame: number): Promise<void> => {
    expect(await f.transact(IF_SEND, frame)).toEqual([IF_SENT, 0]);
  };
  const readBank = async (f: DaliFixture, bank: number, from: number, count: number): Promise<([number, number])[]> => {
    await send(f, (DALI_DTR1 << 8) | bank);
    await send(f, (DALI_DTR0 << 8) | from);
    const out: [number, number][] = [];
    for (let i = 0; i < count; i++) out.push(await query(f, DALI_READ_MEMORY_LOCATION));
    return out;
  };

  describe(`DALI-2 / D4i control gear contract: ${name}`, () => {
    it('is present, a DALI-2 LED gear (device type 6)', async () => {
      const f = makeFixture();
      expect(await query(f, DALI_QUERY_GEAR_PRESENT)).toEqual([IF_ANSWER, DALI_YES]);
      expect(await query(f, DALI_QUERY_DEVICE_TYPE)).toEqual([IF_ANSWER, DALI_DEVICE_TYPE_LED]);
      const [status, version] = await query(f, DALI_QUERY_VERSION);
      expect(status).toBe(IF_ANSWER);
      expect(version >> 2).toBeGreaterThanOrEqual(2); // IEC 62386-102 edition 2: DALI-2
    });

    it('takes a direct arc power level and reports it; OFF is 0; DAPC 255 (MASK) changes nothing', async () => {
      const f = makeFixture();
      await send(f, (DALI_BROADCAST_DAPC << 8) | 200);
      expect(await query(f, DALI_QUERY_ACTUAL_LEVEL)).toEqual([IF_ANSWER, 200]);
      await send(f, (DALI_BROADCAST_DAPC << 8) | 0xff);
      expect(await query(f, DALI_QUERY_ACTUAL_LEVEL)).toEqual([IF_ANSWER, 200]);
      const [, st] = await query(f, DALI_QUERY_STATUS);
      expect(st & STATUS_LAMP_ON).toBe(STATUS_LAMP_ON);
      await send(f, cmd(DALI_OFF));
      expect(await query(f, DALI_QUERY_ACTUAL_LEVEL)).toEqual([IF_ANSWER, 0]);
      const [, off] = await query(f, DALI_QUERY_STATUS);
      expect(off & STATUS_LAMP_ON).toBe(0);
    });

    it('comes up at its power-on level (254) with "power cycle seen", which the first DAPC clears', async () => {
      const f = makeFixture();
      await f.powerCycle();
      expect(await query(f, DALI_QUERY_ACTUAL_LEVEL)).toEqual([IF_ANSWER, 254]);
      expect((await query(f, DALI_QUERY_STATUS))[1] & STATUS_POWER_CYCLE_SEEN).toBe(STATUS_POWER_CYCLE_SEEN);
      await send(f, (DALI_BROADCAST_DAPC << 8) | 100);
      expect((await query(f, DALI_QUERY_STATUS))[1] & STATUS_POWER_CYCLE_SEEN).toBe(0);
    });

    it('reads memory through DTR1/DTR0, DTR0 counting up; past the last address: no answer', async () => {
      const f = makeFixture();
      const b1 = await readBank(f, BANK1, 0, 0x25);
      for (const [s] of b1) expect(s).toBe(IF_ANSWER);
      const last = b1[0]?.[1] as number;
      expect(last).toBeGreaterThanOrEqual(0x24);
      expect(((b1[0x12]?.[1] as number) << 8) | (b1[0x13]?.[1] as number)).toBe(D4I_CONTENT_FORMAT);
      const beyond = await readBank(f, BANK1, last + 1, 1);
      expect(beyond[0]?.[0]).toBe(IF_NO_ANSWER);
      const b0 = await readBank(f, BANK0, 0, 0x13);
      expect(b0.slice(3, 9).some(([, d]) => d !== 0)).toBe(true); // a GTIN
      expect(b0[2]?.[1]).toBeGreaterThanOrEqual(206); // last bank: the D4i diagnostics are there
      const none = await readBank(f, 7, 0, 1);
      expect(none[0]?.[0]).toBe(IF_NO_ANSWER);
    });

    it('has the D4i energy and diagnostics banks (202, 205, 206)', async () => {
      const f = makeFixture();
      for (const [bank, last] of [[BANK202, 0x0f], [BANK205, 0x1c], [BANK206, 0x20]] as const) {
        const [first] = await readBank(f, bank, 0, 1);
        expect(first?.[0]).toBe(IF_ANSWER);
        expect(first?.[1]).toBeGreaterThanOrEqual(last);
      }
    });

    it("answers 207's QUERY FAILURE STATUS only after ENABLE DEVICE TYPE 6, and only for the next command", async () => {
      const f = makeFixture();
      expect((await query(f, DALI_DT6_QUERY_FAILURE_STATUS))[0]).toBe(IF_NO_ANSWER);
      await send(f, (DALI_ENABLE_DEVICE_TYPE << 8) | DALI_DEVICE_TYPE_LED);
      expect(await query(f, DALI_DT6_QUERY_FAILURE_STATUS)).toEqual([IF_ANSWER, 0]);
      expect((await query(f, DALI_DT6_QUERY_FAILURE_STATUS))[0]).toBe(IF_NO_ANSWER);
    });
  });
}
