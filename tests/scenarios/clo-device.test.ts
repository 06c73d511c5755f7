/** Constant light output scenarios with the firmware preloaded on the device-conditions host (memory, stack and compute printed per scenario); the scenarios are in clo.scenarios.ts. */
import { cloScenarios } from './clo.scenarios.js';

cloScenarios('device');
