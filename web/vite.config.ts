import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app. `vite` serves it on :5173 and forwards /api to the API on :3000; `vite build` writes
 * web/dist, which the API serves in production. The logic-tree editor (React Flow) is lazy-loaded
 * from features/logic-tree so the entry chunk stays small.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 700,
  },
});
