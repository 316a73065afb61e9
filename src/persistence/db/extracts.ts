/**
 * The `extracts` table: each step's cache entries (input and output), several per step, keyed by
 * step key and input hash, ranked by last use (0: the most recent, the engine's current entry);
 * the values by their refs in the value store.
 */
import type { Database } from 'sql.js';
import type { ExtractSideRef, StoredExtractRef } from '../types';
import { nullableString, placeholders, rows, transaction, type Row } from './sql';

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
 * same input hash the first counts.
 */
export function putExtractRefs(db: Database, workflowId: string, extracts: readonly StoredExtractRef[]): void {
  const bySteps = new Map<string, StoredExtractRef[]>();
  for (const entry of extracts) bySteps.set(entry.stepKey, [...(bySteps.get(entry.stepKey) ?? []), entry]);
  transaction(db, () => {
    for (const [stepKey, entries] of bySteps) {
      db.run('DELETE FROM extracts WHERE workflow_id = ? AND step_key = ?', [workflowId, stepKey]);
      entries.forEach(({ inputHash, input, output }, rank) => insertExtract(db, workflowId, stepKey, inputHash, rank, input, output));
    }
  });
}

function insertExtract(
  db: Database,
  workflowId: string,
  stepKey: string,
  inputHash: string,
  rank: number,
  input: ExtractSideRef,
  output: ExtractSideRef,
): void {
  db.run(
    `INSERT OR IGNORE INTO extracts (workflow_id, step_key, input_hash, rank,
       input_model, input_version, input_at, input_origin, input_ref, output_model, output_version, output_at, output_origin, output_ref)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      workflowId,
      stepKey,
      inputHash,
      rank,
      input.model,
      input.version,
      input.at ?? null,
      input.origin ?? null,
      input.ref,
      output.model,
      output.version,
      output.at ?? null,
      output.origin ?? null,
      output.ref,
    ],
  );
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
