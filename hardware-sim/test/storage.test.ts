import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../firmware/src/host.js';
import { SimBoard, SimFlash, VirtualClock } from '../src/index.js';

const bytes = (...b: number[]): ArrayBuffer => Uint8Array.from(b).buffer;
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('SimFlash (NVS limits)', () => {
  it('reads back copies of what was written, deletes, and counts writes per key', () => {
    const f = new SimFlash();
    const src = new Uint8Array([1, 2, 3]);
    f.write('energy', src.buffer);
    src[0] = 9; // the store keeps its own copy
    expect([...new Uint8Array(f.read('energy') as ArrayBuffer)]).toEqual([1, 2, 3]);
    f.write('energy', bytes(4));
    expect(f.writeCount('energy')).toBe(2);
    expect(f.totalWrites).toBe(2);
    f.delete('energy');
    expect(f.read('energy')).toBeUndefined();
  });

  it('throws like NVS for keys over 15 characters, empty keys and values over 4000 bytes', () => {
    const f = new SimFlash();
    expect(() => f.write('k'.repeat(16), bytes(1))).toThrow(RangeError);
    expect(() => f.write('', bytes(1))).toThrow(RangeError);
    expect(() => f.read('k'.repeat(16))).toThrow(RangeError);
    f.write('k'.repeat(15), new ArrayBuffer(4000));
    expect(() => f.write('big', new ArrayBuffer(4001))).toThrow(RangeError);
    expect(f.read('big')).toBeUndefined();
  });

  it('persists to a JSON file and loads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simflash-'));
    dirs.push(dir);
    const file = join(dir, 'sub', 'b.json');
    const a = new SimFlash({ file });
    a.write('cfg', bytes(7, 8));
    a.write('cfg', bytes(7, 9));
    const b = new SimFlash({ file });
    expect([...new Uint8Array(b.read('cfg') as ArrayBuffer)]).toEqual([7, 9]);
    expect(b.writeCount('cfg')).toBe(2);
  });
});

describe('board flash across power cuts', () => {
  /** Counts boots in flash, and tries to write after the cut through the host it was given. */
  function counterFirmware(hosts: Host[]) {
    return (host: Host): { stop(): void } => {
      hosts.push(host);
      const prev = host.storage.read('boots');
      const n = prev ? new Uint8Array(prev)[0] as number : 0;
      host.storage.write('boots', bytes(n + 1));
      return { stop() { host.storage.write('atstop', bytes(1)); } };
    };
  }

  it('survives power cuts; writes from a dead firmware instance are dropped', () => {
    const clock = new VirtualClock({ start: 0 });
    const hosts: Host[] = [];
    const board = new SimBoard({ clock, deviceId: 'F1', tenant: 't', mqtt: { host: 'h', port: 1 }, firmware: counterFirmware(hosts) });
    board.powerOn();
    board.powerOff();
    board.powerOn();
    board.powerCycle();
    expect(new Uint8Array(board.flash.read('boots') as ArrayBuffer)[0]).toBe(3);
    expect(board.flash.read('atstop')).toBeUndefined();
    (hosts[0] as Host).storage.write('late', bytes(1));
    expect(board.flash.read('late')).toBeUndefined();
    expect(board.logs.toArray().some((l) => l.message.includes('after power loss'))).toBe(true);
  });

  it('persists a board flash in dataDir between simulator runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simboard-'));
    dirs.push(dir);
    const run = (): number => {
      const clock = new VirtualClock({ start: 0 });
      const board = new SimBoard({ clock, deviceId: 'F2', tenant: 't', mqtt: { host: 'h', port: 1 }, dataDir: dir, firmware: counterFirmware([]) });
      board.powerOn();
      board.powerOff();
      return new Uint8Array(board.flash.read('boots') as ArrayBuffer)[0] as number;
    };
    expect(run()).toBe(1);
    expect(run()).toBe(2);
  });
});
