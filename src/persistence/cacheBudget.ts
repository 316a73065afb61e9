/**
 * The cache budget: how many bytes the cached values take, and which entries go to bring them
 * within a budget — the least recently used first, never a protected one (those the open
 * workflow's last run used). Pure, over refs and their sizes: no value is loaded or decoded.
 *
 * A value is counted once however many entries refer to it (values are stored once by content),
 * so dropping an entry frees only the values nothing else refers to; a kept state's values are
 * never freed here (a rerun needs them).
 */
import type { ExtractUse } from './db/extracts';
import type { ExtractKey } from './types';
import { refBytes } from './values';

/** The default budget: the smaller of 1 GB and half the browser's quota (1 GB when the quota is not known). */
const DEFAULT_BUDGET_CAP_BYTES = 1024 ** 3;

export function defaultCacheBudget(quotaBytes: number | null): number {
  return quotaBytes && quotaBytes > 0 ? Math.min(DEFAULT_BUDGET_CAP_BYTES, Math.floor(quotaBytes / 2)) : DEFAULT_BUDGET_CAP_BYTES;
}

/** The budget in force: the one set, else the default from the quota. */
export function cacheBudgetOf(setting: number | null, quotaBytes: number | null): number {
  return setting ?? defaultCacheBudget(quotaBytes);
}

export const extractKeyText = ({ workflowId, stepKey, inputHash }: ExtractKey): string => JSON.stringify([workflowId, stepKey, inputHash]);

/** An entry's distinct refs (its input and output may be one value). */
const refsOf = (entry: ExtractUse): string[] => (entry.inputRef === entry.outputRef ? [entry.inputRef] : [entry.inputRef, entry.outputRef]);

/** Bytes of the distinct values `refs` name. */
export function bytesOf(refs: Iterable<string>): number {
  let total = 0;
  for (const ref of new Set(refs)) total += refBytes(ref);
  return total;
}

export interface EvictionInput {
  entries: readonly ExtractUse[];
  /** Refs of kept states: counted, never freed. */
  keptRefs: readonly string[];
  /** Entries that must stay, by {@link extractKeyText}. */
  protectedKeys: ReadonlySet<string>;
  budgetBytes: number;
}

/** Least recently used first; of entries used at the same time, the one further down its step's list first. */
function evictionOrder(a: ExtractUse, b: ExtractUse): number {
  return a.usedAt - b.usedAt || b.rank - a.rank || extractKeyText(a).localeCompare(extractKeyText(b));
}

/**
 * The entries to drop so the values left fit in the budget, in the order they go: least recently
 * used first, skipping protected ones. When only protected entries and kept states are left, the
 * rest stays over budget (nothing more may go).
 */
export function planEviction({ entries, keptRefs, protectedKeys, budgetBytes }: EvictionInput): ExtractKey[] {
  const holders = new Map<string, number>();
  for (const ref of keptRefs) holders.set(ref, Number.POSITIVE_INFINITY);
  for (const entry of entries) for (const ref of refsOf(entry)) holders.set(ref, (holders.get(ref) ?? 0) + 1);
  let used = bytesOf(holders.keys());
  const evicted: ExtractKey[] = [];
  const candidates = entries.filter((entry) => !protectedKeys.has(extractKeyText(entry))).sort(evictionOrder);
  for (const entry of candidates) {
    if (used <= budgetBytes) break;
    for (const ref of refsOf(entry)) {
      const left = (holders.get(ref) ?? 1) - 1;
      holders.set(ref, left);
      if (left === 0) used -= refBytes(ref);
    }
    evicted.push({ workflowId: entry.workflowId, stepKey: entry.stepKey, inputHash: entry.inputHash });
  }
  return evicted;
}
