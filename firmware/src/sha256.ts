/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain ECMAScript, for hosts without a native digest (the
 * XS host of the simulator). On an ESP32 the platform gives the SDK's native `Digest` instead
 * (src/platform/moddable.ts), in the simulator node's: this one is the fallback and the reference the
 * others are tested against (tests/scenarios/frame-auth).
 *
 * Preload-safe: nothing mutable at module scope (the round constants are a frozen array of numbers); all
 * working state belongs to the instance.
 */

const K: readonly number[] = Object.freeze([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

export class Sha256 {
  readonly #h = new Int32Array(8);
  readonly #w = new Int32Array(64);
  readonly #block = new Uint8Array(64);
  #fill = 0;
  #length = 0;

  constructor() {
    const h = this.#h;
    h[0] = 0x6a09e667; h[1] = 0xbb67ae85; h[2] = 0x3c6ef372; h[3] = 0xa54ff53a;
    h[4] = 0x510e527f; h[5] = 0x9b05688c; h[6] = 0x1f83d9ab; h[7] = 0x5be0cd19;
  }

  update(data: Uint8Array): this {
    const block = this.#block;
    let i = 0;
    this.#length += data.length;
    while (i < data.length) {
      const n = Math.min(64 - this.#fill, data.length - i);
      block.set(data.subarray(i, i + n), this.#fill);
      this.#fill += n;
      i += n;
      if (this.#fill === 64) {
        this.#compress();
        this.#fill = 0;
      }
    }
    return this;
  }

  /** ASCII/Latin-1 text (labels). */
  updateText(text: string): this {
    const b = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i) & 0xff;
    return this.update(b);
  }

  digest(): Uint8Array {
    const bits = this.#length * 8;
    const block = this.#block;
    block[this.#fill++] = 0x80;
    if (this.#fill > 56) {
      block.fill(0, this.#fill);
      this.#compress();
      this.#fill = 0;
    }
    block.fill(0, this.#fill);
    // Message length in bits, big-endian 64-bit (lengths here stay far below 2^53).
    const hi = Math.floor(bits / 0x100000000);
    const lo = bits >>> 0;
    block[56] = hi >>> 24; block[57] = hi >>> 16; block[58] = hi >>> 8; block[59] = hi;
    block[60] = lo >>> 24; block[61] = lo >>> 16; block[62] = lo >>> 8; block[63] = lo;
    this.#compress();
    const out = new Uint8Array(32);
    const h = this.#h;
    for (let i = 0; i < 8; i++) {
      const v = h[i] as number;
      out[i * 4] = v >>> 24; out[i * 4 + 1] = v >>> 16; out[i * 4 + 2] = v >>> 8; out[i * 4 + 3] = v;
    }
    return out;
  }

  #compress(): void {
    const w = this.#w;
    const b = this.#block;
    const h = this.#h;
    for (let i = 0; i < 16; i++) {
      w[i] = ((b[i * 4] as number) << 24) | ((b[i * 4 + 1] as number) << 16) | ((b[i * 4 + 2] as number) << 8) | (b[i * 4 + 3] as number);
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let a = h[0] as number, bb = h[1] as number, c = h[2] as number, d = h[3] as number;
    let e = h[4] as number, f = h[5] as number, g = h[6] as number, hh = h[7] as number;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = (S0 + maj) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0;
      d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0; h[1] = ((h[1] as number) + bb) | 0;
    h[2] = ((h[2] as number) + c) | 0; h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0; h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0; h[7] = ((h[7] as number) + hh) | 0;
  }
}

/** HMAC-SHA256(key, label ‖ body): the protocol's frame MAC (protocol/src/auth.ts `FrameMac`). */
export function hmacSha256(key: Uint8Array, label: string, body: Uint8Array): Uint8Array {
  let k = key;
  if (k.length > 64) k = new Sha256().update(k).digest();
  const ipad = new Uint8Array(64);
  const opad = new Uint8Array(64);
  for (let i = 0; i < 64; i++) {
    const kb = i < k.length ? (k[i] as number) : 0;
    ipad[i] = kb ^ 0x36;
    opad[i] = kb ^ 0x5c;
  }
  const inner = new Sha256().update(ipad).updateText(label).update(body).digest();
  return new Sha256().update(opad).update(inner).digest();
}
