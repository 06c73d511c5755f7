/**
 * Frame authentication (protocol README, "Frame authentication"), the part both sides share. This module runs on
 * the XS engine too: plain ECMAScript, no Node APIs, nothing created at module scope.
 *
 * Every Uplink and Downlink frame ends with its `mac` field (field 5, 16 bytes):
 *
 *   frame = body ‖ 0x2A 0x10 ‖ HMAC-SHA256(device key, label ‖ body)[0..16)
 *
 * where `body` is the envelope encoded without `mac` and `label` is "sl1u" for uplinks, "sl1d" for downlinks
 * (a frame of one direction is never valid in the other). protobuf decoders accept fields in any order, so the
 * whole frame still decodes as the envelope, `mac` included. The HMAC itself is the platform's: the SDK's
 * native `Digest` on the device, node:crypto on the server and in the simulator (see `FrameMac`).
 */

/** Bytes of the truncated MAC (128 bits, RFC 2104 §5 allows truncation to half the hash). */
export const FRAME_MAC_BYTES = 16;
/** The `mac` field's key byte: field 5, wire type 2 (length-delimited). */
export const MAC_FIELD_KEY = 0x2a;
/** Bytes the `mac` field adds to a frame. */
export const MAC_FIELD_BYTES = 2 + FRAME_MAC_BYTES;
/** The device key's length (HMAC-SHA256 key). */
export const DEVICE_KEY_BYTES = 32;

export type FrameDirection = 'up' | 'down';

/** The label a direction's MAC starts with. */
export const macLabel = (direction: FrameDirection): string => (direction === 'up' ? 'sl1u' : 'sl1d');

/**
 * Computes HMAC-SHA256(key, label ‖ body) and returns its 32 bytes. The label is ASCII. Implementations: node:crypto
 * (`createHmac`), the SDK's `crypt/etc/hmac` over native `Digest("SHA256")`, or firmware/src/crypto (pure JS).
 */
export type FrameMac = (key: Uint8Array, label: string, body: Uint8Array) => Uint8Array;

/** The frame `body` with its `mac` field appended. */
export function appendMac(body: Uint8Array, mac: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + MAC_FIELD_BYTES);
  out.set(body, 0);
  out[body.length] = MAC_FIELD_KEY;
  out[body.length + 1] = FRAME_MAC_BYTES;
  for (let i = 0; i < FRAME_MAC_BYTES; i++) out[body.length + 2 + i] = mac[i] ?? 0;
  return out;
}

/** Encoded body → sealed frame, with the direction's label. */
export function sealFrame(hmac: FrameMac, key: Uint8Array, direction: FrameDirection, body: Uint8Array): Uint8Array {
  return appendMac(body, hmac(key, macLabel(direction), body));
}

/**
 * The length of the body of a sealed frame: the frame minus its trailing `mac` field; -1 when the frame does not
 * end with a well-formed one (then it is not authenticated, whatever else it holds).
 */
export function sealedBodyLength(frame: Uint8Array): number {
  const n = frame.length - MAC_FIELD_BYTES;
  if (n < 0 || frame[n] !== MAC_FIELD_KEY || frame[n + 1] !== FRAME_MAC_BYTES) return -1;
  return n;
}

/** Compares two byte strings in time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array, length: number): boolean {
  if (a.length < length || b.length < length) return false;
  let diff = 0;
  for (let i = 0; i < length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

/** True when `frame` ends with the valid `mac` of its body for `key` and `direction`. */
export function verifyFrame(hmac: FrameMac, key: Uint8Array, direction: FrameDirection, frame: Uint8Array): boolean {
  const n = sealedBodyLength(frame);
  if (n < 0) return false;
  const expected = hmac(key, macLabel(direction), frame.subarray(0, n));
  return constantTimeEqual(expected, frame.subarray(n + 2), FRAME_MAC_BYTES);
}
