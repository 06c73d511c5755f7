export {
  startFirmware, LuminaireController, DEFAULTS, MIN_VALID_TIME_MS, EVAL_MAX_MS, TIME_SYNC_MAX_RTT_MS, HELLO_RETRY_MIN_MS, HELLO_RETRY_MAX_MS,
  type Firmware, type FirmwareStatus,
} from './app.js';
export { Backoff } from './backoff.js';
export { BACKOFF_MIN_MS as LINK_BACKOFF_MIN_MS, BACKOFF_MAX_MS as LINK_BACKOFF_MAX_MS } from './link.js';
export type * from './host.js';
export { MqttOp } from './host.js';
export { FIRMWARE_VERSION } from './version.js';
export { parsePosixTz, utcOffsetS, toLocalMs, fromLocalMs, dstTransitions, type PosixTz } from './tz.js';
export { sunEventUtc, ZENITH_CIVIL, ZENITH_OFFICIAL } from './sun.js';
export { evaluatePlan, resolveNight, resolveProgram, programFor, nightOf, type Site, type ResolvedStep, type PlanDecision } from './schedule.js';
export { dutyFraction, FADE_STEP_MS } from './dimmer.js';
export { checkOffer, compareVersions, parseVersion, type TrustedKey, type OfferCheck, type OfferRejection } from './ota/manifest.js';
export { createSha256, type Hasher } from './ota/digest.js';
// Issue 17: DALI-2 / D4i driver.
export { arcForFraction, fractionForArc } from './dali/frames.js';
export { POLL_MS as DALI_POLL_MS, DIAG_MS as DALI_DIAG_MS, REPORT_MS as DALI_REPORT_MS, LED_RATED_LIFE_H, OVERTEMP_C } from './dali/service.js';
