import { describe, expect, it } from 'vitest';
import type { Host, SerialIO } from '../../firmware/src/host.js';
import {
  B205_SUPPLY_V, B205_TEMPERATURE, B205_THERMAL_DERATING, B205_UNDERVOLTAGE, B206_CURRENT, B206_OPEN, BANK202, BANK205, BANK206,
  DALI_BROADCAST_CMD, DALI_BROADCAST_DAPC, DALI_DEVICE_TYPE_LED, DALI_DT6_QUERY_FAILURE_STATUS, DALI_DTR0, DALI_DTR1,
  DALI_ENABLE_DEVICE_TYPE, DALI_FORWARD_MS, DALI_QUERY_ACTUAL_LEVEL, DALI_QUERY_GEAR_PRESENT, DALI_QUERY_STATUS,
  DALI_READ_MEMORY_LOCATION, DALI_REPLY_WINDOW_MS, DALI_UART_BAUD, DT6_OPEN_CIRCUIT, DT6_THERMAL_OVERLOAD, IF_ANSWER,
  IF_BUS_FAULT, IF_FRAMING_ERROR, IF_NO_ANSWER, IF_QUERY, IF_SEND, STATUS_LAMP_FAILURE, arcForFraction, fractionForArc,
} from '../../firmware/src/dali/frames.js';
import { SimBoard, VirtualClock, driverInputPowerW } from '../src/index.js';
import { daliGearContract, type DaliFixture } from './contracts/dali-gear.contract.js';

/** A board with a D4i driver and a firmware that only holds the DALI interface's UART. */
function rig(options: ConstructorParameters<typeof SimBoard>[0]['dali'] = true, extra: Partial<ConstructorParameters<typeof SimBoard>[0]> = {}): DaliFixture & {
  board: SimBoard; clock: VirtualClock; answeredAt: () => number; readBank(bank: number, count: number): Promise<number[]>;
} {
  const clock = new VirtualClock();
  let serial: SerialIO | undefined;
  const rx: number[] = [];
  let landed = 0;
  const firmware = (host: Host): { stop(): void } => {
    const Serial = host.device.io.Serial;
    if (!Serial) throw new Error('no Serial');
    serial = new Serial({
      transmit: host.device.pin.daliTx as number, receive: host.device.pin.daliRx as number, baud: DALI_UART_BAUD, port: 2, format: 'buffer',
      onReadable() {
        landed = clock.now();
        const b = this.read() as ArrayBuffer;
        rx.push(...new Uint8Array(b));
      },
    });
    return { stop() { serial?.close(); } };
  };
  const board = new SimBoard({ clock, deviceId: 'SRL-DALI-001', tenant: 'sarlat', mqtt: { host: '127.0.0.1', port: 1 }, firmware, dali: options, nominalW: 36, pins: { dim: 25 }, ...extra }); // no relay: the driver is supplied whenever the board is
  board.powerOn();
  const transact = async (kind: number, frame: number): Promise<[number, number]> => {
    rx.length = 0;
    (serial as SerialIO).write(Uint8Array.of(kind, frame >> 8, frame & 0xff).buffer);
    for (let i = 0; i < 100 && rx.length < 2; i++) clock.advance(5);
    if (rx.length < 2) throw new Error('the interface did not answer');
    return [rx[0] as number, rx[1] as number];
  };
  const f = {
    board, clock, transact,
    answeredAt: () => landed,
    async powerCycle() { board.powerCycle(0); },
    async readBank(bank: number, count: number): Promise<number[]> {
      await transact(IF_SEND, (DALI_DTR1 << 8) | bank);
      await transact(IF_SEND, DALI_DTR0 << 8);
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        const [s, d] = await transact(IF_QUERY, (DALI_BROADCAST_CMD << 8) | DALI_READ_MEMORY_LOCATION);
        out.push(s === IF_ANSWER ? d : -1);
      }
      return out;
    },
  };
  return f;
}

const be = (b: number[], at: number, n: number): number => b.slice(at, at + n).reduce((v, x) => v * 256 + x, 0);
const cmd = (op: number): number => (DALI_BROADCAST_CMD << 8) | op;

daliGearContract('simulated D4i driver on a SimBoard', () => rig());

