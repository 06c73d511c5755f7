/**
 * A/B application slots and the second-stage bootloader's rollback logic, after ESP-IDF's app rollback
 * (CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE; components/bootloader_support, esp_ota_ops.h):
 *  - an update is written into the inactive slot and selected with `setBootSlot` → state NEW;
 *  - the bootloader boots a NEW image once, marking it PENDING_VERIFY;
 *  - the application confirms with `markValid` (esp_ota_mark_app_valid_cancel_rollback) after its self-test,
 *    or gives up with `markInvalid` (esp_ota_mark_app_invalid_rollback_and_reboot);
 *  - if the board resets while the image is still PENDING_VERIFY (crash, boot loop, power cut before the
 *    confirmation, watchdog), the bootloader marks it ABORTED and boots the previous VALID slot.
 * The slot table lives in the board's flash (otadata), so it survives power cuts. Writing the inactive slot
 * never touches the active one: a board always keeps a bootable image.
 */

export type SlotState = 'empty' | 'writing' | 'written' | 'new' | 'pending_verify' | 'valid' | 'invalid' | 'aborted';

/** What a simulated image contains: the firmware it boots and the faults it is built with. */
export interface SimImageInfo {
  version: string;
  hardwareModels: string[];
  kind: 'full' | 'mod';
  /** Test images: crash on every boot before confirming. */
  bootLoop?: boolean;
  /** Test images: the self-test reports a failure. */
  failSelfTest?: boolean;
}

import { createHash } from 'node:crypto';

const MAGIC = 'SLIMG1\n';

/** Flash sector (ESP32: 4 KiB erase unit); slot contents are held per sector. */
export const SECTOR = 4096;

/**
 * Full sectors with the same bytes are shared by every slot of every board (interned by SHA-1): a thousand
 * simulated boards holding the same 1 MiB image hold it once. Sectors are never mutated in place.
 */
const sectorPool = new Map<string, Uint8Array>();
function intern(bytes: Uint8Array): Uint8Array {
  const key = createHash('sha1').update(bytes).digest('base64');
  let s = sectorPool.get(key);
  if (!s) {
    s = bytes.slice();
    sectorPool.set(key, s);
  }
  return s;
}
const ERASED = new Uint8Array(SECTOR).fill(0xff);

/**
 * Slot 0 as the factory wrote it, made once per factory image and slot size and cloned for each board (issue 14:
 * 10,000 boards hashed the same sectors 40,000 times). A cached image is used only while its bytes are unchanged.
 */
const factorySlots = new WeakMap<Uint8Array, { bytes: Uint8Array; slotSize: number; slot: SlotFlash }>();
function factorySlot(slotSize: number, factory: Uint8Array): SlotFlash {
  const hit = factorySlots.get(factory);
  if (hit && hit.slotSize === slotSize && Buffer.compare(hit.bytes, factory) === 0) return hit.slot.clone();
  const slot = new SlotFlash(slotSize);
  slot.write(0, factory);
  factorySlots.set(factory, { bytes: factory.slice(), slotSize, slot });
  return slot.clone();
}

/** A slot's flash, sector by sector; an undefined sector is erased (0xFF). */
export class SlotFlash {
  #sectors: Array<Uint8Array | undefined> = [];
  constructor(readonly capacity: number) {}

  erase(from = 0): void {
    this.#sectors.length = Math.min(this.#sectors.length, Math.ceil(from / SECTOR));
  }

  write(offset: number, bytes: Uint8Array): void {
    if (offset < 0 || offset + bytes.length > this.capacity) throw new RangeError(`write ${offset}+${bytes.length} outside the slot (${this.capacity})`);
    let at = 0;
    while (at < bytes.length) {
      const pos = offset + at;
      const index = Math.floor(pos / SECTOR);
      const within = pos % SECTOR;
      const n = Math.min(SECTOR - within, bytes.length - at);
      if (within === 0 && n === SECTOR) {
        this.#sectors[index] = intern(bytes.subarray(at, at + n));
      } else {
        const copy = (this.#sectors[index] ?? ERASED).slice();
        copy.set(bytes.subarray(at, at + n), within);
        this.#sectors[index] = copy;
      }
      at += n;
    }
  }

  /** A slot with the same contents (sectors are never modified in place, so they are shared). */
  clone(): SlotFlash {
    const c = new SlotFlash(this.capacity);
    c.#sectors = this.#sectors.slice();
    return c;
  }

  /** Bytes at `offset` (a view when they lie in one sector: callers must not modify them). */
  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.capacity) throw new RangeError(`read ${offset}+${length} outside the slot (${this.capacity})`);
    const index = Math.floor(offset / SECTOR);
    const within = offset % SECTOR;
    if (within + length <= SECTOR) return (this.#sectors[index] ?? ERASED).subarray(within, within + length);
    const out = new Uint8Array(length);
    for (let at = 0; at < length;) {
      const n = Math.min(SECTOR - ((offset + at) % SECTOR), length - at);
      out.set(this.read(offset + at, n), at);
      at += n;
    }
    return out;
  }
}

