/** Metering scenarios (issue 5) with the firmware on the node host; the scenarios are in metering.scenarios.ts. */
import { meteringScenarios } from './metering.scenarios.js';

meteringScenarios('node');
