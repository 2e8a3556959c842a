import { defineConfig } from 'vitest/config';
import { tierInclude } from '../../vitest.shared';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources in tests; tests run in Vite's SSR
  // pipeline, so the condition is needed there too.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { include: tierInclude(), testTimeout: 60_000, hookTimeout: 120_000 },
});
