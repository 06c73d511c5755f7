/**
 * Entry of the single-script bundle (`dist/xs/streetlight.js`) for hosts that take one script rather than a
 * module graph: the XS host of the simulator (xsnap) evaluates it and finds this module's exports on the
 * global `streetlight`. It carries exactly what a device runs (the application and the lean codec it
 * imports); the device itself boots from `main.ts` through the Moddable manifest instead.
 */
export { startFirmware } from '../app.js';
export { FIRMWARE_VERSION } from '../version.js';
// The benchmark decodes a plan inside XS with the firmware's own codec (already part of the application).
export { decodeDownlink, encodeDownlink } from '@streetlight/protocol/lean';
// The OTA manifest scenarios check offers inside XS with the firmware's own checks (already part of the application).
export { checkOffer, compareVersions } from '../ota/manifest.js';
