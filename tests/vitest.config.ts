import { defineProject } from 'vitest/config';
import { SYSTEM_LIMITS } from '../vitest.shared.js';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    // Builds the device-conditions host (issue 12) once per change of its sources, before any worker starts.
    globalSetup: ['../hardware-sim/scripts/devhost-setup.ts'],
    name: 'tests',
    // chaos/ (issue 5's month of power cuts, drops and kills) runs only with CHAOS=1: `pnpm test:chaos`.
    include: ['e2e/**/*.test.ts', 'scenarios/**/*.test.ts', 'lint/**/*.test.ts', ...(process.env.CHAOS ? ['chaos/**/*.test.ts'] : [])],
    // End-to-end suites start servers, brokers, XS engines and browsers. Files run in parallel with the other
    // projects' (each has its own ports, temp dirs, tenant and PostgreSQL schema; the suites on the machine's
    // Mosquitto take turns through holdSharedResource).
    ...SYSTEM_LIMITS,
  },
});
