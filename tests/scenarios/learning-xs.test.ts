/** Frugal learning scenarios with the firmware bundle inside the real XS engine; the scenarios are in learning.scenarios.ts. */
import { learningScenarios } from './learning.scenarios.js';

learningScenarios('xs');
