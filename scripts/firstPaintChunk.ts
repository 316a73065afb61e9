/**
 * A Vite plugin: everything `index.html` imports statically (what the editor needs before it is
 * interactive) goes into one chunk. Rolldown would otherwise split it into a chunk per set of lazy
 * importers sharing it (some twenty small files), each compressed on its own: ≈ 5 kB more gzip for
 * the same code. Other entries (benchmark pages, the run-panel harness) keep the default chunking.
 */
import type { Plugin } from 'vite';

/**
 * Imported by the editor's modules yet mostly dropped by tree-shaking (the pure engine and format
 * behind their barrels, zod behind the format's schemas): grouping them would bring what only lazy
 * chunks use into the first paint, so they keep the default chunking.
 */
const TREE_SHAKEN = /[\\/](src[\\/](engine|format)|node_modules[\\/]zod)[\\/]/;

/**
 * Engine and format modules the editor uses whole before it is interactive (the graph's compiler,
 * the value codec, the registry, the stored-file value type, a port's type label, a graph's stored files,
 * components and annotations…): in the first-paint chunk rather than
 * chunks of their own, each compressed alone. Only these files, not their imports; one no longer
 * used before paint would show up in `bench/first-paint.bench.ts`. A module that registers itself
 * with one of these at load (as `storedFile` registers its value type) must be listed too: as a
 * chunk of its own it would be a static import of the first-paint chunk that also imports it, run
 * first, and find the registry not yet defined (the built page then fails to start).
 */
const USED_WHOLE =
  /[\\/]src[\\/](engine[\\/](values|storedFile|reasons|references|registry|sqlite|stepKey|portType)|format[\\/](compile|workflowGraph|graph|fragmentText|constants|files|components|componentFile|componentEdit|annotations))\.ts$/;

export function firstPaintChunk(): Plugin {
  const firstPaint = new Set<string>();
  return {
    name: 'first-paint-chunk',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                {
                  name: 'first-paint',
                  test: (id: string) => firstPaint.has(id) && (!TREE_SHAKEN.test(id) || USED_WHOLE.test(id)),
                  includeDependenciesRecursively: false,
                },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      firstPaint.clear();
      const entry = [...this.getModuleIds()].find((id) => id.endsWith('/index.html') && this.getModuleInfo(id)?.isEntry);
      // The page's own script (src/main.tsx) stays in the entry chunk: it awaits the studio at top
      // level, and a lazy chunk importing from a chunk still in that await would never run.
      const scripts = new Set(entry ? (this.getModuleInfo(entry)?.importedIds ?? []) : []);
      const queue = [...scripts];
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        for (const next of this.getModuleInfo(id)?.importedIds ?? []) {
          if (firstPaint.has(next) || scripts.has(next)) continue;
          firstPaint.add(next);
          queue.push(next);
        }
      }
    },
  };
}
