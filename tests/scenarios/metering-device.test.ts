/**
 * Metering scenarios (issue 5) with the firmware preloaded on the device-conditions host (issue 12); the scenarios
 * are in metering.scenarios.ts. Memory, stack and compute are printed per scenario.
 */
import { meteringScenarios } from './metering.scenarios.js';

meteringScenarios('device');
