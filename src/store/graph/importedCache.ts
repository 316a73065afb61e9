/**
 * Cached results inside an imported file: nothing proves a file's cached output came from its
 * input (a forged `sum: 999` for 2 + 3 would be "skipped, 999"), so they are used only when the
 * person says so, once per file, and are then stored marked as imported.
 */
import type { WorkflowGraph } from '../../format';
import type { StoredExtractRef } from '../../persistence/types';
import type { ImportedCacheEntry } from '../../worker/importRead';

const ALL_DIGITS = /^\d+$/;

/**
 * The file's cached steps as extracts by ref: one per step of the graph, keyed by its node id (a
 * key that is a step index names the step at that index); a key the graph has no node for is dropped.
 */
export function importedExtractRefs(
  cache: readonly ImportedCacheEntry[],
  steps: readonly { id?: string | undefined }[],
  graph: WorkflowGraph,
): StoredExtractRef[] {
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const extracts: StoredExtractRef[] = [];
  for (const { key, inputHash, input, output } of cache) {
    const index = ALL_DIGITS.test(key) ? Number(key) : -1;
    const stepKey = index >= 0 && index < steps.length ? (steps[index]?.id ?? graph.nodes[index]?.id ?? key) : key;
    if (nodeIds.has(stepKey)) extracts.push({ stepKey, inputHash, input, output });
  }
  return extracts;
}

/** Every value ref the extracts hold (each once). */
export const refsOfExtracts = (extracts: readonly StoredExtractRef[]): string[] => [
  ...new Set(extracts.flatMap((entry) => [entry.input.ref, entry.output.ref])),
];

const steps = (count: number) => `${count} step${count === 1 ? '' : 's'}`;

/** The question the editor asks before opening such a file. */
export const importCacheQuestion = (stepCount: number): string => `This file brings cached results for ${steps(stepCount)}: use them, or recompute?`;

/** The note after the answer. */
export function importCacheNote(stepCount: number, used: boolean): string {
  return used
    ? `Its cached results for ${steps(stepCount)} are used: a step skipped on one says "imported result" until it runs again.`
    : `Its cached results for ${steps(stepCount)} were dropped: every step runs on the first run.`;
}
