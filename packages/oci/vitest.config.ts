import { defineConfig } from 'vitest/config';
import { resolveWorkspaceSources, tierInclude } from '../../vitest.shared';

export default defineConfig({
  ...resolveWorkspaceSources,
  test: { include: tierInclude(), testTimeout: 60_000, hookTimeout: 120_000 },
});
