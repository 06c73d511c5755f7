/**
 * Limits shared by every package's test project (issue 13). Tests wait on conditions, so a limit only decides
 * how long a broken test takes to fail: they are set for a loaded 2-core machine (CI runs beside other work),
 * and SL_TEST_TIME_SCALE multiplies them for a slower one (e.g. `SL_TEST_TIME_SCALE=3` under valgrind).
 */
const scale = Math.max(1, Number(process.env.SL_TEST_TIME_SCALE) || 1);

/** Per test and per hook, ms: unit suites (no server, no broker, no XS engine). */
export const UNIT_LIMITS = { testTimeout: 30_000 * scale, hookTimeout: 60_000 * scale } as const;

/** Per test and per hook, ms: suites that start servers, brokers, XS engines or a browser. */
export const SYSTEM_LIMITS = { testTimeout: 120_000 * scale, hookTimeout: 180_000 * scale } as const;
