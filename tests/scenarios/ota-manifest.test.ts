/**
 * Signed OTA manifests across the two sides: the fleet server signs (node:crypto ECDSA P-256, key file), the
 * firmware checks (lean codec; the signature through the platform's ECDSA: the SDK's native one on a device,
 * node:crypto here). Every rejection names its reason. The firmware's checks run on both hosts: in this process
 * ('node') and inside the real XS engine ('xs': the firmware bundle in xsnap, given the offer as the Downlink
 * frame a device receives, the signature check a call out of XS as a device's native call).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkOffer, compareVersions, type TrustedKey } from '@streetlight/firmware';
import { firmwareBundle, nodeVerifyP256, XsMachine, type FirmwareRuntime } from '@streetlight/hardware-sim';
import { generateSigningKey, loadSigningKey, signManifest, SigningKeyError, type SigningKey } from '@streetlight/fleet-server';
import { encodeDownlink, ImageKind, type OtaOffer } from '@streetlight/protocol/lean';

const dir = mkdtempSync(join(tmpdir(), 'sl-ota-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const image = new Uint8Array(4096).map((_, i) => (i * 31) & 0xff);
const sha = new Uint8Array(createHash('sha256').update(image).digest());
const running = { version: '1.4.2', hardwareModel: 'SL-ESP32-C1', tenant: 'sarlat' };

function offerFor(key: SigningKey, over: Partial<Parameters<typeof signManifest>[1]> = {}): OtaOffer {
  const fields = { imageId: 7, version: '1.5.0', kind: ImageKind.IMAGE_KIND_FULL, size: image.length, sha256: sha,
    hardwareModels: ['SL-ESP32-C1', 'SL-ESP32-C2'], minVersion: '1.2.0', createdAt: 1_790_000_000, tenants: ['sarlat'], ...over };
  const signed = signManifest(key, fields);
  return { imageId: fields.imageId, version: fields.version, kind: fields.kind, size: fields.size, sha256: fields.sha256,
    manifest: signed.manifest, signature: signed.signature, keyId: signed.keyId, chunkSize: 1024 };
}

/** What the tests need of a check: its outcome and reason (the XS side answers in JSON). */
interface Outcome { ok: boolean; reason?: string; detail?: string }
interface Checker {
  checkOffer(offer: OtaOffer, trusted: TrustedKey[], running: { version: string; hardwareModel: string; tenant: string }): Outcome;
  compareVersions(a: string, b: string): number | undefined;
  close(): void;
}

const nodeChecker = (): Checker => ({
  checkOffer: (offer, trusted, running) => checkOffer(offer, trusted, running, nodeVerifyP256), compareVersions, close() { /* nothing to release */ },
});

/** The firmware bundle in an xsnap worker; each check is one delivery into XS. */
function xsChecker(): Checker {
  // The platform's ECDSA verification, as the XS host of the simulator gives it: a call out of the engine.
  const machine = new XsMachine({
    stdio: 'ignore',
    onCommand: (request) => {
      const [kl, sl] = [request[0] as number, request[1] as number];
      const body = request.subarray(2);
      return Uint8Array.of(nodeVerifyP256(body.subarray(0, kl), body.subarray(kl + sl), body.subarray(kl, kl + sl)) ? 1 : 0);
    },
  });
  machine.evaluate(firmwareBundle());
  machine.evaluate(`globalThis.handleCommand = (request) => {
    const q = JSON.parse(new TextDecoder().decode(request));
    let r;
    if (q.op === 'check') {
      const offer = streetlight.decodeDownlink(Uint8Array.from(q.frame)).otaOffer;
      const keys = q.keys.map((k) => ({ keyId: k.keyId, publicKey: Uint8Array.from(k.publicKey) }));
      const verify = (k, m, s) => {
        const all = new Uint8Array(2 + k.length + s.length + m.length);
        all[0] = k.length; all[1] = s.length; all.set(k, 2); all.set(s, 2 + k.length); all.set(m, 2 + k.length + s.length);
        return new Uint8Array(issueCommand(all.buffer))[0] === 1;
      };
      const c = streetlight.checkOffer(offer, keys, q.running, verify);
      r = c.ok ? { ok: true } : { ok: false, reason: c.reason, detail: c.detail };
    } else {
      r = { v: streetlight.compareVersions(q.a, q.b) ?? null };
    }
    return new TextEncoder().encode(JSON.stringify(r)).buffer;
  };`);
  const ask = (q: object): Outcome & { v?: number | null } => JSON.parse(machine.issueStringCommand(JSON.stringify(q)).reply) as Outcome & { v?: number | null };
  return {
    checkOffer: (offer, trusted, running) => ask({
      op: 'check', running, keys: trusted.map((k) => ({ keyId: k.keyId, publicKey: [...k.publicKey] })),
      frame: [...encodeDownlink({ protocolVersion: 1, deviceId: 'self', otaOffer: offer })],
    }),
    compareVersions: (a, b) => ask({ op: 'compare', a, b }).v ?? undefined,
    close: () => machine.close(),
  };
}

