import { defineConfig } from 'vite';

// Served by the API at /console (apps/back-office-api/src/console/console-assets.ts); no dev server is needed.
export default defineConfig({
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 1024 },
});
