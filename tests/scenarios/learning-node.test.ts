/** Frugal learning scenarios with the firmware on Node; the scenarios are in learning.scenarios.ts. */
import { learningScenarios } from './learning.scenarios.js';

learningScenarios('node');
