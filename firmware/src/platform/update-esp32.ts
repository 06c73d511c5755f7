/**
 * `host.update` on an ESP32 (issue 6, docs/ota.md): Moddable's `embedded:update` writes the inactive app slot
 * ("nextota": ota_0/ota_1 of ../../moddable/partitions.csv) and `complete()` ends the image and selects it for
 * the next boot (esp_ota_end + esp_ota_set_boot_partition); `embedded:storage/flash` reads the slot back for
 * verification; the `ota-rollback` host functions (../../moddable/ota-rollback/, XS FFI over esp_ota_ops.h)
 * confirm or invalidate the running image, which Moddable does not do by itself. Needs
 * CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE=y (../../moddable/sdkconfig/sdkconfig.defaults).
 *
 * Resume: `embedded:update` erases the slot when it is opened, so a download interrupted by a reset starts
 * again from 0 on a device (`begin` returns 0); the simulator resumes from the persisted offset. JS-only mods
 * (kind "mod") are written to the "xs" partition by the same calls; their rollback is the platform's: the
 * previous mod stays until the new one confirmed itself (the mod loader reads the partition at boot).
 */
import Flash from 'embedded:storage/flash';
import Update, { type Updater } from 'embedded:update';
import { lastInvalid, markInvalid, markValid, pendingVerify } from 'ota-rollback';
import type { HostUpdate } from '../host.js';

export function esp32Update(): HostUpdate {
  let updater: Updater | undefined;
  let slot: 'nextota' | 'xs' = 'nextota';
  const pending = pendingVerify();
  return {
    pendingVerify: pending,
    lastRollback: !pending && lastInvalid() ? { reason: 'the bootloader returned to this image (the new one did not confirm itself)' } : undefined,
    begin(size, kind) {
      updater?.close();
      slot = kind === 'mod' ? 'xs' : 'nextota';
      updater = Update.open({ partition: Flash.open({ path: slot }), mode: 'w', byteLength: size });
      return 0;
    },
    write(offset, data) {
      if (!updater) throw new Error('no update in progress');
      updater.write(data, offset);
    },
    read(offset, length) {
      const flash = Flash.open({ path: slot });
      try {
        return new Uint8Array(flash.read(length, offset));
      } finally {
        flash.close();
      }
    },
    finish() {
      // Verification happens before the switch (the agent hashes what read() returns); complete() switches.
    },
    setBoot() {
      if (!updater) throw new Error('no update in progress');
      updater.complete();
      updater = undefined;
    },
    markValid() { markValid(); },
    markInvalid() { markInvalid(); },
  };
}
