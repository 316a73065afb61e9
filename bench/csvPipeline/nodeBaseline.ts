/**
 * The CLI's baseline: arquero called directly in Node on the same CSV file, doing the pipeline's
 * work (bundled by esbuild into one script, run as its own process like `swark run`).
 * Usage: node <bundle> <csv path> <threshold>; prints the result as JSON and the work's own time.
 */
import { readFileSync } from 'node:fs';
import * as aq from 'arquero';
import { parse, pipeline } from './data';

const [path, threshold] = process.argv.slice(2);
const start = performance.now();
const result = pipeline(aq, parse(aq, readFileSync(path as string, 'utf8')), Number(threshold));
process.stdout.write(JSON.stringify({ result, workMs: performance.now() - start }));
