/**
 * Streaming SHA-256 of an image as it is written. A platform with a native digest (Moddable's `Digest` from
 * the crypt modules on ESP32) passes it in; otherwise @noble/hashes (pure JS, runs on XS) is used.
 */
import { sha256 } from '@noble/hashes/sha2.js';

export interface Hasher {
  update(data: Uint8Array): void;
  digest(): Uint8Array;
}

export function createSha256(): Hasher {
  const h = sha256.create();
  return {
    update(data) { h.update(data); },
    digest() { return h.digest(); },
  };
}
