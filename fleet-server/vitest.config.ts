import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@streetlight/source'] },
  ssr: { resolve: { conditions: ['@streetlight/source'] } },
  test: {
    name: 'fleet-server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
