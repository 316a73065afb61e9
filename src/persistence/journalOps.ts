/**
 * The edits the journal keeps (see `journal.ts`): the person's own work — workflows, custom models,
 * deletions, a cleared cache — each as data that sets or deletes a whole record, so applying one
 * twice is the same as once. Run results (extracts, kept state, run records) are not journaled:
 * they are big, a rerun recomputes them, and they go together — a run's record without its cache
 * or state would disagree with it — so the last snapshot keeps them consistent as a group.
 */
import type { JournalRules } from './journal';
import type { ComponentRecord, CustomModelRecord, WorkflowRecord } from './types';
import type { WorkspaceDatabase } from './workspaceDb';

export type JournalOp =
  | { kind: 'save-workflow'; record: WorkflowRecord }
  | { kind: 'delete-workflow'; id: string }
  | { kind: 'clear-extracts'; workflowId: string; stepKey: string | null }
  | { kind: 'save-custom-model'; record: CustomModelRecord }
  | { kind: 'delete-custom-model'; id: string }
  | { kind: 'save-component'; record: ComponentRecord }
  | { kind: 'delete-component'; id: string };

/** A workflow save as the journal keeps it: without seeds, which the database does not keep either (`db/workflows.ts`). */
export function saveWorkflowOp(record: WorkflowRecord): JournalOp {
  const { modelInputs: _inputs, modelOutputs: _outputs, ...workflow } = record.workflow;
  return { kind: 'save-workflow', record: { ...record, workflow } };
}

export function applyJournalOp(db: WorkspaceDatabase, op: JournalOp): void {
  switch (op.kind) {
    case 'save-workflow':
      return db.saveWorkflow(op.record);
    case 'delete-workflow':
      return db.deleteWorkflow(op.id);
    case 'clear-extracts':
      return db.clearExtracts(op.workflowId, op.stepKey ?? undefined);
    case 'save-custom-model':
      return db.saveCustomModel(op.record);
    case 'delete-custom-model':
      return db.deleteCustomModel(op.id);
    case 'save-component':
      return db.saveComponent(op.record);
    case 'delete-component':
      return db.deleteComponent(op.id);
  }
}

/** Whether the edit may drop the last reference to a stored value (the next save then collects garbage). */
export function dropsValues(op: JournalOp): boolean {
  return op.kind === 'delete-workflow' || op.kind === 'clear-extracts';
}

/** The record an edit sets or deletes; a clear of the cache sets none. */
function recordKey(op: JournalOp): string | null {
  switch (op.kind) {
    case 'save-workflow':
      return `workflow:${op.record.id}`;
    case 'delete-workflow':
      return `workflow:${op.id}`;
    case 'save-custom-model':
      return `model:${op.record.id}`;
    case 'delete-custom-model':
      return `model:${op.id}`;
    case 'save-component':
      return `component:${op.record.id}`;
    case 'delete-component':
      return `component:${op.id}`;
    case 'clear-extracts':
      return null;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);

function isWorkflowRecord(value: unknown): value is WorkflowRecord {
  if (!isObject(value) || !isObject(value.workflow)) return false;
  const { id, name, workflow, layout, state, createdAt, updatedAt } = value;
  return isText(id) && isText(name) && Array.isArray(workflow.steps) && isObject(layout) && isObject(state) && isTime(createdAt) && isTime(updatedAt);
}

function isCustomModelRecord(value: unknown): value is CustomModelRecord {
  if (!isObject(value)) return false;
  const { id, title, description, inputs, outputs, code, version, createdAt } = value;
  return [id, title, description, code, version].every(isText) && isTextList(inputs) && isTextList(outputs) && isTime(createdAt);
}

function isComponentRecord(value: unknown): value is ComponentRecord {
  if (!isObject(value)) return false;
  const { id, name, definition, createdAt, updatedAt } = value;
  return isText(id) && isText(name) && isObject(definition) && isTime(createdAt) && isTime(updatedAt);
}

function isJournalOp(value: unknown): value is JournalOp {
  if (!isObject(value)) return false;
  switch (value.kind) {
    case 'save-workflow':
      return isWorkflowRecord(value.record);
    case 'save-custom-model':
      return isCustomModelRecord(value.record);
    case 'save-component':
      return isComponentRecord(value.record);
    case 'delete-workflow':
    case 'delete-custom-model':
    case 'delete-component':
      return isText(value.id);
    case 'clear-extracts':
      return isText(value.workflowId) && (value.stepKey === null || isText(value.stepKey));
    default:
      return false;
  }
}

export const JOURNAL_RULES: JournalRules<JournalOp> = {
  isOp: isJournalOp,
  // A later save or delete of a record makes an earlier save of it redundant; an earlier delete
  // stays (it also removed the workflow's cache and runs, which a later save does not bring back).
  supersedes: (later, earlier) =>
    (earlier.kind === 'save-workflow' || earlier.kind === 'save-custom-model' || earlier.kind === 'save-component') && recordKey(later) === recordKey(earlier),
};
