/**
 * Stored files: a file a person loaded (or a very long pasted text) kept once by content in the
 * host's value store, while the step's params hold only this small reference. Snapshots, undo
 * history and cache keys then carry a few dozen bytes instead of the file, and a model reads the
 * bytes when it runs, through `RunContext.readFile`.
 *
 * In codec-encoded JSON (params, exports) a reference is `{ "$swark": "file", "v": { name, size,
 * hash, mediaType } }`; `hash` is the value store's ref of the text (content hash and length).
 */
import type { RunContext } from './model';
import { registerValueType, type JsonValue } from './values';

/** What a reference says about its file. */
export interface StoredFileInfo {
  /** The file's name as loaded, e.g. `sales.csv`. */
  name: string;
  /** Its size in bytes. */
  size: number;
  /** The value store's ref of its text. */
  hash: string;
  /** e.g. `text/csv`. */
  mediaType: string;
}

export class StoredFile implements StoredFileInfo {
  readonly name: string;
  readonly size: number;
  readonly hash: string;
  readonly mediaType: string;

  constructor(info: StoredFileInfo) {
    this.name = info.name;
    this.size = info.size;
    this.hash = info.hash;
    this.mediaType = info.mediaType;
    Object.freeze(this);
  }

  toString(): string {
    return `file ${this.name}`;
  }
}

const FILE_TAG = 'file';

function infoOf(payload: unknown): StoredFileInfo | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const { name, size, hash, mediaType } = payload as Record<string, unknown>;
  if (typeof name !== 'string' || typeof size !== 'number' || typeof hash !== 'string' || !hash || typeof mediaType !== 'string') return null;
  return { name, size, hash, mediaType };
}

registerValueType<StoredFile>({
  tag: FILE_TAG,
  is: (value): value is StoredFile => value instanceof StoredFile,
  encode: (file) => ({ name: file.name, size: file.size, hash: file.hash, mediaType: file.mediaType }),
  decode: (payload) => {
    const info = infoOf(payload);
    if (!info) throw new TypeError('a stored file reference needs a name, a size, a hash and a media type');
    return new StoredFile(info);
  },
  describe: (file) => `file ${file.name}`,
  sizeOf: () => 64,
});

/** The reference in a codec-encoded value (a param as the graph holds it), or null when it is not one. */
export function storedFileOf(json: unknown): StoredFileInfo | null {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  return record.$swark === FILE_TAG ? infoOf(record.v) : null;
}

/** A reference as codec-encoded JSON, the form params hold. */
export function storedFileJson(info: StoredFileInfo): JsonValue {
  return { $swark: FILE_TAG, v: { name: info.name, size: info.size, hash: info.hash, mediaType: info.mediaType } };
}

/** Every file reference in codec-encoded values (e.g. all the params of a workflow), by hash. */
export function storedFilesIn(values: Iterable<unknown>): Map<string, StoredFileInfo> {
  const found = new Map<string, StoredFileInfo>();
  const visit = (json: unknown): void => {
    if (json === null || typeof json !== 'object') return;
    const info = storedFileOf(json);
    if (info) found.set(info.hash, info);
    else for (const item of Array.isArray(json) ? json : Object.values(json)) visit(item);
  };
  for (const value of values) visit(value);
  return found;
}

/** A size in words a person reads at a glance: `812 B`, `24.5 kB`, `39.2 MB`. */
export function describeBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1000 * 1000) return `${(bytes / 1000).toFixed(1)} kB`;
  if (bytes < 1000 * 1000 * 1000) return `${(bytes / 1000 / 1000).toFixed(1)} MB`;
  return `${(bytes / 1000 / 1000 / 1000).toFixed(2)} GB`;
}

/** The text of a stored file, or an error in words naming the file when its bytes cannot be read. */
export async function readStoredFile(file: StoredFileInfo, ctx: RunContext): Promise<string> {
  if (!ctx.readFile) throw new Error(`the file “${file.name}” is stored in a workspace, and this run has no workspace to read it from`);
  try {
    return await ctx.readFile(file.hash);
  } catch (error) {
    throw new Error(`the file “${file.name}” (${describeBytes(file.size)}) is missing from the workspace's storage: load it again with “Replace…”`, {
      cause: error,
    });
  }
}
