/** A light's display state, from what the API reports (and the open alarms). Shared by the map, list and detail. */
import type { Device } from './api.js';
import type { Key } from './i18n.js';

export type LightState = 'on' | 'dim' | 'off' | 'fault' | 'offline' | 'updating' | 'unknown';
export const LIGHT_STATES: LightState[] = ['on', 'dim', 'off', 'fault', 'offline', 'updating', 'unknown'];

/**
 * Colours of the states. Lit and dimmed differ in hue and lightness (a full yellow, a deep amber), and every state
 * also has its own glyph (`drawGlyph`), so they are told apart without colour too (colour-blind people, a grey
 * printout): on a full disc, dim a half disc, off a dark disc, fault a triangle, offline a crossed ring, updating a
 * diamond, never connected a hollow square.
 */
export const STATE_COLOUR: Record<LightState, string> = {
  on: '#ffc61a', dim: '#d97706', off: '#3d5a80', fault: '#d62828', offline: '#6c7686', updating: '#7b2cbf', unknown: '#9aa3b2',
};

/** Draws the glyph of a state centred on (x, y), `r` its radius in CSS pixels (map points and the legend alike). */
export function drawGlyph(g: CanvasRenderingContext2D, s: LightState, x: number, y: number, r: number): void {
  const c = STATE_COLOUR[s];
  g.save();
  g.lineJoin = 'round';
  g.beginPath();
  switch (s) {
    case 'on':
      g.arc(x, y, r, 0, Math.PI * 2); g.fillStyle = c; g.fill(); g.lineWidth = 1; g.strokeStyle = '#5c4400'; g.stroke();
      break;
    case 'dim':
      g.arc(x, y, r, 0, Math.PI * 2); g.fillStyle = '#fff'; g.fill();
      g.beginPath(); g.moveTo(x, y - r); g.arc(x, y, r, -Math.PI / 2, Math.PI / 2, true); g.closePath(); g.fillStyle = c; g.fill();
      g.beginPath(); g.arc(x, y, r, 0, Math.PI * 2); g.lineWidth = 1.5; g.strokeStyle = '#7a4300'; g.stroke();
      break;
    case 'off':
      g.arc(x, y, r * 0.85, 0, Math.PI * 2); g.fillStyle = c; g.fill(); g.lineWidth = 1; g.strokeStyle = '#1d2b40'; g.stroke();
      break;
    case 'fault': {
      const h = r * 1.15;
      g.moveTo(x, y - h); g.lineTo(x + h, y + h * 0.8); g.lineTo(x - h, y + h * 0.8); g.closePath();
      g.fillStyle = c; g.fill(); g.lineWidth = 1; g.strokeStyle = '#6b0f0f'; g.stroke();
      g.beginPath(); g.moveTo(x, y - h * 0.35); g.lineTo(x, y + h * 0.25); g.lineWidth = Math.max(1.2, r / 4); g.strokeStyle = '#fff'; g.stroke();
      break;
    }
    case 'offline':
      g.arc(x, y, r - 1, 0, Math.PI * 2); g.fillStyle = '#fff'; g.fill(); g.lineWidth = 2; g.strokeStyle = c; g.stroke();
      g.beginPath(); g.moveTo(x - r * 0.7, y + r * 0.7); g.lineTo(x + r * 0.7, y - r * 0.7); g.stroke();
      break;
    case 'updating':
      g.moveTo(x, y - r * 1.1); g.lineTo(x + r * 1.1, y); g.lineTo(x, y + r * 1.1); g.lineTo(x - r * 1.1, y); g.closePath();
      g.fillStyle = c; g.fill(); g.lineWidth = 1; g.strokeStyle = '#3c1260'; g.stroke();
      g.beginPath(); g.arc(x, y, r * 0.3, 0, Math.PI * 2); g.fillStyle = '#fff'; g.fill();
      break;
    case 'unknown':
      g.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6); g.fillStyle = '#fff'; g.fill(); g.lineWidth = 1.5; g.strokeStyle = c; g.stroke();
      break;
  }
  g.restore();
}

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
