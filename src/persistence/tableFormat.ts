/**
 * The re-encoding of stored tables from payload version 1 (a JSON value a cell) to version 2 (typed
 * columns, `src/models/table/columnar.ts`), in the writer tab after the load, in the background.
 *
 * A value's ref is a hash of its text, so a re-encoded value gets a new ref, and an extract's input
 * hash (the engine's `hashValue`, over the encoding) changes too. Each batch therefore:
 *   1. reads the values the database refers to (extracts and kept states; never stored files),
 *      and re-encodes those that hold a version 1 table (decoded and encoded again, so equal);
 *   2. writes the new texts to the value store as arriving (kept from garbage collection until a
 *      save of the database that refers to them lands);
 *   3. renames the refs (and input hashes) in the database in one edit; the old values stay until
 *      no kept snapshot refers to them, and refs a worker still holds are renamed when it reports
 *      them ({@link TableRenames}).
 * The store is marked done ({@link TABLE_FORMAT_KEY}) only after a save of the renamed database
 * landed; stopped before that (the tab closed), the next writer tab starts again: the database it
 * loads still refers to the old values, which are still there. Nothing is lost either way.
 */
import { decodeValue, hashValue, valuesEqual, type JsonValue } from '../engine';
import type { KeyValueBackend } from './keyValue';
import type { Renamed, TableRenames } from './tableRenames';
import { encodeForStore, refsInBatches, type ExternalValues } from './values';
import type { WorkspaceDatabase } from './workspaceDb';

export const TABLE_FORMAT_KEY = 'table-format';
/** The table payload version stored values are brought to. */
export const TABLE_FORMAT = 2;

const BATCH_CHARS = 16 * 1024 * 1024;
const TAG = '$swark';

/** Whether a value's JSON holds a table in payload version 1 (no `v` number in the payload). */
export function holdsLegacyTable(json: JsonValue): boolean {
  if (json === null || typeof json !== 'object') return false;
  if (Array.isArray(json)) return json.some(holdsLegacyTable);
  if (json[TAG] === 'table') {
    const payload = json.v;
    return payload !== null && typeof payload === 'object' && !Array.isArray(payload) && typeof payload.v !== 'number';
  }
  for (const key of Object.keys(json)) if (holdsLegacyTable(json[key] as JsonValue)) return true;
  return false;
}

/** What the re-encoding needs of the workspace. */
export interface TableFormatHost {
  meta: KeyValueBackend;
  values: ExternalValues;
  database(): WorkspaceDatabase | null;
  /** Applies `rename` to the database as an edit (false: the workspace cannot be edited now). */
  edit(rename: (db: WorkspaceDatabase) => void): boolean;
  /** Resolves when a save of the database as it is now has landed (false: it did not). */
  saved(): Promise<boolean>;
  renames: TableRenames;
}

async function tableFormatOf(meta: KeyValueBackend): Promise<number> {
  const format = await meta.get<unknown>(TABLE_FORMAT_KEY);
  return typeof format === 'number' && Number.isInteger(format) ? format : 1;
}

/**
 * Re-encodes every stored value that holds a version 1 table (see the module comment); returns how
 * many were. A store marked with this format or a newer one is left as it is.
 */
export async function migrateTableValues(host: TableFormatHost): Promise<number> {
  if ((await tableFormatOf(host.meta)) >= TABLE_FORMAT) return 0;
  const db = host.database();
  if (!db) return 0;
  const inputHashes = db.inputHashesByRef();
  let rewritten = 0;
  // A value that could not be re-encoded (say the table type is not registered in this thread) keeps the store unmarked.
  let failed = 0;
  for (const batch of refsInBatches([...db.cacheValueRefs()], BATCH_CHARS)) {
    const texts = await readTexts(host.values, batch);
    const renamed = new Map<string, Renamed>();
    const written: [string, string][] = [];
    batch.forEach((ref, i) => {
      const text = texts[i];
      // Cheap first: a text without the word holds no table.
      if (text === undefined || !text.includes('"table"')) return;
      try {
        const json = JSON.parse(text) as JsonValue;
        if (!holdsLegacyTable(json)) return;
        const value = decodeValue(json);
        const stored = encodeForStore(value);
        if (stored.ref === ref) return;
        // Equal by construction; checked, as a stored value must never change.
        if (!valuesEqual(decodeValue(JSON.parse(stored.json)), value)) throw new Error('its re-encoding decodes to another value');
        renamed.set(ref, { ref: stored.ref, inputHash: inputHashes.has(ref) ? hashValue(value) : '' });
        written.push([stored.ref, stored.json]);
      } catch (error) {
        failed++;
        console.warn(`Re-encoding the stored value ${ref} failed (it stays as it is):`, (error as Error).message);
      }
    });
    if (!renamed.size) continue;
    await host.values.storeArriving([written]);
    // Synchronous from here to the renames' record: a worker's report lands before or after both.
    if (!host.edit((database) => database.renameValueRefs(renamed))) return rewritten;
    for (const [oldRef, to] of renamed) {
      const hashes = inputHashes.get(oldRef) ?? [];
      host.renames.add(oldRef, to);
      for (const hash of hashes) host.renames.add(oldRef, to, hash);
    }
    rewritten += renamed.size;
  }
  if (failed > 0 || (rewritten > 0 && !(await host.saved()))) return rewritten;
  await host.meta.set(TABLE_FORMAT_KEY, TABLE_FORMAT);
  return rewritten;
}

/** The texts of `refs` in one read; when that fails (one is missing), one at a time, the missing ones undefined. */
async function readTexts(values: ExternalValues, refs: string[]): Promise<(string | undefined)[]> {
  try {
    return await values.getMany(refs);
  } catch {
    const texts: (string | undefined)[] = [];
    for (const ref of refs) texts.push(await values.get(ref).catch(() => undefined));
    return texts;
  }
}
