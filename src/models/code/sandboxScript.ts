/**
 * The JavaScript the sandbox runs around a person's code, as source text for QuickJS:
 *
 * - `INSTRUMENT`: wraps every source of nondeterminism the sandbox offers (`Math.random`,
 *   `Date.now`, `new Date()` without an argument, `Date()`, `performance.now`,
 *   `crypto.getRandomValues`, `crypto.randomUUID`) so a call is noted in `__swarkReads`: a run that
 *   read one of them cannot be cached (its result depends on more than its input). QuickJS has no
 *   `performance` or `crypto` of its own; they are provided here, random bytes from the host.
 * - `ENCODE`: turns the returned value into the engine's value codec (`src/engine/values.ts`), so
 *   a Map, Set, Date, typed array, NaN, ±Infinity, -0, undefined or bigint comes back as itself, an
 *   Error as `{ name, message }`; anything else that cannot be stored (a function, a symbol, a
 *   cycle, a Promise, an instance of another class) throws `{ __swarkUnstorable: { what, at } }`,
 *   which the host turns into an error naming it — never a silent `null` or `{}`.
 *
 * - `DECODE`: the inverse of the host's `toJsonText` for numbers JSON cannot hold: an input's -0,
 *   NaN and ±Infinity arrive as `{ $swark: 'num' }` and are turned back into themselves (JSON alone
 *   would give 0 and null, a wrong answer without an error); an object with its own `$swark` key
 *   arrives wrapped as `{ $swark: 'obj', v }`, so it is never mistaken for one.
 *
 * All run inside the sandbox's outer function, before and after the person's code.
 */

/** Names the host function that gives `n` random bytes (as hex text). */
export const RANDOM_BYTES_FUNCTION = '__swarkRandomBytes';

export const INSTRUMENT = `
const __swarkReads = [];
(function () {
  const note = (name) => { if (!__swarkReads.includes(name)) __swarkReads.push(name); };
  const define = (owner, key, value) => Object.defineProperty(owner, key, { value, writable: true, configurable: true, enumerable: false });
  const wrap = (owner, key, name) => {
    const original = owner[key];
    define(owner, key, { [key](...args) { note(name); return original.apply(this, args); } }[key]);
  };
  const randomBytes = globalThis.${RANDOM_BYTES_FUNCTION};
  delete globalThis.${RANDOM_BYTES_FUNCTION};
  const OriginalDate = Date;
  const clock = OriginalDate.now;
  const origin = clock();
  wrap(Math, 'random', 'Math.random()');
  wrap(OriginalDate, 'now', 'Date.now()');
  const DateWatched = new Proxy(OriginalDate, {
    construct(target, args, newTarget) {
      if (args.length === 0) note('new Date()');
      return Reflect.construct(target, args, newTarget === DateWatched ? target : newTarget);
    },
    apply(target, self, args) {
      note('Date()');
      return Reflect.apply(target, self, args);
    },
  });
  define(OriginalDate.prototype, 'constructor', DateWatched);
  define(globalThis, 'Date', DateWatched);
  define(globalThis, 'performance', { now() { note('performance.now()'); return clock() - origin; } });
  const fill = (array) => {
    if (!ArrayBuffer.isView(array) || array instanceof DataView || array instanceof Float32Array || array instanceof Float64Array)
      throw new TypeError('crypto.getRandomValues needs an integer typed array');
    if (array.byteLength > 65536) throw new RangeError('crypto.getRandomValues fills at most 65536 bytes at a time');
    const bytes = randomBytes(array.byteLength);
    const view = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < view.length; i++) view[i] = parseInt(bytes.slice(2 * i, 2 * i + 2), 16);
    return array;
  };
  define(globalThis, 'crypto', {
    getRandomValues(array) { note('crypto.getRandomValues()'); return fill(array); },
    randomUUID() {
      note('crypto.randomUUID()');
      const b = fill(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    },
  });
})();
`;

export const ENCODE = `
const __swarkEncode = (function () {
  const TYPED = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
  const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
  const fail = (what, at, backTo) => { throw { __swarkUnstorable: backTo === undefined ? { what, at } : { what, at, backTo } }; };
  const field = (at, key) => (IDENTIFIER.test(key) ? at + '.' + key : at + '[' + JSON.stringify(key) + ']');
  const num = (n) => (Number.isFinite(n) && !Object.is(n, -0) ? n : { $swark: 'num', v: Object.is(n, -0) ? '-0' : String(n) });
  const article = (name) => (/^[AEIOU]/i.test(name) ? 'an ' : 'a ') + name;
  const put = (out, key, value) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  const ancestors = [];
  const paths = [];
  function encode(value, at) {
    switch (typeof value) {
      case 'string':
      case 'boolean':
        return value;
      case 'number':
        return num(value);
      case 'undefined':
        return { $swark: 'undef', v: null };
      case 'bigint':
        return { $swark: 'bigint', v: value.toString() };
      case 'function':
        return fail('a function', at);
      case 'symbol':
        return fail('a symbol', at);
    }
    if (value === null) return null;
    const enclosing = ancestors.indexOf(value);
    if (enclosing >= 0) return fail('a cycle', at, paths[enclosing]);
    ancestors.push(value);
    paths.push(at);
    try {
      return encodeObject(value, at);
    } finally {
      ancestors.pop();
      paths.pop();
    }
  }
  function encodeObject(value, at) {
    if (Array.isArray(value)) {
      const out = new Array(value.length);
      for (let i = 0; i < value.length; i++) out[i] = encode(value[i], at + '[' + i + ']');
      return out;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out = {};
      for (const key of Object.keys(value)) put(out, key, encode(value[key], field(at, key)));
      return Object.prototype.hasOwnProperty.call(value, '$swark') ? { $swark: 'obj', v: out } : out;
    }
    if (value instanceof Date) return { $swark: 'date', v: num(value.getTime()) };
    if (value instanceof Map) {
      const entries = [];
      let i = 0;
      for (const [key, item] of value) {
        const name = typeof key === 'string' || typeof key === 'number' ? JSON.stringify(key) : 'entry ' + i;
        entries.push([encode(key, at + ' (key of map entry ' + i + ')'), encode(item, at + '.get(' + name + ')')]);
        i++;
      }
      return { $swark: 'map', v: entries };
    }
    if (value instanceof Set) {
      const items = [];
      let i = 0;
      for (const item of value) items.push(encode(item, at + ' (set item ' + i++ + ')'));
      return { $swark: 'set', v: items };
    }
    const name = (value.constructor && value.constructor.name) || 'object of an unknown class';
    if (ArrayBuffer.isView(value) && TYPED.includes(name)) {
      return { $swark: 'typed', t: name, v: Array.from(value, (x) => (typeof x === 'bigint' ? x.toString() : num(x))) };
    }
    if (value instanceof Error) return { name: String(value.name), message: String(value.message) };
    return fail(article(name), at);
  }
  return (value) => encode(value, '');
})();
`;

export const DECODE = `
const __swarkDecode = (function () {
  const own = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
  function children(o) {
    for (const key of Object.keys(o)) Object.defineProperty(o, key, { value: decode(o[key]), enumerable: true, writable: true, configurable: true });
    return o;
  }
  function decode(value) {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) { for (let i = 0; i < value.length; i++) value[i] = decode(value[i]); return value; }
    if (!own(value, '$swark')) return children(value);
    if (value.$swark === 'num') return value.v === '-0' ? -0 : Number(value.v);
    return children(value.v);
  }
  return decode;
})();
`;
