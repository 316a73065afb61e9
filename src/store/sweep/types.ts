/** The sweep store's shapes: what a person asks for, the rows it shows, its actions. */
import type { RunStateChoice, StateValues } from '../graph/types';
import type { SweepCellValue } from '../../worker/protocol';

/** What the dialog asks to run: several states, or one slot over a list of values. */
export type SweepRequest = { kind: 'states'; states: RunStateChoice[]; outputs: string[] } | { kind: 'values'; slot: string; text: string; outputs: string[] };

/** One state of a sweep, resolved: how its row is named and its slots (codec-encoded). */
export interface SweepEntry {
  label: string;
  values: StateValues;
}

type SweepRowStatus = 'waiting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface SweepRow {
  label: string;
  status: SweepRowStatus;
  /** Chosen output → its cell (once the state is done). */
  cells: Record<string, SweepCellValue>;
  ran: number;
  skipped: number;
  error?: string;
}

export interface SweepData {
  dialog: 'closed' | 'setup' | 'results';
  phase: 'idle' | 'running' | 'finished' | 'cancelled';
  workflowId: string | null;
  /** The columns: the chosen outputs. */
  outputs: string[];
  rows: SweepRow[];
  /** How many states run at once. */
  jobs: number;
  /** The most a sweep runs at once here: the logical processors less one, at least one. */
  maxJobs: number;
  /** Run workers alive now (0 once a sweep ends or is cancelled). */
  workers: number;
  /** The steps run once for every state (keys). */
  shared: string[];
  /** The table a person opened: its row and slot. */
  opened: { row: number; slot: string } | null;
}

interface SweepActions {
  openSetup(): void;
  close(): void;
  /** Starts a sweep; resolves to null once it started, else the problem in words (nothing ran). */
  start(request: SweepRequest): Promise<string | null>;
  /** Stops every worker; states not finished are cancelled. */
  cancel(): void;
  openCell(opened: { row: number; slot: string } | null): void;
  /** Back to the dialog's setup, keeping nothing of the last results. */
  newSweep(): void;
}

export type SweepState = SweepData & SweepActions;
