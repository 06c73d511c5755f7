/**
 * The claim payload a controller's label carries in its QR code (issue 15): made by the provisioning CLI's labels
 * (devices/labels.ts), read by the installer's page in the browser (ui/claim.ts). No dependency, so the browser
 * bundle takes it as it is.
 */

/** The version tag that starts every claim payload. A new format takes a new number; parsers refuse others. */
export const CLAIM_PREFIX = 'SLC1';

/** Device ids a label carries: those of the protocol's topics, and `.`. */
export const DEVICE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A claim code: Crockford base32 (digits and capitals without I, L, O, U, which read as 1, 1, 0 and V), three
 * groups of four, 60 bits. Upper case only, as printed: the payload is read by a scanner, never retyped.
 */
export const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/;

/**
 * The text the QR code of a label holds, which the commissioning page parses (`parseClaimPayload`):
 *
 *     SLC1:<deviceId>:<claimCode>          e.g. SLC1:SRL-0001:7KQ2-M9XD-4TRW
 *
 * - `SLC1` names the format and its version ("streetlight claim", 1); a scanner that reads something else (a URL,
 *   another vendor's code) is told so rather than left to guess.
 * - `:` separates the fields: neither a device id nor a claim code can contain one.
 * - The prefix, the separators and the claim code are all in the QR alphanumeric set (digits, capitals, `:` and
 *   `-`), as is an upper-case device id such as `SRL-0001`: the whole payload then encodes in alphanumeric mode
 *   (5.5 bits a character instead of 8), the smallest symbol, and nothing in it changes when a scanner or keyboard
 *   wedge upper-cases what it reads. Device ids are case-sensitive, so a lower-case one is kept as it is (the QR
 *   code holds it in a byte segment) and a parser must not fold case.
 *
 * @throws RangeError when the device id or the claim code could not be parsed back from the payload.
 */
export function claimPayload(deviceId: string, claimCode: string): string {
  if (!DEVICE_ID.test(deviceId)) throw new RangeError(`device id ${JSON.stringify(deviceId)} cannot go on a label: 1 to 64 of A-Z a-z 0-9 . _ -`);
  if (!CLAIM_CODE.test(claimCode)) throw new RangeError(`claim code ${JSON.stringify(claimCode)} is not three groups of four Crockford base32 capitals (7KQ2-M9XD-4TRW)`);
  return `${CLAIM_PREFIX}:${deviceId}:${claimCode}`;
}

/** The device id and claim code of a claim payload (`claimPayload`), or `undefined` for anything else. */
export function parseClaimPayload(text: string): { deviceId: string; claimCode: string } | undefined {
  const fields = text.split(':');
  if (fields.length !== 3) return undefined;
  const [prefix, deviceId, claimCode] = fields as [string, string, string];
  if (prefix !== CLAIM_PREFIX || !DEVICE_ID.test(deviceId) || !CLAIM_CODE.test(claimCode)) return undefined;
  return { deviceId, claimCode };
}
