/** The firmware's own SHA-256 / HMAC-SHA256 (src/sha256.ts) against node:crypto, and the frame guard. */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, hmacSha256 } from '../src/sha256.js';
import { FrameGuard, REPLAY_WINDOW, REPLAY_WINDOW_KEY } from '../src/frame-guard.js';
import { MAX_DOWNLINK_SEQ_JUMP } from '@streetlight/protocol/lean';
import type { HostStorage } from '../src/host.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('SHA-256 and HMAC-SHA256 in ECMAScript', () => {
  it('matches FIPS 180-4 vectors and node:crypto for every length around the block boundaries', () => {
    expect(hex(new Sha256().digest())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(new Sha256().updateText('abc').digest())).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let n = 0; n < 300; n++) {
      const data = new Uint8Array(randomBytes(n));
      expect(hex(new Sha256().update(data).digest()), `length ${n}`).toBe(createHash('sha256').update(data).digest('hex'));
      // In pieces: the same.
      const h = new Sha256();
      for (let i = 0; i < n; i += 7) h.update(data.subarray(i, i + 7));
      expect(hex(h.digest())).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('HMAC matches RFC 4231 case 2 and node:crypto with labels and keys of every size', () => {
    const rfc = hmacSha256(new TextEncoder().encode('Jefe'), 'what do ya want ', new TextEncoder().encode('for nothing?'));
    expect(hex(rfc)).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    for (const keyLen of [0, 1, 32, 64, 65, 131]) {
      const key = new Uint8Array(randomBytes(keyLen));
      const body = new Uint8Array(randomBytes(200));
      expect(hex(hmacSha256(key, 'sl1d', body))).toBe(createHmac('sha256', key).update('sl1d').update(body).digest('hex'));
    }
  });
});

function memory(): HostStorage & { writes: number } {
  const m = new Map<string, ArrayBuffer>();
  return {
    writes: 0,
    read: (k) => m.get(k),
    write(k, v) { this.writes++; m.set(k, v.slice(0)); },
    delete: (k) => { m.delete(k); },
  };
}

describe('downlink replay window', () => {
  const key = new Uint8Array(32);
  it('accepts each seq once, out of order within the window, and remembers it across a reboot', () => {
    const nvs = memory();
    let g = new FrameGuard(nvs, key, hmacSha256);
    expect([5, 3, 4, 5, 3, 10, 6, 6].map((s) => g.accept(s, false))).toEqual([true, true, true, false, false, true, true, false]);
    expect(g.accept(10 - REPLAY_WINDOW, false)).toBe(false); // below the window
    expect(g.accept(0, false)).toBe(false); // seq 0 only for chunks
    expect(g.accept(0, true)).toBe(true);
    expect(nvs.read(REPLAY_WINDOW_KEY)?.byteLength).toBe(8);
    g = new FrameGuard(nvs, key, hmacSha256); // reboot
    expect(g.floor).toBe(10);
    expect([10, 6, 5, 7, 7, 11].map((s) => g.accept(s, false))).toEqual([false, false, false, true, false, true]);
    expect(g.accept(11 + 1000, false)).toBe(true); // a jump clears the window
    expect(g.accept(11, false)).toBe(false);
  });

  it('refuses a seq beyond a plausible step, or beyond 2^31, and recovers from a window stored by firmware without the bound', () => {
    const nvs = memory();
    const g = new FrameGuard(nvs, key, hmacSha256);
    expect(g.accept(2 ** 32 - 1, false)).toBe(false); // a sealed 2^32−1 (stolen key, server bug): no lock-out
    expect(g.accept(MAX_DOWNLINK_SEQ_JUMP + 1, false)).toBe(false);
    expect(g.accept(MAX_DOWNLINK_SEQ_JUMP, false)).toBe(true);
    expect(g.accept(2 * MAX_DOWNLINK_SEQ_JUMP, false)).toBe(true);
    const poisoned = new ArrayBuffer(8);
    new DataView(poisoned).setUint32(0, 2 ** 32 - 1, true);
    nvs.write(REPLAY_WINDOW_KEY, poisoned);
    const after = new FrameGuard(nvs, key, hmacSha256);
    expect(after.floor).toBe(0);
    expect(after.accept(5, false)).toBe(true);
  });

  it('seals uplinks and authenticates downlinks with the device key only', () => {
    const k = new Uint8Array(randomBytes(32));
    const g = new FrameGuard(memory(), k, hmacSha256);
    const body = new Uint8Array([0x08, 0x01, 0x12, 0x01, 0x61]);
    const up = g.seal(body);
    expect(hex(up.subarray(body.length + 2))).toBe(createHmac('sha256', k).update('sl1u').update(body).digest('hex').slice(0, 32));
    const down = new Uint8Array([...body, 0x2a, 0x10, ...createHmac('sha256', k).update('sl1d').update(body).digest().subarray(0, 16)]);
    expect(g.authentic(down)).toBe(true);
    expect(g.authentic(up)).toBe(false); // an uplink's label: not a downlink
    expect(g.authentic(body)).toBe(false);
    expect(g.badMac).toBe(2);
  });
});
