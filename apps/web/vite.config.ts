import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev` proxies the API to a running server (BOOTFLEET_API_URL, default the server's port 8080).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { '/api': { target: process.env.BOOTFLEET_API_URL ?? 'http://localhost:8080', changeOrigin: true } },
  },
});
