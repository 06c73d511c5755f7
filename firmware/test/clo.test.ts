/** Constant light output (src/clo.ts): the lumen-maintenance curve, the drive factor, the config's bounds and the saving count. */
import { describe, expect, it } from 'vitest';
import { Clo, cloFigure, cloProblem, driveFactor, fluxFraction, SAVE_EVERY_MS } from '../src/clo.js';

const L80 = { lxxPct: 80, ratedH: 100_000, offsetH: 0 };

describe('constant light output', () => {
  it('follows the exponential lumen maintenance through Lxx at the rated hours', () => {
    expect(fluxFraction(L80, 0)).toBe(1);
    expect(fluxFraction(L80, 100_000)).toBeCloseTo(0.8, 12);
    expect(fluxFraction(L80, 50_000)).toBeCloseTo(Math.sqrt(0.8), 12);
    // The drive starts at the maintained flux, reaches the plan level at H, goes above it past H.
    expect(driveFactor(L80, 0)).toBeCloseTo(0.8, 12);
    expect(driveFactor(L80, 100_000)).toBeCloseTo(1, 12);
    expect(driveFactor(L80, 150_000)).toBeGreaterThan(1);
    // Light delivered = drive × flux fraction = MF at every age.
    for (const h of [0, 10_000, 60_000, 99_999]) expect(driveFactor(L80, h) * fluxFraction(L80, h)).toBeCloseTo(0.8, 12);
  });

  it('takes both figures or neither, within bounds', () => {
    expect(cloProblem({})).toBeUndefined();
    expect(cloFigure({})).toBeUndefined();
    expect(cloProblem({ cloLxxPct: 80 })).toMatch(/clo_rated_h/);
    expect(cloProblem({ cloRatedH: 50_000 })).toMatch(/clo_lxx_pct/);
    expect(cloProblem({ cloLxxPct: 49, cloRatedH: 50_000 })).toMatch(/clo_lxx_pct/);
    expect(cloProblem({ cloLxxPct: 80, cloRatedH: 999 })).toMatch(/clo_rated_h/);
    expect(cloProblem({ ledHoursOffset: 1_000_001 })).toMatch(/led_hours_offset/);
    expect(cloFigure({ cloLxxPct: 70, cloRatedH: 60_000, ledHoursOffset: 5 })).toEqual({ lxxPct: 70, ratedH: 60_000, offsetH: 5 });
  });

  it('counts the energy not drawn, keeps it every hour of burning, and counts nothing past the rated life', () => {
    const saved: number[] = [];
    const clo = new Clo(1000, (mwh) => saved.push(mwh));
    clo.configure({ cloLxxPct: 80, cloRatedH: 100_000 });
    clo.burning(0);
    expect(clo.factor).toBeCloseTo(0.8, 12);
    clo.account(8000, 60_000); // 8 Wh drawn at f = 0.8: 2 Wh not drawn
    expect(clo.savedMwh).toBe(3000);
    expect(saved).toEqual([]);
    clo.account(4, SAVE_EVERY_MS); // an hour of burning since the last write: kept
    expect(saved).toEqual([3001]);
    expect(clo.status()).toEqual({ drivePermille: 800, ledHours: 0, savedMwh: 3001 });
    clo.configure({ cloLxxPct: 80, cloRatedH: 100_000, ledHoursOffset: 120_000 });
    clo.burning(0);
    expect(clo.factor).toBeGreaterThan(1);
    clo.account(8000, 60_000);
    expect(clo.savedMwh).toBe(3001);
    clo.configure({});
    expect(clo.active).toBe(false);
    expect(clo.status()).toBeUndefined();
  });
});
