import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The web app lives in web/; the production server serves dist/web with an SPA fallback and
 * answers /api/* on the same origin. In development `vite` proxies /api to the API server.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // scripts/bundle-budget.mjs reads .vite/manifest.json to measure what each route loads.
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      treeshake: {
        // antd's @rc-component/* packages declare no `sideEffects`, so a single context import
        // (e.g. antd's ContextIsolator → FormProvider) would pull in the whole of @rc-component/form
        // and its validator. They are plain component libraries with no import-time effects.
        moduleSideEffects: [{ test: /[\\/]node_modules[\\/]@rc-component[\\/]/, sideEffects: false }],
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: process.env.API_ORIGIN ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: process.env.API_ORIGIN ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
