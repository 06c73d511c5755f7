/**
 * The controller's identity, provisioned into its NVS (key "identity") by the fleet server's `provision` command
 * (issue 11; protocol/proto/streetlight/v1/identity.proto): device id, town, broker and broker password, device
 * key, OTA trust keys, Wi-Fi. Nothing of it is compiled into the firmware. A board without a readable identity
 * still drives its lamp from what it holds (plan, config, fallback), and stays off the network.
 */
import { DEVICE_KEY_BYTES, DeviceIdentityDesc, LeanDecodeError, decodeMessage, type DeviceIdentity } from '@streetlight/protocol/lean';
import { isValidId } from '@streetlight/protocol/topics';
import type { HostStorage } from './host.js';

/** NVS key of the provisioned identity. */
export const IDENTITY_KEY = 'identity';

export interface Identity {
  deviceId: string;
  tenant: string;
  hardwareModel: string;
  /** `tls`: connect over TLS, the broker's certificate chaining to `ca` (DER). */
  mqtt: { host: string; port: number; tls: boolean; ca: Uint8Array | undefined; user: string; password: string };
  /** HMAC-SHA256 key of frame authentication (32 bytes). */
  deviceKey: Uint8Array;
  keyGeneration: number;
  otaKeys: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }>;
  wifi: { ssid: string; password: string } | undefined;
}

/** The identity in NVS, or why there is none usable. */
export function loadIdentity(storage: HostStorage): { identity: Identity } | { problem: string } {
  const raw = storage.read(IDENTITY_KEY);
  if (raw === undefined) return { problem: 'not provisioned' };
  let m: DeviceIdentity;
  try {
    m = decodeMessage(DeviceIdentityDesc, new Uint8Array(raw)) as DeviceIdentity;
  } catch (err) {
    if (err instanceof LeanDecodeError) return { problem: `identity unreadable: ${err.message}` };
    throw err;
  }
  const deviceId = m.deviceId ?? '';
  const tenant = m.tenant ?? '';
  if (m.format !== 1) return { problem: `identity format ${m.format ?? 0} unknown` };
  if (!isValidId(deviceId) || !isValidId(tenant)) return { problem: 'identity without a valid device id and town' };
  if (!m.mqttHost || !m.mqttPort || m.mqttPort > 65535) return { problem: 'identity without a broker' };
  if (!m.deviceKey || m.deviceKey.length !== DEVICE_KEY_BYTES) return { problem: 'identity without a device key' };
  if (m.mqttTls === true && !(m.mqttCa && m.mqttCa.length > 0)) return { problem: 'identity asks for TLS without the CA to check the broker against' };
  return {
    identity: {
      deviceId, tenant, hardwareModel: m.hardwareModel ?? '',
      mqtt: {
        host: m.mqttHost, port: m.mqttPort, tls: m.mqttTls === true, ca: m.mqttCa && m.mqttCa.length > 0 ? m.mqttCa : undefined,
        user: deviceId, password: m.mqttPassword ?? '',
      },
      deviceKey: m.deviceKey, keyGeneration: m.keyGeneration ?? 0,
      otaKeys: (m.otaKeys ?? []).filter((k) => k.publicKey && k.publicKey.length === 65).map((k) => ({ keyId: k.keyId ?? 0, publicKey: k.publicKey as Uint8Array })),
      wifi: m.wifiSsid ? { ssid: m.wifiSsid, password: m.wifiPassword ?? '' } : undefined,
    },
  };
}
