/*
 * Entry of the ESP32 build (manifest.json "main"): the firmware bundle "streetlight" (dist/device/streetlight.js,
 * built by `pnpm --filter @streetlight/firmware build` from src/platform/device.ts) is preloaded; this module
 * runs at boot and starts the controller with the board's host.
 */
import { moddableHost, startFirmware } from "streetlight";

startFirmware(moddableHost());
