/**
 * `pnpm --filter @streetlight/firmware build`: writes
 * - dist/esm/**        ES2022 modules, one per source file, with the lean codec under dist/esm/protocol/;
 * - dist/xs/streetlight.js and streetlight.min.js   the single-script bundle, plain and minified;
 * - dist/device/streetlight.js   the ESP32 build's firmware module (manifest.json `streetlight`), minified;
 * and prints the sizes. Fails if a bundle contains `eval(` or `Function(`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleDeviceModule, bundleScript, FIRMWARE_DIR, forbiddenConstructs, transpileModules } from './bundle.js';

const dist = join(FIRMWARE_DIR, 'dist');
rmSync(join(dist, 'esm'), { recursive: true, force: true });
rmSync(join(dist, 'xs'), { recursive: true, force: true });
rmSync(join(dist, 'device'), { recursive: true, force: true });

let esmBytes = 0;
const modules = transpileModules();
for (const file of modules) {
  const out = join(dist, 'esm', file.path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, file.text);
  esmBytes += Buffer.byteLength(file.text);
}

mkdirSync(join(dist, 'xs'), { recursive: true });
const sizes: [string, number][] = [];
for (const minify of [false, true]) {
  const code = bundleScript({ minify });
  const bad = forbiddenConstructs(code);
  if (bad.length > 0) throw new Error(`bundle contains ${bad.join(', ')}`);
  const name = minify ? 'streetlight.min.js' : 'streetlight.js';
  writeFileSync(join(dist, 'xs', name), code);
  sizes.push([`dist/xs/${name}`, Buffer.byteLength(code)]);
}

mkdirSync(join(dist, 'device'), { recursive: true });
const device = bundleDeviceModule({ minify: true });
const badDevice = forbiddenConstructs(device);
if (badDevice.length > 0) throw new Error(`device module contains ${badDevice.join(', ')}`);
writeFileSync(join(dist, 'device', 'streetlight.js'), device);
sizes.push(['dist/device/streetlight.js', Buffer.byteLength(device)]);

process.stdout.write(`dist/esm/ (${modules.length} ES2022 modules)`.padEnd(40) + `${esmBytes.toLocaleString('en')} bytes\n`);
for (const [name, bytes] of sizes) process.stdout.write(name.padEnd(40) + `${bytes.toLocaleString('en')} bytes\n`);
