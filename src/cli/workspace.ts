/**
 * The CLI's workspace: one SQLite file holding saved workflows, their extracts, the last state
 * and run history. The command codes against `CliWorkspace` only, so the storage behind it can be
 * the persistence layer's file format (which the app imports) without touching the commands.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from 'sql.js';
import { hashValue, loadSqlJs, type StateJSON } from '../engine';
import type { RunRecord, StoredExtract, WorkflowRecord, WorkflowSummary } from '../persistence/types';
import { CliError } from './errors';
import { decodeExtract, encodeExtract } from './extractCodec';

export interface CliWorkspace {
  readonly path: string;
  listWorkflows(): WorkflowSummary[];
  getWorkflow(id: string): WorkflowRecord | null;
  saveWorkflow(record: WorkflowRecord): void;
  getExtracts(workflowId: string): Promise<StoredExtract[]>;
  /** Replaces the workflow's extracts with `extracts`. */
  replaceExtracts(workflowId: string, extracts: StoredExtract[]): void;
  getLastState(workflowId: string): Promise<StateJSON | null>;
  putLastState(workflowId: string, state: StateJSON): void;
  listRuns(workflowId: string): RunRecord[];
  addRun(record: RunRecord): void;
  /** Writes the file (atomically: a temporary file renamed over it). */
  save(): Promise<void>;
  close(): void;
}

const TABLES = `
  CREATE TABLE IF NOT EXISTS cli_workflows (id TEXT PRIMARY KEY, name TEXT NOT NULL, record TEXT NOT NULL, updated_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS cli_extracts (workflow_id TEXT NOT NULL, step_key TEXT NOT NULL, entry TEXT NOT NULL, PRIMARY KEY (workflow_id, step_key));
  CREATE TABLE IF NOT EXISTS cli_last_state (workflow_id TEXT PRIMARY KEY, state TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS cli_runs (id TEXT PRIMARY KEY, workflow_id TEXT NOT NULL, started_at INTEGER NOT NULL, record TEXT NOT NULL);
`;

function rows(db: Database, sql: string, params: (string | number)[] = []): unknown[][] {
  return db.exec(sql, params)[0]?.values ?? [];
}

class SqlJsWorkspace implements CliWorkspace {
  constructor(
    readonly path: string,
    private readonly db: Database,
  ) {}

  listWorkflows(): WorkflowSummary[] {
    return rows(this.db, 'SELECT record FROM cli_workflows ORDER BY updated_at DESC').map((row) => {
      const { id, name, createdAt, updatedAt } = JSON.parse(String(row[0])) as WorkflowRecord;
      return { id, name, createdAt, updatedAt };
    });
  }

  getWorkflow(id: string): WorkflowRecord | null {
    const row = rows(this.db, 'SELECT record FROM cli_workflows WHERE id = ?', [id])[0];
    return row ? (JSON.parse(String(row[0])) as WorkflowRecord) : null;
  }

  saveWorkflow(record: WorkflowRecord): void {
    this.db.run('INSERT OR REPLACE INTO cli_workflows (id, name, record, updated_at) VALUES (?, ?, ?, ?)', [record.id, record.name, JSON.stringify(record), record.updatedAt]);
  }

  async getExtracts(workflowId: string): Promise<StoredExtract[]> {
    return rows(this.db, 'SELECT entry FROM cli_extracts WHERE workflow_id = ? ORDER BY rowid', [workflowId]).map((row) => decodeExtract(String(row[0])));
  }

  replaceExtracts(workflowId: string, extracts: StoredExtract[]): void {
    this.db.run('DELETE FROM cli_extracts WHERE workflow_id = ?', [workflowId]);
    for (const entry of extracts) {
      this.db.run('INSERT INTO cli_extracts (workflow_id, step_key, entry) VALUES (?, ?, ?)', [workflowId, entry.stepKey, encodeExtract(entry)]);
    }
  }

  async getLastState(workflowId: string): Promise<StateJSON | null> {
    const row = rows(this.db, 'SELECT state FROM cli_last_state WHERE workflow_id = ?', [workflowId])[0];
    return row ? (JSON.parse(String(row[0])) as StateJSON) : null;
  }

  putLastState(workflowId: string, state: StateJSON): void {
    this.db.run('INSERT OR REPLACE INTO cli_last_state (workflow_id, state) VALUES (?, ?)', [workflowId, JSON.stringify(state)]);
  }

  listRuns(workflowId: string): RunRecord[] {
    return rows(this.db, 'SELECT record FROM cli_runs WHERE workflow_id = ? ORDER BY started_at DESC', [workflowId]).map((row) => JSON.parse(String(row[0])) as RunRecord);
  }

  addRun(record: RunRecord): void {
    this.db.run('INSERT OR REPLACE INTO cli_runs (id, workflow_id, started_at, record) VALUES (?, ?, ?, ?)', [record.id, record.workflowId, record.startedAt, JSON.stringify(record)]);
  }

  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, this.db.export());
    await rename(temporary, this.path);
  }

  close(): void {
    this.db.close();
  }
}

async function readIfExists(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`cannot read workspace file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Opens the workspace file at `path`, or a new empty workspace when there is none yet
 * (`create: false` makes a missing file an error, for `inspect`).
 */
export async function openWorkspaceFile(path: string, options: { create?: boolean } = {}): Promise<CliWorkspace> {
  const bytes = await readIfExists(path);
  if (!bytes && options.create === false) throw new CliError(`workspace file ${path} does not exist`);
  const SQL = await loadSqlJs();
  let db: Database;
  try {
    db = bytes ? new SQL.Database(bytes) : new SQL.Database();
    db.run(TABLES);
  } catch (error) {
    throw new CliError(`${path} is not a SQLite workspace file (${(error as Error).message})`, { cause: error });
  }
  return new SqlJsWorkspace(path, db);
}

/** The stored form of a step's extracts, hashed as the workspace contract asks. */
export function storedExtract(stepKey: string, input: StoredExtract['input'], output: StoredExtract['output']): StoredExtract {
  return { stepKey, input, output, inputHash: hashValue(input.value) };
}
