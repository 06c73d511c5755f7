/**
 * Persistent ring log of metering interval records on a raw NOR flash partition (`embedded:storage/flash`
 * shape, host.ts `FlashPartition`). Designed for daily power cuts at any instant, including in the middle of a
 * flash write, and for 100,000-cycle sectors.
 *
 * Layout. The partition is a ring of sectors (erase blocks, 4 KiB on ESP32). Each sector holds a 64-byte
 * header slot then 63 record slots of 64 bytes:
 *   header  u32 magic 'MLOG', u32 format 1, u32 erase count of this sector, u32 CRC-32 of bytes 0..11, 0xFF…
 *   record  u16 magic 0x4C52, u8 type (1 = interval), u8 ack flag (0xFF = not acknowledged; written to 0x00
 *           in place, which NOR allows without erase, when the server has acknowledged up to this record),
 *           u32 seq, u32 start (Unix s, 0 = unknown), u32 duration s, u32 energy mWh, u32 min/max/avg power mW,
 *           u32 burning s, u16 average level ×10, u16 log id (was reserved; 0 in records of older firmware, which
 *           stay valid since the CRC covers the bytes as written), u32 lifetime energy mWh low, u32 high,
 *           u32 lifetime burning s, u32 lifetime switch-ons, u32 boot count, u32 CRC-32 of bytes 0..59 with the
 *           ack flag counted as 0xFF.
 *
 * Rules that make it power-cut safe:
 * - A slot is programmed only while erased (all 0xFF) — never twice, except the ack flag byte, once.
 * - A record is valid only if magic and CRC match: a torn write (any prefix programmed) fails the CRC and is
 *   skipped; its slot is dirty until the sector is erased again.
 * - The newest record (highest seq) carries the lifetime counters, so recovery needs no other state; records
 *   are written in seq order and a sector is erased only when the write pointer enters it, so the sector
 *   erased is always the oldest one and never holds the newest record.
 * - Entering a sector always erases it first (even if it looks erased: a cut in the middle of an erase leaves
 *   a sector that reads partly 0xFF), then writes its header with the erase count + 1.
 *
 * Wear. Erases per sector are counted in the sector headers and bounded by design: each sector is erased
 * once per trip of the write pointer round the ring, i.e. every (sectors × 63) records. See firmware/README.md
 * ("Metering") for the flash-life figures.
 */
import type { FlashPartition } from '../host.js';
import { crc32 } from './crc32.js';

export const SLOT_BYTES = 64;
const HEADER_MAGIC = 0x474f4c4d; // 'MLOG' little-endian
const FORMAT = 1;
const RECORD_MAGIC = 0x4c52;
const TYPE_INTERVAL = 1;
const ACK_OFFSET = 3;
const CRC_OFFSET = 60;

export interface LogRecord {
  seq: number;
  /** Interval start, Unix seconds; 0 when the board had no valid time. */
  start: number;
  durationS: number;
  energyMwh: number;
  minPowerMw: number;
  maxPowerMw: number;
  avgPowerMw: number;
  burningS: number;
  avgLevelX10: number;
  /** Lifetime counters at the end of this interval. */
  totalEnergyMwh: number;
  totalBurningS: number;
  switchCount: number;
  bootCount: number;
  /**
   * Identity of the log this record was written to (u16 at offset 38, nonzero; 0 = written by older firmware).
   * A fresh log (first boot, or after its partition was erased or found unreadable) draws a new random id, so
   * the server can tell its seqs, which restart at 1, from the old log's (EnergyReport.log_id).
   */
  logId?: number;
}

export interface RingLogStats {
  /** Record slots in the ring (sectors × 63). */
  capacity: number;
  /** Records that can be kept unacknowledged without overwriting any ((sectors − 1) × 63). */
  safeCapacity: number;
  /** Valid records present. */
  records: number;
  /** Valid records not yet acknowledged. */
  pending: number;
  /** Slots skipped because they were not erased (torn writes) since boot or found at boot. */
  dirtySlots: number;
  /** Unacknowledged records destroyed by erasing the oldest sector (log full) since boot. */
  overwritten: number;
  /** Highest erase count of any sector (persisted in the sector headers). */
  maxEraseCount: number;
  /** Erases and record writes made since boot. */
  erases: number;
  writes: number;
}

/** Thrown by `open` when the partition cannot hold a ring. */
export class RingLogError extends Error {
  constructor(message: string) { super(message); this.name = 'RingLogError'; }
}

