/**
 * The device side of an OTA update (docs/ota.md): offer check, install window, chunked download into the
 * inactive slot with a persisted resume offset, size + SHA-256 verification of what the flash holds, switch
 * and reboot, then the self-test of the new image and its confirmation — or its invalidation, after which the
 * previous image reports the rollback with its reason.
 *
 * Everything the agent must remember across a reboot or a power cut is in NVS (`ota.offer`: the offer being
 * installed, as a Downlink frame; `ota.st`: stage, offset, previous version, reason, as an Uplink frame), so a
 * power cut at any instant resumes or reports correctly. Energy counters, plans and config are other NVS keys
 * and partitions: an update never touches them.
 */
import {
  ImageKind, OtaState, decodeDownlink, decodeUplink, encodeDownlink, encodeUplink,
  type OtaChunk, type OtaOffer, type OtaStatus,
} from '@streetlight/protocol/lean';
import type { Host, HostUpdate, TimerId } from '../host.js';
import { createSha256 } from './digest.js';
import { checkOffer, type TrustedKey } from './manifest.js';

/** The new image must reach the server (a valid downlink) within this after its first boot, or it is rolled back. */
export const SELF_TEST_DEADLINE_MS = 120_000;
/** The resume offset is written to NVS every this many bytes (NVS wear: 64 writes for a 1 MiB image). */
export const PERSIST_EVERY_BYTES = 16_384;
/** Install window and deferred work are re-checked this often. */
export const WINDOW_CHECK_MS = 60_000;
/** Time left for the REBOOTING status to leave before the restart. */
export const REBOOT_DELAY_MS = 1_000;
/**
 * Written bytes are acknowledged (OtaStatus{DOWNLOADING, offset}) at every multiple of this, at the end of the
 * image, and on a gap: a quarter of the uplinks of a per-chunk acknowledgement. The server's window must hold
 * at least this many bytes (fleet-server: OTA_WINDOW_CHUNKS × chunk size ≥ 16 KiB).
 */
export const ACK_EVERY_BYTES = 16_384;
/** A chunk not at the expected offset (one was lost, or the server sends from before it) is answered at most this often with the resume offset. */
export const GAP_REPORT_MS = 5_000;

/**
 * `OtaStatus.reason` of a DOWNLOADING status that asks the server to send from `offset` (first answer, after a
 * reconnection, a re-offer or a lost chunk); a plain acknowledgement has no reason.
 */
export const RESUME = 'resume';

const KEY_OFFER = 'ota.offer';
const KEY_STATE = 'ota.st';

/** Stages persisted in `ota.st` (OtaState values reused). */
type Stage = typeof OtaState.OTA_STATE_DOWNLOADING | typeof OtaState.OTA_STATE_INSTALLING | typeof OtaState.OTA_STATE_REBOOTING
  | typeof OtaState.OTA_STATE_ROLLED_BACK;

interface Persisted {
  stage: Stage;
  imageId: number;
  offset: number;
  /** Version that ran when the update was installed (rollback detection after the reboot). */
  previous: string;
  reason: string;
}

export interface OtaAgentOptions {
  host: Host;
  /** ECDSA P-256 keys trusted for manifests (from the provisioned identity); none → every offer is refused. */
  keys: ReadonlyArray<{ keyId: number; publicKey: Uint8Array }>;
  /** The board's hardware model (provisioned identity): an image must name it. */
  hardwareModel: string;
  /** The board's town (provisioned identity): the signed manifest must name it. */
  tenant: string;
  /** Sends an OtaStatus uplink; false when offline (the agent reports again on the next connection). */
  send(status: OtaStatus): boolean;
  /** Local minutes after midnight now, undefined without a valid clock. */
  localMinutes(): number | undefined;
  /** Checks of the self-test besides "server reached": undefined = pass, else the failure reason. */
  selfTest(): string | undefined;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'deferred'; offer: OtaOffer }
  | { kind: 'downloading'; offer: OtaOffer; offset: number; persisted: number }
  | { kind: 'ready'; offer: OtaOffer }           // verified, waiting for the install window
  | { kind: 'rebooting'; offer: OtaOffer }
  | { kind: 'verifying-boot'; imageId: number; version: string; previous: string };

