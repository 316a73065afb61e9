/**
 * The initial state's slots as a person edits them: each slot's kind, its value as text, and the
 * parsing of typed text back into a (codec-encoded) value. Pure; every message is worded here.
 */
import type { JsonValue } from '../../engine';

/** What a slot holds, as the State panel offers it; `table` and `value` are shown, not typed in. */
export type SlotKind = 'number' | 'text' | 'boolean' | 'date' | 'json' | 'table' | 'value';

/** The kinds a person can type a value of (and add a slot as). */
export const TYPED_KINDS: readonly SlotKind[] = ['number', 'text', 'boolean', 'date', 'json'];

export const KIND_WORDS: Record<SlotKind, string> = {
  number: 'number',
  text: 'text',
  boolean: 'true / false',
  date: 'date',
  json: 'JSON',
  table: 'table',
  value: 'other value',
};

const TAG = '$swark';

type Parsed = { ok: true; value: JsonValue } | { ok: false; problem: string };

/** The codec tag of an encoded value (`date`, `table`, …), or null for plain JSON at the top. */
function tagOf(value: JsonValue): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const tag = value[TAG];
  return typeof tag === 'string' ? tag : null;
}

/** True when the encoded value is plain JSON all the way down (no codec tags to keep). */
function isPlainJson(value: JsonValue): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (TAG in value) return false;
  return Object.values(value).every(isPlainJson);
}

export function kindOf(value: JsonValue): SlotKind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'boolean') return 'boolean';
  const tag = tagOf(value);
  if (tag === 'num') return 'number';
  if (tag === 'date') return 'date';
  if (tag === 'table') return 'table';
  return isPlainJson(value) ? 'json' : 'value';
}

const dateValue = (ms: number): JsonValue => ({ [TAG]: 'date', v: ms });

/** Midnight UTC shows as its day (what a date input holds); any other time as the full ISO text. */
function dateText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** The value as the person reads and edits it. */
export function slotText(value: JsonValue): string {
  const kind = kindOf(value);
  if (kind === 'number') return typeof value === 'number' ? String(value) : String((value as Record<string, JsonValue>).v);
  if (kind === 'text') return value as string;
  if (kind === 'boolean') return String(value);
  if (kind === 'date') return dateText(Number((value as Record<string, JsonValue>).v));
  if (kind === 'json') return JSON.stringify(value);
  return slotSummary(value);
}

/** A one-line description of a value that is shown, not edited (a table, a map, …). */
function slotSummary(value: JsonValue): string {
  const tag = tagOf(value);
  if (tag === 'table') {
    const payload = (value as Record<string, JsonValue>).v as { names?: string[]; columns?: { values?: unknown }[] } | null;
    const names = payload?.names ?? [];
    const first = payload?.columns?.[0]?.values;
    const rows = Array.isArray(first) ? first.length : 0;
    return `table ${rows} × ${names.length}${names.length ? ` (${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''})` : ''}`;
  }
  if (tag !== null) return `${tag} value`;
  return slotText(value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const FORBIDDEN_JSON_KEYS = ['__proto__', 'constructor', 'prototype', TAG];

/** A key of parsed JSON that a file could not carry back in (null: none). */
function forbiddenKey(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = forbiddenKey(item);
      if (found !== null) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_JSON_KEYS.includes(key)) return key;
    const found = forbiddenKey((value as Record<string, unknown>)[key]);
    if (found !== null) return found;
  }
  return null;
}

/** Typed text as a value of `kind`, or why it is not one (naming the slot). */
export function parseSlotText(slot: string, kind: SlotKind, text: string): Parsed {
  const fail = (problem: string): Parsed => ({ ok: false, problem: `State slot “${slot}”: ${problem}` });
  switch (kind) {
    case 'number': {
      const trimmed = text.trim();
      if (!trimmed) return fail('enter a number.');
      const number = Number(trimmed);
      if (Number.isNaN(number)) return fail(`“${trimmed}” is not a number.`);
      if (!Number.isFinite(number)) return fail(`“${trimmed}” is too large: enter a finite number.`);
      return { ok: true, value: Object.is(number, -0) ? 0 : number };
    }
    case 'text':
      return { ok: true, value: text };
    case 'boolean': {
      const word = text.trim().toLowerCase();
      if (word !== 'true' && word !== 'false') return fail(`“${text}” is neither true nor false.`);
      return { ok: true, value: word === 'true' };
    }
    case 'date': {
      const trimmed = text.trim();
      const ms = DAY.test(trimmed) ? Date.parse(`${trimmed}T00:00:00Z`) : DATE_TIME.test(trimmed) ? Date.parse(trimmed) : NaN;
      if (Number.isNaN(ms) || (DAY.test(trimmed) && new Date(ms).toISOString().slice(0, 10) !== trimmed))
        return fail(`“${trimmed}” is not a date: write it as YYYY-MM-DD (e.g. 2014-01-31).`);
      return { ok: true, value: dateValue(ms) };
    }
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        return fail(`not valid JSON (${(error as Error).message}).`);
      }
      const key = forbiddenKey(parsed);
      if (key !== null) return fail(`JSON here may not use the key "${key}" (files refuse it).`);
      return { ok: true, value: parsed as JsonValue };
    }
    case 'table':
    case 'value':
      return fail(`a ${KIND_WORDS[kind]} is not typed in here; it comes from a run or an import.`);
  }
}

/** A new slot's value of `kind`; today (UTC) for a date. */
export function defaultSlotValue(kind: SlotKind, now: number): JsonValue {
  switch (kind) {
    case 'number':
      return 0;
    case 'text':
      return '';
    case 'boolean':
      return false;
    case 'date':
      return dateValue(Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`));
    default:
      return null;
  }
}

/** The value kept when a slot changes kind: the old one read as the new kind, else the kind's default. */
export function convertSlotValue(slot: string, value: JsonValue, kind: SlotKind, now: number): JsonValue {
  const from = kindOf(value);
  if (from === kind) return value;
  if (kind === 'json') {
    if (from === 'number' || from === 'text' || from === 'boolean') return typeof value === 'object' ? null : value;
    if (from === 'date') return slotText(value);
    return null;
  }
  if (kind === 'text' && (from === 'table' || from === 'value')) return '';
  const parsed = parseSlotText(slot, kind, from === 'json' && typeof value === 'string' ? value : slotText(value));
  return parsed.ok ? parsed.value : defaultSlotValue(kind, now);
}
