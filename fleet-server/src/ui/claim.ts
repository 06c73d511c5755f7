/**
 * What the installer's page reads off a controller's label: the QR code's claim payload `SLC1:<deviceId>:<claimCode>`,
 * or the device id and claim code typed by hand.
 *
 * `parseClaimPayload` is a copy of the one in src/devices/labels.ts, not an import: that module draws the labels
 * with `qrcode`, which would pull a QR encoder (and its Node-only PNG path) into the browser bundle for a
 * twelve-line parser. test/ui-claim.test.ts checks that both parsers give the same answer on the same inputs;
 * change them together.
 */

const CLAIM_PREFIX = 'SLC1';
/** Device ids a label carries (labels.ts `DEVICE_ID`). */
const DEVICE_ID = /^[A-Za-z0-9._-]{1,64}$/;
/** A printed claim code: three groups of four Crockford base32 capitals (labels.ts `CLAIM_CODE`). */
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/;

/** The device id and claim code of a claim payload, or `undefined` for anything else (labels.ts `parseClaimPayload`). */
export function parseClaimPayload(text: string): { deviceId: string; claimCode: string } | undefined {
  const fields = text.split(':');
  if (fields.length !== 3) return undefined;
  const [prefix, deviceId, claimCode] = fields as [string, string, string];
  if (prefix !== CLAIM_PREFIX || !DEVICE_ID.test(deviceId) || !CLAIM_CODE.test(claimCode)) return undefined;
  return { deviceId, claimCode };
}

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
