/** The `components` table: the workspace's component library, each record as JSON (as `custom_models`). */
import type { Database } from 'sql.js';
import type { ComponentRecord } from '../types';
import { rows } from './sql';

/** Oldest first, so the palette lists them in the order they were made. */
export function listComponents(db: Database): ComponentRecord[] {
  return rows(db, 'SELECT record FROM components ORDER BY created_at, id').map((row) => JSON.parse(String(row.record)) as ComponentRecord);
}

export function saveComponent(db: Database, record: ComponentRecord): void {
  db.run('INSERT OR REPLACE INTO components (id, record, created_at) VALUES (?, ?, ?)', [record.id, JSON.stringify(record), record.createdAt]);
}

export function deleteComponent(db: Database, id: string): void {
  db.run('DELETE FROM components WHERE id = ?', [id]);
}