describe('simulated DALI-2 / D4i driver', () => {
  it("DALI's logarithmic curve: arc 1 is 0.1 %, 254 is 100 %, 171 about 10 %; arcForFraction is its inverse", () => {
    expect(fractionForArc(1)).toBeCloseTo(0.001, 6);
    expect(fractionForArc(254)).toBeCloseTo(1, 6);
    expect(fractionForArc(171)).toBeCloseTo(0.1, 2);
    for (const arc of [1, 2, 50, 86, 128, 200, 253, 254]) expect(arcForFraction(fractionForArc(arc))).toBe(arc);
    expect(arcForFraction(0)).toBe(0);
  });

  it("the luminaire's power follows the arc level by the log curve, and the gear's energy counter follows the power", async () => {
    const f = rig();
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 254);
    expect(f.board.powerW()).toBeCloseTo(36, 6);
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 200);
    const spec = f.board.electrical.spec;
    expect(f.board.powerW()).toBeCloseTo(driverInputPowerW(spec, fractionForArc(200)), 6);
    expect(f.board.levelPct).toBeCloseTo(fractionForArc(200) * 100, 6);
    const e0 = be(await f.readBank(BANK202, 0x10), 5, 6);
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 254);
    f.clock.advance(3_600_000);
    const b202 = await f.readBank(BANK202, 0x10);
    expect(be(b202, 5, 6) - e0).toBeGreaterThanOrEqual(35);
    expect(be(b202, 5, 6) - e0).toBeLessThanOrEqual(37);
    expect(be(b202, 0x0c, 4)).toBe(360); // 0.1 W × 10^-1 scale: 36.0 W
    await f.transact(IF_SEND, cmd(0));
    expect(f.board.powerW()).toBeCloseTo(0.4, 6); // standby
  });

  it('an open LED: dark at standby power, lamp failure in QUERY STATUS, open circuit in 207 and bank 206 (counted); repaired, it lights again', async () => {
    const f = rig();
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 254);
    f.board.dali?.setLedOpen(true);
    expect(f.board.powerW()).toBeCloseTo(0.4, 6);
    expect((await f.transact(IF_QUERY, cmd(DALI_QUERY_STATUS)))[1] & STATUS_LAMP_FAILURE).toBe(STATUS_LAMP_FAILURE);
    await f.transact(IF_SEND, (DALI_ENABLE_DEVICE_TYPE << 8) | DALI_DEVICE_TYPE_LED);
    expect((await f.transact(IF_QUERY, cmd(DALI_DT6_QUERY_FAILURE_STATUS)))[1] & DT6_OPEN_CIRCUIT).toBe(DT6_OPEN_CIRCUIT);
    let b206 = await f.readBank(BANK206, 0x21);
    expect(b206[B206_OPEN]).toBe(1);
    expect(b206[B206_OPEN + 1]).toBe(1);
    expect(be(b206, B206_CURRENT, 2)).toBe(0);
    f.board.dali?.setLedOpen(false);
    expect(f.board.powerW()).toBeCloseTo(36, 6);
    b206 = await f.readBank(BANK206, 0x21);
    expect(b206[B206_OPEN]).toBe(0);
    expect(b206[B206_OPEN + 1]).toBe(1); // the counter keeps the occurrence
    expect(be(b206, B206_CURRENT, 2)).toBe(700);
  });

  it('over-temperature: the driver derates to 70 % (bank 205 flag, temperature, 207 thermal overload)', async () => {
    const f = rig();
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 254);
    const cool = await f.readBank(BANK205, 0x1d);
    expect((cool[B205_TEMPERATURE] as number) - 60).toBe(45); // 15 °C ambient + 30 °C at full load
    f.board.dali?.setOverTemperature(true);
    const hot = await f.readBank(BANK205, 0x1d);
    expect((hot[B205_TEMPERATURE] as number) - 60).toBeGreaterThanOrEqual(85);
    expect(hot[B205_THERMAL_DERATING]).toBe(1);
    expect(f.board.levelPct).toBeCloseTo(70, 6);
    await f.transact(IF_SEND, (DALI_ENABLE_DEVICE_TYPE << 8) | DALI_DEVICE_TYPE_LED);
    expect((await f.transact(IF_QUERY, cmd(DALI_DT6_QUERY_FAILURE_STATUS)))[1] & DT6_THERMAL_OVERLOAD).toBe(DT6_THERMAL_OVERLOAD);
  });

  it('supply undervoltage: bank 205 reads the supply and flags it below 90 % of the luminaire\'s minimum mains', async () => {
    const f = rig();
    let b205 = await f.readBank(BANK205, 0x1d);
    expect(be(b205, B205_SUPPLY_V, 2)).toBe(2300);
    expect(b205[B205_UNDERVOLTAGE]).toBe(0);
    f.board.electrical.setVoltageDeviation(-20);
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 100); // the gear accounts at its next frame
    b205 = await f.readBank(BANK205, 0x1d);
    expect(be(b205, B205_SUPPLY_V, 2)).toBe(1840);
    expect(b205[B205_UNDERVOLTAGE]).toBe(1);
    expect(b205[B205_UNDERVOLTAGE + 1]).toBe(1);
  });

  it("counts its past: operating time and starts from the gear's options, plus the board's time on", async () => {
    const f = rig({ past: { operatingH: 1000, starts: 10, energyWh: 5000, ledOnH: 900 } });
    f.clock.advance(3_600_000);
    const b205 = await f.readBank(BANK205, 0x1d);
    expect(be(b205, 4, 4)).toBe(1001 * 3600);
    expect(be(b205, 8, 3)).toBe(11);
    const b206 = await f.readBank(BANK206, 0x21);
    // Lit at its power-on level the whole hour (and the few seconds reading bank 205 took).
    expect(be(b206, 0x0e, 4)).toBeGreaterThanOrEqual(901 * 3600);
    expect(be(b206, 0x0e, 4)).toBeLessThan(901 * 3600 + 10);
    expect(be(await f.readBank(BANK202, 0x10), 5, 6)).toBe(5036);
  });

  it('bus timing: an answer after the forward frame and the backward frame; NO after the reply window', async () => {
    const f = rig();
    const t0 = f.clock.now();
    await f.transact(IF_QUERY, cmd(DALI_QUERY_GEAR_PRESENT));
    const answer = f.answeredAt() - t0;
    expect(answer).toBeGreaterThanOrEqual(DALI_FORWARD_MS + 5.5 + 9.17);
    expect(answer).toBeLessThanOrEqual(13.5 + DALI_FORWARD_MS + 10.5 + 9.17 + 5);
    const t1 = f.clock.now();
    await f.transact(IF_QUERY, cmd(0x9b)); // QUERY PHYSICAL MINIMUM: not modelled, no answer
    expect(f.answeredAt() - t1).toBeGreaterThanOrEqual(DALI_FORWARD_MS + DALI_REPLY_WINDOW_MS);
  });

  it('fault injection: noise and collisions corrupt backward frames; without bus power: bus fault and the gear at its system failure level', async () => {
    const f = rig();
    const dali = f.board.dali;
    if (!dali) throw new Error('no dali');
    dali.interface.noise = 1;
    expect((await f.transact(IF_QUERY, cmd(DALI_QUERY_ACTUAL_LEVEL)))[0]).toBe(IF_FRAMING_ERROR);
    dali.interface.noise = 0;
    dali.interface.collision = true;
    expect((await f.transact(IF_QUERY, cmd(DALI_QUERY_ACTUAL_LEVEL)))[0]).toBe(IF_FRAMING_ERROR);
    dali.interface.collision = false;
    await f.transact(IF_SEND, (DALI_BROADCAST_DAPC << 8) | 100);
    dali.setBusPower(false);
    expect(await f.transact(IF_QUERY, cmd(DALI_QUERY_ACTUAL_LEVEL))).toEqual([IF_BUS_FAULT, 0]);
    expect(dali.gear.arc).toBe(254);
    expect(f.board.levelPct).toBeCloseTo(100, 6);
    dali.setBusPower(true);
    expect(await f.transact(IF_QUERY, cmd(DALI_QUERY_ACTUAL_LEVEL))).toEqual([IF_ANSWER, 254]);
    dali.interface.dead = true;
    await expect(f.transact(IF_QUERY, cmd(DALI_QUERY_ACTUAL_LEVEL))).rejects.toThrow(/did not answer/);
    expect(IF_NO_ANSWER).toBe(0x4e);
  });
});
