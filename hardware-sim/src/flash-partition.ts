/**
 * Simulated NOR flash partition with the semantics of the ESP32's SPI flash as Moddable's
 * `embedded:storage/flash` exposes it (`read`, `write`, `eraseBlock`, `status`):
 * - a write can only clear bits (each byte becomes `old & new`): rewriting a byte without erasing it never
 *   sets a bit back to 1 (SPI NOR "page program", e.g. Winbond W25Q32 datasheet §8.2.13);
 * - `eraseBlock(n)` sets the n-th block (4,096-byte sector by default, the ESP32 erase unit) to 0xFF;
 * - a power cut during a write leaves a prefix of the bytes programmed (a torn write); during an erase, the
 *   block is left partly erased (bytes before the cut at 0xFF, the rest as they were).
 *
 * It belongs to the board (survives power cuts) and counts erases per block (wear: NOR sectors endure about
 * 100,000 erase cycles). Tests arm a cut: `cutDuringNextWrite(bytes)` makes the next write program only
 * `bytes` bytes, then calls `onCut` (SimBoard powers the board off), and throws so the firmware's code after
 * the write never runs — the chip stopped.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { FlashPartition } from '../../firmware/src/host.js';

export const FLASH_SECTOR_BYTES = 4096;
/** Default size of the metering log partition: 128 KiB (32 sectors, ≈ 21 days of 15-minute records). */
export const DEFAULT_METERLOG_BYTES = 128 * 1024;

/** Thrown out of a write or erase interrupted by a power cut: the firmware instance is dead. */
export class PowerLossError extends Error {
  constructor() {
    super('power lost during a flash operation');
    this.name = 'PowerLossError';
  }
}

export interface SimFlashPartitionOptions {
  /** Partition size in bytes, a multiple of blockSize. Default 131,072. */
  size?: number;
  /** Erase unit. Default 4,096 (ESP32 SPI flash sector). */
  blockSize?: number;
  /**
   * File that keeps the cells across runs of the process (the demo): read at construction when it exists
   * with the partition's size, written by `flush()` (whole image, atomically) when something changed.
   */
  file?: string;
}

export class SimFlashPartition {
  readonly size: number;
  readonly blockSize: number;
  /**
   * The cells, one array per block; undefined = the block is erased (all 0xFF). A fresh 128 KiB log holds a
   * few blocks, not 128 KiB (issue 14: 10,000 metered boards held 1.3 GB of erased cells).
   */
  readonly #blocks: (Uint8Array | undefined)[];
  readonly #erases: Uint32Array;
  #writes = 0;
  #bytesWritten = 0;
  #cutAfter: number | undefined;
  #cutErase: boolean | undefined;
  readonly #file: string | undefined;
  #dirty = false;
  /** Called when an armed cut fires (SimBoard sets it to power the board off). */
  onCut: (() => void) | undefined;

