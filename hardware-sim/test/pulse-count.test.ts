import { describe, expect, it } from 'vitest';
import { createPulseCountClass } from '../src/chips/pulse-count.js';
import { PinBus } from '../src/io/bus.js';

describe('simulated PulseCount (ESP32 PCNT: 16-bit hardware counter folded into a software total)', () => {
  function counter(): { pulses: { n: number }; read: () => number } {
    const pulses = { n: 0 };
    const bus = new PinBus({ now: () => 0, pins: { dim: 25, cf: 5 } });
    const PulseCount = createPulseCountClass(bus, () => () => pulses.n);
    const pc = new PulseCount({ signal: 5 });
    return { pulses, read: () => pc.read() };
  }

  it('counts exactly across the 16-bit wrap when read often enough', () => {
    const c = counter();
    let expected = 0;
    for (const step of [40_000, 40_000, 65_535, 1, 60_000]) {
      c.pulses.n += step;
      expected += step;
      expect(c.read()).toBe(expected);
    }
  });

  it('loses whole multiples of 65,536 when more pulses than that arrive between two reads (as the hardware does)', () => {
    const c = counter();
    c.pulses.n += 70_000;
    expect(c.read()).toBe(70_000 - 65_536);
  });
});
