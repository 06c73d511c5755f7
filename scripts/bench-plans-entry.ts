/** Entry of the XS bundle `pnpm bench:plans` measures: the firmware's own plan evaluation, nothing else. */
export { evaluatePlan } from '../firmware/src/schedule.js';
export { parsePosixTz } from '../firmware/src/tz.js';
