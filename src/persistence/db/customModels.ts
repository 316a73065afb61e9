/** The `custom_models` table: code nodes saved as named models, each record as JSON. */
import type { Database } from 'sql.js';
import type { CustomModelRecord } from '../types';
import { rows } from './sql';

/** Oldest first. */
export function listCustomModels(db: Database): CustomModelRecord[] {
  return rows(db, 'SELECT record FROM custom_models ORDER BY created_at, id').map((row) => JSON.parse(String(row.record)) as CustomModelRecord);
}

export function saveCustomModel(db: Database, record: CustomModelRecord): void {
  db.run('INSERT OR REPLACE INTO custom_models (id, record, created_at) VALUES (?, ?, ?)', [record.id, JSON.stringify(record), record.createdAt]);
}

export function deleteCustomModel(db: Database, id: string): void {
  db.run('DELETE FROM custom_models WHERE id = ?', [id]);
}
