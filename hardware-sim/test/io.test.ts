import { expect, it } from 'vitest';
import { createDigitalClass, createPwmClass, PinBus, VirtualClock } from '../src/index.js';
import { digitalContract } from './contracts/digital.contract.js';
import { pwmContract } from './contracts/pwm.contract.js';

function simBus(): { clock: VirtualClock; bus: PinBus } {
  const clock = new VirtualClock({ start: 0 });
  const bus = new PinBus({ now: () => clock.now() });
  bus.timers = clock.group();
  return { clock, bus };
}

pwmContract('SimPWM', () => {
  const { bus } = simBus();
  return { PWM: createPwmClass(bus), pin: 25, invalidPin: 6, inputOnlyPin: 34, observe: (pin) => bus.pwmValue(pin) };
});

digitalContract('SimDigital', () => {
  const { clock, bus } = simBus();
  return {
    Digital: createDigitalClass(bus),
    outputPin: 26,
    inputPin: 34,
    invalidPin: 40,
    inputOnlyPin: 35,
    driveInput: (level) => bus.setInput(34, level),
    settle: async () => { clock.advance(0); },
  };
});

it('SimPWM records every write with its virtual time in the board trace', () => {
  const { clock, bus } = simBus();
  const PWM = createPwmClass(bus);
  const pwm = new PWM({ pin: 25 });
  pwm.write(1023);
  clock.advance(500);
  pwm.write(511);
  expect(bus.trace.toArray()).toEqual([
    { t: 0, pin: 25, value: 1023, resolution: 10 },
    { t: 500, pin: 25, value: 511, resolution: 10 },
  ]);
  expect(bus.duty(25)).toBeCloseTo(511 / 1023, 12);
  pwm.close();
  expect(bus.duty(25)).toBeUndefined();
});

it('IO objects made before a power cut are inert afterwards', () => {
  const { bus } = simBus();
  const pwm = new (createPwmClass(bus))({ pin: 25 });
  pwm.write(100);
  bus.powerDown();
  pwm.write(200);
  expect(bus.pwmValue(25)).toBeUndefined();
  // the pin is free for the next boot's firmware
  const again = new (createPwmClass(bus))({ pin: 25 });
  again.write(7);
  expect(bus.pwmValue(25)).toBe(7);
});
