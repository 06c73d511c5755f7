/**
 * Declarations @moddable/typings 5.6.0 lacks: `embedded:storage/key-value`, `embedded:storage/flash` and
 * `embedded:update`. They follow the Moddable SDK's own declarations and implementations:
 * - typings/embedded/storage/key-value.d.ts and modules/io/storage/esp32/storage-esp32.js (ESP32: NVS;
 *   `open({path, format})`, `read(key)` undefined when absent, `write`, `delete`, `close`);
 * - typings/embedded/storage/flash.d.ts and modules/io/flash/esp32 (a named partition: `read`, `write`,
 *   `eraseBlock`, `status()`);
 * - typings/embedded/update.d.ts and modules/io/update/esp32 (`open({partition})`, `write`, `complete`).
 */
declare module 'embedded:storage/key-value' {
  export type StorageFormat = 'buffer' | 'string' | 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'uint64' | 'int64';
  export interface StorageOpenOptions {
    /** Domain (an NVS namespace on ESP32, ≤ 15 characters). */
    path: string;
    format?: StorageFormat;
    mode?: 'r' | 'r+';
  }
  export class Storage {
    close(): void;
    delete(key: string): void;
    /** With format 'buffer': an ArrayBuffer, or undefined when the key is absent. */
    read(key: string): ArrayBuffer | string | number | bigint | undefined;
    write(key: string, value: ArrayBuffer | ArrayBufferView | string | number | bigint): void;
    [Symbol.iterator](): IterableIterator<string>;
    format: StorageFormat;
  }
  const KeyValueStorage: { open(options: StorageOpenOptions): Storage };
  export default KeyValueStorage;
}

declare module 'embedded:storage/flash' {
  export interface FlashOpenOptions {
    /** Partition label (e.g. "meter", "nextota", "running"). */
    path: string;
    mode?: 'r' | 'r+';
  }
  export interface FlashStatus {
    size: number;
    blockLength: number;
    blocks: number;
    writeAlign: number;
    eraseValue: number;
  }
  export class Flash {
    close(): void;
    eraseBlock(start: number, end?: number): void;
    read(byteLength: number, byteOffset: number): ArrayBuffer;
    read(buffer: ArrayBuffer | ArrayBufferView, byteOffset: number): number;
    write(buffer: ArrayBuffer | ArrayBufferView, byteOffset: number): void;
    status(): FlashStatus;
    format: 'buffer';
  }
  const FlashStorage: { open(options: FlashOpenOptions): Flash; [Symbol.iterator](): IterableIterator<string> };
  export default FlashStorage;
}

declare module 'embedded:update' {
  import type { Flash } from 'embedded:storage/flash';
  export interface UpdateOpenOptions {
    partition: Flash;
    mode?: 'a' | 'w';
    byteLength?: number;
  }
  export interface Updater {
    close(): void;
    complete(): void;
    write(bytes: ArrayBuffer | ArrayBufferView, byteOffset?: number): void;
    format: 'buffer';
  }
  const Update: { open(options: UpdateOpenOptions): Updater };
  export default Update;
}

/** Build-time configuration from the manifest's `config` (Moddable generates `mc/config`). */
declare module 'mc/config' {
  const config: Record<string, unknown>;
  export default config;
}

/**
 * The global `System` that Moddable's "system" module (modules/io/system/system.js, preloaded by
 * modules/io/manifest.json) defines: `restart()` is `esp_restart()` on ESP32 (modules/io/system/system.c).
 */
declare const System: {
  restart(): void;
  deepSleep(us?: number, mode?: number): void;
};

/** Issue 6: ESP-IDF app rollback through XS host functions (firmware/moddable/ota-rollback/, esp_ota_ops.h). */
declare module 'ota-rollback' {
  /** The running image is on its first boot and has not confirmed itself (ESP_OTA_IMG_PENDING_VERIFY). */
  export function pendingVerify(): boolean;
  /** esp_ota_mark_app_valid_cancel_rollback(). */
  export function markValid(): void;
  /** Selects the previous slot; the unconfirmed running image is aborted at the next reset. Does not restart. */
  export function markInvalid(): void;
  /** esp_ota_set_boot_partition(esp_ota_get_next_update_partition(NULL)): boot the slot just written. Throws if it holds no valid image. */
  export function setBootNext(): void;
  /** The other slot holds an image the bootloader aborted or that was invalidated. */
  export function lastInvalid(): boolean;
}
