/** A light's display state, from what the API reports (and the open alarms). Shared by the map, list and detail. */
import type { Device } from './api.js';
import type { Key } from './i18n.js';

export type LightState = 'on' | 'dim' | 'off' | 'fault' | 'offline' | 'updating' | 'unknown';
export const LIGHT_STATES: LightState[] = ['on', 'dim', 'off', 'fault', 'offline', 'updating', 'unknown'];

export const STATE_COLOUR: Record<LightState, string> = {
  on: '#f5b700', dim: '#c98a00', off: '#3d5a80', fault: '#d62828', offline: '#8d99ae', updating: '#7b2cbf', unknown: '#c4c9d4',
};

/**
 * `updating`: an active OTA campaign is updating the light (offered … rebooting; `Device.ota` from the API);
 * `fault`: an alarm not cleared (open or acknowledged). Servers since issue 14 send the state with each device (`Device.state`).
 */
export function lightState(d: Device, faulty: ReadonlySet<string>): LightState {
  if (d.state) return d.state; // decided by the server (issue 14)
  if (!d.registered) return 'unknown';
  if (d.ota) return 'updating';
  if (faulty.has(d.id)) return 'fault';
  if (!d.online) return 'offline';
  const level = d.reported?.level ?? 0;
  if (level <= 0) return 'off';
  return level >= 100 ? 'on' : 'dim';
}

export const stateKey = (s: LightState): Key => `state_${s}` as Key;

/** Fill colour of a lit light, brighter with the level. */
export function levelColour(level: number): string {
  const l = Math.max(0, Math.min(100, level));
  const light = 35 + l * 0.3;
  return `hsl(44 100% ${light}%)`;
}
