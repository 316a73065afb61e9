/**
 * The workspace's read and write operations over one sql.js database, independent of where it
 * is kept: the browser wraps it with IndexedDB snapshots (`workspace.ts`), the CLI opens a plain
 * `.sqlite` file with {@link openWorkspaceDatabase}.
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { decodeValue, encodeValue, loadSqlJs, type CacheEntry, type JsonValue, type StateJSON, type WorkflowJSON } from '../engine';
import { SCHEMA_VERSION, migrate, schemaVersionOf } from './schema';
import type { CustomModelRecord, ExtractSideRef, LastStateRefs, NodeLayout, RunRecord, StepRunRecord, StoredExtract, StoredExtractRef, WorkflowRecord, WorkflowSummary } from './types';
import { InlineValues, valueRef, type ValueStore } from './values';

const SQLITE_HEADER = 'SQLite format 3\0';

export class InvalidWorkspaceError extends Error {
  constructor(reason: string) {
    super(`not a Swark workspace: ${reason}`);
    this.name = 'InvalidWorkspaceError';
  }
}

/**
 * Opens bytes as a database and checks they are a sound SQLite file, without migrating.
 * Throws {@link InvalidWorkspaceError} saying what is wrong (empty, truncated, not SQLite, corrupt).
 */
export function openCheckedDatabase(SQL: SqlJsStatic, bytes: Uint8Array): Database {
  if (bytes.byteLength === 0) throw new InvalidWorkspaceError('the data is empty (0 bytes)');
  // The header first: a short text file is "not SQLite", not "a truncated SQLite file".
  // (A few bytes that begin like the header are a truncated file, handled below.)
  const header = String.fromCharCode(...bytes.subarray(0, SQLITE_HEADER.length));
  if (!SQLITE_HEADER.startsWith(header)) {
    throw new InvalidWorkspaceError(`it is not a SQLite file (${describeStart(bytes)})`);
  }
  if (bytes.byteLength < 100) throw new InvalidWorkspaceError(`the data is truncated (${bytes.byteLength} bytes, a SQLite file has at least 100)`);
  const pageSize = ((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0);
  const pages = (((bytes[28] ?? 0) << 24) | ((bytes[29] ?? 0) << 16) | ((bytes[30] ?? 0) << 8) | (bytes[31] ?? 0)) >>> 0;
  const fullSize = (pageSize === 1 ? 65536 : pageSize) * pages;
  if (pages > 0 && bytes.byteLength < fullSize) {
    throw new InvalidWorkspaceError(`the data is truncated (${bytes.byteLength} of ${fullSize} bytes)`);
  }
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    const check = db.exec('PRAGMA quick_check')[0]?.values[0]?.[0];
    if (check !== 'ok') throw new Error(String(check));
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof InvalidWorkspaceError) throw error;
    throw new InvalidWorkspaceError(`the SQLite file is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** What bytes that are not SQLite start with, for the message: a text preview, else their size. */
function describeStart(bytes: Uint8Array): string {
  const start = bytes.subarray(0, 40);
  const printable = start.every((byte) => byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127));
  if (!printable) return `it does not start with the SQLite file header; ${bytes.byteLength} bytes`;
  const text = String.fromCharCode(...start).replace(/\s+/g, ' ').trim();
  return `it looks like text: "${text}${bytes.byteLength > start.byteLength ? '…' : ''}"`;
}

/**
 * Refuses a SQLite file that is not a Swark workspace this version can read.
 * `allowEmpty` accepts a SQLite file with no tables as a new workspace (the CLI's own file);
 * a backup must be a workspace already, or importing it would replace everything with nothing.
 */
export function assertWorkspaceSchema(db: Database, options: { allowEmpty?: boolean } = {}): void {
  const version = schemaVersionOf(db);
  if (version > SCHEMA_VERSION) {
    throw new InvalidWorkspaceError(`it was written by a newer version of Swark Studio (schema ${version}, this one reads up to ${SCHEMA_VERSION}); open it with a newer version`);
  }
  const tables = (db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0]?.values ?? []).map((row) => String(row[0]));
  if (version === 0 && tables.length > 0) {
    throw new InvalidWorkspaceError(`it is a SQLite database of something else (tables: ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) with no workspace schema version`);
  }
  if (version === 0 && options.allowEmpty === false) throw new InvalidWorkspaceError('it is an empty SQLite database, with no workflows and no workspace schema version');
  if (version > 0 && !tables.includes('workflows')) throw new InvalidWorkspaceError(`it has schema version ${version} but no workflows table`);
}

/** Counts used to check that a saved snapshot holds what memory holds. */
export interface WorkspaceCounts {
  workflows: number;
  extracts: number;
  runs: number;
  customModels: number;
}

type Row = Record<string, SqlValue>;

export class WorkspaceDatabase {
  /** Decoded values by ref, so a value is parsed once however often it is read. */
  private readonly decoded = new Map<string, unknown>();

  constructor(
    public db: Database,
    readonly values: ValueStore,
  ) {}

  // ------------------------------------------------------------ queries

  private rows(sql: string, params: SqlValue[] = []): Row[] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const out: Row[] = [];
      while (statement.step()) out.push(statement.getAsObject());
      return out;
    } finally {
      statement.free();
    }
  }

  private transaction(work: () => void): void {
    this.db.run('BEGIN');
    try {
      work();
      this.db.run('COMMIT');
    } catch (error) {
      try {
        this.db.run('ROLLBACK');
      } catch {
        // SQLite ended the transaction itself; the first error is the one to report
      }
      throw error;
    }
  }

  // ------------------------------------------------------------ workflows

  listWorkflows(): WorkflowSummary[] {
    return this.rows('SELECT id, name, created_at, updated_at FROM workflows ORDER BY updated_at DESC, id').map((row) => ({
      id: String(row.id),
      name: String(row.name),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }));
  }

  getWorkflow(id: string): WorkflowRecord | null {
    const row = this.rows('SELECT * FROM workflows WHERE id = ?', [id])[0];
    if (!row) return null;
    return {
      id: String(row.id),
      name: String(row.name),
      workflow: JSON.parse(String(row.workflow)) as WorkflowJSON,
      layout: JSON.parse(String(row.layout)) as Record<string, NodeLayout>,
      state: JSON.parse(String(row.state)) as Record<string, JsonValue>,
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  saveWorkflow(record: WorkflowRecord): void {
    // Seeds in the workflow JSON would copy big values into every snapshot: extracts have their own table.
    const { modelInputs: _inputs, modelOutputs: _outputs, ...workflow } = record.workflow;
    this.db.run(
      `INSERT OR REPLACE INTO workflows (id, name, workflow, layout, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [record.id, record.name, JSON.stringify(workflow), JSON.stringify(record.layout), JSON.stringify(record.state), record.createdAt, record.updatedAt],
    );
  }

  deleteWorkflow(id: string): void {
    this.transaction(() => {
      this.db.run('DELETE FROM workflows WHERE id = ?', [id]);
      this.db.run('DELETE FROM extracts WHERE workflow_id = ?', [id]);
      this.db.run('DELETE FROM last_state WHERE workflow_id = ?', [id]);
      this.db.run('DELETE FROM last_state_slots WHERE workflow_id = ?', [id]);
      this.db.run('DELETE FROM run_steps WHERE run_id IN (SELECT id FROM runs WHERE workflow_id = ?)', [id]);
      this.db.run('DELETE FROM runs WHERE workflow_id = ?', [id]);
    });
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ values

  /** Stores a value once by content and returns its ref. */
  private storeValue(value: unknown): string {
    const json = JSON.stringify(encodeValue(value));
    const ref = valueRef(json);
    this.values.put(ref, json);
    this.decoded.set(ref, value);
    return ref;
  }

  private storeJson(encoded: JsonValue): string {
    const json = JSON.stringify(encoded);
    const ref = valueRef(json);
    this.values.put(ref, json);
    return ref;
  }

  private async loadValue(ref: string): Promise<unknown> {
    if (this.decoded.has(ref)) return this.decoded.get(ref);
    const value = decodeValue(JSON.parse(await this.values.get(ref)));
    this.decoded.set(ref, value);
    return value;
  }

  /** Every ref the database points to. */
  referencedValues(): Set<string> {
    const refs = this.db.exec(
      'SELECT input_ref FROM extracts UNION SELECT output_ref FROM extracts UNION SELECT value_ref FROM last_state_slots',
    )[0]?.values;
    return new Set((refs ?? []).map((row) => String(row[0])));
  }

  private dropUnreferencedValues(): void {
    const live = this.referencedValues();
    for (const ref of [...this.decoded.keys()]) if (!live.has(ref)) this.decoded.delete(ref);
    if (this.values.kind === 'inline') {
      this.db.run(`DELETE FROM value_blobs WHERE ref NOT IN (
        SELECT input_ref FROM extracts UNION SELECT output_ref FROM extracts UNION SELECT value_ref FROM last_state_slots)`);
    }
  }

  // ------------------------------------------------------------ extracts

  async getExtracts(workflowId: string): Promise<StoredExtract[]> {
    const rows = this.rows('SELECT * FROM extracts WHERE workflow_id = ? ORDER BY step_key', [workflowId]);
    return Promise.all(
      rows.map(async (row) => ({
        stepKey: String(row.step_key),
        inputHash: String(row.input_hash),
        input: await this.extractOf(row, 'input'),
        output: await this.extractOf(row, 'output'),
      })),
    );
  }

  private async extractOf(row: Row, side: 'input' | 'output'): Promise<CacheEntry> {
    const at = row[`${side}_at`];
    const extract: CacheEntry = {
      value: await this.loadValue(String(row[`${side}_ref`])),
      model: nullableString(row[`${side}_model`]),
      version: nullableString(row[`${side}_version`]),
    };
    if (typeof at === 'number') extract.at = at;
    return extract;
  }

  /** The stored input hashes by step key, without loading any value. */
  extractInputHashes(workflowId: string): Record<string, string> {
    const rows = this.rows('SELECT step_key, input_hash FROM extracts WHERE workflow_id = ?', [workflowId]);
    return Object.fromEntries(rows.map((row) => [String(row.step_key), String(row.input_hash)]));
  }

  putExtracts(workflowId: string, extracts: StoredExtract[]): void {
    const prepared = extracts.map((entry) => ({ entry, inputRef: this.storeValue(entry.input.value), outputRef: this.storeValue(entry.output.value) }));
    this.transaction(() => {
      for (const { entry, inputRef, outputRef } of prepared) {
        this.db.run(
          `INSERT OR REPLACE INTO extracts (workflow_id, step_key, input_hash,
             input_model, input_version, input_at, input_ref, output_model, output_version, output_at, output_ref)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            workflowId, entry.stepKey, entry.inputHash,
            entry.input.model, entry.input.version, entry.input.at ?? null, inputRef,
            entry.output.model, entry.output.version, entry.output.at ?? null, outputRef,
          ],
        );
      }
    });
    this.dropUnreferencedValues();
  }

  /**
   * Records extracts whose values are stored already (by the run worker), by ref: no value is
   * encoded, hashed or held here. The value store must hold every ref before a snapshot saves them.
   */
  putExtractRefs(workflowId: string, extracts: StoredExtractRef[]): void {
    this.transaction(() => {
      for (const entry of extracts) {
        this.db.run(
          `INSERT OR REPLACE INTO extracts (workflow_id, step_key, input_hash,
             input_model, input_version, input_at, input_ref, output_model, output_version, output_at, output_ref)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            workflowId, entry.stepKey, entry.inputHash,
            entry.input.model, entry.input.version, entry.input.at ?? null, entry.input.ref,
            entry.output.model, entry.output.version, entry.output.at ?? null, entry.output.ref,
          ],
        );
      }
    });
    this.dropUnreferencedValues();
  }

  /** A workflow's extracts by ref, without loading any value. */
  extractRefs(workflowId: string): StoredExtractRef[] {
    const side = (row: Row, name: 'input' | 'output'): ExtractSideRef => {
      const at = row[`${name}_at`];
      return {
        model: nullableString(row[`${name}_model`]),
        version: nullableString(row[`${name}_version`]),
        ...(typeof at === 'number' ? { at } : {}),
        ref: String(row[`${name}_ref`]),
      };
    };
    return this.rows('SELECT * FROM extracts WHERE workflow_id = ? ORDER BY step_key', [workflowId]).map((row) => ({
      stepKey: String(row.step_key),
      inputHash: String(row.input_hash),
      input: side(row, 'input'),
      output: side(row, 'output'),
    }));
  }

  /** Forgets the extracts and kept states that refer to any of `refs` (values that never reached storage). */
  dropValueRefs(refs: ReadonlySet<string>): void {
    const list = [...refs];
    if (!list.length) return;
    const marks = list.map(() => '?').join(', ');
    this.transaction(() => {
      this.db.run(`DELETE FROM extracts WHERE input_ref IN (${marks}) OR output_ref IN (${marks})`, [...list, ...list]);
      const workflows = this.rows(`SELECT DISTINCT workflow_id FROM last_state_slots WHERE value_ref IN (${marks})`, list).map((row) => String(row.workflow_id));
      for (const id of workflows) {
        this.db.run('DELETE FROM last_state WHERE workflow_id = ?', [id]);
        this.db.run('DELETE FROM last_state_slots WHERE workflow_id = ?', [id]);
      }
    });
    this.dropUnreferencedValues();
  }

  /** Replaces all of a workflow's extracts with `extracts` (the CLI's way after a run). */
  replaceExtracts(workflowId: string, extracts: StoredExtract[]): void {
    this.db.run('DELETE FROM extracts WHERE workflow_id = ?', [workflowId]);
    this.putExtracts(workflowId, extracts);
  }

  clearExtracts(workflowId: string, stepKey?: string): void {
    if (stepKey === undefined) this.db.run('DELETE FROM extracts WHERE workflow_id = ?', [workflowId]);
    else this.db.run('DELETE FROM extracts WHERE workflow_id = ? AND step_key = ?', [workflowId, stepKey]);
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ last-run state

  async getLastState(workflowId: string): Promise<StateJSON | null> {
    const head = this.rows('SELECT mutable FROM last_state WHERE workflow_id = ?', [workflowId])[0];
    if (!head) return null;
    const slots = this.rows('SELECT name, value_ref FROM last_state_slots WHERE workflow_id = ? ORDER BY position', [workflowId]);
    const values: Record<string, JsonValue> = {};
    for (const slot of slots) {
      const ref = String(slot.value_ref);
      values[String(slot.name)] = encodedFromCache(this.decoded, ref) ?? (JSON.parse(await this.values.get(ref)) as JsonValue);
    }
    return { mutable: Boolean(head.mutable), values };
  }

  putLastState(workflowId: string, state: StateJSON): void {
    const slots = Object.entries(state.values).map(([name, encoded]) => ({ name, ref: this.storeJson(encoded) }));
    this.putLastStateRefs(workflowId, { mutable: state.mutable, slots });
  }

  /** The kept state by ref (values stored already, see {@link putExtractRefs}). */
  lastStateRefs(workflowId: string): LastStateRefs | null {
    const head = this.rows('SELECT mutable FROM last_state WHERE workflow_id = ?', [workflowId])[0];
    if (!head) return null;
    const slots = this.rows('SELECT name, value_ref FROM last_state_slots WHERE workflow_id = ? ORDER BY position', [workflowId]);
    return { mutable: Boolean(head.mutable), slots: slots.map((slot) => ({ name: String(slot.name), ref: String(slot.value_ref) })) };
  }

  putLastStateRefs(workflowId: string, { mutable, slots }: LastStateRefs): void {
    this.transaction(() => {
      this.db.run('INSERT OR REPLACE INTO last_state (workflow_id, mutable) VALUES (?, ?)', [workflowId, mutable ? 1 : 0]);
      this.db.run('DELETE FROM last_state_slots WHERE workflow_id = ?', [workflowId]);
      slots.forEach(({ name, ref }, position) =>
        this.db.run('INSERT INTO last_state_slots (workflow_id, name, position, value_ref) VALUES (?, ?, ?, ?)', [workflowId, name, position, ref]),
      );
    });
    this.dropUnreferencedValues();
  }

  // ------------------------------------------------------------ runs

  listRuns(workflowId: string): RunRecord[] {
    const runs = this.rows('SELECT * FROM runs WHERE workflow_id = ? ORDER BY started_at DESC, rowid DESC', [workflowId]);
    return runs.map((row) => {
      const steps = this.rows('SELECT * FROM run_steps WHERE run_id = ? ORDER BY idx', [String(row.id)]).map(stepFromRow);
      const record: RunRecord = {
        id: String(row.id),
        workflowId: String(row.workflow_id),
        kind: String(row.kind) as RunRecord['kind'],
        startedAt: Number(row.started_at),
        endedAt: Number(row.ended_at),
        flags: JSON.parse(String(row.flags)) as RunRecord['flags'],
        outcome: String(row.outcome) as RunRecord['outcome'],
        steps,
      };
      if (typeof row.error === 'string') record.error = row.error;
      return record;
    });
  }

  addRun(record: RunRecord): void {
    this.transaction(() => {
      this.db.run('DELETE FROM run_steps WHERE run_id = ?', [record.id]);
      this.db.run(
        'INSERT OR REPLACE INTO runs (id, workflow_id, kind, started_at, ended_at, flags, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [record.id, record.workflowId, record.kind, record.startedAt, record.endedAt, JSON.stringify(record.flags), record.outcome, record.error ?? null],
      );
      for (const step of record.steps) {
        this.db.run(
          'INSERT INTO run_steps (run_id, idx, key, model, status, duration_ms, error, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [record.id, step.index, step.key, step.model, step.status, step.durationMs, step.error ?? null, step.reason ?? null],
        );
      }
    });
  }

  // ------------------------------------------------------------ custom models

  listCustomModels(): CustomModelRecord[] {
    return this.rows('SELECT record FROM custom_models ORDER BY created_at, id').map((row) => JSON.parse(String(row.record)) as CustomModelRecord);
  }

  saveCustomModel(record: CustomModelRecord): void {
    this.db.run('INSERT OR REPLACE INTO custom_models (id, record, created_at) VALUES (?, ?, ?)', [record.id, JSON.stringify(record), record.createdAt]);
  }

  deleteCustomModel(id: string): void {
    this.db.run('DELETE FROM custom_models WHERE id = ?', [id]);
  }

  // ------------------------------------------------------------ whole file

  counts(): WorkspaceCounts {
    return countsOf(this.db);
  }

  /** The database bytes as they are (in the browser: without the big values). */
  toBytes(): Uint8Array {
    return this.db.export();
  }

  /** A complete workspace file: the database with every value it refers to inline. */
  async exportFile(): Promise<Uint8Array> {
    if (this.values.kind === 'inline') return this.db.export();
    const SQL = await loadSqlJs();
    const copy = new SQL.Database(this.db.export());
    try {
      const refs = [...this.referencedValues()];
      const texts = await Promise.all(refs.map((ref) => this.values.get(ref)));
      copy.run('BEGIN');
      refs.forEach((ref, i) => copy.run('INSERT OR REPLACE INTO value_blobs (ref, json) VALUES (?, ?)', [ref, texts[i] ?? '']));
      copy.run('COMMIT');
      return copy.export();
    } finally {
      copy.close();
    }
  }

  close(): void {
    this.db.close();
  }
}

export function countsOf(db: Database): WorkspaceCounts {
  const row = db.exec(
    `SELECT (SELECT count(*) FROM workflows), (SELECT count(*) FROM extracts), (SELECT count(*) FROM runs), (SELECT count(*) FROM custom_models)`,
  )[0]?.values[0];
  return { workflows: Number(row?.[0] ?? 0), extracts: Number(row?.[1] ?? 0), runs: Number(row?.[2] ?? 0), customModels: Number(row?.[3] ?? 0) };
}

function nullableString(value: SqlValue | undefined): string | null {
  return value === null || value === undefined ? null : String(value);
}

function encodedFromCache(cache: Map<string, unknown>, ref: string): JsonValue | undefined {
  return cache.has(ref) ? encodeValue(cache.get(ref)) : undefined;
}

function stepFromRow(row: Row): StepRunRecord {
  const step: StepRunRecord = {
    index: Number(row.idx),
    key: String(row.key),
    model: String(row.model),
    status: String(row.status) as StepRunRecord['status'],
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
  };
  if (typeof row.error === 'string') step.error = row.error;
  if (typeof row.reason === 'string') step.reason = row.reason;
  return step;
}

/**
 * Opens a complete workspace file (values inline), e.g. for the `swark` CLI, or a new empty one.
 * Migrates it to the current schema; a file from a newer version is refused with a clear message.
 *
 * @example
 * const ws = await openWorkspaceDatabase(readFileSync('work.sqlite'));
 * ws.listWorkflows();
 * writeFileSync('work.sqlite', ws.toBytes());
 */
export async function openWorkspaceDatabase(bytes?: Uint8Array): Promise<WorkspaceDatabase> {
  const SQL = await loadSqlJs();
  const db = bytes ? openCheckedDatabase(SQL, bytes) : new SQL.Database();
  try {
    assertWorkspaceSchema(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  let workspace: WorkspaceDatabase | null = null;
  workspace = new WorkspaceDatabase(db, new InlineValues(() => (workspace as WorkspaceDatabase).db));
  return workspace;
}
