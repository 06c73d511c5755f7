/**
 * `host.update` on an ESP32 (issue 6, docs/ota.md). The image is written straight into the inactive slot through
 * `embedded:storage/flash` (partition "nextota": ota_0/ota_1 of ../../moddable/partitions.csv, the one not
 * running; "xs" for a JS-only mod), erasing each 4 KiB block just before the first write into it. The slot is
 * selected for the next boot by `setBootNext()` (`esp_ota_set_boot_partition`, which also checks the image
 * format) from the `ota-rollback` host functions (../../moddable/ota-rollback/, XS FFI over esp_ota_ops.h); the
 * same functions confirm or invalidate the running image, which Moddable does not do by itself. Needs
 * CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE=y (../../moddable/sdkconfig/sdkconfig.defaults).
 *
 * Why not Moddable's `embedded:update`: opening it runs `esp_ota_begin`, which erases the slot, so a download
 * interrupted by a power cut would start again from 0. Writing through the flash object keeps the bytes below
 * the persisted resume offset, so `begin(size, kind, resumeAt)` resumes there (the agent verifies the SHA-256
 * of what the flash holds before switching, so a damaged prefix cannot be booted).
 *
 * The block arithmetic is `SlotWriter` (tested on Node in test/platform-esp32.test.ts against a NOR model).
 */
import Flash from 'embedded:storage/flash';
import { lastInvalid, markInvalid, markValid, pendingVerify, setBootNext } from 'ota-rollback';
import type { HostUpdate } from '../host.js';
import { SlotWriter, type SdkFlash, type SdkFlashStorage } from './metering-esp32.js';

export function esp32Update(storage: SdkFlashStorage = Flash as unknown as SdkFlashStorage): HostUpdate {
  let writer: SlotWriter | undefined;
  let kind: 'full' | 'mod' = 'full';
  const pending = pendingVerify();
  return {
    pendingVerify: pending,
    lastRollback: !pending && lastInvalid() ? { reason: 'the bootloader returned to this image (the new one did not confirm itself)' } : undefined,
    begin(size, imageKind, resumeAt = 0) {
      writer?.close();
      kind = imageKind;
      const flash: SdkFlash = storage.open({ path: kind === 'mod' ? 'xs' : 'nextota', mode: 'r+' });
      writer = new SlotWriter(flash, size, resumeAt);
      return writer.resumeAt;
    },
    write(offset, data) {
      if (!writer) throw new Error('no update in progress');
      writer.write(offset, data);
    },
    read(offset, length) {
      if (!writer) throw new Error('no update in progress');
      return writer.read(offset, length);
    },
    finish() {
      if (!writer) throw new Error('no update in progress');
      writer.finish();
    },
    setBoot() {
      if (!writer) throw new Error('no update in progress');
      writer.close();
      writer = undefined;
      // A mod is picked up from the "xs" partition by the loader at the next boot; a full image needs the
      // boot partition switched (esp_ota_set_boot_partition checks the image and throws if it is not one).
      if (kind === 'full') setBootNext();
    },
    markValid() { markValid(); },
    markInvalid() { markInvalid(); },
  };
}
