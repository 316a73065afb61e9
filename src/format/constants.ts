/** The format's names and reserved keys, apart from its zod schemas (the editor uses these before zod loads). */
export const FORMAT_NAME = 'swark.workflow';
/**
 * 2: a step may be marked "Always run" (`deterministic: false`); 3: the optional saved states
 * (`states`); 4: a step may be bypassed (`bypassed: true`); 5: notes and groups (`annotations`); 6: component
 * definitions and instances (`components`, `instances`); 7: the cache's big fields written once each
(`values`, named from an extract's `shared`) and where a definition's boundary nodes sit (`boundary`). Older files are migrated on import (`migrations.ts`).
 */
export const FORMAT_VERSION = 7;

/** Keys that would reach an object's prototype machinery; never accepted anywhere in a file. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
