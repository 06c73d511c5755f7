/** DALI-2 / D4i scenarios with the firmware on the node host; the scenarios are in d4i.scenarios.ts. */
import { d4iScenarios } from './d4i.scenarios.js';

d4iScenarios('node');
