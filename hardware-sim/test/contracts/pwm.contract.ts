/**
 * Contract of an ECMA-419 PWM class as the firmware uses it (HOUSE-STYLE 8). It needs only the class and a
 * fixture, so it can run against the simulator now and a board (through a test harness) later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PwmConstructor, PwmIO } from '../../../firmware/src/host.js';

export interface PwmFixture {
  PWM: PwmConstructor;
  /** An output-capable pin free for the test. */
  pin: number;
  /** A pin number the board does not have. */
  invalidPin: number;
  /** An input-only pin, if the board has some. */
  inputOnlyPin?: number;
  /** Last value seen on `pin` (simulator: the pin bus; board: a capture input), if observable. */
  observe?: (pin: number) => number | undefined;
}

export function pwmContract(name: string, makeFixture: () => PwmFixture): void {
  describe(`PWM contract: ${name}`, () => {
    const open: PwmIO[] = [];
    const make = (f: PwmFixture, options: { pin: number; hz?: number; resolution?: number }): PwmIO => {
      const p = new f.PWM(options);
      open.push(p);
      return p;
    };
    afterEach(() => {
      for (const p of open.splice(0)) p.close();
    });

    it('defaults to 10-bit resolution and exposes hz', () => {
      const f = makeFixture();
      const pwm = make(f, { pin: f.pin });
      expect(pwm.resolution).toBe(10);
      expect(pwm.hz).toBeGreaterThan(0);
    });

    it('accepts integers 0 .. 2^resolution - 1 and rejects anything else with RangeError', () => {
      const f = makeFixture();
      const pwm = make(f, { pin: f.pin, resolution: 8 });
      expect(pwm.resolution).toBe(8);
      pwm.write(0);
      pwm.write(255);
      if (f.observe) expect(f.observe(f.pin)).toBe(255);
      for (const bad of [-1, 256, 1.5, Number.NaN, Infinity]) expect(() => pwm.write(bad)).toThrow(RangeError);
      expect(() => pwm.write('3' as unknown as number)).toThrow(RangeError);
    });

    it('rejects a pin the board does not have, an input-only pin, and out-of-range options', () => {
      const f = makeFixture();
      expect(() => new f.PWM({ pin: f.invalidPin })).toThrow(RangeError);
      expect(() => new f.PWM({} as { pin: number })).toThrow(RangeError);
      if (f.inputOnlyPin !== undefined) expect(() => new f.PWM({ pin: f.inputOnlyPin as number })).toThrow(RangeError);
      expect(() => new f.PWM({ pin: f.pin, resolution: 0 })).toThrow(RangeError);
      expect(() => new f.PWM({ pin: f.pin, resolution: 99 })).toThrow(RangeError);
      expect(() => new f.PWM({ pin: f.pin, hz: 0 })).toThrow(RangeError);
    });

    it('locks its configuration after construction', () => {
      const f = makeFixture();
      const pwm = make(f, { pin: f.pin, resolution: 12, hz: 1000 });
      try { (pwm as { resolution: number }).resolution = 4; } catch { /* strict mode: TypeError */ }
      expect(pwm.resolution).toBe(12);
      expect(() => pwm.write(4095)).not.toThrow();
    });

    it('refuses a second instance on a pin in use, and frees the pin on close', () => {
      const f = makeFixture();
      const a = new f.PWM({ pin: f.pin });
      expect(() => new f.PWM({ pin: f.pin })).toThrow(Error);
      a.close();
      const b = make(f, { pin: f.pin });
      b.write(1);
    });

    it('throws on write after close; close is idempotent', () => {
      const f = makeFixture();
      const pwm = new f.PWM({ pin: f.pin });
      pwm.close();
      expect(() => pwm.close()).not.toThrow();
      expect(() => pwm.write(1)).toThrow(Error);
    });
  });
}
