/*
 * Entry of the device-conditions host (the manifest's "main", run at boot as on the ESP32): the preloaded module
 * "streetlight" (hardware-sim/src/devhost/entry.ts) installs the handler the host program delivers events to.
 */
import { install } from "streetlight";

install();
