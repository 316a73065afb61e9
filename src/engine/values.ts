/**
 * The engine's value domain: how values are compared, encoded to JSON and back, and hashed.
 *
 * Plain JSON passes through unchanged; everything JSON cannot hold (NaN, ±Infinity, -0,
 * undefined, bigint, Date, typed arrays, Map, Set and registered types such as tables)
 * is wrapped as `{ "$swark": <tag>, "v": <payload> }`. A plain object that happens to
 * own a `$swark` key is itself wrapped (tag `obj`), so decoding is never ambiguous.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A type the codec learns about, e.g. the model library's table. */
export interface ValueType<T = unknown> {
  /** Unique tag written into encoded values; never change it once data exists. */
  tag: string;
  is(value: unknown): value is T;
  encode(value: T): JsonValue;
  decode(payload: JsonValue): T;
  /** Structural equality; defaults to comparing encodings. */
  equals?(a: T, b: T): boolean;
  /** A short human description, e.g. "table 120 × 4". */
  describe?(value: T): string;
  /** Approximate size in bytes, for state panels and quotas. */
  sizeOf?(value: T): number;
  /**
   * Checks a payload as {@link decode} would (throwing what it would) without building the value,
   * for reading a big file's values fast (see {@link storableAsWritten}). True when the payload may
   * stand for its value as it is written; false for an older form, which must be decoded and
   * encoded again.
   */
  check?(payload: JsonValue): boolean;
}

const TAG = '$swark';
const customTypes: ValueType[] = [];
const customByTag = new Map<string, ValueType>();

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

const RESERVED_TAGS = new Set(['num', 'undef', 'bigint', 'date', 'typed', 'map', 'set', 'obj']);

/** Teaches the codec (equality, JSON, SQLite state) a new value type. Re-registering a tag replaces it. */
export function registerValueType<T>(type: ValueType<T>): void {
  if (RESERVED_TAGS.has(type.tag)) throw new Error(`value type tag "${type.tag}" is reserved by the engine`);
  const existing = customByTag.get(type.tag);
  if (existing) customTypes.splice(customTypes.indexOf(existing), 1);
  customTypes.push(type as ValueType);
  customByTag.set(type.tag, type as ValueType);
}

function customTypeOf(value: object): ValueType | undefined {
  for (const type of customTypes) if (type.is(value)) return type;
  return undefined;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isTypedArray(value: object): value is AnyTypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

// ---------------------------------------------------------------- equality

/**
 * Structural equality over the whole value domain. Reference equality short-circuits at every
 * level, so comparing a value with itself (the usual case on a cached rerun) is O(1).
 */
export function valuesEqual(a: unknown, b: unknown): boolean {
  // Numbers compare as SameValue, as the hash does: NaN equals NaN, and 0 and -0 differ (1 / x tells them apart).
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (typeof a !== typeof b) return false;
  if (typeof a !== 'object' || a === null || b === null) return false;
  return objectsEqual(a, b as object);
}

function objectsEqual(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
      if (!valuesEqual(a[key], b[key])) return false;
    }
    return true;
  }
  if (a instanceof Date) return b instanceof Date && valuesEqual(a.getTime(), b.getTime());
  if (isTypedArray(a)) {
    if (!isTypedArray(b) || a.constructor !== b.constructor || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valuesEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [key, value] of a) {
      if (!b.has(key) || !valuesEqual(value, b.get(key))) return false;
    }
    return true;
  }
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    outer: for (const item of a) {
      if (b.has(item)) continue;
      for (const other of b) if (valuesEqual(item, other)) continue outer;
      return false;
    }
    return true;
  }
  const type = customTypeOf(a);
  if (type) {
    if (!type.is(b)) return false;
    return type.equals ? type.equals(a, b) : valuesEqual(type.encode(a), type.encode(b));
  }
  return false;
}

// ---------------------------------------------------------------- storability

