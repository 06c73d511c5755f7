/**
 * Messages between the XS guest (guest.ts, inside xsnap) and the Node bridge (bridge.ts).
 *
 * A frame is a JSON array `[op, ...args]` in UTF-8 — or, when the message carries binary data (MQTT payloads,
 * NVS values, flash and OTA slot bytes, UART bytes), that data in raw bytes, one 0x00 byte, then the JSON. JSON
 * text never contains a raw 0x00 (JSON.stringify escapes control characters), so the separator is the LAST
 * 0x00 of the frame, found by scanning back over the short JSON only. A PWM write is `["pwm.write",1,512]`; an
 * OTA chunk write is the chunk + 0x00 + `["up.write",8192]`.
 *
 * Why this layout: xsnap meters typed-array methods per element (`set`, `slice`, `indexOf`: 2 to 8 compute
 * units per byte) but not `ArrayBuffer.prototype.slice` or `transfer` (a memcpy / realloc). With the data first,
 * XS builds a frame by copying the data's ArrayBuffer range and growing it by the JSON (no per-byte work), and
 * takes the data out of a reply with one `ArrayBuffer.slice`. Hex in JSON (the first protocol) cost ≈ 33 units
 * per byte each way.
 *
 * Guest → Node (XS `issueCommand`, answered synchronously): the Host calls of the firmware.
 *   Reply: `{"v": value}`, bytes + 0x00 + `{}` when the call returns bytes, or `{"e": [errorName, message]}` when
 *   the simulated part threw (the guest rethrows it as the same kind of error: a RangeError for a bad pin stays
 *   a RangeError; other names are kept on an Error).
 * Node → guest (`handleCommand`): boot, timer firings, IO and MQTT callbacks, status queries; the same framing.
 *   Reply: JSON of the result (status) or nothing.
 */

/** What the guest needs to build the Host at boot, besides the calls it makes later. */
export interface BootMessage {
  pins: Record<string, number | undefined>;
  firmwareVersion: string;
  resetReason: string;
  /** Constants of the board's Digital class, or absent when the board has none. */
  digital?: { Input: unknown; InputPullUp: unknown; InputPullDown: unknown; Output: unknown; Rising: number; Falling: number };
  /** The board has a Wi-Fi station (`host.device.network.wifi`). */
  wifi: boolean;
  /** Which optional IO classes the board has (metering chips). */
  pulseCount: boolean;
  serial: boolean;
  /** The board has `host.flash` (raw partitions). */
  flash: boolean;
  /** `host.update` as the Node host built it for this boot (its two properties are fixed at boot), or absent. */
  update?: { pendingVerify: boolean; lastRollback: { version?: string; reason: string } | undefined; sha256: boolean };
  /** Static properties of the MQTT client class (operation codes). */
  mqttStatics: Record<string, number>;
  /** Extra provider options of `device.network.mqtt` (serialisable ones only). */
  mqttProvider: Record<string, unknown>;
}

