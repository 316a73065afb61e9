/**
 * Cached results inside an imported file: nothing proves a file's cached output came from its
 * input (a forged `sum: 999` for 2 + 3 would be "skipped, 999"), so they are used only when the
 * person says so, once per file, and are then stored marked as imported.
 */
import { decodeValue, hashValue, type CacheEntry, type CacheEntryJSON, type WorkflowJSON } from '../../engine';
import type { WorkflowGraph } from '../../format';
import type { StoredExtract } from '../../persistence/types';

const ALL_DIGITS = /^\d+$/;

const importedEntry = (json: CacheEntryJSON, value: unknown): CacheEntry => ({
  model: json.model,
  version: json.version,
  ...(json.at === undefined ? {} : { at: json.at }),
  origin: 'imported',
  value,
});

/**
 * The file's cached results as extracts marked imported: one per step with both an input and an
 * output, keyed by its node id (a key that is a step index names the step at that index).
 */
export function importedExtracts(cache: Pick<WorkflowJSON, 'steps' | 'modelInputs' | 'modelOutputs'>, graph: WorkflowGraph): StoredExtract[] {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const extracts: StoredExtract[] = [];
  for (const [key, input] of Object.entries(cache.modelInputs ?? {})) {
    const output = cache.modelOutputs?.[key];
    if (!output) continue;
    const index = ALL_DIGITS.test(key) ? Number(key) : -1;
    const stepKey = index >= 0 && index < cache.steps.length ? (cache.steps[index]?.id ?? graph.nodes[index]?.id ?? key) : key;
    if (!nodeIds.has(stepKey)) continue;
    try {
      const inputValue = decodeValue(input.value);
      extracts.push({
        stepKey,
        input: importedEntry(input, inputValue),
        output: importedEntry(output, decodeValue(output.value)),
        inputHash: hashValue(inputValue),
      });
    } catch {
      // A value this app cannot decode (e.g. a type it does not have) is no cache: that step simply runs.
    }
  }
  return extracts;
}

const steps = (count: number) => `${count} step${count === 1 ? '' : 's'}`;

/** The question the editor asks before opening such a file. */
export const importCacheQuestion = (stepCount: number): string => `This file brings cached results for ${steps(stepCount)}: use them, or recompute?`;

/** The note after the answer. */
export function importCacheNote(stepCount: number, used: boolean): string {
  return used
    ? `Its cached results for ${steps(stepCount)} are used: a step skipped on one says "imported result" until it runs again.`
    : `Its cached results for ${steps(stepCount)} were dropped: every step runs on the first run.`;
}
