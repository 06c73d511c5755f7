/**
 * Builds a simulated firmware image file (issue 15): what `device flash` of the fleet server installs into a
 * simulated board's slot 0, and what an OTA campaign can send it. The image is the header of ota/bootloader.ts
 * (`SLIMG1`, the version, the hardware models it runs on) padded to `--size` bytes; the simulator runs the
 * firmware of this repository under that version.
 *
 *   npx -y pnpm@10 --filter @streetlight/hardware-sim run image --version 1.4.0 --model SL-ESP32 --out ./streetlight-1.4.0.slimg
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSimImage } from '../src/ota/bootloader.js';

const argv = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
const { values: a } = parseArgs({ args: argv, options: { version: { type: 'string' }, model: { type: 'string', multiple: true }, out: { type: 'string' }, size: { type: 'string' } } });
if (!a.version || !a.model?.length || !a.out) {
  console.error('usage: image --version 1.4.0 --model SL-ESP32 [--model …] --out <file> [--size bytes, default 16384]');
  process.exit(1);
}
const size = a.size === undefined ? 16_384 : Number(a.size);
if (!Number.isInteger(size) || size < 256 || size > 0x1c0000) {
  console.error('--size: a whole number of bytes, 256 to 1835008 (an app slot)');
  process.exit(1);
}
const out = resolve(process.env.INIT_CWD ?? process.cwd(), a.out);
writeFileSync(out, buildSimImage({ version: a.version, hardwareModels: a.model, kind: 'full' }, size));
console.log(`simulated image ${a.version} for ${a.model.join(', ')} (${size} bytes) written to ${out}`);
