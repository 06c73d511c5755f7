/** Frugal learning scenarios with the firmware preloaded on the device-conditions host (memory, stack and compute printed per scenario); the scenarios are in learning.scenarios.ts. */
import { learningScenarios } from './learning.scenarios.js';

learningScenarios('device');
