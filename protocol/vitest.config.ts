import { defineProject } from 'vitest/config';
import { UNIT_LIMITS } from '../vitest.shared.js';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    name: 'protocol',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    ...UNIT_LIMITS,
  },
});
