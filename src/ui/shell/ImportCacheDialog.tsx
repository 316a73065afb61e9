/**
 * The question an imported file with cached results asks before it opens: use them, or recompute.
 * Nothing proves a file's cached output came from its input, so recompute is the default (it has
 * the focus, and closing the dialog with Escape answers it).
 */
import { useModalDialog } from '../hooks/useModalDialog';
import { importCacheQuestion } from '../../store/graph';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';

const selectImportedCache = (state: GraphState) => state.importedCache;

export function ImportCacheDialog() {
  const pending = useGraph(selectImportedCache);
  const { graph } = useStudio();
  const ref = useModalDialog(pending !== null);
  const answer = (use: boolean) => graph.getState().answerImportedCache(use);
  return (
    <dialog
      ref={ref}
      className="help-dialog import-cache-dialog"
      aria-labelledby="import-cache-title"
      aria-describedby="import-cache-why"
      data-testid="import-cache-dialog"
      // Escape, or closing any other way, is the safe answer.
      onClose={() => graph.getState().importedCache && answer(false)}
    >
      {pending && (
        <>
          <h2 id="import-cache-title">{importCacheQuestion(pending.stepCount)}</h2>
          <p id="import-cache-why" className="small">
            “{pending.name}” was saved with the results of its steps. Nothing checks that those results came from those steps: use them only if you trust
            whoever made the file. <strong>Recompute</strong> runs every step on the first run; <strong>Use them</strong> skips a step whose input matches, and
            the run panel marks it “skipped · imported result”.
          </p>
          <div className="import-cache-actions">
            <button type="button" className="button" data-testid="import-cache-recompute" onClick={() => answer(false)} autoFocus>
              Recompute
            </button>
            <button type="button" className="button" data-testid="import-cache-use" onClick={() => answer(true)}>
              Use them
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
