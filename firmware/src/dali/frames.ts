/**
 * DALI (IEC 62386) frames and the D4i memory banks (DiiA Parts 251, 252, 253) as the controller uses them, and the
 * byte protocol of the DALI interface on the controller's UART. Shared by the firmware's master (src/dali/master.ts,
 * src/dali/service.ts) and the simulator's gear model (hardware-sim/src/dali/). Numbers only at module scope: the
 * firmware is preloaded and frozen.
 *
 * Forward frame (16 bits, IEC 62386-102 §7.2): address byte, then opcode. Address byte `0AAAAAAS` (short address
 * A, 0..63), `100GGGGS` (group), `1111111S` (broadcast); S = 0: the second byte is a direct arc power level (DAPC,
 * 0..254; 255 = MASK, "stop fading"), S = 1: the second byte is a command. Special commands (DTR0, DTR1, ENABLE
 * DEVICE TYPE) have their own address byte. A query is answered by one 8-bit backward frame, or by nothing (NO).
 */

// ---- address bytes -----------------------------------------------------------------------------------
/** Broadcast, direct arc power (DAPC). */
export const DALI_BROADCAST_DAPC = 0xfe;
/** Broadcast, command. */
export const DALI_BROADCAST_CMD = 0xff;

// ---- commands (IEC 62386-102 Table 15) -----------------------------------------------------------------
export const DALI_OFF = 0x00;
export const DALI_QUERY_STATUS = 0x90;
export const DALI_QUERY_GEAR_PRESENT = 0x91;
export const DALI_QUERY_LAMP_FAILURE = 0x92;
export const DALI_QUERY_VERSION = 0x97;
export const DALI_QUERY_DEVICE_TYPE = 0x99;
export const DALI_QUERY_ACTUAL_LEVEL = 0xa0;
export const DALI_READ_MEMORY_LOCATION = 0xc5;
/** IEC 62386-207 (LED modules, device type 6): QUERY FAILURE STATUS, after ENABLE DEVICE TYPE 6. */
export const DALI_DT6_QUERY_FAILURE_STATUS = 0xf1;
export const DALI_DEVICE_TYPE_LED = 6;

// ---- special commands: address byte, data in the second byte -------------------------------------------
export const DALI_DTR0 = 0xa3;
export const DALI_DTR1 = 0xc3;
export const DALI_ENABLE_DEVICE_TYPE = 0xc1;

/** YES in a backward frame. */
export const DALI_YES = 0xff;
/** A multi-byte D4i value of all 0xFF is MASK: not known / not implemented. */
export const DALI_MASK = 0xff;

// ---- QUERY STATUS bits (IEC 62386-102 §9.16) -----------------------------------------------------------
export const STATUS_GEAR_FAILURE = 0x01;
export const STATUS_LAMP_FAILURE = 0x02;
export const STATUS_LAMP_ON = 0x04;
export const STATUS_LIMIT_ERROR = 0x08;
export const STATUS_FADE_RUNNING = 0x10;
export const STATUS_RESET_STATE = 0x20;
export const STATUS_SHORT_ADDRESS_MASK = 0x40;
export const STATUS_POWER_CYCLE_SEEN = 0x80;

// ---- QUERY FAILURE STATUS bits (IEC 62386-207 §11.3.4.1) ----------------------------------------------
export const DT6_SHORT_CIRCUIT = 0x01;
export const DT6_OPEN_CIRCUIT = 0x02;
export const DT6_LOAD_DECREASE = 0x04;
export const DT6_LOAD_INCREASE = 0x08;
export const DT6_CURRENT_PROTECTOR = 0x10;
export const DT6_THERMAL_SHUTDOWN = 0x20;
export const DT6_THERMAL_OVERLOAD = 0x40;

