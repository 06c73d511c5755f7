import { defineProject } from 'vitest/config';
import { SYSTEM_LIMITS } from '../vitest.shared.js';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    name: 'fleet-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Most suites start a server with its embedded broker and a database (SQLite or PostgreSQL).
    ...SYSTEM_LIMITS,
  },
});
