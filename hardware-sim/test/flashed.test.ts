/**
 * A board flashed in the workshop (issue 15): its NVS file holding the provisioned identity and its slot 0 holding
 * a simulated image, as the fleet server's `device flash` writes them, boot as that identity and that version;
 * a board not flashed, or with no image in slot 0, is refused in words.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSimImage, flashedBoard, NotFlashedError, SimBoard, SimFlash, VirtualClock } from '../src/index.js';
import { IDENTITY_KEY } from '../../firmware/src/identity.js';

describe('flashedBoard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sl-flashed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the identity from NVS and the version of the image in slot 0', () => {
    const clock = new VirtualClock({ start: Date.UTC(2026, 11, 7, 20) });
    // The identity bytes a provisioning made (here the simulator's own), written as `device flash` does.
    const made = new SimBoard({ clock, deviceId: 'SRL-0101', tenant: 'sarlat', mqtt: { host: '127.0.0.1', port: 1884 } });
    const identity = new Uint8Array(made.flash.read(IDENTITY_KEY) as ArrayBuffer);
    made.dispose();
    writeFileSync(join(dir, 'SRL-0101.json'), JSON.stringify({ data: { [IDENTITY_KEY]: Buffer.from(identity).toString('base64') }, writes: {} }));
    writeFileSync(join(dir, 'SRL-0101.app0'), buildSimImage({ version: '1.4.0', hardwareModels: ['SL-ESP32-SIM'], kind: 'full' }, 16_384));

    const flashed = flashedBoard(dir, 'SRL-0101');
    expect([Buffer.from(flashed.identity).equals(Buffer.from(identity)), flashed.firmwareVersion, flashed.dataDir]).toEqual([true, '1.4.0', dir]);
    const board = new SimBoard({ clock, ...flashed });
    expect([board.deviceId, board.tenant, board.identity.mqtt.port, board.firmwareVersion]).toEqual(['SRL-0101', 'sarlat', 1884, '1.4.0']);
    // The board keeps using that flash: its NVS is the file.
    expect(new SimFlash({ file: join(dir, 'SRL-0101.json') }).keys()).toContain(IDENTITY_KEY);
    board.dispose();
  });

  it('refuses a board not flashed, or whose slot 0 holds no bootable image', () => {
    expect(() => flashedBoard(dir, 'SRL-0999')).toThrow(NotFlashedError);
    writeFileSync(join(dir, 'SRL-0102.json'), JSON.stringify({ data: {}, writes: {} }));
    writeFileSync(join(dir, 'SRL-0102.app0'), 'not an image');
    expect(() => flashedBoard(dir, 'SRL-0102')).toThrow(/no identity in its NVS/);
    writeFileSync(join(dir, 'SRL-0103.json'), readFileSync(join(dir, 'SRL-0101.json')));
    writeFileSync(join(dir, 'SRL-0103.app0'), 'not an image');
    expect(() => flashedBoard(dir, 'SRL-0103')).toThrow(/slot 0 holds no bootable image/);
  });
});

