/**
 * The `extracts` table: each step's cache entries (input and output), several per step, keyed by
 * step key and input hash, ranked by last use within the step (0: the most recent, the engine's
 * current entry) and stamped with the time of that use (`used_at`, which orders entries across
 * steps and workflows for the cache budget); the values by their refs in the value store.
 */
import type { Database, SqlValue } from 'sql.js';
import type { ExtractKey, ExtractSideRef, StoredExtractRef } from '../types';
import { column, nullableString, placeholders, rows, transaction, type Row } from './sql';

/** `IN` over a JSON array of texts bound as one parameter. */
const JSON_LIST = '(SELECT value FROM json_each(?))';

/** A workflow's extracts by ref, by step key and then most recently used first, without loading any value. */
export function extractRefs(db: Database, workflowId: string): StoredExtractRef[] {
  return rows(db, 'SELECT * FROM extracts WHERE workflow_id = ? ORDER BY step_key, rank, input_hash', [workflowId]).map((row) => ({
    stepKey: String(row.step_key),
    inputHash: String(row.input_hash),
    input: sideOf(row, 'input'),
    output: sideOf(row, 'output'),
  }));
}

function sideOf(row: Row, side: 'input' | 'output'): ExtractSideRef {
  const at = row[`${side}_at`];
  return {
    model: nullableString(row[`${side}_model`]),
    version: nullableString(row[`${side}_version`]),
    ...(typeof at === 'number' ? { at } : {}),
    ...(row[`${side}_origin`] === 'imported' ? { origin: 'imported' as const } : {}),
    ref: String(row[`${side}_ref`]),
  };
}

/** The input hash of each step's most recent entry, by step key. */
export function extractInputHashes(db: Database, workflowId: string): Record<string, string> {
  const found = rows(db, 'SELECT step_key, input_hash FROM extracts WHERE workflow_id = ? AND rank = 0', [workflowId]);
  return Object.fromEntries(found.map((row) => [String(row.step_key), String(row.input_hash)]));
}

/**
 * Sets the entries of each step that `extracts` names to exactly its entries there, in their order
 * (first: the most recent), in one transaction; other steps keep theirs. Of two entries with the
 * same input hash the first counts. The first is used at `now`; the others keep the time of their
 * last use (one not stored before, e.g. imported: the time it was made, at the latest `now`).
 */
export function putExtractRefs(db: Database, workflowId: string, extracts: readonly StoredExtractRef[], now: number): void {
  if (!extracts.length) return;
  // Set-based, three statements however many steps: a statement per step made storing a 1,000-step
  // run's cache a second of the page's main thread.
  const stepKeys = JSON.stringify([...new Set(extracts.map((entry) => entry.stepKey))]);
  transaction(db, () => {
    const usedBefore = new Map<string, Map<string, number>>();
    for (const row of rows(db, `SELECT step_key, input_hash, used_at FROM extracts WHERE workflow_id = ? AND step_key IN ${JSON_LIST}`, [
      workflowId,
      stepKeys,
    ])) {
      const step = usedBefore.get(String(row.step_key)) ?? new Map<string, number>();
      step.set(String(row.input_hash), Number(row.used_at));
      usedBefore.set(String(row.step_key), step);
    }
    db.run(`DELETE FROM extracts WHERE workflow_id = ? AND step_key IN ${JSON_LIST}`, [workflowId, stepKeys]);
    const rankInStep = new Map<string, number>();
    const kept = new Set<string>();
    const values: SqlValue[][] = [];
    for (const { stepKey, inputHash, input, output } of extracts) {
      const rank = rankInStep.get(stepKey) ?? 0;
      rankInStep.set(stepKey, rank + 1);
      // Of two entries with the same input hash the first counts (the primary key's INSERT OR IGNORE before).
      const key = JSON.stringify([stepKey, inputHash]);
      if (kept.has(key)) continue;
      kept.add(key);
      const usedAt = rank === 0 ? now : (usedBefore.get(stepKey)?.get(inputHash) ?? Math.min(now, output.at ?? input.at ?? now));
      values.push([stepKey, inputHash, rank, ...sideValues(input), ...sideValues(output), usedAt]);
    }
    // One prepared statement bound per row, inside the transaction: an `INSERT … SELECT` over
    // `json_each`, its fourteen `->>` each parsing the row's JSON again, cost ≈ 0.15 ms a row.
    const insert = db.prepare(
      `INSERT INTO extracts (workflow_id, step_key, input_hash, rank,
         input_model, input_version, input_at, input_origin, input_ref, output_model, output_version, output_at, output_origin, output_ref, used_at)
       VALUES (${placeholders(15)})`,
    );
    try {
      for (const row of values) insert.run([workflowId, ...row] as SqlValue[]);
    } finally {
      insert.free();
    }
  });
}