/** Host calls. `+ bytes` marks the calls whose binary argument travels with the JSON, `→ bytes` those answering bytes. */
export type GuestCall =
  | ['pwm.new', number, Record<string, unknown>]
  | ['pwm.write', number, number]
  | ['pwm.close', number]
  | ['dig.new', number, Record<string, unknown>, boolean]
  | ['dig.read', number]
  | ['dig.write', number, number]
  | ['dig.close', number]
  | ['wifi.connect', string, string] | ['wifi.close']
  | ['crypto.verifyP256', number, number] /* + bytes: public key ‖ signature ‖ message (lengths given) → boolean */
  | ['pc.new', number, Record<string, unknown>, boolean]
  | ['pc.read', number]
  | ['pc.write', number, number]
  | ['pc.close', number]
  /** The last element names the callbacks the firmware gave. */
  | ['ser.new', number, Record<string, unknown>, SerialCallback[]]
  | ['ser.read', number, number | null]        // → bytes or null
  | ['ser.write', number]                      // + bytes
  | ['ser.close', number]
  | ['fl.open', number, string]                // → {size, blockSize}
  | ['fl.read', number, number, number]        // → bytes
  | ['fl.write', number, number]               // + bytes
  | ['fl.erase', number, number]
  | ['fl.close', number]
  | ['up.begin', number, string, number | null]
  | ['up.write', number]                       // + bytes
  | ['up.read', number, number]                // → bytes
  | ['up.finish'] | ['up.setBoot'] | ['up.markValid'] | ['up.markInvalid', string]
  | ['sha.new', number] | ['sha.update', number] /* + bytes */ | ['sha.digest', number] /* → bytes */
  | ['mqtt.new', number, Record<string, unknown>]  // + the will's message, if any
  | ['mqtt.read', number, number]              // → bytes or null
  | ['mqtt.write', number, Record<string, unknown> | null]  // + bytes; null options = none; no bytes = null data
  | ['mqtt.close', number]
  | ['timer.set', number, number, boolean]
  | ['timer.clear', number]
  | ['clock.read'] /* → [now, ticks] */ | ['clock.set', number]
  | ['kv.read', string]                        // → bytes or null
  | ['kv.write', string]                       // + bytes
  | ['kv.delete', string]
  | ['sys.restart'] | ['sys.random'] | ['sys.log', string, string];

export type SerialCallback = 'onReadable' | 'onWritable' | 'onError';
export type MqttCallback = 'onControl' | 'onReadable' | 'onWritable' | 'onClose' | 'onError';

export type HostEvent =
  | ['boot', BootMessage]
  | ['timer', number]
  | ['dig', number]
  | ['pc', number]
  | ['wifi', 'connected' | 'disconnected']
  | ['ser', number, SerialCallback, unknown[]]
  /** onControl's payload, if any, travels as the frame's bytes. */
  | ['mqtt', number, MqttCallback, unknown[]]
  | ['status']
  | ['gc']
  /** Decodes the frame's bytes with the firmware's lean downlink decoder (benchmarks). */
  | ['decode'];

/** Separator between the binary data and the JSON text of a frame. */
export const FRAME_SEPARATOR = 0;

type Transferable = ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };

/** Builds a frame: optional bytes, then `json` (JSON text, UTF-8 encoded). Runs in Node and in XS. */
export function joinFrame(json: Uint8Array, bytes?: Uint8Array): Uint8Array {
  if (bytes === undefined) return json;
  const n = bytes.byteLength;
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + n) as Transferable;
  let out: Uint8Array;
  if (typeof data.transfer === 'function') {
    out = new Uint8Array(data.transfer(n + 1 + json.byteLength)); // grows in place: no per-byte copy in XS
  } else {
    out = new Uint8Array(n + 1 + json.byteLength); // Node 20 has no ArrayBuffer.prototype.transfer
    out.set(bytes, 0);
  }
  out[n] = FRAME_SEPARATOR;
  out.set(json, n + 1);
  return out;
}

/** Splits a frame into its JSON text bytes and its binary data (a copy with its own buffer), if any. */
export function splitFrame(frame: Uint8Array): { json: Uint8Array; bytes: Uint8Array | undefined } {
  const at = frame.lastIndexOf(FRAME_SEPARATOR);
  if (at < 0) return { json: frame, bytes: undefined };
  // ArrayBuffer.slice copies without per-byte work in XS (and, unlike a Node Buffer's slice, copies).
  return { json: frame.subarray(at + 1), bytes: new Uint8Array(frame.buffer.slice(frame.byteOffset, frame.byteOffset + at)) };
}

/** The exact bytes of an ArrayBuffer or a view, without copying. */
export function bytesOf(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A fresh ArrayBuffer holding exactly `bytes` (the buffer of a `splitFrame` payload already is one). */
export function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) as ArrayBuffer;
}
