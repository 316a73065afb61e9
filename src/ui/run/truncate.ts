/** Big JSON values are shown in part (the export has all of it): a tree of 100,000 rows helps nobody. */
import { encodeValue, type JsonValue } from '../../engine';

const SHOWN_ITEMS = 100;

export interface Shown {
  json: JsonValue;
  /** Items left out at the top level (0 when shown whole). */
  omitted: number;
  /** Few enough nodes to open every level. */
  small: boolean;
}

/** Counts nodes up to `limit`, without walking the rest. */
function countNodes(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length && count < limit) {
    const item = stack.pop();
    count++;
    if (item !== null && typeof item === 'object') stack.push(...Object.values(item as object).slice(0, limit));
  }
  return count;
}

export function shownPart(value: unknown): Shown {
  let part = value;
  let omitted = 0;
  if (Array.isArray(value) && value.length > SHOWN_ITEMS) {
    part = value.slice(0, SHOWN_ITEMS);
    omitted = value.length - SHOWN_ITEMS;
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const keys = Object.keys(value);
    if (keys.length > SHOWN_ITEMS) {
      part = Object.fromEntries(keys.slice(0, SHOWN_ITEMS).map((key) => [key, (value as Record<string, unknown>)[key]]));
      omitted = keys.length - SHOWN_ITEMS;
    }
  }
  return { json: encodeValue(part), omitted, small: countNodes(part, 200) < 200 };
}

export interface TextStart {
  /** The first lines (at most `maxLines`, at most `maxChars` characters). */
  head: string;
  /** Characters left out after `head` (0: the text is shown whole). */
  more: number;
}

/** A long string's first lines, so a 2.5 MB CSV text is not drawn on one escaped line. */
export function textStart(text: string, maxLines = 6, maxChars = 600): TextStart {
  let end = 0;
  for (let line = 0; line < maxLines && end < text.length; line++) {
    const next = text.indexOf('\n', end);
    end = next < 0 ? text.length : next + 1;
  }
  end = Math.min(end, maxChars);
  const head = text.slice(0, end).replace(/\n$/, '');
  return { head, more: text.length - end };
}
