/**
 * The platform's native cryptography on a Moddable build: the SDK's `Digest` (modules/crypt/digest, C) and
 * `ecdsa` over its native big-integer arithmetic (modules/crypt/arith). The ESP32 build (moddable.ts) and the
 * device-conditions host of the simulator (hardware-sim/src/devhost/entry.ts, the same SDK modules compiled for
 * Linux) both use these, so the cost measured there is the device's.
 *
 * Nothing is created at module scope (preloaded, it would be frozen): each call makes its own buffers.
 */
import { Digest } from 'crypt';
import Curve from 'curve';
import ECDSA from 'ecdsa';
import ECPoint from 'ecp';
import type { HostCrypto } from '../host.js';

/** HMAC-SHA256 (RFC 2104) over the SDK's native SHA-256: two digests per frame, no JavaScript hashing. */
export function nativeCrypto(): HostCrypto {
  return {
    hmacSha256(key, label, data) {
      const pad = new Uint8Array(64);
      const k = key.length > 64 ? new Uint8Array(new Digest('SHA256').process(key.slice().buffer)) : key;
      const text = new Uint8Array(label.length);
      for (let i = 0; i < label.length; i++) text[i] = label.charCodeAt(i) & 0xff;
      for (let i = 0; i < 64; i++) pad[i] = (i < k.length ? (k[i] as number) : 0) ^ 0x36;
      const inner = new Digest('SHA256');
      inner.write(pad.buffer);
      inner.write(text.buffer);
      inner.write(data);
      const innerHash = inner.close();
      for (let i = 0; i < 64; i++) pad[i] = (i < k.length ? (k[i] as number) : 0) ^ 0x5c;
      const outer = new Digest('SHA256');
      outer.write(pad.buffer);
      outer.write(innerHash);
      return new Uint8Array(outer.close());
    },
    verifyP256(publicKey, message, signature) {
      if (publicKey.length !== 65 || publicKey[0] !== 4 || signature.length !== 64) return false;
      // XS's BigInt.fromArrayBuffer (big-endian magnitude), typed here so that hosts without xs.d.ts compile this too.
      const XsBigInt = BigInt as unknown as { fromArrayBuffer(buffer: ArrayBuffer): bigint };
      const x = XsBigInt.fromArrayBuffer(publicKey.slice(1, 33).buffer);
      const y = XsBigInt.fromArrayBuffer(publicKey.slice(33, 65).buffer);
      const ecdsa = new ECDSA(new ECPoint(x, y), new Curve('secp256r1'));
      const hash = new Digest('SHA256').process(message.slice().buffer);
      return ecdsa.verify(hash, signature.slice().buffer, false);
    },
  };
}

/** A streaming SHA-256 over the SDK's `Digest` (`host.update.sha256`: the OTA image digest as chunks arrive). */
export function nativeSha256(): { update(data: Uint8Array): void; digest(): Uint8Array } {
  const digest = new Digest('SHA256');
  return {
    update(data) { digest.write(data); },
    digest() { return new Uint8Array(digest.close()); },
  };
}
