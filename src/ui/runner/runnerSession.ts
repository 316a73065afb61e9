/**
 * The Runner view's logic, apart from React: pick a workflow and a state by reference, run
 * (references resolved afresh), rerun the kept pair with the two cache flags. Runs on the main
 * thread: application workflows are small, and the editor's own runs go through the worker.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { Runner, describeType, encodeValue, errorMessage, type RunReason, type StepStatus, type WorkflowEvent } from '../../engine';

type SessionStatus = 'idle' | 'running' | 'ok' | 'error';

export interface SessionStep {
  index: number;
  key: string;
  status: 'running' | StepStatus;
  durationMs: number | null;
  reason: string | null;
}

export interface RunnerSessionState {
  workflowRef: string;
  stateRef: string;
  useExtracts: boolean;
  populateExtracts: boolean;
  status: SessionStatus;
  /** Which action produced the steps shown. */
  lastAction: 'run' | 'rerun' | null;
  steps: SessionStep[];
  /** The final state output, one line per slot. */
  output: { slot: string; text: string }[];
  error: string | null;
  canRerun: boolean;
  setWorkflowRef(ref: string): void;
  setStateRef(ref: string): void;
  setFlag(flag: 'useExtracts' | 'populateExtracts', value: boolean): void;
  run(): Promise<void>;
  rerun(): Promise<void>;
}

const MAX_OUTPUT_CHARS = 160;

function summarize(value: unknown): string {
  const chart = value as { kind?: unknown; mark?: unknown; data?: unknown } | null;
  if (chart && typeof chart === 'object' && chart.kind === 'chart' && Array.isArray(chart.data))
    return `chart (${String(chart.mark)}, ${chart.data.length} points)`;
  try {
    const text = JSON.stringify(encodeValue(value));
    return text.length <= MAX_OUTPUT_CHARS ? text : describeType(value);
  } catch {
    return describeType(value);
  }
}

function reasonWords(reason: RunReason | undefined): string | null {
  if (!reason) return null;
  switch (reason.kind) {
    case 'input-changed':
    case 'param-changed':
      return `${reason.kind === 'input-changed' ? 'input' : 'param'} changed: ${reason.fields.join(', ')}`;
    case 'model-changed':
      return `model changed (${reason.from} → ${reason.to})`;
    case 'cache-off':
      return 'cache off';
    case 'no-cache':
      return 'nothing cached to reuse';
    default:
      return reason.kind.replace('-', ' ');
  }
}

export interface RunnerSessionOptions {
  workflowRef?: string;
  stateRef?: string;
  /** Resolves references; defaults to the engine's `references` (app:// and, once wired, workspace://). */
  resolve?: (ref: string) => unknown;
}

export function createRunnerSession(options: RunnerSessionOptions = {}): StoreApi<RunnerSessionState> {
  let runner: Runner | null = null;

  return createStore<RunnerSessionState>()((set, get) => {
    const onEvent = (event: WorkflowEvent) => {
      if (event.type === 'start') {
        set((s) => ({ steps: [...s.steps, { index: event.index, key: event.key, status: 'running', durationMs: null, reason: null }] }));
      } else if (event.type === 'end') {
        set((s) => ({
          steps: s.steps.map((step) =>
            step.index === event.index
              ? { ...step, status: event.status, durationMs: event.durationMs, reason: event.error ? event.error.detail : reasonWords(event.reason) }
              : step,
          ),
        }));
      }
    };

    const perform = async (action: 'run' | 'rerun', work: () => Promise<Record<string, unknown>>) => {
      set({ status: 'running', lastAction: action, steps: [], output: [], error: null });
      try {
        const output = await work();
        set({ status: 'ok', output: Object.entries(output).map(([slot, value]) => ({ slot, text: summarize(value) })) });
      } catch (error) {
        set({ status: 'error', error: errorMessage(error) });
      } finally {
        set({ canRerun: runner?.rerunWorkflow !== null && runner?.rerunWorkflow !== undefined });
      }
    };

    return {
      workflowRef: options.workflowRef ?? 'app://arithmetic/workflows/xyk',
      stateRef: options.stateRef ?? 'app://arithmetic/states/xyk',
      useExtracts: true,
      populateExtracts: true,
      status: 'idle',
      lastAction: null,
      steps: [],
      output: [],
      error: null,
      canRerun: false,
      setWorkflowRef: (workflowRef) => set({ workflowRef }),
      setStateRef: (stateRef) => set({ stateRef }),
      setFlag: (flag, value) => set({ [flag]: value } as Pick<RunnerSessionState, typeof flag>),
      run: async () => {
        const { workflowRef, stateRef } = get();
        runner = new Runner({ workflow: workflowRef.trim(), state: stateRef.trim(), ...(options.resolve ? { resolve: options.resolve } : {}) });
        const current = runner;
        // A run always caches and reuses; the flags apply to reruns, as in pyswark's Runner.
        await perform('run', () => current.run({ onEvent }));
      },
      rerun: async () => {
        if (!runner) return;
        const current = runner;
        const { useExtracts, populateExtracts } = get();
        await perform('rerun', () => current.rerun({ useExtracts, populateExtracts }, { onEvent }));
      },
    };
  });
}
