/**
 * Messages between the XS guest (guest.ts, inside xsnap) and the Node bridge (bridge.ts). Each is a JSON
 * array `[op, ...args]` in UTF-8; binary payloads travel as hex strings. Small on purpose: a PWM write is
 * `["pwm.write",1,512]`.
 *
 * Guest → Node (XS `issueCommand`, answered synchronously): the Host calls of the firmware.
 *   Reply: `{"v": value}`, or `{"e": [errorName, message]}` when the simulated part threw (the guest
 *   rethrows it as the same kind of error: RangeError for a bad pin stays a RangeError).
 * Node → guest (`handleCommand`): boot, timer firings, IO and MQTT callbacks, status queries.
 *   Reply: JSON of the result (status) or nothing.
 */

/** What the guest needs to build the Host at boot, besides the calls it makes later. */
export interface BootMessage {
  pins: Record<string, number | undefined>;
  factory: { deviceId: string; tenant: string; hardwareModel: string; mqtt: { host: string; port: number; user?: string; password?: string } };
  firmwareVersion: string;
  resetReason: string;
  /** Constants of the board's Digital class, or absent when the board has none. */
  digital?: { Input: unknown; InputPullUp: unknown; InputPullDown: unknown; Output: unknown; Rising: number; Falling: number };
  /** Static properties of the MQTT client class (operation codes). */
  mqttStatics: Record<string, number>;
  /** Extra provider options of `device.network.mqtt` (serialisable ones only). */
  mqttProvider: Record<string, unknown>;
}

export type GuestCall =
  | ['pwm.new', number, Record<string, unknown>]
  | ['pwm.write', number, number]
  | ['pwm.close', number]
  | ['dig.new', number, Record<string, unknown>, boolean]
  | ['dig.read', number]
  | ['dig.write', number, number]
  | ['dig.close', number]
  | ['mqtt.new', number, Record<string, unknown>]
  | ['mqtt.read', number, number]
  | ['mqtt.write', number, string | null, Record<string, unknown> | undefined]
  | ['mqtt.close', number]
  | ['timer.set', number, number, boolean]
  | ['timer.clear', number]
  | ['clock.now'] | ['clock.set', number] | ['clock.ticks']
  | ['kv.read', string] | ['kv.write', string, string] | ['kv.delete', string]
  | ['sys.restart'] | ['sys.random'] | ['sys.log', string, string];

export type HostEvent =
  | ['boot', BootMessage]
  | ['timer', number]
  | ['dig', number]
  | ['mqtt', number, 'onControl' | 'onReadable' | 'onWritable' | 'onClose' | 'onError', unknown[]]
  | ['status']
  | ['gc']
  | ['decode', string];

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] as number).toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
