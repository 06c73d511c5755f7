import { defineProject } from 'vitest/config';
import { UNIT_LIMITS } from '../vitest.shared.js';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    // Builds the device-conditions host (issue 12) once per change of its sources, before any worker starts.
    globalSetup: ['./scripts/devhost-setup.ts'],
    name: 'hardware-sim',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    ...UNIT_LIMITS,
  },
});
