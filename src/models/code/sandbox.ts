/**
 * Runs a person's JavaScript in QuickJS compiled to WebAssembly: a separate interpreter with its
 * own heap and no host objects, so the code cannot reach the page, storage or the network
 * (`fetch`, `indexedDB`, `importScripts`, `document` simply do not exist there). The single-file
 * build embeds its wasm, so it loads the same way in Node, a Worker and the page. Loaded on first use.
 *
 * Inputs cross as JSON: tables become arrays of row objects ({ column: value }), dates ISO text;
 * -0, NaN and ±Infinity arrive as themselves (see `DECODE`). The result comes back faithfully through the engine's value codec (a
 * Map as a Map, a Date as a Date, NaN as NaN, an Error as { name, message }); a result that cannot
 * be stored (a function, a symbol, a cycle…) is an error naming it, and an `undefined` result is
 * null. A run that read the clock or a random source says so through `doNotCache` (see
 * `sandboxScript.ts`). The code runs synchronously on the calling thread (the app runs workflows
 * in a Worker); the interrupt handler stops it at the deadline or when `signal` is aborted.
 */
import type { QuickJSContext, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { CancelledError, decodeValue, describeUnstorable, type UnstorablePart } from '../../engine';
import { Table } from '../table/table';
import { DECODE, ENCODE, INSTRUMENT, RANDOM_BYTES_FUNCTION } from './sandboxScript';

export const DEFAULT_TIMEOUT_MS = 5000;
const MEMORY_LIMIT_BYTES = 256 * 1024 * 1024;
const STACK_LIMIT_BYTES = 1024 * 1024;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set([
  'arguments',
  'eval',
  'console',
  'await',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
]);

let loading: Promise<QuickJSWASMModule> | undefined;

function loadQuickJS(): Promise<QuickJSWASMModule> {
  loading ??= Promise.all([import('quickjs-emscripten-core'), import('@jitl/quickjs-singlefile-mjs-release-sync')])
    .then(([core, variant]) => core.newQuickJSWASMModuleFromVariant(variant.default))
    .catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

/** Checks that `name` can be a parameter of the sandboxed function. */
export function checkParameterName(name: string): void {
  if (!IDENTIFIER.test(name) || RESERVED.has(name))
    throw new Error(`\`${name}\` cannot be an input name: use letters, digits and _ (not starting with a digit), and not a JavaScript keyword`);
}

/** The inputs as JSON text; numbers JSON cannot hold are tagged for `DECODE` in the sandbox. */
function toJsonText(values: Record<string, unknown>): string {
  const wrapped = new WeakSet<object>();
  return JSON.stringify(values, (_key, value: unknown) => {
    if (typeof value === 'number')
      return Number.isFinite(value) && !Object.is(value, -0) ? value : { $swark: 'num', v: Object.is(value, -0) ? '-0' : String(value) };
    if (value instanceof Table) return value.rows();
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Map) return Object.fromEntries(value);
    if (value instanceof Set) return [...value];
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, '$swark') && !wrapped.has(value)) {
      wrapped.add(value);
      return { $swark: 'obj', v: value };
    }
    return value;
  });
}

export interface SandboxRun {
  /** The function body; it sees each of `values`' keys as a parameter and `return`s the result. */
  code: string;
  parameters: readonly string[];
  values: Record<string, unknown>;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Heap limit of the sandbox; defaults to 256 MiB. */
  memoryLimitBytes?: number;
  /** Called when the run read the clock or a random source, with why in words ("read Math.random()"). */
  doNotCache?: (reason: string) => void;
}

/** What the sandbox's outer function hands back, as JSON text. */
type SandboxReply = { v: unknown; reads: string[] } | { unstorable: UnstorablePart };

/** "read Math.random()", "read Math.random() and Date.now()", "read a, b and c". */
export function readsReason(reads: readonly string[]): string {
  const list = reads.length > 1 ? `${reads.slice(0, -1).join(', ')} and ${reads[reads.length - 1]}` : (reads[0] ?? '');
  return `read ${list}`;
}

/** Gives the sandbox random bytes from the host's crypto (QuickJS has none of its own), as hex text. */
function provideRandomBytes(context: QuickJSContext): void {
  const randomBytes = context.newFunction(RANDOM_BYTES_FUNCTION, (count) => {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(Math.max(0, Math.min(65536, context.getNumber(count)))));
    // Hex: a latin-1 string would end at its first zero byte on the way into QuickJS.
    let text = '';
    for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
    return context.newString(text);
  });
  context.setProp(context.global, RANDOM_BYTES_FUNCTION, randomBytes);
  randomBytes.dispose();
}

/** Runs `code` as a function body in a fresh QuickJS context and returns its JSON result. */
export async function runInSandbox({
  code,
  parameters,
  values,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  signal,
  memoryLimitBytes = MEMORY_LIMIT_BYTES,
  doNotCache,
}: SandboxRun): Promise<unknown> {
  parameters.forEach(checkParameterName);
  if (signal?.aborted) throw new CancelledError();
  const QuickJS = await loadQuickJS();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(memoryLimitBytes);
  runtime.setMaxStackSize(STACK_LIMIT_BYTES);
  let stoppedBy: 'deadline' | 'signal' | undefined;
  const deadline = Date.now() + timeoutMs;
  runtime.setInterruptHandler(() => {
    if (signal?.aborted) stoppedBy = 'signal';
    else if (Date.now() > deadline) stoppedBy = 'deadline';
    return stoppedBy !== undefined;
  });
  const context = runtime.newContext();
  try {
    const input = context.newString(toJsonText(values));
    context.setProp(context.global, '__swarkInput', input);
    input.dispose();
    provideRandomBytes(context);
    const source = [
      '(function () {',
      DECODE,
      'const __values = __swarkDecode(JSON.parse(__swarkInput)); globalThis.__swarkInput = undefined;',
      INSTRUMENT,
      ENCODE,
      'const console = { log() {}, info() {}, warn() {}, error() {} };',
      `const __result = (function (${parameters.join(', ')}) {`,
      '"use strict";',
      code,
      `\n}).call(undefined${parameters.map((name) => `, __values[${JSON.stringify(name)}]`).join('')});`,
      'let __reply;',
      'try { __reply = { v: __swarkEncode(__result === undefined ? null : __result), reads: __swarkReads }; }',
      'catch (error) { if (error && error.__swarkUnstorable) __reply = { unstorable: error.__swarkUnstorable }; else throw error; }',
      'return JSON.stringify(__reply);',
      '})()',
    ].join('\n');
    const result = context.evalCode(source, 'code.js');
    if (result.error) {
      const error = context.dump(result.error) as { name?: string; message?: string } | string;
      result.error.dispose();
      if (stoppedBy === 'deadline') throw new Error(`timed out after ${timeoutMs} ms: the code was stopped (an endless loop?)`);
      if (stoppedBy === 'signal') throw new CancelledError();
      if (typeof error === 'object' && error !== null) throw new Error(`${error.name ?? 'Error'}: ${error.message ?? String(error)}`);
      throw new Error(`the code threw ${JSON.stringify(error)}`);
    }
    const text = context.getString(result.value);
    result.value.dispose();
    const reply = JSON.parse(text) as SandboxReply;
    if ('unstorable' in reply) throw new Error(describeUnstorable(reply.unstorable, 'the returned value', 'result'));
    if (reply.reads.length) doNotCache?.(readsReason(reply.reads));
    return decodeValue(reply.v);
  } finally {
    context.dispose();
    runtime.dispose();
  }
}
