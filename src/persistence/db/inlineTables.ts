/**
 * Tables kept inline (a CLI workspace file, a backup: the `value_blobs` table) in payload version 1
 * re-encoded as version 2 (typed columns, `src/models/table/columnar.ts`), as part of schema
 * migration 10, inside its transaction: each such value is stored under its new ref, every extract
 * and kept-state slot that referred to the old ref is renamed (an input also gets its new hash), and
 * the old value is deleted. A value whose ref does not name its text (changed or damaged) is left as
 * it is, for the checks that refuse it; one that cannot be decoded here (its type not registered in
 * this thread) too: version 1 stays readable. The browser's values live in their own store, re-encoded
 * in the background (`tableFormat.ts`).
 */
import type { Database } from 'sql.js';
import { decodeValue, hashValue } from '../../engine';
import { encodeForStore, refNamesText } from '../values';

/** Text that only a version 1 table's JSON holds (in a string, quotes are escaped). */
const LEGACY_TABLE = '%"$swark":"table","v":{"names":%';

/** Points every extract and kept-state slot that refers to `oldRef` at `ref`, an input also at `inputHash`. */
export function renameValueRef(db: Database, oldRef: string, ref: string, inputHash: string): void {
  // An entry of the same step with the new hash already (a run since) is the same input, newer: it stays, the old one goes.
  db.run('UPDATE OR IGNORE extracts SET input_ref = ?, input_hash = ? WHERE input_ref = ?', [ref, inputHash, oldRef]);
  db.run('DELETE FROM extracts WHERE input_ref = ?', [oldRef]);
  db.run('UPDATE extracts SET output_ref = ? WHERE output_ref = ?', [ref, oldRef]);
  db.run('UPDATE last_state_slots SET value_ref = ? WHERE value_ref = ?', [ref, oldRef]);
}

/** Re-encodes the inline values that hold version 1 tables; returns how many were (see the module comment). */
export function reencodeInlineTables(db: Database): number {
  const refs = (db.exec('SELECT ref FROM value_blobs WHERE json LIKE ?', [LEGACY_TABLE])[0]?.values ?? []).map(([ref]) => String(ref));
  let rewritten = 0;
  for (const ref of refs) {
    // One text at a time: a big file's values are never all in the JS heap.
    const json = db.exec('SELECT json FROM value_blobs WHERE ref = ?', [ref])[0]?.values[0]?.[0];
    if (typeof json !== 'string' || refNamesText(ref, json) !== true) continue;
    let value: unknown;
    try {
      value = decodeValue(JSON.parse(json));
    } catch {
      continue;
    }
    const stored = encodeForStore(value);
    if (stored.ref === ref) continue;
    db.run('INSERT OR IGNORE INTO value_blobs (ref, json) VALUES (?, ?)', [stored.ref, stored.json]);
    renameValueRef(db, ref, stored.ref, hashValue(value));
    db.run('DELETE FROM value_blobs WHERE ref = ?', [ref]);
    rewritten++;
  }
  return rewritten;
}
