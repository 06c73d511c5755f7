/**
 * Frame authentication on the device (issue 11; protocol README, "Frame authentication"): uplinks are sealed with
 * the device key, and a downlink is obeyed only when
 *  1. its MAC is valid for this device's key (a frame from anyone else, or changed on the way, is dropped);
 *  2. its seq was never accepted before: the highest seq accepted and which of the REPLAY_WINDOW seqs below it
 *     were (several server instances may deliver out of order) are kept in NVS at every accepted downlink, so a
 *     captured command replayed later, also after a reboot, is refused; anything below the window is refused;
 *  3. (checked by the application) its envelope time is within DOWNLINK_MAX_SKEW_MS of a valid clock.
 * OtaChunk is the one body sent with seq 0: it carries its image id and offset, and writing the same bytes at the
 * same offset twice changes nothing; the image is verified against the signed manifest before it is installed.
 */
import {
  FRAME_MAC_BYTES, MAX_DOWNLINK_SEQ, MAX_DOWNLINK_SEQ_JUMP, appendMac, constantTimeEqual, macLabel, sealedBodyLength, type FrameMac,
} from '@streetlight/protocol/lean';
import type { HostStorage } from './host.js';

/** NVS key of the replay window: highest accepted seq and the bitmap of the REPLAY_WINDOW below it (2 × uint32 LE). */
export const REPLAY_WINDOW_KEY = 'dlwin';
/** Out-of-order downlinks accepted below the highest seq seen (above the floor). */
export const REPLAY_WINDOW = 32;
/** Once the clock is valid, a downlink whose envelope time is further than this from it is refused (not TimeSync, not chunks). */
export const DOWNLINK_MAX_SKEW_MS = 3_600_000;

export type GuardVerdict = 'ok' | 'bad_mac' | 'replayed';

export class FrameGuard {
  readonly #storage: HostStorage;
  readonly #key: Uint8Array;
  readonly #mac: FrameMac;
  #top: number;
  /** Bit i set: seq top − i accepted (bit 0 = top). */
  #seen = 0;
  /** Frames refused, by reason (diagnostics). */
  badMac = 0;
  replayed = 0;

  constructor(storage: HostStorage, key: Uint8Array, mac: FrameMac) {
    this.#storage = storage;
    this.#key = key;
    this.#mac = mac;
    const raw = storage.read(REPLAY_WINDOW_KEY);
    const v = raw && raw.byteLength === 8 ? new DataView(raw) : undefined;
    this.#top = v ? v.getUint32(0, true) : 0;
    this.#seen = v ? v.getUint32(4, true) : 1;
    if (this.#top > MAX_DOWNLINK_SEQ) {
      // Taken from a forged frame by firmware without the bound: no seq would be left above it. Start again.
      this.#top = 0;
      this.#seen = 1;
    }
  }

  /** Highest downlink seq accepted (persisted): the server's next seqs must be above it (reported in Hello). */
  get floor(): number { return this.#top; }

  /** An encoded uplink with its MAC appended. */
  seal(body: Uint8Array): Uint8Array {
    return appendMac(body, this.#mac(this.#key, macLabel('up'), body));
  }

  /** The MAC check alone, on the raw frame, before it is decoded. */
  authentic(frame: Uint8Array): boolean {
    const n = sealedBodyLength(frame);
    if (n < 0) {
      this.badMac++;
      return false;
    }
    const ok = constantTimeEqual(this.#mac(this.#key, macLabel('down'), frame.subarray(0, n)), frame.subarray(n + 2), FRAME_MAC_BYTES);
    if (!ok) this.badMac++;
    return ok;
  }

  /** Replay check of an authentic downlink's seq; marks it seen when accepted. `chunk`: an OtaChunk (seq 0 allowed). */
  accept(seq: number, chunk: boolean): boolean {
    if (seq === 0) return chunk;
    // Never beyond a plausible step (protocol limits): one sealed 2^32−1 would leave no seq above the floor.
    if (seq > MAX_DOWNLINK_SEQ || seq - this.#top > MAX_DOWNLINK_SEQ_JUMP) return this.#refuse();
    if (seq > this.#top) {
      const shift = seq - this.#top;
      this.#seen = shift >= REPLAY_WINDOW ? 1 : ((this.#seen << shift) | 1) >>> 0;
      this.#top = seq;
    } else {
      const back = this.#top - seq;
      if (back >= REPLAY_WINDOW) return this.#refuse();
      const bit = (1 << back) >>> 0;
      if ((this.#seen & bit) !== 0) return this.#refuse();
      this.#seen = (this.#seen | bit) >>> 0;
    }
    this.#persist();
    return true;
  }

  #persist(): void {
    const b = new ArrayBuffer(8);
    const v = new DataView(b);
    v.setUint32(0, this.#top, true);
    v.setUint32(4, this.#seen, true);
    this.#storage.write(REPLAY_WINDOW_KEY, b);
  }

  #refuse(): false {
    this.replayed++;
    return false;
  }
}
