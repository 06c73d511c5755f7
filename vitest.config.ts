import { defineConfig } from 'vitest/config';

// One vitest run covers every package; each package has its own project config so that
// `pnpm --filter <pkg> test` works too. The `@streetlight/source` condition makes workspace
// packages resolve to their TypeScript sources, so tests never need a build first.
export default defineConfig({
  test: {
    projects: ['protocol', 'firmware', 'hardware-sim', 'fleet-server', 'tests'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
