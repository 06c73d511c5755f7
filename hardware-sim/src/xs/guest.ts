/**
 * The guest script of the xsnap host: evaluated inside xsnap before the firmware bundle, it installs the global
 * `handleCommand` that xsnap calls for every delivery, with the guest of guest-core.ts over xsnap's globals
 * (`issueCommand`, `gc`, `TextEncoder`/`TextDecoder`); the firmware is the global `streetlight` the bundle defines.
 *
 * This file runs only in xsnap, never on a device: on a device the firmware's platform layer
 * (firmware/src/platform/moddable.ts) builds the Host from Moddable's modules instead.
 */
import { createGuest, type FirmwareScript } from './guest-core.js';

declare const issueCommand: (request: ArrayBuffer) => ArrayBuffer;
declare const gc: () => void;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

(globalThis as unknown as { handleCommand: (request: ArrayBuffer) => ArrayBuffer | undefined }).handleCommand = createGuest({
  issue: (request) => issueCommand(request),
  gc: () => gc(),
  encode: (text) => encoder.encode(text),
  decode: (bytes) => decoder.decode(bytes),
  firmware() {
    const g = globalThis as unknown as { streetlight?: FirmwareScript };
    if (!g.streetlight) throw new Error('the firmware bundle (global streetlight) is not loaded');
    return g.streetlight;
  },
});
