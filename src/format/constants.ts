/** The format's names and reserved keys, apart from its zod schemas (the editor uses these before zod loads). */
export const FORMAT_NAME = 'swark.workflow';
export const FORMAT_VERSION = 1;

/** Keys that would reach an object's prototype machinery; never accepted anywhere in a file. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