// ---- memory banks -------------------------------------------------------------------------------------
/** Bank 0 (IEC 62386-102 §9.10.6): the control gear's own identity. Read 0x00..BANK0_LAST. */
export const BANK0 = 0;
export const B0_GTIN = 0x03; // 6 bytes
export const B0_FIRMWARE = 0x09; // 2 bytes: major, minor
export const B0_SERIAL = 0x0b; // 8 bytes: identification number
export const BANK0_LAST = 0x12;
/** Bank 1 (DiiA Part 251, luminaire information, content format D4i). Read 0x00..BANK1_LAST. */
export const BANK1 = 1;
export const B1_GTIN = 0x04; // 6
export const B1_SERIAL = 0x0a; // 8: luminaire identification number
export const B1_CONTENT_FORMAT = 0x12; // 2: 0x0003 = D4i
export const B1_YEAR = 0x14; // 1: year of manufacture, 0..99 (20YY)
export const B1_WEEK = 0x15; // 1: 1..53
export const B1_POWER_W = 0x16; // 2: nominal input power, W
export const B1_MIN_DIM_POWER_W = 0x18; // 2: power at minimum dim level, W
export const B1_MIN_MAINS_V = 0x1a; // 2: nominal minimum AC mains voltage, V
export const B1_MAX_MAINS_V = 0x1c; // 2: nominal maximum AC mains voltage, V
export const B1_FLUX_LM = 0x1e; // 3: nominal light output, lm
export const B1_CRI = 0x21; // 1
export const B1_CCT_K = 0x22; // 2: correlated colour temperature, K
export const B1_DISTRIBUTION = 0x24; // 1: light distribution type
export const BANK1_LAST = 0x24;
export const D4I_CONTENT_FORMAT = 0x0003;
/** Bank 202 (DiiA Part 252, energy reporting): active energy (Wh × 10^scale) and active power (W × 10^scale). */
export const BANK202 = 202;
export const B202_ENERGY_SCALE = 0x04; // 1, signed exponent
export const B202_ENERGY = 0x05; // 6
export const B202_POWER_SCALE = 0x0b; // 1
export const B202_POWER = 0x0c; // 4
export const BANK202_LAST = 0x0f;
/** Bank 203 (Part 252): apparent energy (VAh) and apparent power (VA), same layout as bank 202. */
export const BANK203 = 203;
/** Bank 204 (Part 252): load-side (driver output) energy and power, same layout. */
export const BANK204 = 204;
/** Bank 205 (DiiA Part 253, control gear diagnostics). */
export const BANK205 = 205;
export const B205_OPERATING_TIME = 0x04; // 4, s
export const B205_START_COUNTER = 0x08; // 3
export const B205_SUPPLY_V = 0x0b; // 2, 0.1 V RMS
export const B205_SUPPLY_HZ = 0x0d; // 1
export const B205_POWER_FACTOR = 0x0e; // 1, 0.01
export const B205_FAILURE = 0x0f; // 1 + counter
export const B205_UNDERVOLTAGE = 0x11; // 1 + counter 0x12
export const B205_OVERVOLTAGE = 0x13; // 1 + counter 0x14
export const B205_POWER_LIMIT = 0x15; // 1 + counter 0x16
export const B205_THERMAL_DERATING = 0x17; // 1 + counter 0x18
export const B205_THERMAL_SHUTDOWN = 0x19; // 1 + counter 0x1a
export const B205_TEMPERATURE = 0x1b; // 1, °C + 60
export const B205_OUTPUT_CURRENT_PCT = 0x1c; // 1
export const BANK205_LAST = 0x1c;
/** Bank 206 (DiiA Part 253, light source diagnostics). */
export const BANK206 = 206;
export const B206_START_COUNTER = 0x07; // 3 (0x04: resettable counter)
export const B206_ON_TIME = 0x0e; // 4, s (0x0a: resettable)
export const B206_VOLTAGE = 0x12; // 2, 0.1 V
export const B206_CURRENT = 0x14; // 2, mA
export const B206_FAILURE = 0x16; // 1 + counter 0x17
export const B206_SHORT = 0x18; // 1 + counter 0x19
export const B206_OPEN = 0x1a; // 1 + counter 0x1b
export const B206_THERMAL_DERATING = 0x1c; // 1 + counter 0x1d
export const B206_THERMAL_SHUTDOWN = 0x1e; // 1 + counter 0x1f
export const B206_TEMPERATURE = 0x20; // 1, °C + 60
export const BANK206_LAST = 0x20;
/** Temperatures in banks 205/206 are stored + 60 (so −60 .. 194 °C fit a byte). */
export const D4I_TEMPERATURE_OFFSET = 60;

// ---- the DALI interface on the UART (hardware-sim/README.md, "DALI") ---------------------------------
/** The interface's UART: 19200 bps 8N1 (the DALI bus itself runs at 1200 bps, Manchester, in the interface). */
export const DALI_UART_BAUD = 19_200;
/** Host → interface, 3 bytes: kind, address byte, opcode. 'Q': forward frame, report the backward frame. */
export const IF_QUERY = 0x51;
/** 'S': forward frame, no answer expected (the interface confirms with IF_SENT). */
export const IF_SEND = 0x53;
/** Interface → host, 2 bytes: status, data. 'J': a backward frame, data = its byte. */
export const IF_ANSWER = 0x4a;
/** 'N': no backward frame within the window (a query's NO). */
export const IF_NO_ANSWER = 0x4e;
/** 'K': the forward frame went out (IF_SEND). */
export const IF_SENT = 0x4b;
/** 'X': the backward frame was corrupt (two gears answered at once, or noise on the bus). */
export const IF_FRAMING_ERROR = 0x58;
/** 'B': bus fault: no bus power (the bus reads low), nothing was sent. */
export const IF_BUS_FAULT = 0x42;

/** DALI timing (IEC 62386-101 §8): Te = 416.67 µs; a 16-bit forward frame is 19 bits (38 Te). */
export const DALI_FORWARD_MS = 15.83;
export const DALI_BACKWARD_MS = 9.17;
/** A backward frame starts 5.5..10.5 ms after the forward frame; after 12.4 ms there is none. */
export const DALI_REPLY_WINDOW_MS = 12.4;
/** Settling time before the next forward frame (multi-master priority 2). */
export const DALI_SETTLING_MS = 13.5;

/** Arc power level (1..254) giving `fraction` (0..1] of full light, by DALI's logarithmic curve: X(n) = 10^((n−1)/(253/3) − 1) %. */
export function arcForFraction(fraction: number): number {
  if (!(fraction > 0)) return 0;
  if (fraction >= 1) return 254;
  const n = 1 + (253 / 3) * (Math.log(fraction * 100) / Math.LN10 + 1);
  return n < 1 ? 1 : Math.round(n);
}

/** Light fraction (0..1) of an arc power level (0: off). */
export function fractionForArc(arc: number): number {
  if (arc <= 0) return 0;
  return Math.pow(10, ((Math.min(254, arc) - 1) * 3) / 253 - 1) / 100;
}
