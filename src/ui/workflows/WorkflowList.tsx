/** The saved workflows: open, create (blank or from a template), rename, duplicate, delete. */
import { useState } from 'react';
import { workflowTemplates, type GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';
import { useStudio } from '../hooks/useStudio';
import { useWorkspace } from '../hooks/useWorkspace';
import { DeleteIcon, DuplicateIcon, RenameIcon } from './ActionIcons';
import type { WorkflowSummary } from '../../persistence/types';
import { focusOnMount } from '../focusOnMount';

const selectActive = (state: GraphState) => state.activeWorkflowId;

const TEMPLATE_GROUPS = [
  { group: 'application', label: 'From the applications' },
  { group: 'editor', label: 'Editor examples' },
] as const;

export function WorkflowList() {
  const workflows = useWorkspace((state) => state.workflows);
  const active = useGraph(selectActive);
  const [renaming, setRenaming] = useState<string | null>(null);
  const store = useStudio().graph.getState();
  return (
    <nav className="workflow-list" data-testid="workflow-list" aria-label="Workflows">
      <div className="panel-heading with-action">
        Workflows
        <button type="button" className="tool small" data-testid="new-workflow-button" onClick={() => store.createWorkflow(nextName(workflows))}>
          + New
        </button>
      </div>
      <label className="template-picker small">
        <span className="visually-hidden">New from template</span>
        <select
          data-testid="new-from-template"
          value=""
          onChange={(event) => {
            const template = workflowTemplates.find((t) => t.id === event.target.value);
            if (template) store.createWorkflow(template.name, template.id);
          }}
        >
          <option value="">New from template…</option>
          {TEMPLATE_GROUPS.map(({ group, label }) => (
            <optgroup key={group} label={label}>
              {workflowTemplates
                .filter((template) => template.group === group)
                .map((template) => (
                  <option key={template.id} value={template.id} title={template.description}>
                    {template.title}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <ul>
        {workflows.map((workflow) => (
          <li key={workflow.id} className={workflow.id === active ? 'is-active' : ''} data-testid={`workflow-item-${workflow.id}`}>
            {renaming === workflow.id ? (
              <input
                className="rename-input"
                aria-label={`New name for ${workflow.name}`}
                data-testid="workflow-rename-input"
                defaultValue={workflow.name}
                ref={focusOnMount}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    store.renameWorkflow(workflow.id, event.currentTarget.value);
                    setRenaming(null);
                  }
                  if (event.key === 'Escape') setRenaming(null);
                }}
                onBlur={(event) => {
                  store.renameWorkflow(workflow.id, event.currentTarget.value);
                  setRenaming(null);
                }}
              />
            ) : (
              <button
                type="button"
                className="workflow-open"
                aria-current={workflow.id === active ? 'page' : undefined}
                onClick={() => store.openWorkflow(workflow.id)}
              >
                {workflow.name}
              </button>
            )}
            <span className="workflow-actions">
              <button type="button" className="icon-button" aria-label={`Rename ${workflow.name}`} title="Rename" onClick={() => setRenaming(workflow.id)}>
                <RenameIcon />
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Duplicate ${workflow.name}`}
                title="Duplicate"
                onClick={() => store.duplicateWorkflow(workflow.id)}
              >
                <DuplicateIcon />
              </button>
              <button
                type="button"
                className="icon-button is-danger"
                aria-label={`Delete ${workflow.name}`}
                title="Delete"
                onClick={() => {
                  if (window.confirm(`Delete the workflow “${workflow.name}” and its cache?`)) store.deleteWorkflow(workflow.id);
                }}
              >
                <DeleteIcon />
              </button>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function nextName(workflows: WorkflowSummary[]): string {
  const names = new Set(workflows.map((w) => w.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'Untitled workflow' : `Untitled workflow ${n}`;
    if (!names.has(name)) return name;
  }
}
