/**
 * Ed25519 signing of firmware image manifests (RFC 8032, through node:crypto). The private key lives in a
 * PEM file outside the database (its path is configuration); devices trust the raw 32-byte public key and
 * identify it by `keyId` = the first 4 bytes (big-endian) of SHA-256(public key), so several keys can be
 * trusted at once and rotated.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { encodeImageManifest, type ImageManifest } from '@streetlight/protocol/lean';

export class SigningKeyError extends Error {
  override name = 'SigningKeyError';
}

export interface SigningKey {
  keyId: number;
  /** Raw 32-byte Ed25519 public key, as devices hold it. */
  publicKey: Uint8Array;
  sign(data: Uint8Array): Uint8Array;
}

export function keyIdOf(publicKey: Uint8Array): number {
  const h = createHash('sha256').update(publicKey).digest();
  return h.readUInt32BE(0);
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new SigningKeyError('not an Ed25519 key');
  return new Uint8Array(Buffer.from(jwk.x, 'base64url'));
}

const KEYGEN_HINT = 'create one with `npx -y pnpm@10 --filter @streetlight/fleet-server run ota:keygen -- --out <path>`';

/** Loads a PKCS#8 PEM Ed25519 private key; every failure is a SigningKeyError saying what to do. */
export function loadSigningKey(path: string): SigningKey {
  if (!existsSync(path)) throw new SigningKeyError(`OTA signing key not found at ${path}: ${KEYGEN_HINT}`);
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path));
  } catch (err) {
    throw new SigningKeyError(`OTA signing key at ${path} is not a PEM private key (${(err as Error).message}): ${KEYGEN_HINT}`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`OTA signing key at ${path} is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`);
  const publicKey = rawPublicKey(key);
  return {
    keyId: keyIdOf(publicKey),
    publicKey,
    sign: (data) => new Uint8Array(sign(null, data, key)),
  };
}

/** Writes a new private key (mode 0600); refuses to overwrite an existing file. */
export function generateSigningKey(path: string): SigningKey {
  if (existsSync(path)) throw new SigningKeyError(`${path} exists: refusing to overwrite a signing key`);
  const { privateKey } = generateKeyPairSync('ed25519');
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
