/**
 * Older versions of the export format, brought up to the current one before the schema checks a
 * file. Ordered and append-only: when the format changes, bump `FORMAT_VERSION` and add the step
 * from the previous version here, with its test (`test/format/migrations.test.ts`). A file keeps
 * everything it held; only what the newer version spells differently is rewritten.
 */
import { FORMAT_VERSION } from './constants';

interface FormatMigration {
  /** The version this migration reads; it writes `from + 1`. */
  from: number;
  description: string;
  up(file: Record<string, unknown>): Record<string, unknown>;
}

const FORMAT_MIGRATIONS: readonly FormatMigration[] = [
  {
    from: 1,
    description: 'a step may carry `deterministic: false` ("Always run"); a version 1 file has none, so only its version changes',
    up: (file) => ({ ...file, version: 2 }),
  },
  {
    from: 2,
    description: 'the optional `states` (saved states by name); a version 2 file has none, so only its version changes',
    up: (file) => ({ ...file, version: 3 }),
  },
  {
    from: 3,
    description: 'a step may carry `bypassed: true`; a version 3 file has none, so only its version changes',
    up: (file) => ({ ...file, version: 4 }),
  },
  {
    from: 4,
    description: 'the optional `annotations` (notes and groups, editor-only); a version 4 file has none, so only its version changes',
    up: (file) => ({ ...file, version: 5 }),
  },
  {
    from: 5,
    description:
      'the optional `components` and `instances` (component definitions and where they are placed); a version 5 file has none, so only its version changes',
    up: (file) => ({ ...file, version: 6 }),
  },
  {
    from: 6,
    description:
      "the optional `values` (each big field of the cache once) and an extract's `shared` naming them; a version 6 file writes every extract whole, so only its version changes",
    up: (file) => ({ ...file, version: 7 }),
  },
];

/**
 * A parsed file of any version this app knows, as the current version: a file already current,
 * newer, or without a usable version comes back as it was (the importer and the schema say why).
 */
export function migrateWorkflowFile(file: Record<string, unknown>): Record<string, unknown> {
  let current = file;
  while (typeof current.version === 'number' && Number.isInteger(current.version) && current.version < FORMAT_VERSION) {
    const version = current.version;
    const migration = FORMAT_MIGRATIONS.find((candidate) => candidate.from === version);
    if (!migration) break;
    current = migration.up(current);
  }
  return current;
}

/** The versions a file may have to be read (after migration): 1 up to the current one. */
export const OLDEST_FORMAT_VERSION = Math.min(FORMAT_VERSION, ...FORMAT_MIGRATIONS.map((migration) => migration.from));
