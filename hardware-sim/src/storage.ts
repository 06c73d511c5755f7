/**
 * Simulated NVS flash: the board's key-value store (`HostStorage`), with the limits of Moddable's
 * `embedded:storage/key-value` / `preference` on ESP-IDF NVS: keys 1..15 characters (NVS_KEY_NAME_MAX_SIZE
 * is 16 with the terminating NUL), values ≤ 4000 bytes. It belongs to the board, not to a firmware instance,
 * so it survives power cuts and restarts. Optionally persisted to a JSON file (demo).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostStorage } from '../../firmware/src/host.js';

export const NVS_MAX_KEY_LENGTH = 15;
export const NVS_MAX_VALUE_BYTES = 4000;

export interface SimFlashOptions {
  /** JSON file that holds the store across runs of the process. Default: none (memory only). */
  file?: string;
}

export class SimFlash implements HostStorage {
  readonly #data = new Map<string, Uint8Array>();
  readonly #writes = new Map<string, number>();
  readonly #file: string | undefined;
  #totalWrites = 0;

  constructor(options: SimFlashOptions = {}) {
    this.#file = options.file;
    if (this.#file !== undefined) this.#load(this.#file);
  }

  read(key: string): ArrayBuffer | undefined {
    checkKey(key);
    const v = this.#data.get(key);
    return v === undefined ? undefined : v.slice().buffer;
  }

  write(key: string, value: ArrayBuffer): void {
    checkKey(key);
    const bytes = toBytes(value);
    if (bytes.byteLength > NVS_MAX_VALUE_BYTES) {
      throw new RangeError(`value too large: ${bytes.byteLength} > ${NVS_MAX_VALUE_BYTES} bytes (NVS blob limit)`);
    }
    this.#data.set(key, bytes.slice());
    this.#writes.set(key, (this.#writes.get(key) ?? 0) + 1);
    this.#totalWrites++;
    this.#save();
  }

  delete(key: string): void {
    checkKey(key);
    if (this.#data.delete(key)) this.#save();
  }

  /** Keys present. */
  keys(): string[] { return [...this.#data.keys()]; }

  /** Writes per key since the store was created (flash wear; NVS pages endure ≈100,000 erase cycles). */
  writeCount(key: string): number { return this.#writes.get(key) ?? 0; }
  get totalWrites(): number { return this.#totalWrites; }

  /** Bytes stored (values only). */
  get usedBytes(): number {
    let n = 0;
    for (const v of this.#data.values()) n += v.byteLength;
    return n;
  }

  /** Erases everything (factory reset / new flash). */
  erase(): void {
    this.#data.clear();
    this.#save();
  }

  #load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const parsed = JSON.parse(text) as { data?: Record<string, string>; writes?: Record<string, number> };
    for (const [k, b64] of Object.entries(parsed.data ?? {})) this.#data.set(k, new Uint8Array(Buffer.from(b64, 'base64')));
    for (const [k, n] of Object.entries(parsed.writes ?? {})) this.#writes.set(k, n);
  }

  #save(): void {
    if (this.#file === undefined) return;
    const data: Record<string, string> = {};
    for (const [k, v] of this.#data) data[k] = Buffer.from(v).toString('base64');
    const json = JSON.stringify({ data, writes: Object.fromEntries(this.#writes) });
    mkdirSync(dirname(this.#file), { recursive: true });
    // Atomic replace: a crash of the simulator never leaves a half-written flash image.
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, json);
    renameSync(tmp, this.#file);
  }
}

function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length < 1 || key.length > NVS_MAX_KEY_LENGTH) {
    throw new RangeError(`invalid key "${String(key)}": 1..${NVS_MAX_KEY_LENGTH} characters (NVS key limit)`);
  }
}

function toBytes(value: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('value must be an ArrayBuffer');
}

/**
 * The view of a board's flash given to one firmware instance: once the board loses power, writes from that
 * (dead) instance are dropped, as no code runs on an unpowered chip.
 */
export class FlashView implements HostStorage {
  #alive = true;
  constructor(private readonly flash: SimFlash, private readonly onDeadWrite?: (key: string) => void) {}
  read(key: string): ArrayBuffer | undefined { return this.flash.read(key); }
  write(key: string, value: ArrayBuffer): void {
    if (!this.#alive) return void this.onDeadWrite?.(key);
    this.flash.write(key, value);
  }
  delete(key: string): void {
    if (!this.#alive) return void this.onDeadWrite?.(key);
    this.flash.delete(key);
  }
  /** @internal */
  kill(): void { this.#alive = false; }
}
