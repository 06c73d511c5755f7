/** Constant light output scenarios with the firmware on the node host; the scenarios are in clo.scenarios.ts. */
import { cloScenarios } from './clo.scenarios.js';

cloScenarios('node');
