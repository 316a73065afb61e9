/**
 * An export's text as parts: indented as a person reads it, but each cached extract on one line
 * and `values` (each distinct big field once) last, one per line (indenting a table's cells put
 * each on its own line). A big part may be a Blob, so a writer whose big texts were made where
 * the values live (the run worker's, handed over by reference) composes the file without reading
 * them: the page only joins the parts into the Blob it downloads.
 */
import { hashString, type JsonValue } from '../engine';
import type { WorkflowFile } from './schema';
import type { SharedExtract } from './sharedValues';

/** The cache as the file writes it: extracts with their big fields named in `shared`, and those fields' JSON by key. */
export interface PackedParts<P> {
  modelInputs?: Record<string, SharedExtract>;
  modelOutputs?: Record<string, SharedExtract>;
  values: ReadonlyMap<string, P>;
}

/**
 * `file` (without its cache) with `cache` written in, and each embedded file's text taken from
 * `fileTexts` by hash when given (the JSON string of the text, as a part); a file there without
 * an entry in `fileTexts` keeps the text it has.
 */
export function workflowFileParts<P>(file: WorkflowFile, cache?: PackedParts<P>, fileTexts?: ReadonlyMap<string, P>): (string | P)[] {
  const fileHashes = [...(fileTexts?.keys() ?? [])].filter((hash) => file.files && Object.hasOwn(file.files, hash));
  if (!cache && !fileHashes.length) return [JSON.stringify(file, null, 2)];
  // Stand-ins in the indented outline for the compact parts; the random token keeps them unique.
  const token = `swark-part-${Math.random().toString(36).slice(2, 12)}`;
  const parts = new Map<string, (string | P)[]>();
  const standIn = (name: string, part: (string | P)[]) => {
    parts.set(name, part);
    return `${token}-${name}`;
  };
  const block = (entries: Iterable<readonly [string, string | P]>, indent: string): (string | P)[] => {
    const out: (string | P)[] = [];
    for (const [key, part] of entries) out.push(out.length ? `,\n${indent}  ${JSON.stringify(key)}: ` : `{\n${indent}  ${JSON.stringify(key)}: `, part);
    return out.length ? [...out, `\n${indent}}`] : ['{}'];
  };
  const extracts = (record: Record<string, SharedExtract>) => Object.entries(record).map(([key, extract]) => [key, JSON.stringify(extract)] as const);
  const workflow: Record<string, unknown> = { ...file.workflow };
  if (cache?.modelInputs) workflow.modelInputs = standIn('inputs', block(extracts(cache.modelInputs), '    '));
  if (cache?.modelOutputs) workflow.modelOutputs = standIn('outputs', block(extracts(cache.modelOutputs), '    '));
  const files = file.files && { ...file.files };
  fileHashes.forEach((hash, i) => {
    const embedded = files?.[hash];
    if (files && embedded) files[hash] = { ...embedded, text: standIn(`file${i}`, [fileTexts?.get(hash) as P]) };
  });
  const outline = {
    ...file,
    workflow,
    ...(files ? { files } : {}),
    ...(cache?.values.size ? { values: standIn('values', block(cache.values, '  ')) } : {}),
  };
  // split() with a capture group keeps the separators: every odd piece names a part.
  const pieces = JSON.stringify(outline, null, 2).split(new RegExp(`"${token}-([a-z0-9]+)"`));
  return pieces.flatMap((piece, i) => (i % 2 ? (parts.get(piece) as (string | P)[]) : [piece]));
}

/** A field of a cached extract's value as a writer holds it: its JSON text, or the id of a big text kept apart. */
type FieldPiece = { json: string } | { id: string };

/** A cached extract whose value's fields are JSON texts or ids of big texts (`value`: a value that is no record of fields, whole). */
export interface ExtractPieces {
  model: string | null;
  version: string | null;
  at?: number;
  fields: Record<string, FieldPiece> | null;
  value?: string;
}

/**
 * Extracts made of pieces as the file writes them: each big text's id (unique per content, e.g.
 * a content hash) becomes a key of `values` — a hash of the id, `-2`, `-3`… for another id of the
 * same hash — so the file's keys keep their form whatever ids the writer's values had.
 */
export function packPieces<P>(cache: {
  modelInputs: Record<string, ExtractPieces>;
  modelOutputs: Record<string, ExtractPieces>;
  texts: ReadonlyMap<string, P>;
}): Required<PackedParts<P>> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  const values = new Map<string, P>();
  for (const [id, text] of cache.texts) {
    const hash = hashString(id);
    let key = hash;
    for (let n = 2; taken.has(key); n++) key = `${hash}-${n}`;
    taken.add(key);
    keys.set(id, key);
    values.set(key, text);
  }
  const pack = ({ model, version, at, fields, value }: ExtractPieces): SharedExtract => {
    const head = { model, version, ...(at === undefined ? {} : { at }) };
    if (!fields) return { ...head, value: JSON.parse(value ?? 'null') as JsonValue };
    const inline: { [field: string]: JsonValue } = {};
    const shared: Record<string, string> = {};
    for (const [field, piece] of Object.entries(fields)) {
      if ('json' in piece) inline[field] = JSON.parse(piece.json) as JsonValue;
      else {
        const key = keys.get(piece.id);
        if (key === undefined) throw new Error(`the cache of the export names a text it does not hold (${piece.id})`);
        shared[field] = key;
      }
    }
    return Object.keys(shared).length ? { ...head, value: inline, shared } : { ...head, value: inline };
  };
  const each = (record: Record<string, ExtractPieces>) => Object.fromEntries(Object.entries(record).map(([key, extract]) => [key, pack(extract)]));
  return { modelInputs: each(cache.modelInputs), modelOutputs: each(cache.modelOutputs), values };
}
