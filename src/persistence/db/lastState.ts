/**
 * The `last_state` and `last_state_slots` tables: each workflow's kept state (the state its last
 * run left, which a rerun replays), a row per slot with its value by ref, in slot order.
 */
import type { Database } from 'sql.js';
import type { LastStateRefs } from '../types';
import { placeholders, rows, transaction } from './sql';

export function lastStateRefs(db: Database, workflowId: string): LastStateRefs | null {
  const head = rows(db, 'SELECT mutable FROM last_state WHERE workflow_id = ?', [workflowId])[0];
  if (!head) return null;
  const slots = rows(db, 'SELECT name, value_ref FROM last_state_slots WHERE workflow_id = ? ORDER BY position', [workflowId]);
  return { mutable: Boolean(head.mutable), slots: slots.map((slot) => ({ name: String(slot.name), ref: String(slot.value_ref) })) };
}

/** Replaces the workflow's kept state, in one transaction. */
export function putLastStateRefs(db: Database, workflowId: string, { mutable, slots }: LastStateRefs): void {
  transaction(db, () => {
    db.run('INSERT OR REPLACE INTO last_state (workflow_id, mutable) VALUES (?, ?)', [workflowId, mutable ? 1 : 0]);
    db.run('DELETE FROM last_state_slots WHERE workflow_id = ?', [workflowId]);
    // One prepared statement bound per slot inside the transaction (its position: the array index).
    // A statement each in its own transaction cost a 2,000-step run ~0.3 s; one `INSERT … SELECT`
    // over `json_each`, whose `->>` parse each slot's JSON again, ~30–55 ms.
    const insert = db.prepare('INSERT INTO last_state_slots (workflow_id, name, position, value_ref) VALUES (?, ?, ?, ?)');
    try {
      slots.forEach(({ name, ref }, position) => insert.run([workflowId, name, position, ref]));
    } finally {
      insert.free();
    }
  });
}

/** Forgets the workflow's kept state (inside the caller's transaction). */
export function deleteLastState(db: Database, workflowId: string): void {
  db.run('DELETE FROM last_state WHERE workflow_id = ?', [workflowId]);
  db.run('DELETE FROM last_state_slots WHERE workflow_id = ?', [workflowId]);
}

/** The workflows whose kept state has a slot holding one of `refs`. */
export function workflowsWithSlotsReferring(db: Database, refs: readonly string[]): string[] {
  return rows(db, `SELECT DISTINCT workflow_id FROM last_state_slots WHERE value_ref IN (${placeholders(refs.length)})`, [...refs]).map((row) =>
    String(row.workflow_id),
  );
}

/** The refs every kept state holds. */
export function allSlotRefs(db: Database): string[] {
  return rows(db, 'SELECT value_ref FROM last_state_slots').map((row) => String(row.value_ref));
}
