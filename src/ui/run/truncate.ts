/** Big JSON values are shown in part (the export has all of it): a tree of 100,000 rows helps nobody. */
import { encodeValue, type JsonValue } from '../../engine';

const SHOWN_ITEMS = 100;

export interface Shown {
  json: ShownJson;
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
  return { json: readable(encodeValue(part)), omitted, small: countNodes(part, 200) < 200 };
}

/** A value the tree shows as a leaf written as it is, not as JSON text (`Infinity`, `-0`, a date). */
export interface Written {
  written: string;
}

/** A `Written` leaf; its null prototype tells it from a value's own `{ written: … }` object. */
const written = (text: string): Written => Object.assign(Object.create(null) as Written, { written: text });

/** What the JSON tree draws: JSON, with leaves that JSON cannot hold. */
export type ShownJson = null | boolean | number | string | Written | ShownJson[] | { [key: string]: ShownJson };

/**
 * The codec's JSON with its tags read back for a person: `{ $swark: "num", v: "Infinity" }` is the
 * number Infinity (also -Infinity, NaN, -0), a date its ISO text, an escaped object the object.
 * Maps, sets and the like keep their tagged form, which names what they are.
 */
function readable(json: JsonValue): ShownJson {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(readable);
  const tag = json.$swark;
  if (tag === 'num' && typeof json.v === 'string') return json.v === '-0' ? -0 : Number(json.v);
  if (tag === 'date' && (typeof json.v === 'number' || (json.v !== null && typeof json.v === 'object'))) {
    const time = readable(json.v);
    if (typeof time === 'number' && Number.isFinite(time)) return written(new Date(time).toISOString());
  }
  if (tag === 'undef') return written('undefined');
  const source = tag === 'obj' && json.v !== null && typeof json.v === 'object' && !Array.isArray(json.v) ? json.v : json;
  const out: { [key: string]: ShownJson } = {};
  for (const key of Object.keys(source))
    Object.defineProperty(out, key, { value: readable(source[key] as JsonValue), enumerable: true, writable: true, configurable: true });
  return out;
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
