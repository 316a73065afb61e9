import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { firstPaintChunk } from './scripts/firstPaintChunk.ts';
import { preactCompat } from './scripts/preactCompat.ts';

export default defineConfig({
  plugins: [react(), firstPaintChunk()],
  // `react` and `react-dom` resolve to `preact/compat` (scripts/preactCompat.ts).
  resolve: { alias: preactCompat },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // The engine and the format are pure (ARCHITECTURE.md): no module acts on import beyond its own
      // state, so one whose exports nothing uses is dropped rather than kept for its "side effects".
      // That keeps the editor's first paint (which opens, edits and compiles workflows) free of the
      // engine's run machinery and the importer's zod schemas: they load with the first run or import.
      treeshake: { moduleSideEffects: [{ test: /\/src\/(engine|format)\//, sideEffects: false }] },
    },
  },
  // sql.js's browser build is UMD: the dev server pre-bundles it into a module with a default export.
  optimizeDeps: { include: ['sql.js'] },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20000,
  },
});
