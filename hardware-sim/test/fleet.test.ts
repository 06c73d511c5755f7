import { describe, expect, it } from 'vitest';
import type { Host } from '../../firmware/src/host.js';
import { createTown, distanceM, getTown, LUMINAIRE_CATALOGUE, SimFleet, townInventory, VirtualClock, type FirmwareFactory } from '../src/index.js';

const H = 3_600_000;

/** Relay on and 100 % at boot, 50 % after 4 h of operation, a minute tick. */
const simpleFirmware: FirmwareFactory = (host: Host) => {
  const D = host.device.io.Digital;
  if (!D || host.device.pin.relay === undefined) throw new Error('relay needed');
  const relay = new D({ pin: host.device.pin.relay, mode: D.Output });
  const pwm = new host.device.io.PWM({ pin: host.device.pin.dim });
  relay.write(1);
  pwm.write(1023);
  host.timers.set(() => pwm.write(512), 4 * H);
  host.timers.repeat(() => {}, 60_000);
  return { stop() {} };
};

describe('demo town (Sarlat-la-Canéda)', () => {
  const inv = townInventory('sarlat');

  it('has poles with unique stable ids along named streets, 25–35 m apart', () => {
    expect(inv.length).toBeGreaterThan(100);
    expect(new Set(inv.map((p) => p.deviceId)).size).toBe(inv.length);
    for (const p of inv) expect(p.deviceId).toMatch(/^SRL-[A-Z]{3}-\d{3}$/);
    expect(townInventory()).toEqual(inv); // stable
    const town = getTown('sarlat');
    expect(town.tz).toBe('CET-1CEST,M3.5.0,M10.5.0/3');
    for (const p of inv) expect(distanceM(town.centre, p)).toBeLessThan(2500);
    for (let i = 1; i < inv.length; i++) {
      const a = inv[i - 1];
      const b = inv[i];
      if (a === undefined || b === undefined || a.group !== b.group) continue;
      const d = distanceM(a, b);
      // 25–35 m along the axis; poles of avenues alternate sides 14 m apart
      expect(d).toBeGreaterThan(24);
      expect(d).toBeLessThan(39);
    }
    const groups = new Set(inv.map((p) => p.group));
    expect(groups.size).toBeGreaterThanOrEqual(6);
  });

  it('includes a luminaire model that the decree check must flag', () => {
    const main = LUMINAIRE_CATALOGUE['MAIN-60W-4000K'];
    expect(main.cctK).toBeGreaterThan(3000);
    expect(main.ulrPct).toBeGreaterThanOrEqual(1);
    expect(inv.some((p) => p.luminaire.id === 'MAIN-60W-4000K')).toBe(true);
    expect(inv.some((p) => p.luminaire.id === 'ROAD-36W-3000K')).toBe(true);
    expect(inv.some((p) => p.luminaire.id === 'HERITAGE-24W-2700K')).toBe(true);
  });

  it('createTown builds one board per pole, powered off, with its factory config', () => {
    const clock = new VirtualClock();
    const fleet = createTown({ clock, broker: { host: '127.0.0.1', port: 1883 }, tenant: 'sarlat', streets: ['THI'], firmware: simpleFirmware });
    const thiers = inv.filter((p) => p.streetCode === 'THI');
    expect(fleet.size).toBe(thiers.length);
    const b = fleet.get(thiers[0]?.deviceId ?? '');
    expect(b?.identity).toMatchObject({ tenant: 'sarlat', mqtt: { host: '127.0.0.1', port: 1883 } });
    expect(b?.nominalW).toBe(60);
    expect(b?.group).toBe('Avenue Thiers');
    expect(b?.state).toBe('off');
    expect(() => createTown({ clock, broker: { host: 'h', port: 1 }, tenant: 't', count: 100_000 })).toThrow(RangeError);
  });
});

describe('SimFleet', () => {
  it('runs 1,000 boards through a night on one clock; fleet energy is the sum of the boards', async () => {
    const clock = new VirtualClock({ start: 0 });
    const fleet = new SimFleet({ clock, firmware: simpleFirmware, defaults: { tenant: 'load', mqtt: { host: '127.0.0.1', port: 1 } } });
    for (let i = 0; i < 1000; i++) fleet.add({ deviceId: `LOAD-${i}`, tenant: 'load', mqtt: { host: '127.0.0.1', port: 1 }, nominalW: 36, group: `g${i % 4}` });
    await fleet.start({ staggerMs: 10_000 });
    expect(fleet.stats().on).toBe(1);
    clock.advance(10_000);
    expect(fleet.stats().on).toBe(1000);
    clock.advance(12 * H - 10_000);
    const s = fleet.stats();
    expect(s.lit).toBe(1000);
    const d = 512 / 1023;
    const half = 0.4 + (35.6 * d) / (1 - 0.15 * (1 - d));
    // each board: on at i*10 ms, full for 4 h, then half until 12 h
    let expected = 0;
    for (let i = 0; i < 1000; i++) expected += (36 * 4 * H + half * (8 * H - i * 10)) / H;
    expect(s.energyWh).toBeCloseTo(expected, 6);
    expect(Object.keys(s.groups)).toHaveLength(4);
    fleet.stop();
    expect(fleet.stats().powerW).toBe(0);
  });
});