/**
 * Builds the bytes of a simulated image: a small header describing it, padded to `size` with a deterministic
 * pattern (so SHA-256 and chunking behave as for a real image of that size).
 */
export function buildSimImage(info: SimImageInfo, size: number): Uint8Array {
  const header = new TextEncoder().encode(`${MAGIC}${JSON.stringify(info)}\n`);
  if (size < header.length) throw new RangeError(`image size ${size} < header ${header.length}`);
  const bytes = new Uint8Array(size);
  bytes.set(header);
  for (let i = header.length; i < size; i++) bytes[i] = (i * 2654435761) >>> 24;
  return bytes;
}

/** Reads the header of a simulated image; undefined if the bytes are not one (a corrupt slot does not boot). */
export function parseSimImage(bytes: Uint8Array): SimImageInfo | undefined {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (!head.startsWith(MAGIC)) return undefined;
  const end = head.indexOf('\n', MAGIC.length);
  if (end < 0) return undefined;
  try {
    const info = JSON.parse(head.slice(MAGIC.length, end)) as SimImageInfo;
    return typeof info.version === 'string' && Array.isArray(info.hardwareModels) ? info : undefined;
  } catch {
    return undefined;
  }
}

export interface Slot {
  state: SlotState;
  /** Slot contents (capacity `slotSize`); only the first `length` bytes are the image. */
  data: SlotFlash;
  length: number;
  /** Increases with every selection, like ESP-IDF's ota_seq: the higher valid slot is the preferred one. */
  seq: number;
}

export interface BootDecision {
  slot: 0 | 1;
  image: SimImageInfo;
  /** Set when this boot returned to the previous slot. */
  rolledBackFrom?: { slot: 0 | 1; version?: string; reason: string };
}

export class BootError extends Error {
  override name = 'BootError';
}

export class SimBootloader {
  readonly slots: [Slot, Slot];
  #running: 0 | 1 | undefined;
  /** Why the last rollback happened, kept until the firmware reads it (boot log / RTC memory on a device). */
  lastRollback: BootDecision['rolledBackFrom'] | undefined;
  /** Flash writes to the slots, in bytes (wear and bandwidth accounting). */
  bytesWritten = 0;

  constructor(readonly slotSize: number, factory: Uint8Array) {
    if (factory.length > slotSize) throw new RangeError('factory image larger than a slot');
    const mk = (): Slot => ({ state: 'empty', data: new SlotFlash(slotSize), length: 0, seq: 0 });
    this.slots = [mk(), mk()];
    const s0 = this.slots[0];
    s0.data = factorySlot(slotSize, factory);
    s0.length = factory.length;
    s0.state = 'valid';
    s0.seq = 1;
  }

