/** DALI-2 / D4i scenarios with the firmware preloaded on the device-conditions host (memory, stack and compute printed per scenario); the scenarios are in d4i.scenarios.ts. */
import { d4iScenarios } from './d4i.scenarios.js';

d4iScenarios('device');
