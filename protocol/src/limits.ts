/**
 * Bounds every frame is checked against, on both sides. A frame outside them is rejected with a counted,
 * logged error and never reaches application code.
 */
export const PROTOCOL_VERSION = 1;
/** Largest frame accepted on any topic. OTA chunks (≤ 4096 bytes of data) fit with room for the envelope. */
export const MAX_FRAME_BYTES = 8192;
/** Longest free-text string (details, reasons) in bytes. */
export const MAX_TEXT_BYTES = 120;
/** Longest version or model string. */
export const MAX_NAME_BYTES = 32;
export const MAX_RECORDS_PER_FRAME = 32;
export const MAX_PLAN_PROGRAMS = 8;
export const MAX_PLAN_STEPS = 16;
export const MAX_PLAN_RULES = 16;
export const MAX_RULE_DATES = 64;
export const MAX_OTA_CHUNK_BYTES = 4096;
export const MAX_TZ_BYTES = 64;
/**
 * Presence mode of a plan step (`PresenceMode`): the hold after the last detection is 1 s to an hour; the fade up
 * at most a minute (the light must come while the passer-by is still under the pole: a pedestrian crosses a
 * detection range of 10 m in about 7 s), the fade down at most an hour.
 */
export const MAX_PRESENCE_HOLD_S = 3600;
export const MAX_PRESENCE_FADE_UP_S = 60;
export const MAX_PRESENCE_FADE_DOWN_S = 3600;
/**
 * Learned traffic profile (`TrafficProfile`, issue 17 "frugal learning"): cells of 15, 30 or 60 minutes over the
 * local week, exactly 10,080 / cell_minutes of them (672 bytes at most); the model's age in weeks up to 5,200 (a
 * century); watched cells at most the cell count.
 */
export const PROFILE_CELL_MINUTES: readonly number[] = Object.freeze([15, 30, 60]);
export const MAX_PROFILE_CELLS = 672;
export const MAX_PROFILE_WEEKS = 5200;
/**
 * Constant light output (`SetConfig.clo_*`, `StateReport.clo`): lumen maintenance Lxx of 50..99 % (L70, L80, L90
 * are the usual figures; below L50 an LED is worn out) at 1,000..1,000,000 burning hours (datasheets give 50,000 to
 * 100,000 h; 24/7 for 114 years bounds it); an LED's hours up to 2,000,000; a drive of at most twice the plan level
 * (the device clamps it to 100 % anyway).
 */
export const MIN_CLO_LXX_PCT = 50;
export const MAX_CLO_LXX_PCT = 99;
export const MIN_CLO_RATED_H = 1000;
export const MAX_CLO_RATED_H = 1_000_000;
export const MAX_LED_HOURS_OFFSET = 1_000_000;
export const MAX_LED_HOURS = 2_000_000;
export const MAX_CLO_DRIVE_PERMILLE = 2000;
/**
 * Issue 17, `LuminaireReport` (a luminaire's DALI-2 / D4i driver): what the D4i memory banks can hold — GTINs of
 * 48 bits, identification numbers of 8 bytes, 2-byte powers and voltages, a 3-byte flux, a CRI of 0..100, a 6-byte
 * energy counter (Wh), temperatures of −60..194 °C (a byte + 60), DALI arc levels 0..254; years of manufacture
 * 2000..2099 (0 = not known).
 */
export const MAX_GTIN = 2 ** 48 - 1;
export const D4I_SERIAL_BYTES = 8;
export const MAX_D4I_WORD = 65_535;
export const MAX_D4I_FLUX_LM = 2 ** 24 - 1;
export const MAX_D4I_ENERGY_WH = 2 ** 48 - 1;
export const MIN_D4I_TEMPERATURE_C = -60;
export const MAX_D4I_TEMPERATURE_C = 194;
export const MAX_DALI_ARC = 254;
/**
 * Largest step by which a config or plan version may move ahead of the one a device holds. The fleet server
 * numbers versions one by one per change, so a real step is small (a device with wiped flash holds 0 and gets
 * the server's current version, a few thousand at most); a forged 2^32−1, once adopted, would make every real
 * version after it look stale, also after a reboot. 2^20: a million changes of one device's config.
 */
export const MAX_VERSION_JUMP = 2 ** 20;
/**
 * Largest step by which an uplink envelope seq may move ahead of the last one the server saw from the device.
 * Real steps: frames the server missed, plus at most one reserved block of 256 per boot that sent something
 * (the firmware reserves seqs only when it sends). A forged 2^32−1, once taken, would make every real frame
 * after it look old. 2^20: 28 years of frames at the normal ~100 a day, or 4,096 boots whose frames were all
 * lost.
 */
export const MAX_UPLINK_SEQ_JUMP = 2 ** 20;
/**
 * Largest step by which an EnergyReport may place a record or its `lost_through_seq` above the highest seq the
 * server has acknowledged for the device's log. A real gap counts the records made while the device could not
 * deliver them: 2^20 is two years of one-minute records (the shortest interval), thirty years of the default
 * 15-minute ones. A claim of 4,294,967,293 lost records is not one.
 */
export const MAX_ENERGY_SEQ_JUMP = 2 ** 20;
/**
 * Downlink seqs (the device's replay counter, issue 11): a device accepts a seq at most this far above the highest
 * it accepted, and never above MAX_DOWNLINK_SEQ; the server adopts a device's reported `downlink_floor` only within
 * the same step, and when its own counter has run more than this ahead of the floor, it starts again just above
 * it. A sealed 2^32−1 (stolen key, server bug) would otherwise leave no seq above the floor and lock the device
 * out for good; the server's counter would wrap to 0.
 */
export const MAX_DOWNLINK_SEQ_JUMP = 2 ** 20;
/** Downlink seqs stay below this (2^31): a counter that never wraps in a controller's life. */
export const MAX_DOWNLINK_SEQ = 2 ** 31;
