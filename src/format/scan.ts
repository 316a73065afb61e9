/**
 * A pre-parse scan of JSON text: nesting depth and forbidden keys are checked on the raw text, so
 * a hostile file is refused before `JSON.parse` builds a single object from it. The same pass
 * measures how much of a workflow file is data (its embedded files and cached values) rather than
 * graph, so a file whose graph part is too large is refused before it is parsed too.
 */
import { FORBIDDEN_KEYS } from './constants';

/**
 * The most a file may hold besides its data (embedded files and cached values): the graph part —
 * steps, params, layout, states, notes — is what the editor builds objects and nodes from.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/**
 * The most a file may hold with its data: a workflow's loaded CSVs and the cache of its tables can
 * be big (an export with cache of a million-row pipeline is ≈ 63 MB), and they are strings (files,
 * table columns in base64) that the schema checks without building a node from each.
 */
export const MAX_IMPORT_WITH_DATA_BYTES = 256 * 1024 * 1024;
export const MAX_IMPORT_DEPTH = 64;
/**
 * The most items (objects, arrays and the values between commas) a file's data may hold: past
 * the graph's limit only the data may be big, and it must be big as text (a file's text, a table's
 * columns as a few strings), not as hundreds of MB of tiny objects and numbers for `JSON.parse` to
 * build one by one. A cached table counts as a few items whatever its rows.
 */
const MAX_IMPORT_DATA_ITEMS = 2_000_000;

/**
 * The members of a workflow file that are data, not graph, by their path of keys from the top:
 * the embedded files, the cache's shared values and the cached extracts themselves (a version 6
 * file, or a hand-written one, carries its cached tables inline in them).
 */
const DATA_PATHS: readonly (readonly string[])[] = [['files'], ['values'], ['workflow', 'modelInputs'], ['workflow', 'modelOutputs']];

export interface JsonScan {
  /** Null when the text may be parsed; else what is wrong, in words. */
  problem: string | null;
  /** How many characters of the text the data members take (0 when it has none). */
  dataChars: number;
}

/** Whether the keys leading to a container (keys[1..depth]) name one of the data members. */
function isDataPath(keys: readonly (string | undefined)[], depth: number): boolean {
  return DATA_PATHS.some((path) => path.length === depth && path.every((key, i) => keys[i + 1] === key));
}

/**
 * Where the string opened at `open` ends: the next quote not escaped, i.e. after an even number of
 * backslashes (`text.length` if none). Found by `indexOf`, not char by char: an embedded CSV's
 * text is one string of tens of MB (a million escaped line ends), read here in milliseconds.
 */
function closingQuote(text: string, open: number): number {
  for (let quote = text.indexOf('"', open + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
  }
  return text.length;
}

/** Checks depth and keys, and measures the data members, in one pass over the text. */
export function scanJson(text: string, maxDepth = MAX_IMPORT_DEPTH, maxDataItems = MAX_IMPORT_DATA_ITEMS): JsonScan {
  let depth = 0;
  let index = 0;
  const length = text.length;
  /** keys[d]: the key last read in the container at depth d (undefined in an array, or before its first key). */
  const keys: (string | undefined)[] = [];
  /** Where the data member being read began, and the depth it closes back to (-1: not in one). */
  let dataStart = -1;
  let dataDepth = -1;
  let dataChars = 0;
  let dataItems = 0;
  const refuse = (problem: string): JsonScan => ({ problem, dataChars });
  const tooManyItems = () =>
    refuse(
      `its embedded files and cached values hold more than ${maxDataItems.toLocaleString('en-US')} items (objects, arrays and values); a cached table counts as a few`,
    );
  while (index < length) {
    const char = text.charCodeAt(index);
    if (char === 0x22 /* " */) {
      const start = index;
      const end = closingQuote(text, index);
      index = end + 1;
      // A string followed by ':' is a key.
      let look = index;
      while (look < length && /\s/.test(text.charAt(look))) look++;
      if (text.charAt(look) === ':') {
        const raw = text.slice(start, end + 1);
        let key = raw.slice(1, -1);
        if (key.includes('\\')) {
          try {
            key = JSON.parse(raw) as string;
          } catch {
            return refuse('the file is not valid JSON (a key has a bad escape)');
          }
        }
        if (FORBIDDEN_KEYS.has(key)) return refuse(`the file contains the key "${key}", which is not allowed anywhere in a workflow file`);
        // Only the top two levels name data members; deeper keys need not be kept.
        if (depth <= 2) keys[depth] = key;
      }
      continue;
    }
    if (dataStart >= 0 && (char === 0x7b || char === 0x5b || char === 0x2c) /* { [ , */ && ++dataItems > maxDataItems) return tooManyItems();
    if (char === 0x7b || char === 0x5b /* { [ */) {
      if (dataStart < 0 && depth <= 2 && isDataPath(keys, depth)) {
        dataStart = index;
        dataDepth = depth;
      }
      depth++;
      if (depth > maxDepth) return refuse(`the file nests deeper than ${maxDepth} levels`);
      // A new container starts without a key (an array's items never have one).
      if (depth <= 2) keys[depth] = undefined;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
      if (depth === dataDepth) {
        dataChars += index + 1 - dataStart;
        dataStart = -1;
        dataDepth = -1;
      }
    }
    index++;
  }
  return { problem: null, dataChars };
}

/** Null when the text may be parsed; else what is wrong, in words. */
export function scanJsonText(text: string, maxDepth = MAX_IMPORT_DEPTH): string | null {
  return scanJson(text, maxDepth).problem;
}
