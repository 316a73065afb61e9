/**
 * The script a sweep thread starts from. Under tsx a thread compiles every TypeScript module it
 * loads through a loader of its own (about a second per thread on a busy 2-core box); instead,
 * each sweep bundles `thread.ts` into one plain ES module with esbuild (in esbuild's own process,
 * while the shared steps run here) and its threads load that (a fifth of the time). Packages stay
 * external, so the bundle lives under the package's `node_modules/.cache`, where they resolve;
 * it is named by its content's hash, so sweeps running at once agree on it. When the bundle
 * cannot be made (esbuild missing, a read-only install), the threads start under tsx as before.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const SOURCE = new URL('./thread.ts', import.meta.url);
const CACHE = new URL('../../../node_modules/.cache/swark/', import.meta.url);
const UNDER_TSX = new URL('../../../bin/swark-thread.mjs', import.meta.url);

async function bundle(): Promise<URL> {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(SOURCE)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    keepNames: true,
    write: false,
    logLevel: 'silent',
  });
  const [output] = outputFiles;
  if (!output) throw new Error('esbuild wrote no bundle');
  const file = new URL(`sweep-thread-${createHash('sha256').update(output.contents).digest('hex').slice(0, 16)}.mjs`, CACHE);
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(CACHE, { recursive: true });
    // Written aside and renamed into place, so a thread never loads half a file.
    const partial = new URL(`${file.href}.${process.pid}.partial`);
    await writeFile(partial, output.contents);
    await rename(partial, file);
  }
  return file;
}

/** Where this sweep's threads start from: a fresh bundle, or the tsx entry when none can be made. */
export const threadEntry = (): Promise<URL> => bundle().catch(() => UNDER_TSX);
