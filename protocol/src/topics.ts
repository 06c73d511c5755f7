/**
 * MQTT topic scheme of protocol v1, implemented once for the firmware and the server.
 * This module runs on the XS engine too: plain ECMAScript, no Node APIs.
 *
 *   sl/v1/{tenant}/{deviceId}/up      device → server   QoS 1, retain false   (Uplink frames)
 *   sl/v1/{tenant}/{deviceId}/down    server → device   QoS 1, retain false   (Downlink frames; EnergyAck and TimeSync QoS 0: downlinkQos)
 *   sl/v1/{tenant}/{deviceId}/status  device (and its will) → server  QoS 1, retain true  (Presence)
 *
 * Sessions: devices and servers connect with a clean session (MQTT 3.1.1 CleanSession=1 /
 * MQTT 5 Clean Start with Session Expiry 0). Nothing depends on broker persistence: a device says Hello
 * after every connection and the server re-sends whatever desired state the device lacks; energy records
 * stay on the device until acknowledged at application level (EnergyAck).
 * Several server instances share the uplink stream through a shared subscription
 * (`$share/<group>/sl/v1/+/+/up`), supported by Mosquitto ≥ 1.6, EMQX, VerneMQ (also for 3.1.1 clients).
 */

export const TOPIC_ROOT = 'sl/v1';

export type Channel = 'up' | 'down' | 'status';

/** Quality of service per channel ([MQTT-4.3.2]: at least once; duplicates are handled by seq). */
export const TOPIC_QOS: { readonly [C in Channel]: 0 | 1 } = Object.freeze({ up: 1, down: 1, status: 1 });
/**
 * The QoS the server publishes a downlink with: QoS 0 for an `EnergyAck` or a `TimeSync`, QoS 1 (TOPIC_QOS.down) for
 * everything else. Both are answers that the device asks for again when one is lost (it re-sends unacknowledged
 * records, and repeats an unanswered Hello or reports a clock not synchronised), each superseded by the next; the
 * device's session is clean, so QoS 1 would not keep them across a lost connection anyway, and at QoS 0 neither the
 * broker nor the device sends a PUBACK for the commonest downlinks (one per energy frame). The device subscribes at
 * QoS 1 and receives each at the QoS it was published with.
 */
export function downlinkQos(m: { readonly energyAck?: unknown; readonly timeSync?: unknown }): 0 | 1 {
  return m.energyAck != null || m.timeSync != null ? 0 : TOPIC_QOS.down;
}

/** Only presence is retained, so a late subscriber learns who is online. */
export const TOPIC_RETAIN: { readonly [C in Channel]: boolean } = Object.freeze({ up: false, down: false, status: true });

/** Tenant and device ids: 1..64 characters of [A-Za-z0-9_-]; they are topic levels, so no '/', '+', '#'. */
export const ID_MAX_LENGTH = 64;

export function isValidId(id: string): boolean {
  if (id.length < 1 || id.length > ID_MAX_LENGTH) return false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
    if (!ok) return false;
  }
  return true;
}

function checkId(kind: string, id: string): void {
  if (!isValidId(id)) throw new RangeError(`invalid ${kind} id "${id}": 1..${ID_MAX_LENGTH} chars of [A-Za-z0-9_-]`);
}

export function deviceTopic(tenant: string, deviceId: string, channel: Channel): string {
  checkId('tenant', tenant);
  checkId('device', deviceId);
  return `${TOPIC_ROOT}/${tenant}/${deviceId}/${channel}`;
}

export const uplinkTopic = (tenant: string, deviceId: string): string => deviceTopic(tenant, deviceId, 'up');
export const downlinkTopic = (tenant: string, deviceId: string): string => deviceTopic(tenant, deviceId, 'down');
export const statusTopic = (tenant: string, deviceId: string): string => deviceTopic(tenant, deviceId, 'status');

export interface DeviceTopic {
  tenant: string;
  deviceId: string;
  channel: Channel;
}

/** Parses a device topic; undefined for anything that is not exactly one of the scheme's topics. */
export function parseDeviceTopic(topic: string): DeviceTopic | undefined {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}` !== TOPIC_ROOT) return undefined;
  const tenant = parts[2] as string;
  const deviceId = parts[3] as string;
  const channel = parts[4] as string;
  if (!isValidId(tenant) || !isValidId(deviceId)) return undefined;
  if (channel !== 'up' && channel !== 'down' && channel !== 'status') return undefined;
  return { tenant, deviceId, channel };
}

/** Filter matching one channel of every device of every tenant (or of one tenant). */
export function channelFilter(channel: Channel, tenant?: string): string {
  if (tenant !== undefined) checkId('tenant', tenant);
  return `${TOPIC_ROOT}/${tenant ?? '+'}/+/${channel}`;
}

/** A shared subscription: the broker delivers each message to one member of `group`. */
export function sharedFilter(group: string, filter: string): string {
  checkId('share group', group);
  return `$share/${group}/${filter}`;
}
