/**
 * The `extracts` table: each step's cached input and output (its cache entry), a row per step key,
 * the values by their refs in the value store.
 */
import type { Database } from 'sql.js';
import type { ExtractSideRef, StoredExtractRef } from '../types';
import { nullableString, placeholders, rows, transaction, type Row } from './sql';

/** A workflow's extracts by ref, ordered by step key, without loading any value. */
export function extractRefs(db: Database, workflowId: string): StoredExtractRef[] {
  return rows(db, 'SELECT * FROM extracts WHERE workflow_id = ? ORDER BY step_key', [workflowId]).map((row) => ({
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

/** The stored input hashes by step key. */
export function extractInputHashes(db: Database, workflowId: string): Record<string, string> {
  const found = rows(db, 'SELECT step_key, input_hash FROM extracts WHERE workflow_id = ?', [workflowId]);
  return Object.fromEntries(found.map((row) => [String(row.step_key), String(row.input_hash)]));
}

/** Creates or replaces extracts by step key, in one transaction. */
export function putExtractRefs(db: Database, workflowId: string, extracts: readonly StoredExtractRef[]): void {
  transaction(db, () => {
    for (const { stepKey, inputHash, input, output } of extracts) {
      db.run(
        `INSERT OR REPLACE INTO extracts (workflow_id, step_key, input_hash,
           input_model, input_version, input_at, input_origin, input_ref, output_model, output_version, output_at, output_origin, output_ref)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          workflowId,
          stepKey,
          inputHash,
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
