import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package has its own project config so that
// `pnpm --filter <pkg> test` works too. The `@streetlight/source` condition makes workspace
// packages resolve to their TypeScript sources, so tests never need a build first.
export default defineConfig({
  test: {
    projects: ['protocol', 'firmware', 'hardware-sim', 'fleet-server', 'tests'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Two test files at a time at least: vitest's default (one less than the cores) is one on a 2-core machine,
    // where the suites mostly wait on brokers, databases, XS engines and the browser. VITEST_MAX_WORKERS overrides.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS) || Math.max(2, availableParallelism()),
  },
});
