/**
 * A simulated board as the workshop left it on disk (issue 15): `device flash` of the fleet server's CLI wrote its
 * factory partition — the NVS store `<dir>/<id>.json` (SimFlash's file) holding the provisioned identity — and the
 * firmware image into its app slot 0, `<dir>/<id>.app0` (a simulated image, ota/bootloader.ts). `flashedBoard`
 * reads them back as the options a SimBoard boots from: the identity from NVS, the version of the image in slot 0,
 * and the directory, so the board keeps using that flash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_KEY } from '../../firmware/src/identity.js';
import { parseSimImage } from './ota/bootloader.js';
import { SimFlash } from './storage.js';

export class NotFlashedError extends Error {
  override name = 'NotFlashedError';
}

/** The SimBoard options of a flashed board: `{ identity, firmwareVersion, dataDir }` (spread them with the clock and the rest). */
export function flashedBoard(dir: string, deviceId: string): { identity: Uint8Array; firmwareVersion: string; dataDir: string } {
  const nvs = join(dir, `${deviceId}.json`);
  const app = join(dir, `${deviceId}.app0`);
  if (!existsSync(nvs) || !existsSync(app)) throw new NotFlashedError(`${deviceId} is not flashed in ${dir} (no ${deviceId}.json or ${deviceId}.app0)`);
  const identity = new SimFlash({ file: nvs }).read(IDENTITY_KEY);
  if (!identity) throw new NotFlashedError(`${deviceId}: no identity in its NVS (${nvs})`);
  const image = parseSimImage(new Uint8Array(readFileSync(app)));
  if (!image || image.kind !== 'full') throw new NotFlashedError(`${deviceId}: slot 0 holds no bootable image (${app})`);
  return { identity: new Uint8Array(identity), firmwareVersion: image.version, dataDir: dir };
}
