/** DALI-2 / D4i scenarios with the firmware bundle inside the real XS engine; the scenarios are in d4i.scenarios.ts. */
import { d4iScenarios } from './d4i.scenarios.js';

d4iScenarios('xs');
