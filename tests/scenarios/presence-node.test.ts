/** Presence on demand scenarios with the firmware on the node host; the scenarios are in presence.scenarios.ts. */
import { presenceScenarios } from './presence.scenarios.js';

presenceScenarios('node');