/** The part of a value the codec cannot store or compare, and where it sits (`at`: a path such as `.rows[2].f`, '' for the value itself). */
export interface UnstorablePart {
  /** "a function", "a symbol", "a cycle", "a Promise", … */
  what: string;
  at: string;
  /** For a cycle: the path of the enclosing value it refers back to. */
  backTo?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const fieldPath = (at: string, key: string) => (IDENTIFIER.test(key) ? `${at}.${key}` : `${at}[${JSON.stringify(key)}]`);
const withArticle = (name: string) => `${/^[AEIOU]/i.test(name) ? 'an' : 'a'} ${name}`;

/**
 * The first part of `value` that {@link encodeValue} cannot store (and so equality and hashing
 * cannot compare): a function, a symbol, a cycle, or an object of a class the codec does not know.
 * Null when the whole value can be stored. Values of registered types are taken as they are.
 */
export function findUnstorable(value: unknown): UnstorablePart | null {
  // The usual outputs (numbers, text, booleans) answer before any walk.
  if (typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol') return null;
  return unstorableIn(value, '', []);
}

function unstorableIn(value: unknown, at: string, ancestors: { value: object; at: string }[]): UnstorablePart | null {
  if (typeof value === 'function') return { what: 'a function', at };
  if (typeof value === 'symbol') return { what: 'a symbol', at };
  if (typeof value !== 'object' || value === null) return null;
  const enclosing = ancestors.find((ancestor) => ancestor.value === value);
  if (enclosing) return { what: 'a cycle', at, backTo: enclosing.at };
  const children = childrenOf(value, at);
  if (!Array.isArray(children)) return children;
  if (!children.length) return null;
  ancestors.push({ value, at });
  try {
    for (const [child, childAt] of children) {
      const found = unstorableIn(child, childAt, ancestors);
      if (found) return found;
    }
    return null;
  } finally {
    ancestors.pop();
  }
}

/** The values inside `value` with their paths, or what makes `value` itself unstorable (null: a leaf the codec stores). */
function childrenOf(value: object, at: string): [unknown, string][] | UnstorablePart | null {
  if (Array.isArray(value)) return Array.from(value, (item, i): [unknown, string] => [item, `${at}[${i}]`]);
  if (isPlainObject(value)) return Object.keys(value).map((key): [unknown, string] => [value[key], fieldPath(at, key)]);
  if (value instanceof Date || isTypedArray(value)) return null;
  if (value instanceof Map) {
    const children: [unknown, string][] = [];
    let i = 0;
    for (const [key, item] of value) {
      const name = typeof key === 'string' || typeof key === 'number' ? JSON.stringify(key) : `entry ${i}`;
      children.push([key, `${at} (key of map entry ${i})`], [item, `${at}.get(${name})`]);
      i++;
    }
    return children;
  }
  if (value instanceof Set) return Array.from(value, (item, i): [unknown, string] => [item, `${at} (set item ${i})`]);
  if (customTypeOf(value)) return null;
  return { what: withArticle((value.constructor as { name?: string } | undefined)?.name || 'object of an unknown class'), at };
}

/** What a person returns instead of an unstorable value, said once for every place that refuses one. */
const STORABLE_DATA_HINT = 'return data (numbers, text, lists, objects, tables)';

/**
 * An unstorable part in words, from `root` (e.g. \`output "result"\`): "output "result" is a function,
 * which cannot be stored; return data (…)" or "… holds a cycle: result.self refers back to result, …".
 */
export function describeUnstorable(part: UnstorablePart, root: string, rootPath: string): string {
  const where = `${rootPath}${part.at}`;
  const what =
    part.what === 'a cycle'
      ? `${root} holds a cycle (${where} refers back to ${rootPath}${part.backTo ?? ''}), which cannot be stored`
      : part.at === ''
        ? `${root} is ${part.what}, which cannot be stored`
        : `${root} holds ${part.what} at ${where}, which cannot be stored`;
  return `${what}; ${STORABLE_DATA_HINT}`;
}

// ---------------------------------------------------------------- encoding

/** Encodes any engine value as JSON-safe data (see the module comment for the format). */
export function encodeValue(value: unknown): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value) && !Object.is(value, -0)) return value;
      return { [TAG]: 'num', v: Object.is(value, -0) ? '-0' : String(value) };
    case 'undefined':
      return { [TAG]: 'undef', v: null };
    case 'bigint':
      return { [TAG]: 'bigint', v: value.toString() };
    case 'object':
      if (value === null) return null;
      return encodeObject(value);
    default:
      throw new TypeError(`cannot store a value of type ${typeof value}`);
  }
}

