import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { firstPaintChunk } from './scripts/firstPaintChunk.ts';

/**
 * The page renders with Preact's React-compatible layer instead of React (issue 10's first paint:
 * react-dom alone was ≈ 40 kB gzip of the first-paint chunk). The code and its libraries
 * (@xyflow/react, zustand, CodeMirror's React wrapper, TanStack Virtual) keep importing `react`; the
 * build, the dev server and the tests resolve those imports to `preact/compat`. Types stay React's.
 */
const preact = dirname(createRequire(import.meta.url).resolve('preact/package.json'));
const preactCompat = [
  { find: /^react-dom\/client$/, replacement: join(preact, 'compat/client.mjs') },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: join(preact, 'jsx-runtime/dist/jsxRuntime.mjs') },
  { find: /^react\/compiler-runtime$/, replacement: join(preact, 'compat/compiler-runtime.mjs') },
  { find: /^react(-dom)?$/, replacement: join(preact, 'compat/dist/compat.mjs') },
];

export default defineConfig({
  plugins: [react(), firstPaintChunk()],
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
  optimizeDeps: { exclude: ['sql.js'] },
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20000,
  },
});
