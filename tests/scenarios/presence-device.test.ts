/** Presence on demand scenarios with the firmware preloaded on the device-conditions host (memory, stack and compute printed per scenario); the scenarios are in presence.scenarios.ts. */
import { presenceScenarios } from './presence.scenarios.js';

presenceScenarios('device');
