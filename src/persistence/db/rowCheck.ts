/**
 * Row checks: every row of a workspace database holds what the app's readers expect (JSON that
 * parses into the right shape, known kinds and statuses, numbers where numbers go). The stored
 * workspace is checked on open and a backup before it is taken in, so a damaged row gives a
 * message naming its table, row and column instead of an editor that cannot open.
 * Zod-free on purpose: this runs before the first paint.
 */
import type { Database, SqlValue } from 'sql.js';
import { eachRow, type Row } from './sql';

/** At most this many problems are listed; the rest are counted. */
const LIST_AT_MOST = 8;

type Check = (row: Row) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: SqlValue | undefined): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const quote = (value: unknown) => JSON.stringify(String(value));

function oneOf(column: string, allowed: readonly string[]): Check {
  return (row) => (allowed.includes(String(row[column])) ? null : `column "${column}" is ${quote(row[column])}, not one of ${allowed.join(', ')}`);
}

function text(column: string, { empty = true, nullable = false } = {}): Check {
  return (row) => {
    const value = row[column];
    if (value === null && nullable) return null;
    if (!isText(value)) return `column "${column}" is not text`;
    return !empty && value === '' ? `column "${column}" is empty` : null;
  };
}

function number(column: string, { nullable = false } = {}): Check {
  return (row) => (isNumber(row[column]) || (nullable && row[column] === null) ? null : `column "${column}" is not a number`);
}

/** Parses a JSON column, then checks its value with `shape` (which names what is wrong, or null). */
function json(column: string, shape: (value: unknown) => string | null): Check {
  return (row) => {
    const value = row[column];
    if (!isText(value)) return `column "${column}" is not text`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch (error) {
      return `column "${column}" is not valid JSON (${(error as Error).message})`;
    }
    const problem = shape(parsed);
    return problem === null ? null : `column "${column}" ${problem}`;
  };
}

const objectOf =
  (what: string, entry: (value: unknown, key: string) => string | null = () => null) =>
  (value: unknown): string | null => {
    if (!isObject(value)) return `is not ${what}`;
    for (const [key, item] of Object.entries(value)) {
      const problem = entry(item, key);
      if (problem) return `has ${quote(key)} ${problem}`;
    }
    return null;
  };

const textValues = (value: unknown) => (typeof value === 'string' ? null : 'mapped to something other than text');

function stepProblem(step: unknown, index: number): string | null {
  const at = `step ${index + 1}`;
  if (!isObject(step)) return `${at} is not an object`;
  if (step.id !== undefined && (typeof step.id !== 'string' || step.id === '')) return `${at} has an id that is not text`;
  if (typeof step.model !== 'string' || step.model === '') return `${at} has no model`;
  for (const side of ['inputs', 'outputs'] as const) {
    const problem = objectOf('an object', textValues)(step[side]);
    if (problem) return `${at}: "${side}" ${problem}`;
  }
  if (step.params !== undefined && !isObject(step.params)) return `${at}: "params" is not an object`;
  return null;
}

function workflowShape(value: unknown): string | null {
  if (!isObject(value) || !Array.isArray(value.steps)) return 'is not a workflow (an object with a "steps" list)';
  const ids = new Map<string, number>();
  for (const [index, step] of value.steps.entries()) {
    const problem = stepProblem(step, index);
    if (problem) return `has ${problem}`;
    const id = (step as { id?: string }).id ?? `step${index + 1}`;
    const first = ids.get(id);
    if (first !== undefined) return `has step id ${quote(id)} twice (steps ${first + 1} and ${index + 1}); step ids must be unique`;
    ids.set(id, index);
  }
  for (const flag of ['useExtracts', 'populateExtracts']) if (typeof value[flag] !== 'boolean') return `has "${flag}" that is not true or false`;
  return null;
}

const layoutShape = objectOf('an object of node places', (place) => {
  if (!isObject(place) || !isNumber(place.x) || !isNumber(place.y)) return 'without numbers "x" and "y"';
  if (place.label !== undefined && typeof place.label !== 'string') return 'with a label that is not text';
  return place.untrusted === undefined || typeof place.untrusted === 'boolean' ? null : 'with "untrusted" that is not true or false';
});

