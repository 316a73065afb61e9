/**
 * Backup export: the whole workspace as one `.sqlite` file, values inline — the same format as the
 * `swark` CLI's workspace file, so either opens in the other. Reading one back is `backupImport.ts`.
 */
import type { Database } from 'sql.js';
import { loadSqlJs } from '../engine';
import * as blobs from './db/valueBlobs';
import type { ValueStore } from './values';

/** A complete workspace file: `db` with every value it refers to inline (the database itself is not changed). */
export async function exportBackupFile(db: Database, values: ValueStore): Promise<Uint8Array> {
  if (values.kind === 'inline') return db.export();
  const SQL = await loadSqlJs();
  const copy = new SQL.Database(db.export());
  try {
    const refs = [...blobs.referencedValues(copy)];
    const texts = await Promise.all(refs.map((ref) => values.get(ref)));
    blobs.writeBlobs(
      copy,
      refs.map((ref, i) => [ref, texts[i] ?? ''] as const),
    );
    return copy.export();
  } finally {
    copy.close();
  }
}
