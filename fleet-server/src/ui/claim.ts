/**
 * What the installer's page reads off a controller's label: the QR code's claim payload `SLC1:<deviceId>:<claimCode>`
 * (devices/claim-payload.ts, the same parser the labels are checked with), or the device id and claim code typed
 * by hand.
 */
import { DEVICE_ID, parseClaimPayload } from '../devices/claim-payload.js';

export { parseClaimPayload };

/**
 * What the single "label" field holds: a payload (pasted, typed, or from a scanner that may add spaces or a
 * newline around it), else nothing usable. Only the outer whitespace is dropped: a device id is case-sensitive.
 */
export function readLabelField(text: string): { deviceId: string; claimCode: string } | undefined {
  return parseClaimPayload(text.trim());
}

/** Whether the field looks like the start of a payload (the page then says what is wrong with it). */
export const looksLikePayload = (text: string): boolean => /^\s*slc\d*:/i.test(text);

/**
 * A claim code as typed on a phone, in the printed form where it can be: spaces and dashes dropped, upper case,
 * grouped by four. The server accepts the raw text too (it also reads O as 0, I and L as 1); this only makes the
 * request and the audit log tidy.
 */
export function tidyClaimCode(typed: string): string {
  const raw = typed.replace(/[\s-]+/g, '').toUpperCase();
  return raw.length === 12 ? `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : raw;
}

/** Whether a device id as typed can be one (the server's path parameter says the rest). */
export const validDeviceId = (id: string): boolean => DEVICE_ID.test(id);
