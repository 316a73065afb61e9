/**
 * The value store's format version and its migration (see {@link VALUE_FORMAT}). The version is
 * kept in the snapshot store under {@link VALUE_FORMAT_KEY} (the value store's own keys are all
 * refs, which its garbage collection lists); a store without it is format 1, texts as strings.
 *
 * Moving to format 2 rewrites each string as its UTF-8 bytes, a batch of values at a time (a 200 MB
 * store is never held whole), in the writer tab after the workspace has loaded. Readers take both
 * forms meanwhile, so the migration may stop part-way (the tab closes) and start again: what is
 * already bytes is read and left alone. Only when every value is bytes is the version written.
 */
import type { KeyValueBackend } from './keyValue';
import { VALUE_FORMAT, refsInBatches, storedForm } from './values';

export const VALUE_FORMAT_KEY = 'value-format';

/** How much value text one migration step reads and rewrites. */
const BATCH_CHARS = 16 * 1024 * 1024;

/** The format the value store is in (1 when it was never marked). */
export async function valueFormatOf(meta: KeyValueBackend): Promise<number> {
  const format = await meta.get<unknown>(VALUE_FORMAT_KEY);
  return typeof format === 'number' && Number.isInteger(format) ? format : 1;
}

/** Marks the value store as the current format. */
async function markValueFormat(meta: KeyValueBackend): Promise<void> {
  await meta.set(VALUE_FORMAT_KEY, VALUE_FORMAT);
}

/**
 * Brings the value store to {@link VALUE_FORMAT}; returns how many values were rewritten. A store
 * marked with a newer format than this version knows is left as it is.
 */
export async function migrateValueStore(meta: KeyValueBackend, values: KeyValueBackend): Promise<number> {
  if ((await valueFormatOf(meta)) >= VALUE_FORMAT) return 0;
  let rewritten = 0;
  for (const batch of refsInBatches(await values.keys(), BATCH_CHARS)) {
    const stored = await values.getMany<unknown>(batch);
    const strings: [string, Uint8Array][] = [];
    batch.forEach((ref, i) => {
      const value = stored[i];
      if (typeof value === 'string') strings.push([ref, storedForm(value)]);
    });
    // A value deleted meanwhile (a collection) may come back here: unreferenced, the next one takes it.
    if (strings.length) await values.setMany(strings);
    rewritten += strings.length;
  }
  await markValueFormat(meta);
  return rewritten;
}
