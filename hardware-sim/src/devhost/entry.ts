/**
 * The firmware module of the device-conditions host (issue 12), PRELOADED by `xsl` with the manifest's exact
 * `creation` and `"strip": "*"`: the firmware application as the ESP32 build bundles it, with the simulator's
 * platform layer in place of the ESP32 one (../xs/guest-core.ts: the Host's IO forwarded to the simulated board)
 * but the device's own crypto — the SDK's native `Digest` and ECDSA (firmware/src/platform/crypto-moddable.ts),
 * compiled into the host program from the same SDK sources.
 *
 * The program's `main` module (../../devhost/main.js) calls `install()` at boot; the module body itself creates
 * nothing (preloaded, it would be frozen). Built by hardware-sim/scripts/devhost-build.ts.
 */
import { collect, issue } from 'devhost/native';
import { decodeDownlink } from '@streetlight/protocol/lean';
import { startFirmware } from '../../../firmware/src/app.js';
import { nativeCrypto, nativeSha256 } from '../../../firmware/src/platform/crypto-moddable.js';
import { createGuest } from '../xs/guest-core.js';

/** XS's own conversions (xsString.c, xsDataView.c): UTF-8 both ways, no TextEncoder in a device build. */
interface XsStrings {
  fromString(text: string): ArrayBuffer;
}
interface XsBuffers {
  fromArrayBuffer(buffer: ArrayBuffer): string;
}

/** Installs the global `handleCommand` the host program calls for every delivery. */
export function install(): void {
  const Buffers = ArrayBuffer as unknown as XsStrings;
  const Strings = String as unknown as XsBuffers;
  (globalThis as unknown as { handleCommand: (request: ArrayBuffer) => ArrayBuffer | undefined }).handleCommand = createGuest({
    issue,
    gc: collect,
    encode: (text) => new Uint8Array(Buffers.fromString(text)),
    decode: (bytes) => Strings.fromArrayBuffer(bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes.buffer as ArrayBuffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
    firmware: () => ({ startFirmware, decodeDownlink }),
    crypto: nativeCrypto(),
    sha256: nativeSha256,
  });
}
