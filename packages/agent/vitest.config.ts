import { defineConfig } from 'vitest/config';
import { tierInclude } from '../../vitest.shared';

export default defineConfig({
  resolve: { conditions: ['source'] },
  test: { include: tierInclude(), testTimeout: 60_000, hookTimeout: 120_000 },
});
