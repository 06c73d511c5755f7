/**
 * Signed OTA manifests across the two sides: the fleet server signs (node:crypto Ed25519, key file), the
 * firmware verifies (lean codec + @noble/ed25519). Every rejection names its reason.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOffer, compareVersions, type TrustedKey } from '@streetlight/firmware';
import { generateSigningKey, loadSigningKey, signManifest, SigningKeyError, type SigningKey } from '@streetlight/fleet-server';
import { ImageKind, type OtaOffer } from '@streetlight/protocol/lean';

const dir = mkdtempSync(join(tmpdir(), 'sl-ota-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const image = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
const sha = new Uint8Array(createHash('sha256').update(image).digest());
const running = { version: '1.4.2', hardwareModel: 'SL-ESP32-C1' };

function offerFor(key: SigningKey, over: Partial<Parameters<typeof signManifest>[1]> = {}): OtaOffer {
  const fields = { imageId: 7, version: '1.5.0', kind: ImageKind.IMAGE_KIND_FULL, size: image.length, sha256: sha,
    hardwareModels: ['SL-ESP32-C1', 'SL-ESP32-C2'], minVersion: '1.2.0', createdAt: 1_790_000_000, ...over };
  const signed = signManifest(key, fields);
  return { imageId: fields.imageId, version: fields.version, kind: fields.kind, size: fields.size, sha256: fields.sha256,
    manifest: signed.manifest, signature: signed.signature, keyId: signed.keyId, chunkSize: 1024 };
}

describe('signed image manifests', () => {
  const key = generateSigningKey(join(dir, 'k1.pem'));
  const trusted: TrustedKey[] = [{ keyId: key.keyId, publicKey: key.publicKey }];

  it('accepts an offer signed by a trusted key', () => {
    const r = checkOffer(offerFor(key), trusted, running);
    expect(r.ok).toBe(true);
  });

  it('survives a reload of the key file (same key id, same public key)', () => {
    const again = loadSigningKey(join(dir, 'k1.pem'));
    expect(again.keyId).toBe(key.keyId);
    expect(checkOffer(offerFor(again), trusted, running).ok).toBe(true);
  });

  it('rejects a tampered manifest and a wrong signature', () => {
    const tampered = offerFor(key);
    const m = new Uint8Array(tampered.manifest as Uint8Array);
    m[m.length - 1] = (m[m.length - 1] as number) ^ 1;
    expect(checkOffer({ ...tampered, manifest: m }, trusted, running)).toMatchObject({ ok: false, reason: 'bad_signature' });
    const other = generateSigningKey(join(dir, 'other.pem'));
    const forged = { ...offerFor(other), keyId: key.keyId };
    expect(checkOffer(forged, trusted, running)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects an unknown key, and accepts a rotated key once the device trusts it', () => {
    const next = generateSigningKey(join(dir, 'k2.pem'));
    expect(checkOffer(offerFor(next), trusted, running)).toMatchObject({ ok: false, reason: 'unknown_key' });
    const rotated = [...trusted, { keyId: next.keyId, publicKey: next.publicKey }];
    expect(checkOffer(offerFor(next), rotated, running).ok).toBe(true);
  });

  it('rejects an offer that differs from its signed manifest', () => {
    expect(checkOffer({ ...offerFor(key), size: image.length + 1 }, trusted, running)).toMatchObject({ ok: false, reason: 'offer_mismatch' });
    const wrongHash = new Uint8Array(sha);
    wrongHash[0] = (wrongHash[0] as number) ^ 0xff;
    expect(checkOffer({ ...offerFor(key), sha256: wrongHash }, trusted, running)).toMatchObject({ ok: false, reason: 'offer_mismatch' });
  });

  it('rejects the wrong hardware, a downgrade or re-install, and a running version below the minimum', () => {
    expect(checkOffer(offerFor(key, { hardwareModels: ['SL-NRF-X'] }), trusted, running)).toMatchObject({ ok: false, reason: 'wrong_hardware' });
    expect(checkOffer(offerFor(key, { version: '1.4.1' }), trusted, running)).toMatchObject({ ok: false, reason: 'downgrade' });
    expect(checkOffer(offerFor(key, { version: '1.4.2' }), trusted, running)).toMatchObject({ ok: false, reason: 'downgrade' });
    expect(checkOffer(offerFor(key, { minVersion: '1.4.3' }), trusted, running)).toMatchObject({ ok: false, reason: 'below_min_version' });
  });

  it('rejects garbage in place of a manifest without throwing', () => {
    const o = offerFor(key);
    expect(checkOffer({ ...o, manifest: Uint8Array.from([0xff, 0xff, 0xff]) }, trusted, running)).toMatchObject({ ok: false, reason: 'manifest_undecodable' });
  });

  it('orders versions numerically', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-rc.1', '2.0.0')).toBe(0);
    expect(compareVersions('1.0', '1.0.0')).toBeUndefined();
  });

  it('gives a clear error for a missing or non-Ed25519 key file', () => {
    expect(() => loadSigningKey(join(dir, 'nope.pem'))).toThrow(/not found.*ota:keygen/);
    writeFileSync(join(dir, 'junk.pem'), 'hello');
    expect(() => loadSigningKey(join(dir, 'junk.pem'))).toThrow(SigningKeyError);
    expect(() => generateSigningKey(join(dir, 'k1.pem'))).toThrow(/refusing to overwrite/);
  });
});
