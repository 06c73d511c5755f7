/**
 * Checks an OTA offer before a single byte of the image is written: the ECDSA P-256 signature of the manifest
 * with a key the device trusts (verified by the platform: the SDK's ECDSA over native big-integer arithmetic on
 * an ESP32, node:crypto in the simulator), then that the offer matches the signed manifest, that the image is for
 * this town and hardware, is not a downgrade and may be installed from the running version. Pure functions over
 * the lean codec; nothing at module scope.
 */
import { decodeImageManifest, LeanDecodeError, type ImageManifest, type OtaOffer } from '@streetlight/protocol/lean';

/** The platform's ECDSA P-256 verification (host.crypto.verifyP256). */
export type SignatureVerifier = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;

export const MANIFEST_FORMAT = 1;

/** A public key the device trusts (from its factory configuration); several allow key rotation. */
export interface TrustedKey {
  keyId: number;
  /** Uncompressed P-256 public key, 65 bytes (0x04 ‖ X ‖ Y). */
  publicKey: Uint8Array;
}

export type OfferRejection =
  | 'manifest_undecodable' | 'no_verifier' | 'unknown_key' | 'bad_signature' | 'manifest_format' | 'offer_mismatch'
  | 'wrong_tenant' | 'wrong_hardware' | 'downgrade' | 'below_min_version' | 'bad_version';

export type OfferCheck = { ok: true; manifest: ImageManifest } | { ok: false; reason: OfferRejection; detail: string };

/** Parses MAJOR.MINOR.PATCH (a pre-release or build suffix is ignored for ordering). */
export function parseVersion(v: string): [number, number, number] | undefined {
  const m = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?:[-+][0-9A-Za-z.-]*)?$/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Negative, zero or positive as a is older, equal or newer than b; undefined if either is not a version. */
export function compareVersions(a: string, b: string): number | undefined {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return undefined;
  for (let i = 0; i < 3; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined): boolean => {
  if (!a || !b || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
};

export interface RunningImage {
  version: string;
  hardwareModel: string;
  /** The town the controller is provisioned for: the signed manifest must name it (issue 11). */
  tenant: string;
}

export function checkOffer(offer: OtaOffer, trusted: readonly TrustedKey[], running: RunningImage, verify: SignatureVerifier | undefined): OfferCheck {
  const bytes = offer.manifest ?? new Uint8Array(0);
  let manifest: ImageManifest;
  try {
    manifest = decodeImageManifest(bytes);
  } catch (err) {
    if (!(err instanceof LeanDecodeError)) throw err;
    return { ok: false, reason: 'manifest_undecodable', detail: err.message };
  }
  const key = trusted.find((k) => k.keyId === offer.keyId);
  if (!key) return { ok: false, reason: 'unknown_key', detail: `key ${offer.keyId ?? 0} is not trusted` };
  if (!verify) return { ok: false, reason: 'no_verifier', detail: 'this platform cannot verify ECDSA P-256 signatures' };
  let valid = false;
  try {
    valid = (offer.signature?.length ?? 0) === 64 && key.publicKey.length === 65 && verify(key.publicKey, bytes, offer.signature as Uint8Array);
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: 'bad_signature', detail: 'manifest signature does not verify' };
  // Only signed content is trusted from here on.
  if (manifest.format !== MANIFEST_FORMAT) return { ok: false, reason: 'manifest_format', detail: `format ${manifest.format ?? 0}` };
  if (manifest.keyId !== offer.keyId || manifest.imageId !== offer.imageId || manifest.size !== offer.size
    || manifest.version !== offer.version || (manifest.kind ?? 0) !== (offer.kind ?? 0) || !sameBytes(manifest.sha256, offer.sha256)) {
    return { ok: false, reason: 'offer_mismatch', detail: 'offer differs from its signed manifest' };
  }
  if (!(manifest.tenants ?? []).includes(running.tenant)) {
    return { ok: false, reason: 'wrong_tenant', detail: `image is signed for ${(manifest.tenants ?? []).join(',') || 'no town'}, not ${running.tenant}` };
  }
  if (!(manifest.hardwareModels ?? []).includes(running.hardwareModel)) {
    return { ok: false, reason: 'wrong_hardware', detail: `image is for ${(manifest.hardwareModels ?? []).join(',')}, not ${running.hardwareModel}` };
  }
  const cmp = compareVersions(manifest.version ?? '', running.version);
  if (cmp === undefined) return { ok: false, reason: 'bad_version', detail: `version "${manifest.version ?? ''}" or "${running.version}" is not MAJOR.MINOR.PATCH` };
  if (cmp <= 0) return { ok: false, reason: 'downgrade', detail: `${manifest.version ?? ''} is not newer than ${running.version}` };
  if (manifest.minVersion) {
    const min = compareVersions(running.version, manifest.minVersion);
    if (min === undefined || min < 0) return { ok: false, reason: 'below_min_version', detail: `running ${running.version} < required ${manifest.minVersion}` };
  }
  return { ok: true, manifest };
}