const savedStatesShape = objectOf('an object of saved states', (state) => (isObject(state) ? null : 'that is not an object of state slots'));

function runStateShape(value: unknown): string | null {
  if (value === null) return null;
  if (
    isObject(value) &&
    (value.kind === 'own' || (value.kind === 'saved' && typeof value.name === 'string') || (value.kind === 'ref' && typeof value.ref === 'string'))
  )
    return null;
  return 'is not a state to run from (own, a saved state by name, or a reference)';
}

/** A JSON column that may also be NULL (the default). */
function nullableJson(column: string, shape: (value: unknown) => string | null): Check {
  const parsed = json(column, shape);
  return (row) => (row[column] === null ? null : parsed(row));
}

const flagsShape = (value: unknown) =>
  isObject(value) && ['useExtracts', 'populateExtracts', 'mutable'].every((flag) => typeof value[flag] === 'boolean')
    ? null
    : 'is not the run switches (useExtracts, populateExtracts, mutable)';

const RUN_STEP_STATUSES = ['ran', 'skipped', 'bypassed', 'error', 'cancelled', 'not-run'];
const isWords = (value: unknown) => value === undefined || value === null || typeof value === 'string';

/** What is wrong with a run step as stored in `runs.steps`, or null. */
function runStepProblem(step: unknown): string | null {
  if (!isObject(step)) return 'is not a step record';
  if (!isNumber(step.index)) return 'has an "index" that is not a number';
  const texts = ['key', 'model'].filter((key) => typeof step[key] !== 'string');
  if (texts.length) return `has ${texts.map((key) => `"${key}"`).join(', ')} that is not text`;
  if (!RUN_STEP_STATUSES.includes(String(step.status))) return `has status ${quote(step.status)}, not one of ${RUN_STEP_STATUSES.join(', ')}`;
  if (step.durationMs !== null && !isNumber(step.durationMs)) return 'has a "durationMs" that is not a number';
  const words = ['error', 'reason'].filter((key) => !isWords(step[key]));
  return words.length ? `has ${words.map((key) => `"${key}"`).join(', ')} that is not text` : null;
}

const runStepsShape = (value: unknown): string | null => {
  if (!Array.isArray(value)) return 'is not a list of run steps';
  for (const [at, step] of value.entries()) {
    const problem = runStepProblem(step);
    if (problem) return `step ${at} ${problem}`;
  }
  return null;
};

function customModelShape(id: SqlValue | undefined) {
  return (value: unknown) => {
    if (!isObject(value)) return 'is not a custom model record';
    if (value.id !== id) return `names model ${quote(value.id)}, not the row's id`;
    const texts = ['title', 'description', 'code', 'version'].filter((key) => typeof value[key] !== 'string');
    if (texts.length) return `has ${texts.map((key) => `"${key}"`).join(', ')} that is not text`;
    const lists = ['inputs', 'outputs'].filter((key) => !Array.isArray(value[key]) || !(value[key] as unknown[]).every((port) => typeof port === 'string'));
    return lists.length ? `has ${lists.map((key) => `"${key}"`).join(', ')} that is not a list of names` : null;
  };
}

function componentShape(id: SqlValue | undefined) {
  return (value: unknown) => {
    if (!isObject(value)) return 'is not a component record';
    if (value.id !== id) return `names component ${quote(value.id)}, not the row's id`;
    if (typeof value.name !== 'string') return 'has a "name" that is not text';
    if (!isObject(value.definition) || !Array.isArray(value.definition.nodes)) return 'has a "definition" without a list of nodes';
    return null;
  };
}

const side = (prefix: 'input' | 'output'): Check[] => [
  text(`${prefix}_model`, { nullable: true }),
  text(`${prefix}_version`, { nullable: true }),
  number(`${prefix}_at`, { nullable: true }),
  text(`${prefix}_origin`, { nullable: true }),
  text(`${prefix}_ref`, { empty: false }),
];

