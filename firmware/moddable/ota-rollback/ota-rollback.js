/*
 * ESP-IDF app rollback for the streetlight firmware (issue 6): XS host functions ("FFI") over esp_ota_ops.h,
 * implemented in ota-rollback.c. Moddable's `embedded:update` writes the inactive slot and selects it, but the
 * SDK never confirms a new image: with CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE (moddable/sdkconfig) the app must
 * call esp_ota_mark_app_valid_cancel_rollback() after its self-test, or the bootloader returns to the previous
 * slot at the next reset. Built by mcconfig from the manifest's "modules" (this file and the .c of the same name).
 */
export function pendingVerify() @ "xs_ota_pending_verify";
export function markValid() @ "xs_ota_mark_valid";
export function markInvalid() @ "xs_ota_mark_invalid";
export function lastInvalid() @ "xs_ota_last_invalid";
export function setBootNext() @ "xs_ota_set_boot_next";