export class OtaAgent {
  readonly #host: Host;
  readonly #update: HostUpdate | undefined;
  readonly #opts: OtaAgentOptions;
  readonly #keys: TrustedKey[];
  #phase: Phase = { kind: 'idle' };
  /** A terminal report (CONFIRMED, ROLLED_BACK, FAILED) still to be sent. */
  #report: OtaStatus | undefined;
  #timer: TimerId | undefined;
  #serverReached = false;
  #lastGapReport = -Infinity;
  #stopped = false;

  constructor(opts: OtaAgentOptions) {
    this.#opts = opts;
    this.#host = opts.host;
    this.#update = opts.host.update;
    this.#keys = opts.keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }));
    this.#restore();
    this.#timer = this.#host.timers.repeat(() => this.#guard(() => this.#tick()), WINDOW_CHECK_MS);
  }

  stop(): void {
    this.#stopped = true;
    this.#host.timers.clear(this.#timer);
  }

  /** Image id and state for diagnostics. */
  get state(): { phase: Phase['kind']; offset: number } {
    return { phase: this.#phase.kind, offset: this.#phase.kind === 'downloading' ? this.#phase.offset : 0 };
  }

  // ---- boot: what was going on before this reset? -----------------------------------------------------

  #restore(): void {
    const st = this.#loadState();
    const offer = this.#loadOffer();
    const running = this.#host.system.firmwareVersion;
    if (!st) return;
    if (st.stage === OtaState.OTA_STATE_REBOOTING) {
      if (offer && running === offer.version && this.#update?.pendingVerify) {
        // First boot of the new image: confirm it once the self-test passes (#tick, #serverReached).
        this.#phase = { kind: 'verifying-boot', imageId: st.imageId, version: running, previous: st.previous };
        this.#host.timers.set(() => this.#guard(() => this.#selfTestDeadline()), SELF_TEST_DEADLINE_MS);
        return;
      }
      if (offer && running === offer.version) {
        // Confirmed before the power went, but the CONFIRMED report may not have left: send it again.
        this.#report = { imageId: st.imageId, state: OtaState.OTA_STATE_CONFIRMED, offset: offer.size ?? 0, runningVersion: running };
        this.#clear();
        return;
      }
      // The bootloader returned to the previous image: crash, boot loop, power cut during the self-test.
      const reason = this.#update?.lastRollback?.reason ?? 'reset before the new image confirmed itself';
      this.#report = { imageId: st.imageId, state: OtaState.OTA_STATE_ROLLED_BACK, reason: `rollback: ${reason}`.slice(0, 120), runningVersion: running };
      this.#clear();
      return;
    }
    if (st.stage === OtaState.OTA_STATE_ROLLED_BACK) {
      // The new image invalidated itself (failed self-test) and restarted into the previous one.
      this.#report = { imageId: st.imageId, state: OtaState.OTA_STATE_ROLLED_BACK, reason: st.reason.slice(0, 120), runningVersion: running };
      this.#clear();
      return;
    }
    if (!offer || !this.#update) {
      this.#clear();
      return;
    }
    if (st.stage === OtaState.OTA_STATE_DOWNLOADING) {
      // Power cut or reset mid-download: resume from the last persisted offset (below it the slot holds the image).
      try {
        const at = this.#update.begin(offer.size ?? 0, kindOf(offer), st.offset);
        this.#phase = { kind: 'downloading', offer, offset: at, persisted: at };
      } catch (err) {
        this.#fail(offer, `resume failed: ${message(err)}`);
      }
      return;
    }
    if (st.stage === OtaState.OTA_STATE_INSTALLING) {
      // Verified before the reset; the slot was finished but not selected. Verify again (cheap) and install.
      this.#phase = { kind: 'ready', offer };
    }
  }

  // ---- events from the application ---------------------------------------------------------------

