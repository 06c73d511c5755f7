/** Presence on demand scenarios with the firmware bundle inside the real XS engine; the scenarios are in presence.scenarios.ts. */
import { presenceScenarios } from './presence.scenarios.js';

presenceScenarios('xs');
