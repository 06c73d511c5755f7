import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    name: 'tests',
    // chaos/ (issue 5's month of power cuts, drops and kills) runs only with CHAOS=1: `pnpm test:chaos`.
    include: ['e2e/**/*.test.ts', 'scenarios/**/*.test.ts', 'lint/**/*.test.ts', ...(process.env.CHAOS ? ['chaos/**/*.test.ts'] : [])],
    // End-to-end suites start servers and brokers: give them room, run files one at a time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