  constructor(options: SimFlashPartitionOptions = {}) {
    this.blockSize = options.blockSize ?? FLASH_SECTOR_BYTES;
    this.size = options.size ?? DEFAULT_METERLOG_BYTES;
    if (!Number.isInteger(this.blockSize) || this.blockSize < 16) throw new RangeError('blockSize must be an integer ≥ 16');
    if (!Number.isInteger(this.size) || this.size <= 0 || this.size % this.blockSize !== 0) {
      throw new RangeError(`size must be a positive multiple of blockSize (${this.blockSize})`);
    }
    this.#blocks = new Array<Uint8Array | undefined>(this.size / this.blockSize).fill(undefined); // a new chip comes erased
    this.#erases = new Uint32Array(this.size / this.blockSize);
    this.#file = options.file;
    if (this.#file !== undefined && existsSync(this.#file)) {
      const saved = readFileSync(this.#file);
      if (saved.length !== this.size) throw new RangeError(`${this.#file}: ${saved.length} bytes, the partition has ${this.size}`);
      this.#put(0, saved);
    }
  }

  /** Writes the cells to the partition's file if they changed since the last flush; true when it wrote. */
  flush(): boolean {
    if (this.#file === undefined || !this.#dirty) return false;
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, this.#get(0, this.size));
    renameSync(tmp, this.#file);
    this.#dirty = false;
    return true;
  }

  get blocks(): number { return this.#erases.length; }
  /** Erase count of each block (wear). */
  eraseCounts(): number[] { return [...this.#erases]; }
  get totalErases(): number { return this.#erases.reduce((a, b) => a + b, 0); }
  get writeCount(): number { return this.#writes; }
  get bytesWritten(): number { return this.#bytesWritten; }
  /** Blocks holding anything but 0xFF (memory held by the simulation: one block-sized array each). */
  get blocksInUse(): number { return this.#blocks.reduce((n, b) => n + (b === undefined ? 0 : 1), 0); }

  /** Raw view of the cells (tests: inspect or corrupt). */
  peek(offset = 0, length = this.size): Uint8Array { return this.#get(offset, length); }
  /** Overwrites cells directly, bypassing NOR rules (tests: bit rot, corruption). */
  poke(offset: number, bytes: ArrayLike<number>): void {
    this.#check(offset, bytes.length);
    this.#put(offset, Uint8Array.from(bytes));
  }

  /**
   * Arms a power cut in the next write: only the first `bytesProgrammed` bytes are programmed, then `onCut`
   * runs and the write throws PowerLossError.
   */
  cutDuringNextWrite(bytesProgrammed: number): void { this.#cutAfter = Math.max(0, Math.floor(bytesProgrammed)); this.#cutErase = false; }
  /** Arms a power cut in the next erase: the first `bytesErased` bytes of the block are erased. */
  cutDuringNextErase(bytesErased: number): void { this.#cutAfter = Math.max(0, Math.floor(bytesErased)); this.#cutErase = true; }
  /** Whether a cut is armed and has not fired yet. */
  get cutArmed(): boolean { return this.#cutAfter !== undefined; }

  read(offset: number, length: number): ArrayBuffer {
    this.#check(offset, length);
    return this.#get(offset, length).buffer as ArrayBuffer;
  }

  write(offset: number, data: ArrayBuffer | ArrayBufferView): void {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    this.#check(offset, bytes.length);
    let n = bytes.length;
    const cut = this.#cutAfter !== undefined && this.#cutErase === false;
    if (cut) n = Math.min(n, this.#cutAfter as number);
    const bs = this.blockSize;
    for (let i = 0; i < n;) {
      const at = offset + i;
      const k = Math.floor(at / bs);
      const cells = this.#block(k);
      const end = Math.min(n, i + (k + 1) * bs - at);
      for (let j = at - k * bs; i < end; i++, j++) cells[j] = (cells[j] as number) & (bytes[i] as number);
    }
    this.#dirty = true;
    this.#writes++;
    this.#bytesWritten += n;
    if (cut) this.#fire();
  }

  eraseBlock(block: number): void {
    if (!Number.isInteger(block) || block < 0 || block >= this.blocks) throw new RangeError(`invalid block ${block}: 0..${this.blocks - 1}`);
    let n = this.blockSize;
    const cut = this.#cutAfter !== undefined && this.#cutErase === true;
    if (cut) n = Math.min(n, this.#cutAfter as number);
    if (n >= this.blockSize) this.#blocks[block] = undefined;
    else this.#blocks[block]?.fill(0xff, 0, n);
    this.#dirty = true;
    this.#erases[block] = (this.#erases[block] as number) + 1;
    if (cut) this.#fire();
  }

  status(): { size: number; blockSize: number } { return { size: this.size, blockSize: this.blockSize }; }

  /** The cells of block `k`, made (erased) if it had none. */
  #block(k: number): Uint8Array {
    let cells = this.#blocks[k];
    if (cells === undefined) {
      cells = new Uint8Array(this.blockSize).fill(0xff);
      this.#blocks[k] = cells;
    }
    return cells;
  }

  /** A copy of `length` cells from `offset` (erased blocks read 0xFF). */
  #get(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length).fill(0xff);
    const bs = this.blockSize;
    for (let i = 0; i < length;) {
      const at = offset + i;
      const k = Math.floor(at / bs);
      const from = at - k * bs;
      const take = Math.min(length - i, bs - from);
      const cells = this.#blocks[k];
      if (cells !== undefined) out.set(cells.subarray(from, from + take), i);
      i += take;
    }
    return out;
  }

  /** Sets cells (no NOR rule): a block that ends up all 0xFF is dropped. */
  #put(offset: number, bytes: Uint8Array): void {
    const bs = this.blockSize;
    for (let i = 0; i < bytes.length;) {
      const at = offset + i;
      const k = Math.floor(at / bs);
      const from = at - k * bs;
      const take = Math.min(bytes.length - i, bs - from);
      const part = bytes.subarray(i, i + take);
      if (this.#blocks[k] !== undefined || part.some((b) => b !== 0xff)) {
        const cells = this.#block(k);
        cells.set(part, from);
        if (cells.every((b) => b === 0xff)) this.#blocks[k] = undefined;
      }
      i += take;
    }
  }

  #fire(): void {
    this.#cutAfter = undefined;
    this.#cutErase = undefined;
    this.onCut?.();
    throw new PowerLossError();
  }

  #check(offset: number, length: number): void {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(`flash access ${offset}+${length} outside the partition (${this.size} bytes)`);
    }
  }
}

/**
 * The partition as one firmware instance sees it (`host.flash.open(name)`): after the board lost power, the
 * dead instance can no longer touch the cells.
 */
export function partitionView(partition: SimFlashPartition, alive: () => boolean): FlashPartition {
  const live = (): void => { if (!alive()) throw new PowerLossError(); };
  let closed = false;
  const open = (): void => { if (closed) throw new Error('closed'); live(); };
  return {
    read: (offset, length) => { open(); return partition.read(offset, length); },
    write: (offset, data) => { open(); partition.write(offset, data); },
    eraseBlock: (block) => { open(); partition.eraseBlock(block); },
    status: () => partition.status(),
    close: () => { closed = true; },
  };
}
