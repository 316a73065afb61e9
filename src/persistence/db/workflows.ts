/** The `workflows` table: one row per saved workflow, its JSON, layout and initial state. */
import type { Database } from 'sql.js';
import type { CanvasAnnotation, JsonValue, WorkflowJSON } from '../../engine';
import type { NodeLayout, RunStateChoice, WorkflowRecord, WorkflowSummary } from '../types';
import { rows } from './sql';

/** Newest first; of two saved in the same millisecond, the one saved last (INSERT OR REPLACE gives it the newest rowid). */
export function listWorkflows(db: Database): WorkflowSummary[] {
  return rows(db, 'SELECT id, name, created_at, updated_at, states FROM workflows ORDER BY updated_at DESC, rowid DESC').map((row) => {
    const names = Object.keys(savedStatesOf(row.states).states ?? {});
    return {
      id: String(row.id),
      name: String(row.name),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      ...(names.length ? { stateNames: names } : {}),
    };
  });
}

export function getWorkflow(db: Database, id: string): WorkflowRecord | null {
  const row = rows(db, 'SELECT * FROM workflows WHERE id = ?', [id])[0];
  if (!row) return null;
  return {
    id: String(row.id),
    name: String(row.name),
    workflow: JSON.parse(String(row.workflow)) as WorkflowJSON,
    layout: JSON.parse(String(row.layout)) as Record<string, NodeLayout>,
    state: JSON.parse(String(row.state)) as Record<string, JsonValue>,
    ...savedStatesOf(row.states),
    ...annotationsOf(row.annotations),
    ...(typeof row.run_state === 'string' ? { runState: JSON.parse(row.run_state) as RunStateChoice } : {}),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function saveWorkflow(db: Database, record: WorkflowRecord): void {
  // Seeds in the workflow JSON would copy big values into every snapshot: extracts have their own table.
  const { modelInputs: _inputs, modelOutputs: _outputs, ...workflow } = record.workflow;
  db.run(
    `INSERT OR REPLACE INTO workflows (id, name, workflow, layout, state, states, run_state, annotations, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      record.id,
      record.name,
      JSON.stringify(workflow),
      JSON.stringify(record.layout),
      JSON.stringify(record.state),
      JSON.stringify(record.states ?? {}),
      record.runState && record.runState.kind !== 'own' ? JSON.stringify(record.runState) : null,
      JSON.stringify(record.annotations ?? []),
      record.createdAt,
      record.updatedAt,
    ],
  );
}

/** The saved states of a row, only when it has any (a record without them stays as it was). */
function savedStatesOf(column: unknown): Pick<WorkflowRecord, 'states'> {
  const states = typeof column === 'string' ? (JSON.parse(column) as Record<string, Record<string, JsonValue>>) : {};
  return Object.keys(states).length ? { states } : {};
}

/** The notes and groups of a row, only when it has any. */
function annotationsOf(column: unknown): Pick<WorkflowRecord, 'annotations'> {
  const annotations = typeof column === 'string' ? (JSON.parse(column) as CanvasAnnotation[]) : [];
  return annotations.length ? { annotations } : {};
}

/** The workflow's own row (its extracts, kept state and runs live in their tables). */
export function deleteWorkflowRow(db: Database, id: string): void {
  db.run('DELETE FROM workflows WHERE id = ?', [id]);
}