/** One side's columns in table order: model, version, at, origin, ref. */
function sideValues(side: ExtractSideRef): SqlValue[] {
  return [side.model, side.version, side.at ?? null, side.origin ?? null, side.ref];
}

/** Marks each named step's current entry (rank 0) as used at `at` (a run skipped on it or wrote it). */
export function touchCurrentExtracts(db: Database, workflowId: string, stepKeys: readonly string[], at: number): void {
  if (!stepKeys.length) return;
  // One statement: one per step, each its own transaction, made recording a 1,000-step run a second.
  db.run(`UPDATE extracts SET used_at = ? WHERE workflow_id = ? AND rank = 0 AND step_key IN ${JSON_LIST}`, [at, workflowId, JSON.stringify(stepKeys)]);
}

/** An entry as the cache budget weighs it: its key, refs, rank within its step and last use. */
export interface ExtractUse extends ExtractKey {
  rank: number;
  usedAt: number;
  inputRef: string;
  outputRef: string;
}

/** Every extract of the workspace, by ref and last use, without loading any value. */
export function extractUses(db: Database): ExtractUse[] {
  return rows(db, 'SELECT workflow_id, step_key, input_hash, rank, used_at, input_ref, output_ref FROM extracts').map((row) => ({
    workflowId: String(row.workflow_id),
    stepKey: String(row.step_key),
    inputHash: String(row.input_hash),
    rank: Number(row.rank),
    usedAt: Number(row.used_at),
    inputRef: String(row.input_ref),
    outputRef: String(row.output_ref),
  }));
}

/** The distinct value refs every extract holds (inputs and outputs). */
export function extractValueRefs(db: Database): string[] {
  return column(db, 'SELECT input_ref FROM extracts UNION SELECT output_ref FROM extracts');
}

/**
 * Deletes the named entries in one transaction, then ranks each step's remaining entries from 0
 * again in their order (its most recent left becomes its current one).
 */
export function deleteExtractEntries(db: Database, entries: readonly ExtractKey[]): void {
  if (!entries.length) return;
  transaction(db, () => {
    const steps = new Map<string, { workflowId: string; stepKey: string }>();
    for (const { workflowId, stepKey, inputHash } of entries) {
      db.run('DELETE FROM extracts WHERE workflow_id = ? AND step_key = ? AND input_hash = ?', [workflowId, stepKey, inputHash]);
      steps.set(JSON.stringify([workflowId, stepKey]), { workflowId, stepKey });
    }
    for (const { workflowId, stepKey } of steps.values()) {
      const left = rows(db, 'SELECT input_hash FROM extracts WHERE workflow_id = ? AND step_key = ? ORDER BY rank, input_hash', [workflowId, stepKey]);
      left.forEach((row, rank) =>
        db.run('UPDATE extracts SET rank = ? WHERE workflow_id = ? AND step_key = ? AND input_hash = ?', [rank, workflowId, stepKey, String(row.input_hash)]),
      );
    }
  });
}

/** One step's extracts (by step key), or all of the workflow's. */
export function deleteExtracts(db: Database, workflowId: string, stepKey?: string): void {
  if (stepKey === undefined) db.run('DELETE FROM extracts WHERE workflow_id = ?', [workflowId]);
  else db.run('DELETE FROM extracts WHERE workflow_id = ? AND step_key = ?', [workflowId, stepKey]);
}

/** Every extract whose input or output is one of `refs` (inside the caller's transaction). */
export function deleteExtractsReferring(db: Database, refs: readonly string[]): void {
  const marks = placeholders(refs.length);
  db.run(`DELETE FROM extracts WHERE input_ref IN (${marks}) OR output_ref IN (${marks})`, [...refs, ...refs]);
}
