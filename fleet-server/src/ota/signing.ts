/**
 * ECDSA P-256 signing of firmware image manifests (FIPS 186-4, SHA-256, through node:crypto; the signature is
 * r ‖ s, 64 bytes, IEEE P1363). The private key lives in a PEM file outside the database (its path is
 * configuration); devices trust the uncompressed 65-byte public key (0x04 ‖ X ‖ Y) and identify it by `keyId` =
 * the first 4 bytes (big-endian) of SHA-256(public key), so several keys can be trusted at once and rotated.
 *
 * P-256 and not Ed25519 (issue 12): an ESP32 verifies it with the Moddable SDK's ECDSA over its native
 * big-integer arithmetic, in the device's heap; the ECMAScript Ed25519 verifier ran out of memory there.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { encodeImageManifest, type ImageManifest } from '@streetlight/protocol/lean';

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export interface SigningKey {
  keyId: number;
  /** Uncompressed P-256 public key (65 bytes: 0x04 ‖ X ‖ Y), as devices hold it. */
  publicKey: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

export function keyIdOf(publicKey: Uint8Array): number {
  const h = createHash('sha256').update(publicKey).digest();
  return h.readUInt32BE(0);
}

/** The public key of a P-256 key as devices hold it: 0x04 ‖ X ‖ Y. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string') throw new SigningKeyError('not an ECDSA P-256 key');
  return new Uint8Array(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]));
}

/** Checks a P-256 signature (r ‖ s) over `data` with a raw public key (what a device does; tests and tools). */
export { verifyP256 } from '@streetlight/protocol/node-crypto';

const KEYGEN_HINT = 'create one with `npx -y pnpm@10 --filter @streetlight/fleet-server run ota:keygen -- --out <path>`';

/** Loads a PKCS#8 PEM P-256 private key; every failure is a SigningKeyError saying what to do. */
export function loadSigningKey(path: string): SigningKey {
  if (!existsSync(path)) throw new SigningKeyError(`OTA signing key not found at ${path}: ${KEYGEN_HINT}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path));
  } catch (err) {
    throw new SigningKeyError(`OTA signing key at ${path} is not a PEM private key (${(err as Error).message}): ${KEYGEN_HINT}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new SigningKeyError(`OTA signing key at ${path} is ${key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve ?? '?'}` : key.asymmetricKeyType ?? 'unknown'}, not ECDSA P-256 (prime256v1): ${KEYGEN_HINT}`);
  }
  const publicKey = rawPublicKey(key);
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (data) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })),
  };
}

/** Writes a new private key (mode 0600); refuses to overwrite an existing file. */
export function generateSigningKey(path: string): SigningKey {
  if (existsSync(path)) throw new SigningKeyError(`${path} exists: refusing to overwrite a signing key`);
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return loadSigningKey(path);
}

export interface SignedManifest {
  manifest: Uint8Array;
  signature: Uint8Array;
  keyId: number;
}

/** Encodes the manifest (canonical protobuf bytes, the lean codec's) and signs those exact bytes. */
export function signManifest(key: SigningKey, manifest: Omit<ImageManifest, 'keyId' | 'format'>): SignedManifest {
  const bytes = encodeImageManifest({ ...manifest, format: 1, keyId: key.keyId });
  return { manifest: bytes, signature: key.sign(bytes), keyId: key.keyId };
}
