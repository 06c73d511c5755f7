/**
 * Per-board metering calibration, kept in persistent config (NVS key `mcal`), written at the end of the
 * production line when the board is compared with a reference meter (or later by an installer tool).
 *
 * The drivers convert raw chip readings with the nominal constants of the reference design (see each
 * driver); the calibration multiplies them by gains that absorb the tolerances of the shunt, the voltage
 * divider and the chip's reference voltage (1 % resistors and a ±3 % Vref make ±5 % before calibration).
 * Energy uses the power gain: both come from the same multiplier in the chip.
 *
 * Format (little-endian, 16 bytes): u8 version = 1, u8 chip (1 pulse, 2 UART), u16 reserved,
 * f32 voltage gain, f32 current gain, f32 power/energy gain. A missing or malformed record means gain 1.
 */
import type { HostStorage } from '../host.js';

export const CALIBRATION_KEY = 'mcal';

export interface Calibration {
  /** Multiplies the nominal voltage reading. Default 1. */
  voltageGain: number;
  /** Multiplies the nominal current reading. Default 1. */
  currentGain: number;
  /** Multiplies the nominal active power and active energy readings. Default 1. */
  powerGain: number;
}

export const UNIT_CALIBRATION: Readonly<Calibration> = Object.freeze({ voltageGain: 1, currentGain: 1, powerGain: 1 });

/** A gain outside this range is a wrong record, not a tolerance: the record is ignored. */
const GAIN_MIN = 0.5;
const GAIN_MAX = 2;

export function encodeCalibration(c: Calibration, chip: 'pulse' | 'uart'): ArrayBuffer {
  const buf = new ArrayBuffer(16);
  const v = new DataView(buf);
  v.setUint8(0, 1);
  v.setUint8(1, chip === 'pulse' ? 1 : 2);
  v.setFloat32(4, c.voltageGain, true);
  v.setFloat32(8, c.currentGain, true);
  v.setFloat32(12, c.powerGain, true);
  return buf;
}

export function decodeCalibration(buf: ArrayBuffer | undefined): Calibration | undefined {
  if (!buf || buf.byteLength !== 16) return undefined;
  const v = new DataView(buf);
  if (v.getUint8(0) !== 1) return undefined;
  const c = { voltageGain: v.getFloat32(4, true), currentGain: v.getFloat32(8, true), powerGain: v.getFloat32(12, true) };
  for (const g of [c.voltageGain, c.currentGain, c.powerGain]) if (!(g >= GAIN_MIN && g <= GAIN_MAX)) return undefined;
  return c;
}

export function loadCalibration(kv: HostStorage): Calibration {
  let buf: ArrayBuffer | undefined;
  try { buf = kv.read(CALIBRATION_KEY); } catch { buf = undefined; }
  return decodeCalibration(buf) ?? { ...UNIT_CALIBRATION };
}
