/** The `runs` table: each workflow's run history, a row per run with its steps as one JSON array. */
import type { Database } from 'sql.js';
import type { RunRecord, StepRunRecord } from '../types';
import { rows, transaction } from './sql';

/** Newest first. */
export function listRuns(db: Database, workflowId: string): RunRecord[] {
  const runs = rows(db, 'SELECT * FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC', [workflowId]);
  return runs.map((row) => {
    const steps = stepsOf(row.steps);
    const record: RunRecord = {
      id: String(row.id),
      workflowId: String(row.workflow_id),
      kind: String(row.kind) as RunRecord['kind'],
      startedAt: Number(row.started_at),
      endedAt: Number(row.ended_at),
      flags: JSON.parse(String(row.flags)) as RunRecord['flags'],
      outcome: String(row.outcome) as RunRecord['outcome'],
      steps,
    };
    if (typeof row.error === 'string') record.error = row.error;
    return record;
  });
}

/** Records a run with its steps, replacing one of the same id: one row, however many steps. */
export function addRun(db: Database, record: RunRecord): void {
  db.run('INSERT OR REPLACE INTO runs (id, workflow_id, kind, started_at, ended_at, flags, outcome, error, steps) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
    record.id,
    record.workflowId,
    record.kind,
    record.startedAt,
    record.endedAt,
    JSON.stringify(record.flags),
    record.outcome,
    record.error ?? null,
    JSON.stringify(record.steps.map(stepToJson)),
  ]);
}

/** Every run of the workflow and their steps (inside the caller's transaction). */
export function deleteRunsOf(db: Database, workflowId: string): void {
  db.run('DELETE FROM runs WHERE workflow_id = ?', [workflowId]);
}

/**
 * Keeps each workflow's newest `keep` runs (by start, then insertion) and deletes the older ones
 * with their steps; `workflowId`: only that workflow's. Returns how many runs were deleted.
 */
export function pruneRuns(db: Database, keep: number, workflowId?: string): number {
  const ranked = `SELECT id FROM (SELECT id, workflow_id, row_number() OVER (PARTITION BY workflow_id ORDER BY started_at DESC, rowid DESC) AS place FROM runs${
    workflowId === undefined ? '' : ' WHERE workflow_id = ?'
  }) WHERE place > ?`;
  const params = workflowId === undefined ? [keep] : [workflowId, keep];
  const old = rows(db, ranked, params).map((row) => String(row.id));
  if (!old.length) return 0;
  transaction(db, () => {
    for (const id of old) db.run('DELETE FROM runs WHERE id = ?', [id]);
  });
  return old.length;
}

/**
 * The steps whose current cache entry the workflow's newest run used: those it skipped, and those
 * it ran when it updated the cache (their new entry is the current one).
 */
export function stepsLastRunUsed(db: Database, workflowId: string): string[] {
  const last = rows(db, 'SELECT flags, steps FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1', [workflowId])[0];
  if (!last) return [];
  return stepsUsedBy(JSON.parse(String(last.flags)) as RunRecord['flags'], stepsOf(last.steps));
}

/** The newest run of the workflow (as {@link stepsLastRunUsed} orders them), or null. */
export function newestRunId(db: Database, workflowId: string): string | null {
  const newest = rows(db, 'SELECT id FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1', [workflowId])[0];
  return newest ? String(newest.id) : null;
}

/** Of a run's steps, those whose current cache entry it used (see {@link stepsLastRunUsed}). */
export function stepsUsedBy(flags: Partial<RunRecord['flags']>, steps: readonly Pick<StepRunRecord, 'key' | 'status'>[]): string[] {
  const populated = flags.populateExtracts !== false;
  const used = (status: string) => status === 'skipped' || (populated && status === 'ran');
  return steps.filter((step) => used(step.status)).map((step) => step.key);
}

/** As stored: the optional words as `null` when absent, the same keys on every step. */
function stepToJson(step: StepRunRecord) {
  return { ...step, error: step.error ?? null, reason: step.reason ?? null };
}

/** A row's `steps` column (checked on open by `rowCheck`) as records, absent words left out. */
function stepsOf(column: unknown): StepRunRecord[] {
  const stored = JSON.parse(String(column)) as (Omit<StepRunRecord, 'error' | 'reason'> & { error?: string | null; reason?: string | null })[];
  return stored.map(({ error, reason, ...step }) => ({
    ...step,
    ...(typeof error === 'string' ? { error } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  }));
}
