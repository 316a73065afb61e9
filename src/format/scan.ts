/**
 * A pre-parse scan of JSON text: nesting depth and forbidden keys are checked on the raw text, so
 * a hostile file is refused before `JSON.parse` builds a single object from it.
 */
import { FORBIDDEN_KEYS } from './constants';

/** The most a file may hold besides the files it embeds. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The most a file may hold with its embedded files (`files`: a workflow's loaded CSVs can be big). */
export const MAX_IMPORT_WITH_FILES_BYTES = 256 * 1024 * 1024;
export const MAX_IMPORT_DEPTH = 64;

/** Null when the text may be parsed; else what is wrong, in words. */
export function scanJsonText(text: string, maxDepth = MAX_IMPORT_DEPTH): string | null {
  let depth = 0;
  let index = 0;
  const length = text.length;
  while (index < length) {
    const char = text.charCodeAt(index);
    if (char === 0x22 /* " */) {
      const start = index;
      index++;
      let escaped = false;
      while (index < length) {
        const c = text.charCodeAt(index);
        if (c === 0x5c /* \ */) {
          escaped = true;
          index += 2;
          continue;
        }
        if (c === 0x22) break;
        index++;
      }
      const end = index;
      index++;
      // A string followed by ':' is a key.
      let look = index;
      while (look < length && /\s/.test(text.charAt(look))) look++;
      if (text.charAt(look) === ':') {
        const raw = text.slice(start, end + 1);
        let key = raw.slice(1, -1);
        if (escaped) {
          try {
            key = JSON.parse(raw) as string;
          } catch {
            return 'the file is not valid JSON (a key has a bad escape)';
          }
        }
        if (FORBIDDEN_KEYS.has(key)) return `the file contains the key "${key}", which is not allowed anywhere in a workflow file`;
      }
      continue;
    }
    if (char === 0x7b || char === 0x5b /* { [ */) {
      depth++;
      if (depth > maxDepth) return `the file nests deeper than ${maxDepth} levels`;
    } else if (char === 0x7d || char === 0x5d) {
      depth--;
    }
    index++;
  }
  return null;
}
