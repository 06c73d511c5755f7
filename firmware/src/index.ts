export { startFirmware, LuminaireController, DEFAULTS, MIN_VALID_TIME_MS, type Firmware, type FirmwareStatus } from './app.js';
export type * from './host.js';
export { MqttOp } from './host.js';
export { FIRMWARE_VERSION } from './version.js';
export { parsePosixTz, utcOffsetS, toLocalMs, fromLocalMs, dstTransitions, type PosixTz } from './tz.js';
export { sunEventUtc, ZENITH_CIVIL, ZENITH_OFFICIAL } from './sun.js';
export { evaluatePlan, resolveNight, programFor, nightOf, type Site } from './schedule.js';
export { dutyFraction, FADE_STEP_MS } from './dimmer.js';