const RUNTIMES: FirmwareRuntime[] = ['node', 'xs'];

describe.each(RUNTIMES)('signed image manifests, checked by the firmware on %s', (runtime) => {
  const key = generateSigningKey(join(dir, `k1-${runtime}.pem`));
  const trusted: TrustedKey[] = [{ keyId: key.keyId, publicKey: key.publicKey }];
  let checker: Checker = nodeChecker();
  beforeAll(() => {
    checker = runtime === 'xs' ? xsChecker() : nodeChecker();
    return () => checker.close();
  });
  const check = (offer: OtaOffer, keys: TrustedKey[] = trusted): Outcome => checker.checkOffer(offer, keys, running);

  it('accepts an offer signed by a trusted key', () => {
    const r = check(offerFor(key));
    expect(r.ok).toBe(true);
  });

  it('survives a reload of the key file (same key id, same public key)', () => {
    const again = loadSigningKey(join(dir, `k1-${runtime}.pem`));
    expect(again.keyId).toBe(key.keyId);
    expect(check(offerFor(again)).ok).toBe(true);
  });

  it('rejects a tampered manifest and a wrong signature', () => {
    const tampered = offerFor(key);
    const m = new Uint8Array(tampered.manifest as Uint8Array);
    m[m.length - 1] = (m[m.length - 1] as number) ^ 1;
    expect(check({ ...tampered, manifest: m })).toMatchObject({ ok: false, reason: 'bad_signature' });
    const other = generateSigningKey(join(dir, `other-${runtime}.pem`));
    const forged = { ...offerFor(other), keyId: key.keyId };
    expect(check(forged)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('rejects an unknown key, and accepts a rotated key once the device trusts it', () => {
    const next = generateSigningKey(join(dir, `k2-${runtime}.pem`));
    expect(check(offerFor(next))).toMatchObject({ ok: false, reason: 'unknown_key' });
    const rotated = [...trusted, { keyId: next.keyId, publicKey: next.publicKey }];
    expect(check(offerFor(next), rotated).ok).toBe(true);
  });

  it('rejects an offer that differs from its signed manifest', () => {
    expect(check({ ...offerFor(key), size: image.length + 1 })).toMatchObject({ ok: false, reason: 'offer_mismatch' });
    const wrongHash = new Uint8Array(sha);
    wrongHash[0] = (wrongHash[0] as number) ^ 0xff;
    expect(check({ ...offerFor(key), sha256: wrongHash })).toMatchObject({ ok: false, reason: 'offer_mismatch' });
  });

  it('rejects the wrong hardware, a downgrade or re-install, and a running version below the minimum', () => {
    expect(check(offerFor(key, { hardwareModels: ['SL-NRF-X'] }))).toMatchObject({ ok: false, reason: 'wrong_hardware' });
    // Issue 11 (attack 5): an image signed by the installation's key for another town, or for no town.
    expect(check(offerFor(key, { tenants: ['domme'] }))).toMatchObject({ ok: false, reason: 'wrong_tenant' });
    expect(check(offerFor(key, { tenants: [] }))).toMatchObject({ ok: false, reason: 'wrong_tenant' });
    expect(check(offerFor(key, { tenants: ['domme', 'sarlat'] })).ok).toBe(true);
    expect(check(offerFor(key, { version: '1.4.1' }))).toMatchObject({ ok: false, reason: 'downgrade' });
    expect(check(offerFor(key, { version: '1.4.2' }))).toMatchObject({ ok: false, reason: 'downgrade' });
    expect(check(offerFor(key, { minVersion: '1.4.3' }))).toMatchObject({ ok: false, reason: 'below_min_version' });
  });

  it('rejects garbage in place of a manifest without throwing', () => {
    const o = offerFor(key);
    expect(check({ ...o, manifest: Uint8Array.from([0xff, 0xff, 0xff]) })).toMatchObject({ ok: false, reason: 'manifest_undecodable' });
  });

  it('orders versions numerically', () => {
    expect(checker.compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(checker.compareVersions('2.0.0-rc.1', '2.0.0')).toBe(0);
    expect(checker.compareVersions('1.0', '1.0.0')).toBeUndefined();
  });
});

describe('signing keys (fleet server)', () => {
  generateSigningKey(join(dir, 'k1.pem'));

  it('gives a clear error for a missing or non-P-256 key file', () => {
    expect(() => loadSigningKey(join(dir, 'nope.pem'))).toThrow(/not found.*ota:keygen/);
    const { privateKey } = generateKeyPairSync('ed25519'); // an Ed25519 key of before issue 12
    writeFileSync(join(dir, 'ed.pem'), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(() => loadSigningKey(join(dir, 'ed.pem'))).toThrow(/is ed25519, not ECDSA P-256.*ota:keygen/);
    writeFileSync(join(dir, 'junk.pem'), 'hello');
    expect(() => loadSigningKey(join(dir, 'junk.pem'))).toThrow(SigningKeyError);
    expect(() => generateSigningKey(join(dir, 'k1.pem'))).toThrow(/refusing to overwrite/);
  });
});