  get running(): 0 | 1 | undefined { return this.#running; }
  get inactive(): 0 | 1 { return this.#running === 1 ? 0 : 1; }

  /** The bootloader: picks the slot to boot and applies the rollback rules. Throws only if nothing is bootable. */
  boot(): BootDecision {
    let rolledBackFrom: BootDecision['rolledBackFrom'];
    const selected = this.#selected();
    if (selected !== undefined) {
      const s = this.slots[selected];
      if (s.state === 'pending_verify') {
        // Reset before the app confirmed: boot loop, crash, watchdog or power cut during the self-test.
        s.state = 'aborted';
        rolledBackFrom = { slot: selected, ...this.#version(selected), reason: 'reset before the new image confirmed itself' };
      } else if (s.state === 'new') {
        const info = this.#header(s);
        if (info) {
          s.state = 'pending_verify';
          this.#running = selected;
          return { slot: selected, image: info };
        }
        s.state = 'invalid';
        rolledBackFrom = { slot: selected, reason: 'image does not boot (corrupt header)' };
      } else if (s.state === 'valid') {
        const info = this.#header(s);
        if (info) {
          this.#running = selected;
          return { slot: selected, image: info };
        }
        s.state = 'invalid';
      }
    }
    const fallback = this.#bestValid();
    if (fallback === undefined) throw new BootError('no bootable image in either slot');
    const info = this.#header(this.slots[fallback]) as SimImageInfo;
    this.#running = fallback;
    if (rolledBackFrom) this.lastRollback = rolledBackFrom;
    return { slot: fallback, image: info, ...(rolledBackFrom ? { rolledBackFrom } : {}) };
  }

  /**
   * Starts writing an update into the inactive slot: erases it, or only from `resumeAt` on (a multiple of
   * SECTOR) when an interrupted download of the same image resumes. Returns the offset writing resumes from
   * (0 when the slot did not hold a partial image of that size).
   */
  beginUpdate(size: number, resumeAt = 0): number {
    if (size > this.slotSize) throw new BootError(`image of ${size} bytes does not fit a ${this.slotSize}-byte slot`);
    if (resumeAt % SECTOR !== 0 || resumeAt < 0 || resumeAt > size) throw new RangeError(`resume offset ${resumeAt} is not a sector boundary within the image`);
    const slot = this.inactive;
    const s = this.slots[slot];
    if (s.state !== 'writing' || s.length !== size) resumeAt = 0;
    s.data.erase(resumeAt);
    s.length = size;
    s.state = 'writing';
    return resumeAt;
  }

  /** Writes image bytes at `offset` of the update slot (resumable: a later call may rewrite any range). */
  write(offset: number, bytes: Uint8Array): void {
    const s = this.slots[this.inactive];
    if (s.state !== 'writing') throw new BootError('no update in progress');
    if (offset < 0 || offset + bytes.length > s.length) throw new RangeError(`write ${offset}+${bytes.length} outside the image (${s.length})`);
    s.data.write(offset, bytes);
    this.bytesWritten += bytes.length;
  }

  /** Reads back bytes of the update slot (verification before switching). */
  readUpdate(offset: number, length: number): Uint8Array {
    const s = this.slots[this.inactive];
    if (offset < 0 || offset + length > s.length) throw new RangeError(`read ${offset}+${length} outside the image (${s.length})`);
    return s.data.read(offset, length);
  }

  /** The update slot's bytes so far (for hashing before switching). */
  updateBytes(): Uint8Array {
    const s = this.slots[this.inactive];
    return s.data.read(0, s.length).slice();
  }

  /** Ends writing: the slot holds a complete image, not yet selected. */
  finishUpdate(): void {
    const s = this.slots[this.inactive];
    if (s.state !== 'writing') throw new BootError('no update in progress');
    s.state = 'written';
  }

  /** Selects the written update slot for the next boot (esp_ota_set_boot_partition). */
  setBootSlot(): void {
    const slot = this.inactive;
    const s = this.slots[slot];
    if (s.state !== 'written') throw new BootError(`slot ${slot} is ${s.state}, not a written image`);
    s.state = 'new';
    s.seq = Math.max(this.slots[0].seq, this.slots[1].seq) + 1;
  }

  /** The running image passed its self-test (esp_ota_mark_app_valid_cancel_rollback). */
  markValid(): void {
    if (this.#running === undefined) throw new BootError('not booted');
    const s = this.slots[this.#running];
    if (s.state === 'pending_verify') s.state = 'valid';
  }

  /** The running image failed its self-test: it is invalidated; the next boot returns to the other slot. */
  markInvalid(reason: string): void {
    if (this.#running === undefined) throw new BootError('not booted');
    const slot = this.#running;
    const s = this.slots[slot];
    if (s.state !== 'pending_verify') throw new BootError('only an unconfirmed image can be rolled back');
    s.state = 'invalid';
    this.lastRollback = { slot, ...this.#version(slot), reason };
  }

  /** True while the running image still has to confirm itself. */
  get pendingVerify(): boolean {
    return this.#running !== undefined && this.slots[this.#running].state === 'pending_verify';
  }

  #header(s: Slot): SimImageInfo | undefined {
    return parseSimImage(s.data.read(0, Math.min(s.length, SECTOR)));
  }

  #version(slot: 0 | 1): { version?: string } {
    const info = this.#header(this.slots[slot]);
    return info ? { version: info.version } : {};
  }

  /** otadata's choice: the slot with the highest seq among those the bootloader may consider. */
  #selected(): 0 | 1 | undefined {
    const ok = (s: Slot): boolean => s.state === 'new' || s.state === 'pending_verify' || s.state === 'valid';
    const [a, b] = this.slots;
    if (ok(a) && ok(b)) return a.seq >= b.seq ? 0 : 1;
    if (ok(a)) return 0;
    if (ok(b)) return 1;
    return undefined;
  }

  #bestValid(): 0 | 1 | undefined {
    const [a, b] = this.slots;
    if (a.state === 'valid' && b.state === 'valid') return a.seq >= b.seq ? 0 : 1;
    if (a.state === 'valid') return 0;
    if (b.state === 'valid') return 1;
    return undefined;
  }
}
