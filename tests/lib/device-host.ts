/**
 * The scenario suites' check of boards on the device-conditions host (issue 12, `runtime: 'device'`): after each
 * scenario, no board's engine aborted (memory full, stack overflow, a stripped built-in…: an `XsAbortError`, a
 * panic reboot on the board), the firmware stayed within the device heap, and the scenario's memory and compute
 * figures are printed.
 */
import { expect } from 'vitest';
import { resetDeviceLedger, XsAbortError, type SimBoard } from '@streetlight/hardware-sim';
import { deviceScenarioReport } from '@streetlight/hardware-sim/testing';

/** Forgets what earlier scenarios ran (call before a scenario). */
export function startDeviceScenario(): void {
  resetDeviceLedger();
}

/** Checks and reports a scenario that ran boards on the device-conditions host (call after it, before disposing). */
export function endDeviceScenario(boards: Iterable<SimBoard>): void {
  for (const b of boards) {
    if (b.lastException instanceof XsAbortError) throw new Error(`${b.deviceId}: the device-conditions host aborted: ${b.lastException.message}`);
  }
  const { line } = deviceScenarioReport(expect.getState().currentTestName ?? 'scenario');
  console.log(line);
}
