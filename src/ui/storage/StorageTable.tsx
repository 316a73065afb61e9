/** The Storage view's table: each workflow's cache, then its steps, largest first, each with its Clear. */
import { useLateStores } from '../hooks/useLateStores';
import type { StorageReport, WorkflowStorage } from '../../persistence/types';
import { humanBytes, usedAgo } from '../../store/storage';
import type { StorageStoreState } from '../../store/storage';
import { useStorage } from '../hooks/useStorage';

const selectReadAt = (state: StorageStoreState) => state.readAt;

export function StorageTable({ report }: { report: StorageReport }) {
  if (!report.workflows.length)
    return <p className="storage-empty muted">Nothing is cached yet: run a workflow and its steps’ inputs and outputs appear here.</p>;
  return (
    <table className="storage-table">
      <thead>
        <tr>
          <th scope="col">Workflow / step</th>
          <th scope="col" className="num">
            Entries
          </th>
          <th scope="col" className="num">
            Size
          </th>
          <th scope="col" className="num" title="Of its size, values another step refers to as well (stored once)">
            Shared
          </th>
          <th scope="col">Last used</th>
          <th scope="col">
            <span className="visually-hidden">Clear</span>
          </th>
        </tr>
      </thead>
      {report.workflows.map((workflow) => (
        <WorkflowRows key={workflow.workflowId} workflow={workflow} />
      ))}
    </table>
  );
}

function WorkflowRows({ workflow }: { workflow: WorkflowStorage }) {
  const { storage } = useLateStores();
  const now = useStorage(selectReadAt);
  const entries = workflow.steps.reduce((sum, step) => sum + step.entries, 0);
  const extras = [
    workflow.keptStateBytes ? `last run’s state ${humanBytes(workflow.keptStateBytes)}` : null,
    `${workflow.runs} run${workflow.runs === 1 ? '' : 's'} in history`,
  ].filter(Boolean);
  return (
    <tbody className="storage-workflow" data-testid="storage-workflow" data-workflow-id={workflow.workflowId}>
      <tr className="storage-workflow-row">
        <th scope="rowgroup">
          <span className="storage-workflow-name">{workflow.name}</span>
          <span className="storage-extras muted">{extras.join(' · ')}</span>
        </th>
        <td className="num">{entries}</td>
        <td className="num" data-testid="storage-workflow-size">
          {humanBytes(workflow.bytes)}
        </td>
        <td className="num muted">{workflow.sharedBytes ? humanBytes(workflow.sharedBytes) : '—'}</td>
        <td />
        <td className="storage-actions">
          <button
            type="button"
            className="button small is-danger"
            disabled={!workflow.steps.length}
            data-testid="storage-clear-workflow"
            onClick={() => storage.getState().askClear({ kind: 'workflow', workflowId: workflow.workflowId, name: workflow.name })}
          >
            Clear workflow
          </button>
        </td>
      </tr>
      {workflow.steps.map((step) => (
        <tr key={step.stepKey} className="storage-step-row" data-testid="storage-step" data-step-key={step.stepKey}>
          <td className="storage-step-name" title={step.stepKey}>
            {step.label}
          </td>
          <td className="num">{step.entries}</td>
          <td className="num" data-testid="storage-step-size">
            {humanBytes(step.bytes)}
          </td>
          <td className="num muted">{step.sharedBytes ? humanBytes(step.sharedBytes) : '—'}</td>
          <td className="muted">{usedAgo(step.lastUsedAt, now)}</td>
          <td className="storage-actions">
            <button
              type="button"
              className="button small"
              data-testid="storage-clear-step"
              aria-label={`Clear the cache of ${step.label}`}
              onClick={() =>
                storage
                  .getState()
                  .askClear({ kind: 'step', workflowId: workflow.workflowId, stepKey: step.stepKey, label: step.label, workflowName: workflow.name })
              }
            >
              Clear
            </button>
          </td>
        </tr>
      ))}
    </tbody>
  );
}
