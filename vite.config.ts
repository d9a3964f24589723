import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one build for Electron (loaded from file://, hence a relative base) and the browser.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  server: { port: Number(process.env.PORT ?? 5178) },
});
