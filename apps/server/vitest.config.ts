import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { resolveWorkspaceSources, tierInclude } from '../../vitest.shared';

// SWC instead of esbuild: NestJS dependency injection needs emitDecoratorMetadata.
export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  ...resolveWorkspaceSources,
  test: {
    include: tierInclude(),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Integration tests share one PostgreSQL server and spawn servers of their own.
    fileParallelism: process.env.TIER === 'unit' || !process.env.TIER,
  },
});
