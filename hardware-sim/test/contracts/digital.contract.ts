/**
 * Contract of an ECMA-419 Digital class (HOUSE-STYLE 8): runs against any implementation given a fixture
 * that can drive the input pin (simulator: the pin bus; board: a wire from a spare output) and let
 * asynchronous callbacks run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DigitalConstructor, DigitalIO } from '../../../firmware/src/host.js';

export interface DigitalFixture {
  Digital: DigitalConstructor;
  outputPin: number;
  inputPin: number;
  invalidPin: number;
  inputOnlyPin?: number;
  driveInput(level: 0 | 1): void;
  /** Lets pending IO callbacks run. */
  settle(): Promise<void>;
}

export function digitalContract(name: string, makeFixture: () => DigitalFixture): void {
  describe(`Digital contract: ${name}`, () => {
    const open: DigitalIO[] = [];
    afterEach(() => {
      for (const d of open.splice(0)) d.close();
    });
    const track = <T extends DigitalIO>(d: T): T => { open.push(d); return d; };

    it('exposes mode and edge constants', () => {
      const { Digital } = makeFixture();
      for (const k of ['Input', 'InputPullUp', 'InputPullDown', 'Output'] as const) expect(Digital[k]).toBeDefined();
      expect(Digital.Rising).toBe(1);
      expect(Digital.Falling).toBe(2);
    });

    it('writes an output and reads it back', () => {
      const f = makeFixture();
      const out = track(new f.Digital({ pin: f.outputPin, mode: f.Digital.Output }));
      out.write(1);
      expect(out.read()).toBe(1);
      out.write(0);
      expect(out.read()).toBe(0);
    });

    it('reads the level driven on an input', () => {
      const f = makeFixture();
      const input = track(new f.Digital({ pin: f.inputPin, mode: f.Digital.Input }));
      f.driveInput(1);
      expect(input.read()).toBe(1);
      f.driveInput(0);
      expect(input.read()).toBe(0);
    });

    it('calls onReadable asynchronously, with this = the instance, on the configured edge only', async () => {
      const f = makeFixture();
      f.driveInput(0);
      const calls: [unknown, 0 | 1][] = [];
      const input = track(new f.Digital({
        pin: f.inputPin, mode: f.Digital.Input, edge: f.Digital.Rising,
        onReadable(this: DigitalIO) { calls.push([this, this.read()]); },
      }));
      f.driveInput(1);
      expect(calls).toHaveLength(0); // not synchronously
      await f.settle();
      expect(calls).toEqual([[input, 1]]);
      f.driveInput(0);
      await f.settle();
      expect(calls).toHaveLength(1);
    });

    it('reports both edges when asked', async () => {
      const f = makeFixture();
      f.driveInput(0);
      let n = 0;
      track(new f.Digital({ pin: f.inputPin, mode: f.Digital.Input, edge: f.Digital.Rising | f.Digital.Falling, onReadable() { n++; } }));
      f.driveInput(1);
      await f.settle();
      f.driveInput(0);
      await f.settle();
      expect(n).toBe(2);
    });

    it('makes no callback after close, even for an edge that happened before', async () => {
      const f = makeFixture();
      f.driveInput(0);
      let n = 0;
      const input = new f.Digital({ pin: f.inputPin, mode: f.Digital.Input, edge: f.Digital.Rising, onReadable() { n++; } });
      f.driveInput(1);
      input.close();
      await f.settle();
      f.driveInput(0);
      f.driveInput(1);
      await f.settle();
      expect(n).toBe(0);
    });

    it('rejects bad pins and modes with RangeError', () => {
      const f = makeFixture();
      expect(() => new f.Digital({ pin: f.invalidPin, mode: f.Digital.Input })).toThrow(RangeError);
      expect(() => new f.Digital({ pin: f.outputPin, mode: 12345 })).toThrow(RangeError);
      if (f.inputOnlyPin !== undefined) {
        expect(() => new f.Digital({ pin: f.inputOnlyPin as number, mode: f.Digital.Output })).toThrow(RangeError);
      }
    });

    it('refuses to write an input, and any call after close', () => {
      const f = makeFixture();
      const input = new f.Digital({ pin: f.inputPin, mode: f.Digital.Input });
      expect(() => input.write(1)).toThrow(Error);
      input.close();
      expect(() => input.read()).toThrow(Error);
      const out = new f.Digital({ pin: f.outputPin, mode: f.Digital.Output });
      out.close();
      expect(() => out.write(1)).toThrow(Error);
    });

    it('refuses a second instance on a pin in use', () => {
      const f = makeFixture();
      track(new f.Digital({ pin: f.outputPin, mode: f.Digital.Output }));
      expect(() => new f.Digital({ pin: f.outputPin, mode: f.Digital.Output })).toThrow(Error);
    });
  });
}
