/**
 * Backup import: a `.sqlite` workspace file (see `backupExport.ts`) read back, checked, into a new
 * database; the workspace in use is replaced only once it passed.
 */
import type { SqlJsStatic } from 'sql.js';
import { InvalidWorkspaceError, WorkspaceDatabase, assertWorkspaceSchema, openCheckedDatabase } from './workspaceDb';
import { migrate, type Migration } from './schema';
import type { ExternalValues } from './values';

/**
 * Reads a backup file into a new database whose values are moved into `values`, after checking
 * it: a sound SQLite file, a Swark workspace this version can read, every value it refers to
 * present. Throws in words otherwise ({@link InvalidWorkspaceError}); the workspace is then as it was.
 */
export function readBackup(SQL: SqlJsStatic, bytes: Uint8Array, values: ExternalValues, migrations: readonly Migration[]): WorkspaceDatabase {
  const db = openCheckedDatabase(SQL, bytes);
  try {
    assertWorkspaceSchema(db, { allowEmpty: false });
    migrate(db, migrations);
    const incoming = new WorkspaceDatabase(db, values);
    const refs = [...incoming.referencedValues()];
    const inline = incoming.inlineValues();
    const missing = refs.filter((ref) => !inline.has(ref));
    if (missing.length > 0) throw new InvalidWorkspaceError(`${missing.length} stored value(s) it refers to are missing from the file (e.g. ${missing[0]})`);
    for (const ref of refs) values.put(ref, inline.get(ref) as string);
    // In the browser the values live outside the snapshot.
    incoming.dropInlineValues();
    return incoming;
  } catch (error) {
    db.close();
    throw error;
  }
}
