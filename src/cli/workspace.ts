/**
 * The CLI's workspace: one SQLite file in the persistence layer's workspace format (values
 * inline), so a file written by `swark` opens in the app through workspace import, and a backup
 * exported from the app runs here. The commands code against `CliWorkspace` only.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorMessage, hashValue, type StateJSON } from '../engine';
import { cacheBudgetOf } from '../persistence/cacheBudget';
import type { RunRecord, StoredExtract, WorkflowRecord, WorkflowSummary, WorkspaceSettings } from '../persistence/types';
import { initValueHashing } from '../persistence/values';
import { openWorkspaceDatabase, type WorkspaceDatabase } from '../persistence/workspaceDb';
import { CliError } from './errors';

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
  /** The workspace's settings (what the app set, e.g. cache entries per step). */
  settings(): WorkspaceSettings;
  /** Stores a file's text once by content (kept while a workflow refers to it); returns its hash. */
  storeFileText(text: string): string;
  /** A stored file's text by hash; rejects when it is not in the workspace file. */
  fileText(hash: string): Promise<string>;
  /** Writes the file (atomically: a temporary file renamed over it). */
  save(): Promise<void>;
  close(): void;
}

class FileWorkspace implements CliWorkspace {
  constructor(
    readonly path: string,
    private readonly database: WorkspaceDatabase,
  ) {}

  listWorkflows = () => this.database.listWorkflows();
  getWorkflow = (id: string) => this.database.getWorkflow(id);
  saveWorkflow = (record: WorkflowRecord) => this.database.saveWorkflow(record);
  getExtracts = (workflowId: string) => this.database.getExtracts(workflowId);
  replaceExtracts = (workflowId: string, extracts: StoredExtract[]) => this.database.replaceExtracts(workflowId, extracts);
  getLastState = (workflowId: string) => this.database.getLastState(workflowId);
  putLastState = (workflowId: string, state: StateJSON) => this.database.putLastState(workflowId, state);
  listRuns = (workflowId: string) => this.database.listRuns(workflowId);
  /** Records the run, then keeps the cache within the workspace's budget as the app does (never this run's entries). */
  addRun = (record: RunRecord) => {
    this.database.addRun(record);
    this.database.keepCacheWithinBudget(cacheBudgetOf(this.database.settings().cacheBudgetBytes, null), [record.workflowId]);
  };
  settings = () => this.database.settings();
  storeFileText = (text: string) => this.database.storeFileText(text);
  fileText = (hash: string) => this.database.fileText(hash);

  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, new Uint8Array(await (await this.database.exportFile()).arrayBuffer()));
    await rename(temporary, this.path);
  }

  close(): void {
    this.database.close();
  }
}

async function readIfExists(path: string): Promise<Uint8Array | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(`cannot read workspace file ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

/**
 * Opens the workspace file at `path`, or a new empty workspace when there is none yet
 * (`create: false` makes a missing file an error, for `inspect`).
 */
export async function openWorkspaceFile(path: string, options: { create?: boolean } = {}): Promise<CliWorkspace> {
  const bytes = await readIfExists(path);
  if (!bytes && options.create === false) throw new CliError(`workspace file ${path} does not exist`);
  await initValueHashing();
  try {
    return new FileWorkspace(path, await openWorkspaceDatabase(bytes ?? undefined));
  } catch (error) {
    throw new CliError(`cannot open workspace file ${path}: ${errorMessage(error)}`, { cause: error });
  }
}

/** The stored form of a step's extracts, hashed as the workspace contract asks. */
export function storedExtract(stepKey: string, input: StoredExtract['input'], output: StoredExtract['output']): StoredExtract {
  return { stepKey, input, output, inputHash: hashValue(input.value) };
}