function encodeObject(value: object): JsonValue {
  if (Array.isArray(value)) {
    const out: JsonValue[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeValue(value[i]);
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const key of Object.keys(value)) setOwn(out, key, encodeValue(value[key]));
    return Object.prototype.hasOwnProperty.call(value, TAG) ? { [TAG]: 'obj', v: out } : out;
  }
  if (value instanceof Date) return { [TAG]: 'date', v: encodeValue(value.getTime()) };
  if (isTypedArray(value)) {
    const items = Array.from(value as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? x.toString() : encodeValue(x)));
    return { [TAG]: 'typed', t: value.constructor.name, v: items };
  }
  if (value instanceof Map) return { [TAG]: 'map', v: Array.from(value, ([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (value instanceof Set) return { [TAG]: 'set', v: Array.from(value, encodeValue) };
  const type = customTypeOf(value);
  if (type) return { [TAG]: type.tag, v: type.encode(value) };
  const name = value.constructor?.name ?? 'object';
  throw new TypeError(`cannot store a value of type ${name}: register it with registerValueType()`);
}

/** Sets an own property, even one named `__proto__` (which plain assignment would take as the prototype). */
function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Inverse of {@link encodeValue}. */
export function decodeValue(json: unknown): unknown {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(decodeValue);
  const record = json as Record<string, unknown>;
  const tag = record[TAG];
  if (typeof tag !== 'string') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(record)) setOwn(out, key, decodeValue(record[key]));
    return out;
  }
  const payload = record.v;
  switch (tag) {
    case 'num':
      return payload === '-0' ? -0 : Number(payload);
    case 'undef':
      return undefined;
    case 'bigint':
      return BigInt(payload as string);
    case 'date':
      return new Date(decodeValue(payload) as number);
    case 'typed': {
      const name = record.t as TypedArrayName;
      const Ctor = TYPED_ARRAYS[name];
      if (!Ctor) throw new TypeError(`unknown typed array type "${String(record.t)}"`);
      const items = (payload as unknown[]).map((x) => (name.startsWith('Big') ? BigInt(x as string) : decodeValue(x)));
      return new (Ctor as unknown as new (items: unknown[]) => AnyTypedArray)(items);
    }
    case 'map':
      return new Map((payload as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    case 'set':
      return new Set((payload as unknown[]).map(decodeValue));
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(payload as Record<string, unknown>)) setOwn(out, key, decodeValue(value));
      return out;
    }
    default: {
      const type = customByTag.get(tag);
      if (!type) throw new TypeError(`unknown value type "${tag}": is the module that registers it loaded?`);
      return type.decode(payload as JsonValue);
    }
  }
}

/** JSON text of a value, with object keys sorted so equal values give equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(encodeValue(value)));
}

/**
 * Whether an encoded value decodes — checked without building what its type can check on the
 * encoding (a table's columns) — and may be stored and hashed as it is written: its text is then
 * the value's stored text, and the hash of its {@link sortedJsonText} its {@link hashValue}, with
 * no decoding. A value written otherwise by hand (a table's ints wider than needed) still decodes to the same value; its
 * hash then matches no run's input, so the step it caches runs again. False for a form that must be
 * decoded and encoded again first (an older table encoding, a tagged value written differently).
 * Throws what {@link decodeValue} would for one that does not decode.
 */
export function storableAsWritten(json: unknown): boolean {
  // A -0 JSON.parse read is written as the codec's `num` (as NaN and ±Infinity are).
  if (json === null || typeof json !== 'object') return !Object.is(json, -0);
  if (Array.isArray(json)) return json.every(storableAsWritten);
  const record = json as Record<string, unknown>;
  const tag = record[TAG];
  // A plain object with a key `$swark` of its own is written wrapped (`obj`).
  if (typeof tag !== 'string') return !Object.hasOwn(record, TAG) && Object.values(record).every(storableAsWritten);
  const type = customByTag.get(tag);
  if (type?.check && Object.keys(record).length === 2 && 'v' in record) return type.check(record.v as JsonValue);
  // A small tagged value (a date, a number JSON cannot hold): decoded, and written as the codec would.
  return JSON.stringify(encodeValue(decodeValue(json))) === JSON.stringify(json);
}

/** An encoding's text with object keys sorted: {@link hashValue} hashes this text of a value's encoding. */
export function sortedJsonText(json: JsonValue): string {
  return JSON.stringify(sortKeys(json));
}

function sortKeys(json: JsonValue): JsonValue {
  if (json === null || typeof json !== 'object') return json;
  if (Array.isArray(json)) return json.map(sortKeys);
  const out: Record<string, JsonValue> = {};
  for (const key of Object.keys(json).sort()) out[key] = sortKeys(json[key] as JsonValue);
  return out;
}

/**
 * A 64-bit content hash (two independent 32-bit FNV-1a style lanes) of a value's stable JSON,
 * as 16 hex digits. Equal values (by {@link valuesEqual}) hash equal.
 */
export function hashValue(value: unknown): string {
  return hashString(stableStringify(value));
}

export function hashString(text: string): string {
  let h1 = 0x811c9dc5 ^ text.length;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- description

/** A short name of a value's type, for state panels and error messages. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array[${value.length}]`;
  if (typeof value !== 'object') return typeof value;
  if (value instanceof Date) return 'date';
  if (value instanceof Map) return `map[${value.size}]`;
  if (value instanceof Set) return `set[${value.size}]`;
  if (isTypedArray(value)) return `${value.constructor.name}[${value.length}]`;
  const type = customTypeOf(value);
  if (type) return type.describe ? type.describe(value) : type.tag;
  return 'object';
}

/** Approximate size of a value in bytes (its encoded JSON length for ordinary values). */
export function approximateSize(value: unknown): number {
  if (value !== null && typeof value === 'object') {
    const type = customTypeOf(value);
    if (type?.sizeOf) return type.sizeOf(value);
  }
  if (typeof value === 'string') return value.length;
  return JSON.stringify(encodeValue(value))?.length ?? 0;
}

/** Recursively freezes plain data, for tests that check models never mutate their inputs. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value) && !isTypedArray(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
