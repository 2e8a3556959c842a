import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { tierInclude } from '../../vitest.shared';

export default defineConfig({
  plugins: [react()],
  test: {
    include: tierInclude(),
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 20_000,
  },
});
