/** OTA campaign texts in the reader's language: why it halted (the API's `halt` figures, ota/campaign.ts), a device's reason. */
import type { I18n } from './i18n.js';

export type Halt =
  | { kind: 'errors'; failed: number; attempted: number; thresholdPct: number }
  | { kind: 'wave'; wave: number; confirmed: number; devices: number; thresholdPct: number };

export function haltText(i: I18n, h: Halt): string {
  return h.kind === 'errors'
    ? i.t('halt_errors', { n: h.failed, a: h.attempted, t: i.pct(h.thresholdPct) })
    : i.t('halt_wave', { n: h.confirmed, a: h.devices, w: h.wave + 1, t: i.pct(h.thresholdPct) });
}

/** A device's reason in a campaign: the server's own in words; a device's (its firmware's words) as it gave it. */
export function deviceReasonText(i: I18n, reason: string): string {
  if (reason.startsWith('not yet connected')) return i.t('reasonNotConnected');
  const m = /^no progress for (\d+) s$/.exec(reason);
  return m ? i.t('reasonNoProgress', { s: m[1] as string }) : reason;
}
