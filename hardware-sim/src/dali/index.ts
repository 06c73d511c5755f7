/**
 * Issue 17: a luminaire with a DALI-2 / D4i LED driver. `SimDali` holds the gear (gear.ts) and the interface between
 * the board's UART and the DALI bus (interface.ts), on the pins DALI_PINS (`pin.daliTx` → interface RX, `pin.daliRx`
 * ← interface TX).
 */
import { SimDaliGear, type SimDaliGearOptions } from './gear.js';
import { SimDaliInterface } from './interface.js';

/** UART pins of the DALI interface (ESP32 GPIOs free on the controller board; UART 2). */
export const DALI_PINS = Object.freeze({ daliTx: 21, daliRx: 22 });

/** A board's `dali` option: the gear's identity, past and environment (the line and clock come from the board). */
export type SimDaliOptions = Omit<SimDaliGearOptions, 'line' | 'now' | 'onChange'>;

export class SimDali {
  readonly gear: SimDaliGear;
  readonly interface: SimDaliInterface;

  constructor(options: SimDaliGearOptions & { random: () => number }) {
    const { random, ...gear } = options;
    this.gear = new SimDaliGear(gear);
    this.interface = new SimDaliInterface({ gear: this.gear, now: options.now, random });
  }

  /** LED module open circuit (the LEDs fail): dark, standby power, lamp failure in STATUS, 207 and bank 206. */
  setLedOpen(on: boolean): void { this.gear.setFault('ledOpen', on); }
  /** The driver overheats (blocked cooling): +60 °C by default (`gear.overTemperatureC`): thermal derating. */
  setOverTemperature(on: boolean): void { this.gear.setFault('overTemperature', on); }
  /** Bus power lost or back. */
  setBusPower(on: boolean): void { this.interface.setBusPower(on); }
}

export { SimDaliGear, DEFAULT_D4I_INFO, THERMAL_DERATING_C, THERMAL_SHUTDOWN_C, DERATED_FRACTION, type D4iLuminaireInfo, type SimDaliGearOptions } from './gear.js';
export { SimDaliInterface, type SimDaliInterfaceOptions } from './interface.js';
