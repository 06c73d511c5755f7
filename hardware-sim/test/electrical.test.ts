import { describe, expect, it } from 'vitest';
import type { Host } from '../../firmware/src/host.js';
import { driverInputPowerW, ledFluxFraction, LuminaireElectrical, SimBoard, VirtualClock } from '../src/index.js';

const H = 3_600_000;

describe('LED driver model', () => {
  const spec = { nominalW: 36 };

  it('is nominal at 100 %, standby when dark, dark below the 10 % minimum', () => {
    expect(driverInputPowerW(spec, 1)).toBeCloseTo(36, 12);
    expect(driverInputPowerW(spec, 0)).toBe(0.4);
    expect(driverInputPowerW(spec, 0.099)).toBe(0.4);
    expect(driverInputPowerW(spec, 0.1)).toBeGreaterThan(0.4);
  });

  it('is strictly increasing above the minimum and less efficient at low levels', () => {
    let previous = 0;
    for (let l = 0.1; l <= 1.0001; l += 0.01) {
      const p = driverInputPowerW(spec, l);
      expect(p).toBeGreaterThan(previous);
      previous = p;
    }
    // watts per unit of light are higher at 20 % than at 100 %
    expect((driverInputPowerW(spec, 0.2) - 0.4) / 0.2).toBeGreaterThan(driverInputPowerW(spec, 1) - 0.4);
  });

  it('integrates energy exactly over piecewise-constant power (hand computation)', () => {
    const clock = new VirtualClock({ start: 0 });
    const e = new LuminaireElectrical(spec, () => clock.now());
    e.update({ powered: true, level: 1 }); //          0–1 h: 36 W
    clock.advance(H);
    e.update({ powered: true, level: 0.5 }); //        1–3 h: 0.4 + 35.6 × 0.5 / (1 − 0.15 × 0.5)
    clock.advance(2 * H);
    e.update({ powered: true, level: 0.05 }); //       3–4 h: dark, standby 0.4 W
    clock.advance(H);
    e.update({ powered: false, level: 0.05 }); //      4–5 h: relay open, 0 W
    clock.advance(H);
    const half = 0.4 + (35.6 * 0.5) / 0.925;
    expect(e.energyWh()).toBeCloseTo(36 + 2 * half + 0.4, 9);
    expect(e.powerW()).toBe(0);
  });

  it('supplies 230 V with a configurable deviation and a current consistent with P', () => {
    const clock = new VirtualClock({ start: 0 });
    const e = new LuminaireElectrical(spec, () => clock.now(), { deviationPct: -5 });
    expect(e.voltage()).toBeCloseTo(218.5, 9);
    e.update({ powered: true, level: 1 });
    expect(e.currentA()).toBeCloseTo(36 / (218.5 * 0.95), 9);
  });
});

describe('board electrical ground truth', () => {
  it('follows PWM writes and the relay of the firmware over virtual time', () => {
    const clock = new VirtualClock({ start: 0 });
    const firmware = (host: Host): { stop(): void } => {
      const { PWM, Digital } = host.device.io;
      if (!Digital || host.device.pin.relay === undefined) throw new Error('needs relay');
      const pwm = new PWM({ pin: host.device.pin.dim });
      const relay = new Digital({ pin: host.device.pin.relay, mode: Digital.Output });
      relay.write(1);
      pwm.write(1023);
      host.timers.set(() => pwm.write(512), H);
      host.timers.set(() => relay.write(0), 3 * H);
      return { stop() {} };
    };
    const board = new SimBoard({ clock, deviceId: 'T1', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, nominalW: 60, firmware });
    board.powerOn();
    expect(board.powerW()).toBeCloseTo(60, 9);
    clock.advance(4 * H);
    const d = 512 / 1023;
    const p2 = 0.4 + (59.6 * d) / (1 - 0.15 * (1 - d));
    expect(board.energyWh()).toBeCloseTo(60 + 2 * p2, 9);
    expect(board.pwmTrace.map((e) => [e.t, e.value])).toEqual([[0, 1023], [H, 512]]);
    expect(board.relayClosed).toBe(false);
    expect(board.levelPct).toBe(0);
  });

  it('without a relay, an undriven 1–10 V line means full light', () => {
    const clock = new VirtualClock({ start: 0 });
    const board = new SimBoard({
      clock, deviceId: 'T2', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, nominalW: 24,
      pins: { dim: 25 }, firmware: () => ({ stop() {} }),
    });
    board.powerOn();
    expect(board.levelPct).toBe(100);
    expect(board.powerW()).toBeCloseTo(24, 9);
    board.powerOff();
    expect(board.powerW()).toBe(0);
  });
});

describe('LED luminous output and ageing (issue 17)', () => {
  const led = { lxxPct: 80, ratedH: 100_000 };

  it('loses flux along the exponential lumen-maintenance curve through Lxx at the rated hours', () => {
    expect(ledFluxFraction(led, 0)).toBe(1);
    expect(ledFluxFraction(led, 100_000)).toBeCloseTo(0.8, 12);
    expect(ledFluxFraction(led, 50_000)).toBeCloseTo(Math.sqrt(0.8), 12);
    expect(ledFluxFraction(undefined, 1e6)).toBe(1);
  });

  it('ages only while lit: the hours count time with light, not time powered and dark', () => {
    const clock = new VirtualClock({ start: 0 });
    const e = new LuminaireElectrical({ nominalW: 36, led: { ...led, hours: 50_000 } }, () => clock.now());
    e.update({ powered: true, level: 1 });
    clock.advance(2 * H);
    e.update({ powered: true, level: 0 }); // dark, powered (standby)
    clock.advance(5 * H);
    e.update({ powered: true, level: 0.5 });
    clock.advance(H);
    expect(e.ledHours()).toBeCloseTo(50_003, 9);
    expect(e.deliveredLightPct()).toBeCloseTo(50 * ledFluxFraction(led, 50_003), 9);
    e.update({ powered: false, level: 0.5 });
    expect(e.deliveredLightPct()).toBe(0);
  });

  it('refuses an impossible lumen maintenance', () => {
    expect(() => new LuminaireElectrical({ nominalW: 36, led: { lxxPct: 100, ratedH: 1 } }, () => 0)).toThrow(RangeError);
    expect(() => new LuminaireElectrical({ nominalW: 36, led: { lxxPct: 80, ratedH: 0 } }, () => 0)).toThrow(RangeError);
  });
});
