/** What a metering chip sees of the board: its own supply and the luminaire line it measures. */
export interface MeteredLine {
  /** Ground-truth energy through the line since the board was created, Wh (exact). */
  energyWh(): number;
  powerW(): number;
  voltage(): number;
  currentA(): number;
  powerFactor(): number;
}

/** Per-chip analog front-end errors and noise (what factory calibration corrects). */
export interface ChipErrors {
  /** Relative gain errors of the voltage, current and power/energy paths (0.02 = +2 %). */
  voltage: number;
  current: number;
  power: number;
  /** Relative standard deviation of instantaneous readings (V, I, P registers / CF1 rates). */
  noise: number;
}

/** Box–Muller normal deviate from a uniform RNG. */
export function gaussian(random: () => number): number {
  const u = Math.max(1e-12, random());
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
