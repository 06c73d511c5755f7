/**
 * Messages between fleet-server instances about OTA (docs/ota.md, "Several instances"), on one MQTT topic per
 * installation, `sl/fleet/<MQTT_SHARE_GROUP>/ota`: outside the devices' `sl/v1/…` tree, so a device ACL such
 * as `pattern readwrite sl/v1/+/%u/#` can never match it. Only the instance that drives OTA (the lease holder)
 * subscribes, with a plain (not shared) subscription, QoS 1.
 *
 *   uplink  an OTA-relevant uplink (OtaStatus, Hello) that reached an instance which does not drive OTA: the
 *           original frame bytes with the tenant and device of the topic it came on. The driver runs them
 *           through the same frame checks (decodeUplinkFrame with the device id, registered tenant).
 *   notice  "campaign N was created" / "command N is waiting": the driver reloads from the database at once
 *           (it also does so at every lease renewal, in case a notice is lost).
 *
 * Wire format: byte 0 = format version (1), byte 1 = type (1 uplink, 2 notice), bytes 2–3 = length of a UTF-8
 * JSON header (big-endian), the header, then (uplink only) the frame bytes.
 */
import { MAX_FRAME_BYTES, isValidId } from '@streetlight/protocol';

export const RELAY_FORMAT = 1;
const TYPE_UPLINK = 1;
const TYPE_NOTICE = 2;
const MAX_HEADER = 512;

export type RelayMessage =
  | { type: 'uplink'; from: string; tenant: string; deviceId: string; frame: Uint8Array }
  | { type: 'notice'; from: string; what: 'campaign' | 'command'; id: number };

/** The installation's OTA topic between instances. */
export function relayTopic(shareGroup: string): string {
  return `sl/fleet/${shareGroup}/ota`;
}

export function encodeRelay(m: RelayMessage): Buffer {
  const header = Buffer.from(JSON.stringify(m.type === 'uplink'
    ? { from: m.from, tenant: m.tenant, deviceId: m.deviceId }
    : { from: m.from, what: m.what, id: m.id }), 'utf8');
  if (header.length > MAX_HEADER) throw new RangeError('relay header too long');
  const head = Buffer.from([RELAY_FORMAT, m.type === 'uplink' ? TYPE_UPLINK : TYPE_NOTICE, header.length >> 8, header.length & 0xff]);
  return Buffer.concat(m.type === 'uplink' ? [head, header, Buffer.from(m.frame)] : [head, header]);
}

/** Parses a relay message; a string says what is wrong with it. Never throws. */
export function decodeRelay(bytes: Uint8Array): RelayMessage | string {
  if (bytes.length < 4) return 'truncated';
  if (bytes[0] !== RELAY_FORMAT) return `unknown format ${bytes[0]}`;
  const type = bytes[1];
  const len = ((bytes[2] as number) << 8) | (bytes[3] as number);
  if (len > MAX_HEADER || bytes.length < 4 + len) return 'bad header length';
  let h: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(bytes.subarray(4, 4 + len)).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return 'header is not an object';
    h = parsed as Record<string, unknown>;
  } catch {
    return 'header is not JSON';
  }
  const from = typeof h.from === 'string' && h.from.length <= 128 ? h.from : undefined;
  if (from === undefined) return 'no sender';
  if (type === TYPE_UPLINK) {
    const { tenant, deviceId } = h;
    if (typeof tenant !== 'string' || !isValidId(tenant) || typeof deviceId !== 'string' || !isValidId(deviceId)) return 'bad tenant or device id';
    const frame = bytes.subarray(4 + len);
    // The frame itself is checked by decodeUplinkFrame on arrival; this only bounds the copy.
    if (frame.length > MAX_FRAME_BYTES * 16) return 'frame too large';
    return { type: 'uplink', from, tenant, deviceId, frame };
  }
  if (type === TYPE_NOTICE) {
    const { what, id } = h;
    if ((what !== 'campaign' && what !== 'command') || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return 'bad notice';
    if (bytes.length !== 4 + len) return 'trailing bytes after a notice';
    return { type: 'notice', from, what, id };
  }
  return `unknown type ${type}`;
}
