import type { CacheDecision, RunReason } from './workflow';

const quoted = (items: string[]) => items.map((item) => `"${item}"`).join(', ');

/** Why a step runs rather than being skipped, in words a person reads (CLI and run panel alike). */
export function describeReason(reason: RunReason): string {
  switch (reason.kind) {
    case 'cache-off':
      return 'caching is off';
    case 'no-cache':
      return 'nothing cached to reuse';
    case 'non-deterministic':
      return 'not deterministic, so it always runs';
    case 'always-run':
      return 'always run';
    case 'model-changed':
      return `model version changed (${reason.from} → ${reason.to})`;
    case 'input-changed':
      return `input changed: ${quoted(reason.fields)}`;
    case 'param-changed':
      return `param changed: ${quoted(reason.fields)}`;
    case 'output-missing':
      return `cached output lacks ${quoted(reason.keys)}`;
    case 'upstream':
      return `upstream step will run (${quoted(reason.slots)})`;
    case 'missing-slot':
      return `needs state slot "${reason.slot}", which nothing provides`;
    case 'unknown-model':
      return 'its model is not in the library';
    case 'bypassed':
      return reason.passed.length
        ? `bypassed: passes ${reason.passed.map(({ field, output }) => `${field} → ${output}`).join(', ')}`
        : 'bypassed: passes nothing on';
    case 'upstream-bypassed':
      return 'upstream bypassed';
  }
}

/** A preview decision in words: "cached: will be skipped" or "will run: <reason>". */
export function describeDecision(decision: CacheDecision): string {
  if (decision.skip) return 'cached: will be skipped';
  // Neither will run: a bypass is said as it is, its cut-off readers as the run panel will show them.
  if (decision.reason.kind === 'bypassed') return describeReason(decision.reason);
  if (decision.reason.kind === 'upstream-bypassed') return `not run: ${describeReason(decision.reason)}`;
  return `will run: ${describeReason(decision.reason)}`;
}

/** Why a step that ran left no cache entry, as its run-panel row and the CLI say it: "not cached: read Math.random()". */
export function describeUncached(reason: string): string {
  return `not cached: ${reason}`;
}

/** What a skipped step used, in words: its cache ("cached"), or a result an imported file brought ("imported result"). */
export function describeSkip(imported: boolean): string {
  return imported ? 'imported result' : 'cached';
}
