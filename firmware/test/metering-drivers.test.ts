import { describe, expect, it } from 'vitest';
import {
  BL0940_FRAME_BYTES, BL0940_HEADER, bl0940Checksum, parseBl0940Frame,
} from '../src/metering/bl0940.js';
import { decodeCalibration, encodeCalibration } from '../src/metering/calibration.js';

/** A BL0940 full-packet answer (datasheet "full electrical parameter packet"): 24-bit little-endian registers. */
function frame(regs: { iRms: number; vRms: number; watt: number; cfCnt: number }): Uint8Array {
  const f = new Uint8Array(BL0940_FRAME_BYTES);
  f[0] = BL0940_HEADER;
  const put = (at: number, v: number): void => { f[at] = v & 0xff; f[at + 1] = (v >> 8) & 0xff; f[at + 2] = (v >> 16) & 0xff; };
  put(4, regs.iRms);
  put(10, regs.vRms);
  put(16, regs.watt < 0 ? regs.watt + 0x1000000 : regs.watt);
  put(22, regs.cfCnt);
  f[BL0940_FRAME_BYTES - 1] = bl0940Checksum(f);
  return f;
}

describe('BL0940 frames', () => {
  it('computes the checksum over the read command and the first 34 bytes, inverted', () => {
    const f = new Uint8Array(BL0940_FRAME_BYTES);
    f[0] = 0x55;
    f[5] = 0x10;
    expect(bl0940Checksum(f)).toBe(~(0x58 + 0x55 + 0x10) & 0xff);
  });

  it('parses the registers of a well-formed answer, with the active power signed', () => {
    expect(parseBl0940Frame(frame({ iRms: 0x0a0b0c, vRms: 0x3d0900, watt: -1234, cfCnt: 0xfffffe }))).toEqual({
      iRms: 0x0a0b0c, vRms: 0x3d0900, watt: -1234, cfCnt: 0xfffffe,
    });
  });

  it('rejects a frame with a flipped bit, a wrong header or a wrong length', () => {
    const good = frame({ iRms: 1, vRms: 2, watt: 3, cfCnt: 4 });
    for (let i = 0; i < BL0940_FRAME_BYTES; i++) {
      const bad = good.slice();
      bad[i] = (bad[i] as number) ^ 0x04;
      expect(parseBl0940Frame(bad), `byte ${i}`).toBeUndefined();
    }
    expect(parseBl0940Frame(good.subarray(0, 34))).toBeUndefined();
  });
});

describe('calibration record', () => {
  it('round-trips the gains and refuses garbage', () => {
    const c = { voltageGain: 1.0123, currentGain: 0.987, powerGain: 1.004 };
    const back = decodeCalibration(encodeCalibration(c, 'uart'));
    expect(back?.voltageGain).toBeCloseTo(c.voltageGain, 6);
    expect(back?.currentGain).toBeCloseTo(c.currentGain, 6);
    expect(back?.powerGain).toBeCloseTo(c.powerGain, 6);
    expect(decodeCalibration(new Uint8Array([1, 2, 3]).buffer)).toBeUndefined();
    expect(decodeCalibration(undefined)).toBeUndefined();
  });
});
