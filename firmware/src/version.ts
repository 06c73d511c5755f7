/** Firmware version reported in Hello; the build replaces it (semver). */
export const FIRMWARE_VERSION = '0.1.0';
