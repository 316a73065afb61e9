/**
 * The script a sweep thread starts from. Under tsx a thread compiles every TypeScript module it
 * loads through a loader of its own (about a second per thread on a busy 2-core box); instead,
 * each sweep bundles `thread.ts` into one plain ES module with esbuild (in esbuild's own process,
 * while the shared steps run here) and its threads load that (a fifth of the time). Packages stay
 * external, so the bundle lives under the package's `node_modules/.cache`, where they resolve;
 * it is named by its content's hash, so sweeps running at once agree on it. A manifest keeps each
 * source the bundle was made from with its size and time of change: a later sweep reuses the bundle
 * while none changed (as tsx keeps its compiled files). When the bundle cannot be made (esbuild
 * missing, a read-only install), the threads start under tsx as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = new URL('./thread.ts', import.meta.url);
const CACHE = new URL('../../../node_modules/.cache/swark/', import.meta.url);
const UNDER_TSX = new URL('../../../bin/swark-thread.mjs', import.meta.url);

/**
 * The bundle made last from this checkout, and each source it was made from with its size and time
 * of change. One per checkout: worktrees that share one `node_modules` must not take each other's.
 */
const MANIFEST = new URL(`sweep-thread-${createHash('sha256').update(fileURLToPath(SOURCE)).digest('hex').slice(0, 12)}.json`, CACHE);
interface Manifest {
  file: string;
  sources: Record<string, { size: number; mtimeMs: number }>;
}

// Synchronous: a hundred stats take a millisecond or two, far less than as many trips to the thread pool.
const sourceStamp = (path: string) => {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs };
};

/**
 * The last bundle, when none of its sources changed since (and it is still there). Synchronous (a
 * small file and the stats, a few milliseconds): the threads then start at once, while the shared
 * steps run here, not after them (a run of the table models gives the event loop no turn).
 */
export function lastBundle(): URL | null {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
    const file = new URL(manifest.file, CACHE);
    statSync(file);
    for (const [path, was] of Object.entries(manifest.sources)) {
      const now = sourceStamp(path);
      if (now.size !== was.size || now.mtimeMs !== was.mtimeMs) return null;
    }
    return file;
  } catch {
    return null;
  }
}

async function bundle(): Promise<URL> {
  const { build } = await import('esbuild');
  const { outputFiles, metafile } = await build({
    entryPoints: [fileURLToPath(SOURCE)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  const name = `sweep-thread-${createHash('sha256').update(output.contents).digest('hex').slice(0, 16)}.mjs`;
  const file = new URL(name, CACHE);
  await mkdir(CACHE, { recursive: true });
  // Written aside and renamed into place, so a thread (or a sweep reading the manifest) never loads half a file.
  const place = async (target: URL, contents: string | Uint8Array) => {
    const partial = new URL(`${target.href}.${process.pid}.partial`);
    await writeFile(partial, contents);
    await rename(partial, target);
  };
  await place(file, output.contents);
  const sources: Manifest['sources'] = {};
  for (const input of Object.keys(metafile.inputs)) {
    const path = resolvePath(input);
    sources[path] = sourceStamp(path);
  }
  await place(MANIFEST, JSON.stringify({ file: name, sources } satisfies Manifest));
  return file;
}

/** Where this sweep's threads start from: the last bundle while its sources are unchanged, else a fresh one, else the tsx entry. */
export const threadEntry = async (): Promise<URL> => lastBundle() ?? (await bundle().catch(() => UNDER_TSX));
