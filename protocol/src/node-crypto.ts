/**
 * The protocol's cryptography with node:crypto, for the Node sides (fleet server, simulator, tests): the frame MAC
 * (auth.ts `FrameMac`: HMAC-SHA256 of label ‖ body) and the ECDSA P-256 / SHA-256 check of image manifests
 * (r ‖ s signatures, uncompressed 65-byte public keys). A device does the same with the Moddable SDK's native
 * `Digest` and `ecdsa` (firmware/src/platform/moddable.ts). Not for XS: import it from `@streetlight/protocol/node-crypto`.
 */
import { createHmac, createPublicKey, verify } from 'node:crypto';
import type { FrameMac } from './auth.js';

/** HMAC-SHA256(key, label ‖ body), 32 bytes. */
export const frameHmac: FrameMac = (key, label, body) =>
  new Uint8Array(createHmac('sha256', key).update(label, 'latin1').update(body).digest());

/** True when `signature` (r ‖ s, 64 bytes) is `publicKey`'s (0x04 ‖ X ‖ Y) ECDSA P-256 / SHA-256 signature of `data`. */
export function verifyP256(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 65 || publicKey[0] !== 4 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: Buffer.from(publicKey.subarray(1, 33)).toString('base64url'), y: Buffer.from(publicKey.subarray(33)).toString('base64url') },
      format: 'jwk',
    });
    return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