  /** A (re)connection: send what is pending, resume what was interrupted. */
  onConnected(): void {
    if (this.#report && this.#opts.send(this.#report)) this.#report = undefined;
    const p = this.#phase;
    if (p.kind === 'downloading') this.#status(p.offer, OtaState.OTA_STATE_DOWNLOADING, p.offset, RESUME);
    else if (p.kind === 'deferred') this.#status(p.offer, OtaState.OTA_STATE_DEFERRED, 0, 'outside the install window');
    else if (p.kind === 'ready') this.#install(p.offer);
  }

  /** A valid downlink from the server arrived (self-test: server reached). */
  serverReached(): void {
    this.#serverReached = true;
    if (this.#phase.kind === 'verifying-boot') this.#tick();
  }

  onOffer(offer: OtaOffer): void {
    const running = this.#host.system.firmwareVersion;
    const p = this.#phase;
    const imageId = offer.imageId ?? 0;
    if (p.kind === 'verifying-boot') {
      // Busy confirming the image we run; the result follows.
      this.#opts.send({ imageId: p.imageId, state: OtaState.OTA_STATE_INSTALLING, runningVersion: running });
      return;
    }
    if (running === offer.version) {
      // Already running it (a lost CONFIRMED, or a re-offer after a restart).
      this.#opts.send({ imageId, state: OtaState.OTA_STATE_CONFIRMED, offset: offer.size ?? 0, runningVersion: running });
      return;
    }
    if ((p.kind === 'downloading' || p.kind === 'deferred' || p.kind === 'ready' || p.kind === 'rebooting') && (p.offer.imageId ?? 0) === imageId) {
      if (p.kind === 'downloading') this.#status(p.offer, OtaState.OTA_STATE_DOWNLOADING, p.offset, RESUME);
      else if (p.kind === 'deferred') this.#status(p.offer, OtaState.OTA_STATE_DEFERRED, 0, 'outside the install window');
      else if (p.kind === 'ready') this.#install(p.offer);
      return;
    }
    if (!this.#update) return this.#reject(offer, 'no_update_capability: this platform has no A/B slots');
    const crypto = this.#host.crypto;
    const verify = crypto?.verifyP256 ? (k: Uint8Array, m: Uint8Array, s: Uint8Array): boolean => (crypto.verifyP256 as NonNullable<typeof crypto.verifyP256>)(k, m, s) : undefined;
    const check = checkOffer(offer, this.#keys, { version: running, hardwareModel: this.#opts.hardwareModel, tenant: this.#opts.tenant }, verify);
    if (!check.ok) return this.#reject(offer, `${check.reason}: ${check.detail}`);
    // A newer offer replaces whatever was in progress (the inactive slot is simply rewritten).
    this.#saveOffer(offer);
    if (!this.#inWindow(offer)) {
      this.#phase = { kind: 'deferred', offer };
      this.#saveState({ stage: OtaState.OTA_STATE_DOWNLOADING, imageId, offset: 0, previous: running, reason: '' });
      this.#status(offer, OtaState.OTA_STATE_DEFERRED, 0, 'outside the install window');
      return;
    }
    this.#startDownload(offer, 0);
  }

  onChunk(chunk: OtaChunk): void {
    const p = this.#phase;
    if (p.kind !== 'downloading' || (chunk.imageId ?? 0) !== (p.offer.imageId ?? 0)) return;
    const data = chunk.data ?? new Uint8Array(0);
    const at = chunk.offset ?? 0;
    const size = p.offer.size ?? 0;
    if (at !== p.offset) {
      // A gap (a chunk was lost), or chunks from before the offset: duplicates in flight after a rewind, or a
      // server that does not know where this device is (a new driver whose re-offer's answer was lost: it
      // sends from 0, and would again after every stall rewind). Either way, tell the server where to resume
      // (rate-limited: the chunks in flight follow).
      const t = this.#host.clock.ticks();
      if (t - this.#lastGapReport >= GAP_REPORT_MS) {
        this.#lastGapReport = t;
        this.#status(p.offer, OtaState.OTA_STATE_DOWNLOADING, p.offset, RESUME);
      }
      return;
    }
    if (data.length === 0 || at + data.length > size) return this.#fail(p.offer, `chunk ${at}+${data.length} outside the image (${size})`);
    this.#update?.write(at, data);
    p.offset += data.length;
    if (p.offset - p.persisted >= PERSIST_EVERY_BYTES && p.offset % 4096 === 0) {
      p.persisted = p.offset;
      this.#saveState({ stage: OtaState.OTA_STATE_DOWNLOADING, imageId: p.offer.imageId ?? 0, offset: p.offset, previous: this.#host.system.firmwareVersion, reason: '' });
    }
    if (p.offset < size) {
      if (p.offset % ACK_EVERY_BYTES === 0) this.#status(p.offer, OtaState.OTA_STATE_DOWNLOADING, p.offset);
      return;
    }
    this.#verify(p.offer);
  }

  // ---- steps ----------------------------------------------------------------------------------------

  #startDownload(offer: OtaOffer, resumeAt: number): void {
    const update = this.#update as HostUpdate;
    let at: number;
    try {
      at = update.begin(offer.size ?? 0, kindOf(offer), resumeAt);
    } catch (err) {
      return this.#reject(offer, `begin_failed: ${message(err)}`);
    }
    resumeAt = at;
    this.#phase = { kind: 'downloading', offer, offset: resumeAt, persisted: resumeAt };
    this.#saveState({ stage: OtaState.OTA_STATE_DOWNLOADING, imageId: offer.imageId ?? 0, offset: resumeAt, previous: this.#host.system.firmwareVersion, reason: '' });
    this.#status(offer, OtaState.OTA_STATE_DOWNLOADING, resumeAt, RESUME);
  }

  /** Size and SHA-256 of what the slot holds, against the signed manifest (checkOffer bound the offer to it). */
  #verify(offer: OtaOffer): void {
    const update = this.#update as HostUpdate;
    const size = offer.size ?? 0;
    this.#status(offer, OtaState.OTA_STATE_VERIFYING, size);
    const h = update.sha256?.() ?? createSha256();
    for (let at = 0; at < size; at += 4096) h.update(update.read(at, Math.min(4096, size - at)));
    const got = h.digest();
    const want = offer.sha256 ?? new Uint8Array(0);
    let same = got.length === want.length;
    for (let i = 0; same && i < got.length; i++) same = got[i] === want[i];
    if (!same) return this.#fail(offer, 'sha256_mismatch: the image written does not match its signed manifest');
    try {
      update.finish();
    } catch (err) {
      return this.#fail(offer, `image_invalid: ${message(err)}`);
    }
    this.#saveState({ stage: OtaState.OTA_STATE_INSTALLING, imageId: offer.imageId ?? 0, offset: size, previous: this.#host.system.firmwareVersion, reason: '' });
    this.#phase = { kind: 'ready', offer };
    this.#install(offer);
  }

  /** Switches slots and reboots, inside the install window only (a reboot blinks the light). */
  #install(offer: OtaOffer): void {
    if (!this.#inWindow(offer)) {
      this.#status(offer, OtaState.OTA_STATE_DEFERRED, offer.size ?? 0, 'verified; waiting for the install window');
      return;
    }
    const update = this.#update as HostUpdate;
    this.#status(offer, OtaState.OTA_STATE_INSTALLING, offer.size ?? 0);
    try {
      update.setBoot();
    } catch (err) {
      return this.#fail(offer, `set_boot_failed: ${message(err)}`);
    }
    this.#saveState({ stage: OtaState.OTA_STATE_REBOOTING, imageId: offer.imageId ?? 0, offset: offer.size ?? 0, previous: this.#host.system.firmwareVersion, reason: '' });
    this.#phase = { kind: 'rebooting', offer };
    this.#status(offer, OtaState.OTA_STATE_REBOOTING, offer.size ?? 0);
    this.#host.timers.set(() => this.#host.system.restart(), REBOOT_DELAY_MS);
  }

  #tick(): void {
    const p = this.#phase;
    if (p.kind === 'deferred' && this.#inWindow(p.offer)) this.#startDownload(p.offer, 0);
    else if (p.kind === 'ready') this.#install(p.offer);
    else if (p.kind === 'verifying-boot' && this.#serverReached) {
      const failure = this.#opts.selfTest();
      if (failure) return this.#invalidate(`self-test failed: ${failure}`);
      (this.#update as HostUpdate).markValid();
      this.#clear();
      this.#phase = { kind: 'idle' };
      const confirmed: OtaStatus = { imageId: p.imageId, state: OtaState.OTA_STATE_CONFIRMED, runningVersion: p.version };
      if (!this.#opts.send(confirmed)) this.#report = confirmed;
    }
  }

  #selfTestDeadline(): void {
    if (this.#phase.kind !== 'verifying-boot' || this.#serverReached) return;
    this.#invalidate(`self-test failed: server not reached within ${SELF_TEST_DEADLINE_MS / 1000} s`);
  }

  /** The new image gives up: the reason goes to NVS first, for the previous image to report. */
  #invalidate(reason: string): void {
    const p = this.#phase;
    if (p.kind !== 'verifying-boot') return;
    this.#saveState({ stage: OtaState.OTA_STATE_ROLLED_BACK, imageId: p.imageId, offset: 0, previous: p.previous, reason: reason.slice(0, 120) });
    this.#host.system.log('error', `OTA: ${reason}; returning to ${p.previous}`);
    (this.#update as HostUpdate).markInvalid(reason);
    this.#phase = { kind: 'idle' };
    this.#host.system.restart();
  }

  #reject(offer: OtaOffer, reason: string): void {
    this.#host.system.log('warn', `OTA offer ${offer.imageId ?? 0} refused: ${reason}`);
    this.#opts.send({ imageId: offer.imageId ?? 0, state: OtaState.OTA_STATE_FAILED, reason: reason.slice(0, 120), runningVersion: this.#host.system.firmwareVersion });
  }

  #fail(offer: OtaOffer, reason: string): void {
    this.#clear();
    this.#phase = { kind: 'idle' };
    this.#reject(offer, reason);
  }

  #status(offer: OtaOffer, state: number, offset: number, reason = ''): void {
    this.#opts.send({ imageId: offer.imageId ?? 0, state, offset, ...(reason ? { reason } : {}), runningVersion: this.#host.system.firmwareVersion });
  }