export class RingLog {
  readonly #flash: FlashPartition;
  readonly #sectorBytes: number;
  readonly #sectors: number;
  readonly #slotsPerSector: number;
  /** Valid records in seq order: seq and slot (global slot index = sector × slotsPerSector + i). */
  #seqs: number[] = [];
  #slots: number[] = [];
  #acked = 0;
  #next = 0;            // global slot index of the next write
  #eraseCounts: number[];
  #latest: LogRecord | undefined;
  #dirty = 0;
  #overwritten = 0;
  #erases = 0;
  #writes = 0;

  constructor(flash: FlashPartition) {
    this.#flash = flash;
    const { size, blockSize } = flash.status();
    if (blockSize % SLOT_BYTES !== 0 || blockSize < 2 * SLOT_BYTES) throw new RingLogError(`block size ${blockSize} does not fit ${SLOT_BYTES}-byte slots`);
    this.#sectorBytes = blockSize;
    this.#sectors = Math.floor(size / blockSize);
    if (this.#sectors < 2) throw new RingLogError(`partition of ${size} bytes: a ring needs at least 2 blocks`);
    this.#slotsPerSector = blockSize / SLOT_BYTES - 1;
    this.#eraseCounts = new Array<number>(this.#sectors).fill(0);
    this.#recover();
  }

  /** The newest valid record (lifetime counters), or undefined on a fresh log. */
  get latest(): LogRecord | undefined { return this.#latest; }
  /** Highest acknowledged seq (records up to it may be overwritten). */
  get ackedSeq(): number { return this.#acked; }
  /** Seq of the newest record, 0 when empty. */
  get lastSeq(): number { return this.#latest?.seq ?? 0; }

  stats(): RingLogStats {
    let pending = 0;
    for (const s of this.#seqs) if (s > this.#acked) pending++;
    return {
      capacity: this.#sectors * this.#slotsPerSector,
      safeCapacity: (this.#sectors - 1) * this.#slotsPerSector,
      records: this.#seqs.length, pending, dirtySlots: this.#dirty, overwritten: this.#overwritten,
      maxEraseCount: Math.max(...this.#eraseCounts), erases: this.#erases, writes: this.#writes,
    };
  }

  /** Records not yet acknowledged, oldest first, at most `max`. */
  pending(max: number): LogRecord[] {
    const out: LogRecord[] = [];
    for (let i = 0; i < this.#seqs.length && out.length < max; i++) {
      if ((this.#seqs[i] as number) <= this.#acked) continue;
      const r = this.#readSlot(this.#slots[i] as number);
      if (r) out.push(r.record);
    }
    return out;
  }

  /** Appends a record (its seq must be above the newest). May erase the oldest sector first. */
  append(record: LogRecord): void {
    if (record.seq <= this.lastSeq) throw new RangeError(`record seq ${record.seq} is not above ${this.lastSeq}`);
    const bytes = encodeRecord(record);
    for (let guard = 0; guard <= this.#sectors * (this.#slotsPerSector + 1); guard++) {
      const slot = this.#next;
      const inSector = slot % this.#slotsPerSector;
      if (inSector === 0) this.#enterSector(Math.floor(slot / this.#slotsPerSector));
      this.#next = (slot + 1) % (this.#sectors * this.#slotsPerSector);
      if (!this.#slotErased(slot)) { this.#dirty++; continue; }
      this.#writes++;
      this.#flash.write(this.#offset(slot), bytes.buffer as ArrayBuffer);
      this.#seqs.push(record.seq);
      this.#slots.push(slot);
      this.#latest = record;
      return;
    }
    throw new RingLogError('no writable slot in the log');
  }

  /**
   * The server holds every record up to `seq`: writes the ack flag of the newest record ≤ seq (one byte, no
   * erase). Recovery treats every record at or below a flagged one as acknowledged.
   */
  acknowledge(seq: number): void {
    if (seq <= this.#acked) return;
    let at = -1;
    for (let i = 0; i < this.#seqs.length; i++) if ((this.#seqs[i] as number) <= seq) at = i;
    this.#acked = Math.min(seq, this.lastSeq);
    if (at < 0) return;
    const flag = new Uint8Array(1); // 0x00
    this.#flash.write(this.#offset(this.#slots[at] as number) + ACK_OFFSET, flag.buffer);
  }

  // ---- internals -----------------------------------------------------------------------------------

  #offset(slot: number): number {
    const sector = Math.floor(slot / this.#slotsPerSector);
    return sector * this.#sectorBytes + SLOT_BYTES * (1 + (slot % this.#slotsPerSector));
  }

  #enterSector(sector: number): void {
    // Records in it are the oldest; dropping unacknowledged ones is an overflow (the server sees a gap).
    const first = sector * this.#slotsPerSector;
    const keepSeqs: number[] = [];
    const keepSlots: number[] = [];
    for (let i = 0; i < this.#slots.length; i++) {
      const slot = this.#slots[i] as number;
      if (slot >= first && slot < first + this.#slotsPerSector) {
        if ((this.#seqs[i] as number) > this.#acked) this.#overwritten++;
      } else {
        keepSeqs.push(this.#seqs[i] as number);
        keepSlots.push(slot);
      }
    }
    this.#seqs = keepSeqs;
    this.#slots = keepSlots;
    const count = (this.#eraseCounts[sector] as number) + 1;
    this.#erases++;
    this.#flash.eraseBlock(sector);
    const header = new Uint8Array(16);
    const v = new DataView(header.buffer);
    v.setUint32(0, HEADER_MAGIC, true);
    v.setUint32(4, FORMAT, true);
    v.setUint32(8, count >>> 0, true);
    v.setUint32(12, crc32(header, 0, 12), true);
    this.#flash.write(sector * this.#sectorBytes, header.buffer);
    this.#eraseCounts[sector] = count;
  }

  #slotErased(slot: number): boolean {
    const b = new Uint8Array(this.#flash.read(this.#offset(slot), SLOT_BYTES));
    for (let i = 0; i < b.length; i++) if (b[i] !== 0xff) return false;
    return true;
  }

  #readSlot(slot: number): { record: LogRecord; acked: boolean } | undefined {
    return decodeRecord(new Uint8Array(this.#flash.read(this.#offset(slot), SLOT_BYTES)));
  }

  /** Boot: scan every slot, keep valid records, find the newest and the acknowledged boundary. */
  #recover(): void {
    const found: { seq: number; slot: number; record: LogRecord }[] = [];
    let ackedSeq = 0;
    let headerless = 0;
    for (let sector = 0; sector < this.#sectors; sector++) {
      const block = new Uint8Array(this.#flash.read(sector * this.#sectorBytes, this.#sectorBytes));
      const hv = new DataView(block.buffer);
      const words = new BigUint64Array(block.buffer, 0, block.byteLength >>> 3);
      if (hv.getUint32(0, true) === HEADER_MAGIC && hv.getUint32(12, true) === crc32(block, 0, 12)) {
        this.#eraseCounts[sector] = hv.getUint32(8, true);
      } else {
        headerless++;
      }
      for (let i = 0; i < this.#slotsPerSector; i++) {
        const at = SLOT_BYTES * (1 + i);
        // Only a slot that starts with the record magic can decode (no view made for the others: an empty log's
        // 2,016 slots cost 2,016 subarrays and DataViews at every boot, issue 14).
        const r = isRecordStart(block, at) ? decodeRecord(block.subarray(at, at + SLOT_BYTES)) : undefined;
        const slot = sector * this.#slotsPerSector + i;
        if (r) {
          found.push({ seq: r.record.seq, slot, record: r.record });
          if (r.acked && r.record.seq > ackedSeq) ackedSeq = r.record.seq;
        } else if (!erased(words, at)) {
          this.#dirty++;
        }
      }
    }
    // A sector without a valid header lost its count (torn erase, new chip): assume the worst of the others.
    if (headerless > 0 && headerless < this.#sectors) {
      const max = Math.max(...this.#eraseCounts);
      for (let s = 0; s < this.#sectors; s++) if (this.#eraseCounts[s] === 0) this.#eraseCounts[s] = max;
    }
    found.sort((a, b) => a.seq - b.seq);
    // Equal seqs cannot come from this code; keep the first if a corrupted copy ever made one.
    for (const f of found) {
      if (this.#seqs.length > 0 && this.#seqs[this.#seqs.length - 1] === f.seq) continue;
      this.#seqs.push(f.seq);
      this.#slots.push(f.slot);
    }
    const newest = found[found.length - 1];
    this.#latest = newest?.record;
    this.#acked = ackedSeq;
    const total = this.#sectors * this.#slotsPerSector;
    // Next write: right after the newest record. Dirty slots on the way are skipped by append(); the sector
    // boundary rule erases the next sector when the pointer reaches it.
    this.#next = newest ? (newest.slot + 1) % total : 0;
  }
}

/** An erased 64-bit word of NOR flash. */
const ERASED_WORD = 0xffffffffffffffffn;

/**
 * True when the slot at byte `at` of a sector is all 0xFF (erased NOR). Boot scans every slot of the log (2,016
 * at 128 KiB), so this is a plain loop over the sector's 64-bit words (the sector is read at offset 0 of its own
 * buffer, so they are aligned): 8 comparisons a slot. A callback per byte (`some`) cost ≈ 4 million XS compute
 * units on an empty log, 32-bit words ≈ 0.6 million, these ≈ 0.3 million (firmware/README.md, "Footprint on XS").
 */
function erased(words: BigUint64Array, at: number): boolean {
  for (let i = at >>> 3, end = (at + SLOT_BYTES) >>> 3; i < end; i++) if (words[i] !== ERASED_WORD) return false;
  return true;
}

export function encodeRecord(r: LogRecord): Uint8Array {
  const b = new Uint8Array(SLOT_BYTES).fill(0xff);
  const v = new DataView(b.buffer);
  v.setUint16(0, RECORD_MAGIC, true);
  v.setUint8(2, TYPE_INTERVAL);
  v.setUint8(ACK_OFFSET, 0xff);
  v.setUint32(4, r.seq >>> 0, true);
  v.setUint32(8, r.start >>> 0, true);
  v.setUint32(12, r.durationS >>> 0, true);
  v.setUint32(16, u32(r.energyMwh), true);
  v.setUint32(20, u32(r.minPowerMw), true);
  v.setUint32(24, u32(r.maxPowerMw), true);
  v.setUint32(28, u32(r.avgPowerMw), true);
  v.setUint32(32, u32(r.burningS), true);
  v.setUint16(36, Math.min(0xffff, Math.max(0, Math.round(r.avgLevelX10))), true);
  v.setUint16(38, (r.logId ?? 0) & 0xffff, true);
  const total = Math.max(0, Math.floor(r.totalEnergyMwh));
  v.setUint32(40, total % 0x100000000, true);
  v.setUint32(44, Math.floor(total / 0x100000000), true);
  v.setUint32(48, u32(r.totalBurningS), true);
  v.setUint32(52, u32(r.switchCount), true);
  v.setUint32(56, u32(r.bootCount), true);
  v.setUint32(CRC_OFFSET, crc32(b, 0, CRC_OFFSET), true);
  return b;
}

/** Whether the bytes at `at` start with the record magic (u16 0x4C52 little-endian) and the interval type. */
function isRecordStart(bytes: Uint8Array, at: number): boolean {
  return bytes[at] === (RECORD_MAGIC & 0xff) && bytes[at + 1] === RECORD_MAGIC >>> 8 && bytes[at + 2] === TYPE_INTERVAL;
}

/** Decodes a slot; undefined unless magic, type and CRC match (the ack flag is outside the CRC). */
export function decodeRecord(slot: Uint8Array): { record: LogRecord; acked: boolean } | undefined {
  if (slot.length < SLOT_BYTES || !isRecordStart(slot, 0)) return undefined;
  const v = new DataView(slot.buffer, slot.byteOffset, SLOT_BYTES);
  if (v.getUint16(0, true) !== RECORD_MAGIC || v.getUint8(2) !== TYPE_INTERVAL) return undefined;
  const copy = slot.slice(0, CRC_OFFSET);
  copy[ACK_OFFSET] = 0xff;
  if (crc32(copy) !== v.getUint32(CRC_OFFSET, true)) return undefined;
  const record: LogRecord = {
    seq: v.getUint32(4, true), start: v.getUint32(8, true), durationS: v.getUint32(12, true),
    energyMwh: v.getUint32(16, true), minPowerMw: v.getUint32(20, true), maxPowerMw: v.getUint32(24, true),
    avgPowerMw: v.getUint32(28, true), burningS: v.getUint32(32, true), avgLevelX10: v.getUint16(36, true),
    totalEnergyMwh: v.getUint32(40, true) + v.getUint32(44, true) * 0x100000000,
    totalBurningS: v.getUint32(48, true), switchCount: v.getUint32(52, true), bootCount: v.getUint32(56, true),
    logId: v.getUint16(38, true),
  };
  if (record.seq === 0) return undefined;
  return { record, acked: v.getUint8(ACK_OFFSET) !== 0xff };
}

function u32(x: number): number {
  return Math.min(0xffffffff, Math.max(0, Math.round(x))) >>> 0;
}
