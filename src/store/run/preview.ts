/**
 * The "will run / will skip" preview on nodes: computed by the worker from its cache for the
 * compiled graph, once per change (debounced), never during a run; only the newest answer counts.
 */
import type { RunContext } from './context';
import { rowsStillInGraph, signatureOf, stepKeysOf } from './reducer';
import { slotChangeCauses, slotChangeWords } from './slotCause';
import type { CompiledWorkflow } from './source';
import type { StepPreview } from './types';
import { stepPreview } from './words';

const PREVIEW = 'preview';

export interface Previewer {
  /** Recomputes the preview after `previewDelayMs` (a burst of changes makes one request). */
  schedule(): void;
  /** Recomputes it now. */
  refresh(): void;
  cancel(): void;
}

const samePreview = (a: StepPreview, b: StepPreview) => a.verdict === b.verdict && a.willSkip === b.willSkip && a.reason === b.reason;

export function createPreviewer({ set, get, deps, client }: RunContext): Previewer {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const delay = deps.previewDelayMs ?? 150;

  const refresh = () => {
    if (get().phase === 'running') return;
    let compiled: CompiledWorkflow;
    try {
      compiled = deps.source.compile();
    } catch {
      // A graph that no longer compiles (a wire on a port its component lost) is not the one the
      // last run ran: its results are old until the next run.
      set({ previewByStep: {}, graphChanged: get().runSignature !== null });
      return;
    }
    // A deleted node's row, and an alert about it, go.
    const state = get();
    const keys = stepKeysOf(compiled);
    const rows = rowsStillInGraph(state, keys);
    if (rows.steps !== state.steps) set(rows);
    if (state.alert?.stepKey !== undefined && !keys.has(state.alert.stepKey)) set({ alert: null });
    const graphChanged = state.runSignature !== null && state.runSignature !== signatureOf(compiled);
    if (graphChanged !== state.graphChanged) set({ graphChanged });
    client
      .request(
        {
          type: 'preview',
          workflowId: compiled.workflowId,
          workflow: { ...compiled.workflow, modelInputs: {}, modelOutputs: {} },
          initialState: compiled.state,
          flags: state.flags,
          extractsPerStep: state.extractsPerStep,
        },
        PREVIEW,
      )
      .then(
        (reply) => {
          if (reply === 'stale' || get().phase === 'running') return;
          if (reply.type === 'preview-failed') return set({ previewByStep: {} });
          const previewByStep: Record<string, StepPreview> = {};
          const causes = slotChangeCauses(compiled.workflow.steps, reply.entries);
          const before = get().previewByStep;
          for (const entry of reply.entries) {
            const preview = stepPreview(entry);
            const slots = causes.get(entry.key);
            const now = slots ? { ...preview, reason: slotChangeWords(preview.verdict, slots) } : preview;
            // A step whose preview did not change keeps the same object, so its node is not drawn again.
            const was = before[entry.key];
            previewByStep[entry.key] = was && samePreview(was, now) ? was : now;
          }
          // Columns the editor completes and checks expressions against; kept when a preview brings none.
          set({ previewByStep, ...(reply.columns ? { columnsByStep: reply.columns } : {}) });
        },
        () => undefined,
      );
  };

  return {
    refresh,
    schedule: () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        refresh();
      }, delay);
    },
    cancel: () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
