/** The `runs` and `run_steps` tables: each workflow's run history, a row per run and per step. */
import type { Database } from 'sql.js';
import type { RunRecord, StepRunRecord } from '../types';
import { rows, transaction, type Row } from './sql';

/** Newest first. */
export function listRuns(db: Database, workflowId: string): RunRecord[] {
  const runs = rows(db, 'SELECT * FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC', [workflowId]);
  return runs.map((row) => {
    const steps = rows(db, 'SELECT * FROM run_steps WHERE run_id = ? ORDER BY idx', [String(row.id)]).map(stepFromRow);
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

/** Records a run, replacing one of the same id with its steps. */
export function addRun(db: Database, record: RunRecord): void {
  transaction(db, () => {
    db.run('DELETE FROM run_steps WHERE run_id = ?', [record.id]);
    db.run('INSERT OR REPLACE INTO runs (id, workflow_id, kind, started_at, ended_at, flags, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
      record.id,
      record.workflowId,
      record.kind,
      record.startedAt,
      record.endedAt,
      JSON.stringify(record.flags),
      record.outcome,
      record.error ?? null,
    ]);
    for (const step of record.steps) {
      db.run('INSERT INTO run_steps (run_id, idx, key, model, status, duration_ms, error, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        record.id,
        step.index,
        step.key,
        step.model,
        step.status,
        step.durationMs,
        step.error ?? null,
        step.reason ?? null,
      ]);
    }
  });
}

/** Every run of the workflow and their steps (inside the caller's transaction). */
export function deleteRunsOf(db: Database, workflowId: string): void {
  db.run('DELETE FROM run_steps WHERE run_id IN (SELECT id FROM runs WHERE workflow_id = ?)', [workflowId]);
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
    for (const id of old) {
      db.run('DELETE FROM run_steps WHERE run_id = ?', [id]);
      db.run('DELETE FROM runs WHERE id = ?', [id]);
    }
  });
  return old.length;
}

/**
 * The steps whose current cache entry the workflow's newest run used: those it skipped, and those
 * it ran when it updated the cache (their new entry is the current one).
 */
export function stepsLastRunUsed(db: Database, workflowId: string): string[] {
  const last = rows(db, 'SELECT id, flags FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1', [workflowId])[0];
  if (!last) return [];
  const populated = (JSON.parse(String(last.flags)) as { populateExtracts?: boolean }).populateExtracts !== false;
  const statuses = populated ? "('skipped', 'ran')" : "('skipped')";
  return rows(db, `SELECT key FROM run_steps WHERE run_id = ? AND status IN ${statuses}`, [String(last.id)]).map((row) => String(row.key));
}

function stepFromRow(row: Row): StepRunRecord {
  const step: StepRunRecord = {
    index: Number(row.idx),
    key: String(row.key),
    model: String(row.model),
    status: String(row.status) as StepRunRecord['status'],
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  };
  if (typeof row.error === 'string') step.error = row.error;
  if (typeof row.reason === 'string') step.reason = row.reason;
  return step;
}
