/**
 * Lean protocol v1 codec for the firmware (Moddable XS): generated message types, enum constants and
 * encode/decode functions for the three envelopes, the runtime's error type and UTF-8 helpers, and the
 * shared bounds. Plain ES2022: no protobufjs, no Node APIs, no TextEncoder/TextDecoder.
 */
export * from './generated.js';
export { LeanDecodeError, decodeMessage, encodeMessage, utf8Decode, utf8Encode, type Desc, type Field } from './runtime.js';
export * from '../limits.js';
export * from '../auth.js';
