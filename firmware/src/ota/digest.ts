/**
 * Streaming SHA-256 of an image as it is written. A platform with a native digest (Moddable's `Digest` from
 * the crypt modules on ESP32) passes it in (`host.update.sha256`); otherwise the firmware's own ECMAScript
 * SHA-256 (../sha256.ts: all its state per instance, so it works preloaded, where @noble/hashes' module-scope
 * scratch arrays are frozen and throw "read-only buffer").
 */
import { Sha256 } from '../sha256.js';

export interface Hasher {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

export function createSha256(): Hasher {
  const h = new Sha256();
  return {
    update(data) { h.update(data); },
    digest() { return h.digest(); },
  };
}
