/** Constant light output scenarios with the firmware bundle inside the real XS engine; the scenarios are in clo.scenarios.ts. */
import { cloScenarios } from './clo.scenarios.js';

cloScenarios('xs');