  /** Install window in local minutes after midnight; [start, end) may wrap past midnight; 0/0 = any time. */
  #inWindow(offer: OtaOffer): boolean {
    const start = offer.windowStartMin ?? 0;
    const end = offer.windowEndMin ?? 0;
    if (start === 0 && end === 0) return true;
    const m = this.#opts.localMinutes();
    if (m === undefined) return false; // without a valid clock the window cannot be honoured
    return start <= end ? m >= start && m < end : m >= start || m < end;
  }

  // ---- NVS ------------------------------------------------------------------------------------------

  #saveOffer(offer: OtaOffer): void {
    write(this.#host, KEY_OFFER, encodeDownlink({ protocolVersion: 1, deviceId: 'self', otaOffer: offer }));
  }

  #loadOffer(): OtaOffer | undefined {
    try {
      const b = this.#host.storage.read(KEY_OFFER);
      return b ? decodeDownlink(new Uint8Array(b)).otaOffer : undefined;
    } catch {
      return undefined;
    }
  }

  #saveState(s: Persisted): void {
    write(this.#host, KEY_STATE, encodeUplink({
      protocolVersion: 1, deviceId: 'self',
      otaStatus: { imageId: s.imageId, state: s.stage, offset: s.offset, reason: s.reason, runningVersion: s.previous },
    }));
  }

  #loadState(): Persisted | undefined {
    try {
      const b = this.#host.storage.read(KEY_STATE);
      const st = b ? decodeUplink(new Uint8Array(b)).otaStatus : undefined;
      if (!st) return undefined;
      return { stage: (st.state ?? 0) as Stage, imageId: st.imageId ?? 0, offset: st.offset ?? 0, previous: st.runningVersion ?? '', reason: st.reason ?? '' };
    } catch {
      return undefined;
    }
  }

  #clear(): void {
    this.#host.storage.delete(KEY_STATE);
    this.#host.storage.delete(KEY_OFFER);
  }

  #guard(fn: () => void): void {
    if (this.#stopped) return;
    try {
      fn();
    } catch (err) {
      this.#host.system.log('error', `OTA failed: ${message(err)}`);
    }
  }
}

function kindOf(offer: OtaOffer): 'full' | 'mod' {
  return offer.kind === ImageKind.IMAGE_KIND_MOD ? 'mod' : 'full';
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function write(host: Host, key: string, bytes: Uint8Array): void {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  host.storage.write(key, copy);
}
