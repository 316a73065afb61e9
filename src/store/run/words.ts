/** Run-panel words: why a step runs or is skipped, said for a person. Pure, so tests read them. */
import { describeDecision, describeSkip } from '../../engine';
import type { WirePreviewEntry, WireStepError } from '../../worker/protocol';
import type { StepPreview } from './types';

export { describeReason, describeUncached } from '../../engine';

/** What a skipped step's row says it used: its cache, or a result brought by an imported file ("skipped · imported result"). */
export const SKIPPED_ON = { cached: describeSkip(false), imported: describeSkip(true) };

const quoted = (items: readonly string[]) => items.map((item) => `"${item}"`).join(', ');

/** A step's preview for its node: the verdict and why, in words. */
export function stepPreview(entry: WirePreviewEntry): StepPreview {
  const { decision } = entry;
  if (decision.skip) return { verdict: 'will-skip', willSkip: true, reason: describeDecision(decision) };
  if (decision.reason.kind === 'bypassed') return { verdict: 'bypassed', willSkip: false, reason: describeDecision(decision) };
  if (decision.reason.kind === 'upstream-bypassed') return { verdict: 'not-run', willSkip: false, reason: describeDecision(decision) };
  if (decision.reason.kind === 'upstream') {
    const upstream = entry.upstream === 'may-run' ? 'an upstream step may run' : 'an upstream step will run';
    return { verdict: 'may-run', willSkip: false, reason: `may run: ${upstream} (${quoted(decision.reason.slots)})` };
  }
  return { verdict: 'will-run', willSkip: false, reason: describeDecision(decision) };
}

/** Where in a run a step sits, for words: its key, its 0-based index (the engine's) and the step count. */
export interface StepPlace {
  key: string;
  index: number;
  total: number;
}

/** A step as a person reads it: `“key” (step 2 of 3)`, counted from 1. */
export const describeStepPlace = (place: StepPlace): string => `“${place.key}” (step ${place.index + 1} of ${place.total})`;

/** The alert for a failed step, in words; an immutable-state failure says what to do about it. */
export function describeRunError(error: WireStepError, place?: StepPlace): string {
  if (error.kind === 'immutable-post') {
    const slot = error.subject === undefined ? 'a state slot' : `state slot "${error.subject}"`;
    return `Rerun stopped: a step had to run again and write ${slot}, but the kept state is immutable and already holds it. Make the state mutable and rerun, or start a fresh run.`;
  }
  // The engine's message names the step 0-based ("step 0 …"): said again here for a person.
  return place ? `Run failed at ${describeStepPlace(place)}: ${error.detail}` : `Run failed at ${error.message}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
