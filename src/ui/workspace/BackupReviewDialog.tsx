/** What a checked backup holds and what it would replace: the person confirms before anything changes. */
import { useModalDialog } from '../hooks/useModalDialog';
import { formatBytes } from '../../store/run';
import { plural, type BackupReview } from '../../store/workspace/backupReview';
import { useStudio } from '../hooks/useStudio';

/** At most this many workflow names are listed; the rest are counted. */
const NAMES_SHOWN = 8;

function WorkflowNames({ workflows, testId }: { workflows: { id: string; name: string }[]; testId: string }) {
  const shown = workflows.slice(0, NAMES_SHOWN);
  return (
    <ul className="backup-names" data-testid={testId}>
      {shown.map((workflow) => (
        <li key={workflow.id}>{workflow.name}</li>
      ))}
      {workflows.length > shown.length && <li className="muted">and {workflows.length - shown.length} more</li>}
    </ul>
  );
}

export function BackupReviewDialog({ review }: { review: BackupReview }) {
  const studio = useStudio();
  const ref = useModalDialog(true);
  const { holds, replaces } = review;
  const actions = studio.workspace.getState();
  return (
    <dialog
      ref={ref}
      className="help-dialog backup-review"
      aria-labelledby="backup-review-title"
      onCancel={() => actions.cancelBackup()}
      data-testid="backup-review"
    >
      <h2 id="backup-review-title">Replace the workspace with “{review.fileName}”?</h2>
      <p data-testid="backup-review-holds">
        The backup holds {plural(holds.workflows.length, 'workflow')}, {plural(holds.runs, 'run')}, {plural(holds.extracts, 'cached step')}
        {holds.values ? ` and ${plural(holds.values, 'stored value')} (${formatBytes(holds.valueChars)})` : ''}:
      </p>
      <WorkflowNames workflows={holds.workflows} testId="backup-review-workflows" />
      {(holds.untrustedSteps > 0 || holds.notes.length > 0 || holds.warnings.length > 0) && (
        <ul className="backup-notes" data-testid="backup-review-notes">
          {holds.untrustedSteps > 0 && (
            <li>
              {plural(holds.untrustedSteps, 'code step')} will stay disabled until you review and trust {holds.untrustedSteps === 1 ? 'it' : 'them'} in the
              inspector.
            </li>
          )}
          {[...holds.notes, ...holds.warnings].map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {replaces ? (
        <>
          <p className="backup-replaces" data-testid="backup-review-replaces">
            It replaces everything in this workspace: {plural(replaces.workflows.length, 'workflow')}, {plural(replaces.runs, 'run')} and{' '}
            {plural(replaces.extracts, 'cached step')}. Export a backup first if you may want them back.
          </p>
          <WorkflowNames workflows={replaces.workflows} testId="backup-review-replaced-workflows" />
        </>
      ) : (
        <p data-testid="backup-review-replaces">This workspace has nothing that would be replaced.</p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="backup-review-cancel" onClick={() => actions.cancelBackup()} autoFocus>
          Cancel
        </button>
        <button type="button" className="button is-danger" data-testid="backup-review-confirm" onClick={() => void actions.confirmBackup()}>
          Replace the workspace
        </button>
      </div>
    </dialog>
  );
}
