/** What a node says about its step: one status line and the one-line result, from the run store. */
import { SKIPPED_ON, type StepOutcome, type StepPreview } from '../../store/run';

const STATUS_WORDS: Record<string, string> = {
  pending: 'waiting',
  running: 'running…',
  ran: 'ran',
  skipped: 'skipped (cached)',
  error: 'error',
  cancelled: 'cancelled',
  'not-run': 'not run',
  bypassed: 'bypassed',
};

export interface NodeFace {
  /** The `data-status` value (the run status; 'idle' before any run). */
  status: string;
  /** The line under the title: the run status, or the preview when that run no longer holds. */
  line: { kind: string; text: string; title: string } | null;
  /** The one-line result of the main output, e.g. "20" or "table 461 × 6". */
  result: string | null;
  /** The result comes from a run of an older graph. */
  resultIsOld: boolean;
  /**
   * What the result line says while there is no result. The line is always there, so a node keeps
   * its size when a run gives it a result: a resize makes React Flow measure the node and its
   * handles again, which across a thousand-step run cost more than the run itself.
   */
  placeholder: string;
}

export function nodeFace(outcome: StepOutcome | null, preview: StepPreview | null): NodeFace {
  const status = outcome?.status ?? 'idle';
  const busy = status === 'running' || status === 'pending';
  const usePreview = !busy && (status === 'idle' || (outcome?.stale ?? false));
  let line: NodeFace['line'] = null;
  if (usePreview) {
    if (preview) line = { kind: preview.verdict, text: preview.reason, title: preview.reason };
  } else if (status === 'error' && outcome?.error) {
    line = { kind: 'status-error', text: `error: ${outcome.error}`, title: outcome.error };
  } else if (outcome?.note && (status === 'bypassed' || status === 'not-run')) {
    // "bypassed: passes a → sum", "not run: upstream bypassed": the reason is the news.
    const text = status === 'bypassed' ? outcome.note : `not run: ${outcome.note}`;
    line = { kind: `status-${status}`, text, title: text };
  } else {
    const text = outcome?.importedResult ? `skipped · ${SKIPPED_ON.imported}` : (STATUS_WORDS[status] ?? status);
    line = { kind: `status-${status}`, text, title: outcome?.durationMs != null ? `${text} in ${Math.round(outcome.durationMs)} ms` : text };
  }
  const result = busy ? null : (outcome?.result ?? null);
  const placeholder = busy || outcome?.resultPending ? '= …' : status === 'idle' ? 'no result yet' : 'no result';
  return { status, line, result, resultIsOld: result !== null && (outcome?.stale ?? false), placeholder };
}
