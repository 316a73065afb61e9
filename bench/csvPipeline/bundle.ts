/** The baselines' scripts, bundled with esbuild: the page's Worker (an IIFE string) and the Node script (a file). */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The page's baseline Worker, as the text of one IIFE (to start from a Blob URL). */
export async function workerScript(): Promise<string> {
  const result = await build({
    entryPoints: [here('./baselineWorker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    minify: true,
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

/** The Node baseline as one ESM file at `outfile`. */
export async function nodeScript(outfile: string): Promise<void> {
  await build({ entryPoints: [here('./nodeBaseline.ts')], bundle: true, format: 'esm', platform: 'node', outfile, minify: true, logLevel: 'error' });
}
