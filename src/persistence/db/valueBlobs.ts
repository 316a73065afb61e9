/**
 * The `value_blobs` table, where a workspace file keeps its values inline (a backup, the CLI's
 * file; in the browser the values live in their own store and the table stays empty), and the one
 * query of which value refs a database refers to.
 */
import type { Database } from 'sql.js';
import { storedFilesIn } from '../../engine';
import type { ValueTableRoots } from './inlineValuePages';
import { column, rows, transaction } from './sql';

/** Every ref an extract or a kept-state slot points to. */
const REFERENCED_REFS = 'SELECT input_ref FROM extracts UNION SELECT output_ref FROM extracts UNION SELECT value_ref FROM last_state_slots';

/**
 * The workflows whose params or states hold a stored file (the text of a file reference, as
 * `storedFileJson` writes it, with no spaces): only those rows are parsed.
 */
const WORKFLOWS_WITH_FILES = `SELECT workflow, state, states FROM workflows WHERE (workflow || state || states) LIKE '%"$swark":"file"%'`;

/** The refs of the stored files the workflows' params and states refer to. */
export function referencedFiles(db: Database): Set<string> {
  const texts = rows(db, WORKFLOWS_WITH_FILES).flatMap((row) => [row.workflow, row.state, row.states]);
  return new Set(storedFilesIn(texts.map((text) => (typeof text === 'string' ? (JSON.parse(text) as unknown) : null))).keys());
}

/** Every value ref the database refers to: extracts, kept states and the files workflows read. */
export function referencedValues(db: Database): Set<string> {
  const refs = new Set(column(db, REFERENCED_REFS));
  for (const ref of referencedFiles(db)) refs.add(ref);
  return refs;
}

/** Stores a value's text once (a ref names its content, so one already there is the same). */
export function putBlob(db: Database, ref: string, json: string): void {
  db.run('INSERT OR IGNORE INTO value_blobs (ref, json) VALUES (?, ?)', [ref, json]);
}

export function getBlob(db: Database, ref: string): string | undefined {
  const row = db.exec('SELECT json FROM value_blobs WHERE ref = ?', [ref])[0]?.values[0];
  return row ? String(row[0]) : undefined;
}

/** Every inline value's text by ref. */
export function allBlobs(db: Database): Map<string, string> {
  return new Map((db.exec('SELECT ref, json FROM value_blobs')[0]?.values ?? []).map((row) => [String(row[0]), String(row[1])]));
}

/** Writes texts inline by ref, in one transaction (making a file complete, e.g. for an export). */
export function writeBlobs(db: Database, texts: readonly (readonly [ref: string, json: string])[]): void {
  transaction(db, () => {
    for (const [ref, json] of texts) db.run('INSERT OR REPLACE INTO value_blobs (ref, json) VALUES (?, ?)', [ref, json]);
  });
}

/** Drops the inline values nothing refers to any more. */
export function deleteUnreferencedBlobs(db: Database): void {
  const files = [...referencedFiles(db)];
  db.run(`DELETE FROM value_blobs WHERE ref NOT IN (${REFERENCED_REFS}) AND ref NOT IN (${files.map(() => '?').join(', ')})`, files);
}

/** Drops every inline value and compacts the file (its values moved to a value store of their own). */
export function deleteAllBlobs(db: Database): void {
  db.run('DELETE FROM value_blobs');
  db.run('VACUUM');
}

/** Where an empty `value_blobs` table and its one index start, or null when it holds rows or is not as the schema makes it. */
export function valueTableRoots(db: Database): ValueTableRoots | null {
  if (Number(db.exec('SELECT count(*) FROM value_blobs')[0]?.values[0]?.[0]) !== 0) return null;
  const objects = db.exec("SELECT type, rootpage FROM sqlite_master WHERE tbl_name = 'value_blobs'")[0]?.values ?? [];
  const table = objects.filter(([type]) => type === 'table');
  const index = objects.filter(([type]) => type === 'index');
  if (objects.length !== 2 || table.length !== 1 || index.length !== 1) return null;
  return { table: Number(table[0]?.[1]), index: Number(index[0]?.[1]) };
}

/** The inline values in batches of about `chars` characters of text, read one batch at a time. */
export function* inlineValueBatches(db: Database, chars = 8 * 1024 * 1024): Generator<[ref: string, json: string][]> {
  const statement = db.prepare('SELECT ref, json FROM value_blobs');
  try {
    let batch: [string, string][] = [];
    let size = 0;
    while (statement.step()) {
      const [ref, json] = statement.get();
      batch.push([String(ref), String(json)]);
      size += String(json).length;
      if (size >= chars) {
        yield batch;
        batch = [];
        size = 0;
      }
    }
    if (batch.length) yield batch;
  } finally {
    statement.free();
  }
}
