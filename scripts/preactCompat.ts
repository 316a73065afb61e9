/**
 * The page renders with Preact's React-compatible layer instead of React (issue 10's first paint:
 * react-dom alone was ≈ 40 kB gzip of the first-paint chunk). The code and its libraries
 * (@xyflow/react, zustand, CodeMirror's React wrapper, TanStack Virtual) keep importing `react`;
 * these aliases resolve those imports to Preact's files, as absolute paths so that every importer,
 * wherever it is installed, gets the one copy. Types stay React's (@types/react). Used by
 * vite.config.ts (build, dev server, tests) and by the first-paint bench's minimal page.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const preact = dirname(createRequire(import.meta.url).resolve('preact/package.json'));

export const preactCompat = [
  { find: /^react-dom\/client$/, replacement: join(preact, 'compat/client.mjs') },
  { find: /^react\/jsx-(dev-)?runtime$/, replacement: join(preact, 'jsx-runtime/dist/jsxRuntime.mjs') },
  { find: /^react\/compiler-runtime$/, replacement: join(preact, 'compat/compiler-runtime.mjs') },
  { find: /^react(-dom)?$/, replacement: join(preact, 'compat/dist/compat.mjs') },
];