/** Each table, how a row is named in a message, and the checks every row must pass. */
const TABLES: { table: string; key: string[]; checks: Check[] | ((row: Row) => Check[]) }[] = [
  {
    table: 'workflows',
    key: ['id'],
    checks: [
      text('id', { empty: false }),
      text('name'),
      json('workflow', workflowShape),
      json('layout', layoutShape),
      json('state', objectOf('an object of state slots')),
      json('states', savedStatesShape),
      nullableJson('run_state', runStateShape),
      json('annotations', (value) => (Array.isArray(value) ? null : 'not a list of notes and groups')),
      number('created_at'),
      number('updated_at'),
    ],
  },
  {
    table: 'custom_models',
    key: ['id'],
    checks: (row) => [text('id', { empty: false }), json('record', customModelShape(row.id)), number('created_at')],
  },
  {
    table: 'components',
    key: ['id'],
    checks: (row) => [text('id', { empty: false }), json('record', componentShape(row.id)), number('created_at')],
  },
  {
    table: 'extracts',
    key: ['workflow_id', 'step_key', 'input_hash'],
    checks: [text('workflow_id'), text('step_key'), text('input_hash'), number('rank'), ...side('input'), ...side('output'), number('used_at')],
  },
  { table: 'last_state', key: ['workflow_id'], checks: [text('workflow_id'), oneOf('mutable', ['0', '1'])] },
  {
    table: 'last_state_slots',
    key: ['workflow_id', 'name'],
    checks: [text('workflow_id'), text('name'), number('position'), text('value_ref', { empty: false })],
  },
  {
    table: 'runs',
    key: ['id'],
    checks: [
      text('id', { empty: false }),
      text('workflow_id'),
      oneOf('kind', ['run', 'rerun', 'run-to']),
      number('started_at'),
      number('ended_at'),
      json('flags', flagsShape),
      oneOf('outcome', ['ok', 'error', 'cancelled']),
      text('error', { nullable: true }),
      json('steps', runStepsShape),
    ],
  },
  { table: 'settings', key: ['key'], checks: [text('key', { empty: false }), json('value', () => null)] },
];

/**
 * What is wrong with the rows of `db` (a database whose schema is the app's), in words naming
 * table, row and column; empty when every row reads as the app expects. (Inline values are the
 * backup's to check: the browser's snapshot keeps none.)
 */
export function rowProblems(db: Database): string[] {
  const problems: string[] = [];
  let more = 0;
  for (const { table, key, checks } of TABLES) {
    eachRow(db, `SELECT * FROM ${table}`, (row) => {
      for (const check of typeof checks === 'function' ? checks(row) : checks) {
        const problem = check(row);
        if (problem === null) continue;
        if (problems.length < LIST_AT_MOST) problems.push(`table "${table}", row ${key.map((column) => quote(row[column])).join(' / ')}: ${problem}`);
        else more++;
        return;
      }
    });
  }
  if (more) problems.push(`and ${more} more row${more > 1 ? 's' : ''} like these`);
  return problems;
}

/** Rows that refer to a workflow or run the database does not have, and how to leave them out. */
const DANGLING: { table: string; what: string; where: string }[] = [
  { table: 'extracts', what: 'cached steps', where: 'workflow_id NOT IN (SELECT id FROM workflows)' },
  { table: 'last_state', what: 'kept states', where: 'workflow_id NOT IN (SELECT id FROM workflows)' },
  {
    table: 'last_state_slots',
    what: 'kept state slots',
    where: 'workflow_id NOT IN (SELECT workflow_id FROM last_state WHERE workflow_id IN (SELECT id FROM workflows))',
  },
  { table: 'runs', what: 'runs', where: 'workflow_id NOT IN (SELECT id FROM workflows)' },
];

/**
 * Deletes the rows that refer to a workflow (or run, or kept state) `db` does not have: nothing
 * could ever show them. Returns what was left out, in words (empty: nothing).
 */
export function dropDanglingRows(db: Database): string[] {
  const dropped: string[] = [];
  for (const { table, what, where } of DANGLING) {
    const count = Number(db.exec(`SELECT count(*) FROM ${table} WHERE ${where}`)[0]?.values[0]?.[0] ?? 0);
    if (count === 0) continue;
    db.run(`DELETE FROM ${table} WHERE ${where}`);
    dropped.push(`${count} ${what} of workflows the file does not have`);
  }
  return dropped;
}
