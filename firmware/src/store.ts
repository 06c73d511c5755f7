/**
 * Persistent device state on the host's key-value storage (NVS on ESP32). Desired state is kept as the
 * Downlink frames that carried it (the protocol's own encoding, already bounds-checked); counters in a
 * fixed 16-byte record. Flash wear: config/plan/override are written only when they change; the uplink
 * sequence is reserved in blocks (SEQ_BLOCK) so a write happens once per SEQ_BLOCK messages.
 */
import { decodeDownlink, encodeDownlink, type Downlink, type Override, type Plan, type SetConfig } from '@streetlight/protocol/lean';
import type { HostStorage } from './host.js';

export const SEQ_BLOCK = 256;

const KEY_COUNTERS = 'ctr';
const KEY_CONFIG = 'cfg';
const KEY_PLAN = 'plan';
const KEY_OVERRIDE = 'ovr';
const KEY_TIME = 'time';
const KEY_CLO = 'clo'; // issue 17: constant light output's saving counter and, without a meter, burning seconds

export interface Counters {
  bootCount: number;
  /** Uplink seq values below this may have been used; a boot starts from it. */
  seqCeiling: number;
  eventSeq: number;
}

export class Store {
  readonly #kv: HostStorage;
  /** Keys whose content could not be decoded at load (reported as a storage fault). */
  readonly corrupt: string[] = [];

  constructor(kv: HostStorage) {
    this.#kv = kv;
  }

  loadCounters(): Counters {
    const buf = this.#read(KEY_COUNTERS);
    if (!buf || buf.byteLength !== 16) return { bootCount: 0, seqCeiling: 0, eventSeq: 0 };
    const v = new DataView(buf);
    return { bootCount: v.getUint32(0, true), seqCeiling: v.getUint32(4, true), eventSeq: v.getUint32(8, true) };
  }

  saveCounters(c: Counters): void {
    const buf = new ArrayBuffer(16);
    const v = new DataView(buf);
    v.setUint32(0, c.bootCount >>> 0, true);
    v.setUint32(4, c.seqCeiling >>> 0, true);
    v.setUint32(8, c.eventSeq >>> 0, true);
    this.#kv.write(KEY_COUNTERS, buf);
  }

  loadConfig(): SetConfig | undefined { return this.#loadFrame(KEY_CONFIG)?.config; }
  saveConfig(config: SetConfig): void { this.#saveFrame(KEY_CONFIG, { config }); }

  loadPlan(): Plan | undefined { return this.#loadFrame(KEY_PLAN)?.plan?.plan; }
  savePlan(plan: Plan): void { this.#saveFrame(KEY_PLAN, { plan: { plan } }); }

  loadOverride(): Override | undefined { return this.#loadFrame(KEY_OVERRIDE)?.command?.setOverride; }
  saveOverride(override: Override | undefined): void {
    if (override) this.#saveFrame(KEY_OVERRIDE, { command: { setOverride: override } });
    else this.#kv.delete(KEY_OVERRIDE);
  }

  /** Last time the clock was known good (Unix ms), kept for diagnostics and as a floor for clock checks. */
  loadLastTime(): number {
    const buf = this.#read(KEY_TIME);
    return buf && buf.byteLength === 8 ? new DataView(buf).getFloat64(0, true) : 0;
  }
  saveLastTime(ms: number): void {
    const buf = new ArrayBuffer(8);
    new DataView(buf).setFloat64(0, ms, true);
    this.#kv.write(KEY_TIME, buf);
  }

  /** Constant light output: energy not drawn thanks to it (mWh), and the board's own burning seconds (no meter). */
  loadCloSaved(): number { return this.#loadClo()[0]; }
  loadCloBurningS(): number { return this.#loadClo()[1]; }
  saveCloSaved(mwh: number): void { this.#saveClo(mwh, this.#loadClo()[1]); }
  saveCloBurningS(s: number): void { this.#saveClo(this.#loadClo()[0], s); }

  #loadClo(): [number, number] {
    const buf = this.#read(KEY_CLO);
    if (!buf || buf.byteLength !== 16) return [0, 0];
    const v = new DataView(buf);
    return [v.getFloat64(0, true), v.getFloat64(8, true)];
  }

  #saveClo(mwh: number, burningS: number): void {
    const buf = new ArrayBuffer(16);
    const v = new DataView(buf);
    v.setFloat64(0, mwh, true);
    v.setFloat64(8, burningS, true);
    this.#kv.write(KEY_CLO, buf);
  }

  #read(key: string): ArrayBuffer | undefined {
    try {
      return this.#kv.read(key);
    } catch {
      this.corrupt.push(key);
      return undefined;
    }
  }

  #loadFrame(key: string): Downlink | undefined {
    const buf = this.#read(key);
    if (!buf) return undefined;
    try {
      return decodeDownlink(new Uint8Array(buf));
    } catch {
      this.corrupt.push(key);
      return undefined;
    }
  }

  #saveFrame(key: string, body: Downlink): void {
    const bytes = encodeDownlink({ protocolVersion: 1, deviceId: 'self', ...body });
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    this.#kv.write(key, copy);
  }
}
