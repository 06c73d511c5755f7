/*
 * XS host functions behind ota-rollback.js (issue 6). ESP-IDF: components/app_update/include/esp_ota_ops.h.
 * Requires CONFIG_BOOTLOADER_APP_ROLLBACK_ENABLE=y (firmware/moddable/sdkconfig/sdkconfig.defaults).
 */
#include "xsmc.h"
#include "xsHost.h"
#include "app_update/include/esp_ota_ops.h"	// as the SDK's own flash module (modules/io/flash/esp32) includes it

/* true while the running image is on its first boot and has not confirmed itself (ESP_OTA_IMG_PENDING_VERIFY) */
void xs_ota_pending_verify(xsMachine *the)
{
	esp_ota_img_states_t state;
	const esp_partition_t *running = esp_ota_get_running_partition();
	xsmcSetBoolean(xsResult, running && esp_ota_get_state_partition(running, &state) == ESP_OK && state == ESP_OTA_IMG_PENDING_VERIFY);
}

/* the self-test passed: cancel the rollback (the image becomes ESP_OTA_IMG_VALID) */
void xs_ota_mark_valid(xsMachine *the)
{
	esp_err_t err = esp_ota_mark_app_valid_cancel_rollback();
	if (err != ESP_OK) xsUnknownError("esp_ota_mark_app_valid_cancel_rollback: %d", err);
}

/*
 * the self-test failed: mark the image invalid and select the previous one. Unlike
 * esp_ota_mark_app_invalid_rollback_and_reboot() it does not restart, so the firmware can persist its reason
 * first and restart itself (host.system.restart()).
 */
void xs_ota_mark_invalid(xsMachine *the)
{
	const esp_partition_t *running = esp_ota_get_running_partition();
	const esp_partition_t *previous = esp_ota_get_next_update_partition(running);
	esp_ota_img_states_t state;
	if (!running || esp_ota_get_state_partition(running, &state) != ESP_OK || state != ESP_OTA_IMG_PENDING_VERIFY)
		xsUnknownError("only an unconfirmed image can be rolled back");
	if (!previous || esp_ota_set_boot_partition(previous) != ESP_OK)
		xsUnknownError("no previous image to return to");
	/* esp_ota_set_boot_partition() made the previous slot the boot one; the running (pending) image will be
	 * ABORTED by the bootloader at the next reset, as for a crash before confirmation. */
}

/* true when the other slot holds an image the bootloader gave up on (ESP_OTA_IMG_ABORTED or INVALID) */
void xs_ota_last_invalid(xsMachine *the)
{
	esp_ota_img_states_t state;
	const esp_partition_t *other = esp_ota_get_next_update_partition(NULL);
	xsmcSetBoolean(xsResult, other && esp_ota_get_state_partition(other, &state) == ESP_OK
		&& (state == ESP_OTA_IMG_ABORTED || state == ESP_OTA_IMG_INVALID));
}

/* the image written into the inactive slot (update-esp32.ts, through embedded:storage/flash "nextota") boots
 * next: esp_ota_set_boot_partition() checks the image (esp_image_verify) and selects it in otadata; with
 * rollback enabled it then boots as ESP_OTA_IMG_PENDING_VERIFY until the app confirms itself */
void xs_ota_set_boot_next(xsMachine *the)
{
	const esp_partition_t *next = esp_ota_get_next_update_partition(NULL);
	esp_err_t err;
	if (!next) xsUnknownError("no update slot");
	err = esp_ota_set_boot_partition(next);
	if (err != ESP_OK) xsUnknownError("esp_ota_set_boot_partition: %d", err);
}
