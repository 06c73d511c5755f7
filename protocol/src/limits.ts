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
