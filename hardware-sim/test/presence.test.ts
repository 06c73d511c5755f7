/**
 * The presence sensor and the street traffic model (src/presence.ts): what a firmware sees on its Digital input
 * when people move along a street of poles — edges at the instants they enter a pole's range and (plus the
 * sensor's own output time) leave it, misses and false triggers drawn reproducibly from the seed.
 */
import { describe, expect, it } from 'vitest';
import type { DigitalIO, Host } from '../../firmware/src/host.js';
import { PRESENCE_PIN, SimBoard, SimStreet, TRAFFIC_SPEEDS, VirtualClock } from '../src/index.js';

/** A board whose firmware only records the presence input's edges, as the real one reads them (ECMA-419 Digital). */
function sensorBoard(clock: VirtualClock, id: string, edges: Array<{ t: number; level: number }>): SimBoard {
  const b = new SimBoard({
    clock, deviceId: id, tenant: 'sarlat', mqtt: { host: '127.0.0.1', port: 1 }, presenceSensor: true, provisioned: false,
    firmware: (host: Host) => {
      const D = host.device.io.Digital!;
      const io: DigitalIO = new D({
        pin: host.device.pin.presence!, mode: D.Input, edge: D.Rising + D.Falling,
        onReadable() { edges.push({ t: host.clock.ticks(), level: this.read() }); },
      });
      return { stop() { io.close(); } };
    },
  });
  b.powerOn();
  return b;
}

describe('presence sensor and street traffic', () => {
  it('the sensor is an input on pin.presence, only on boards made with it', () => {
    const clock = new VirtualClock();
    let pins: Host['device']['pin'] | undefined;
    const plain = new SimBoard({ clock, deviceId: 'P-0', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, provisioned: false, firmware: (h) => { pins = h.device.pin; return { stop() {} }; } });
    plain.powerOn();
    expect(pins?.presence).toBeUndefined();
    expect(plain.presenceSensor).toBeUndefined();
    const edges: Array<{ t: number; level: number }> = [];
    const b = sensorBoard(clock, 'P-1', edges);
    expect(b.presenceSensor?.pin).toBe(PRESENCE_PIN);
    plain.dispose();
    b.dispose();
  });

  it('a pedestrian reaches each pole at 1.4 m/s: edges when entering the range and 2 s after leaving it', () => {
    const clock = new VirtualClock();
    const edges = [[], [], []] as Array<Array<{ t: number; level: number }>>;
    const boards = edges.map((e, i) => sensorBoard(clock, `P-${i}`, e));
    const street = new SimStreet({ clock, poles: boards.map((board, i) => ({ board, x: 30 * i })), rangeM: 8 });
    const t0 = clock.now();
    const walk = street.walk({ kind: 'pedestrian', at: t0 + 1000 });
    clock.advance(120_000);
    // The street starts one range before the first pole: the walker enters its range at once, the next ones every 30 m.
    for (const [i, p] of walk.poles.entries()) {
      expect(p.pole).toBe(i);
      expect(p.enterMs - t0).toBeCloseTo(1000 + ((30 * i) / TRAFFIC_SPEEDS.pedestrian) * 1000, 0);
      expect(p.exitMs - p.enterMs).toBeCloseTo((16 / 1.4) * 1000, 0);
      expect(edges[i]!.map((e) => e.level)).toEqual([1, 0]);
      expect(Math.abs(edges[i]![0]!.t - (p.enterMs - t0))).toBeLessThanOrEqual(1);
      expect(Math.abs(edges[i]![1]!.t - (p.exitMs + 2000 - t0))).toBeLessThanOrEqual(1);
    }
    // The other way round, a car: the last pole first.
    const back = street.walk({ kind: 'car', direction: -1 });
    expect(back.poles.map((p) => p.pole)).toEqual([2, 1, 0]);
    expect(back.poles[1]!.enterMs - back.poles[0]!.enterMs).toBeCloseTo((30 / TRAFFIC_SPEEDS.car) * 1000, 0);
    street.dispose();
    for (const b of boards) b.dispose();
  });

  it('misses, false triggers and traffic are drawn from the seed: the same seed gives the same street', () => {
    const run = (seed: number): string => {
      const clock = new VirtualClock();
      const edges: Array<{ t: number; level: number }> = [];
      const board = sensorBoard(clock, 'P-1', edges);
      const street = new SimStreet({ clock, poles: [{ board, x: 0 }], rangeM: 8, missProbability: 0.2, falseTriggersPerHour: 2, seed });
      const drawn = street.traffic(clock.now(), clock.now() + 6 * 3_600_000, { perHour: { pedestrian: Array(24).fill(10) as number[], car: Array(24).fill(5) as number[] } });
      clock.advance(7 * 3_600_000);
      const missed = drawn.filter((p) => !p.poles[0]!.detected).length;
      // ~90 passers-by, about a fifth missed, ~12 false triggers; every rising edge is a detection or a false trigger.
      expect(drawn.length).toBeGreaterThan(60);
      expect(drawn.length).toBeLessThan(130);
      expect(missed / drawn.length).toBeGreaterThan(0.08);
      expect(missed / drawn.length).toBeLessThan(0.35);
      expect(street.falseTriggers.length).toBeGreaterThan(3);
      const rises = edges.filter((e) => e.level === 1).length;
      expect(rises).toBeLessThanOrEqual(drawn.length - missed + street.falseTriggers.length);
      expect(rises).toBeGreaterThan(0);
      street.dispose();
      board.dispose();
      return JSON.stringify({ drawn: drawn.map((p) => [p.kind, p.startMs, p.poles[0]!.detected]), f: street.falseTriggers, edges });
    };
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
  });

  it('a board without a sensor cannot be on the street', () => {
    const clock = new VirtualClock();
    const board = new SimBoard({ clock, deviceId: 'P-9', tenant: 't', mqtt: { host: '127.0.0.1', port: 1 }, provisioned: false, firmware: () => ({ stop() {} }) });
    expect(() => new SimStreet({ clock, poles: [{ board, x: 0 }] })).toThrow(/no presence sensor/);
  });
});
