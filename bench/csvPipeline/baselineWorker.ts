/**
 * The baseline's Worker (bundled by esbuild into an IIFE and started from a Blob URL in the app's
 * page): reads the CSV file, parses it and runs the pipeline with arquero; `rerun` runs it again on
 * the table already parsed (what the app's rerun after a filter edit must do: its CSV step is cached).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { parse, pipeline } from './data';

let table: ColumnTable | null = null;

self.onmessage = async (event: MessageEvent<{ type: 'run'; file: Blob; threshold: number } | { type: 'rerun'; threshold: number }>) => {
  const message = event.data;
  const start = performance.now();
  if (message.type === 'run') table = parse(aq, await message.file.text());
  if (!table) throw new Error('rerun before run');
  const result = pipeline(aq, table, message.threshold);
  self.postMessage({ result, workerMs: performance.now() - start });
};
