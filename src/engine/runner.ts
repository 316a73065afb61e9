import { references } from './references';
import { State, type StateJSON, type StateLike } from './state';
import { Workflow, type RunOptions, type WorkflowJSON } from './workflow';

export type Ref = string;

export interface RunnerOptions {
  workflow: Workflow | Ref;
  state: StateLike | Ref;
  /** Resolves string references; defaults to the engine's `references`. */
  resolve?: (ref: string) => unknown;
}

export interface RerunFlags {
  useExtracts?: boolean;
  populateExtracts?: boolean;
}

export interface RunnerJSON {
  workflow: WorkflowJSON | Ref;
  state: StateJSON | Ref;
}

/**
 * Runs a workflow against a state, each given as an instance or a reference resolved afresh on
 * every run, and keeps both so the run can be replayed (`rerun`).
 */
export class Runner {
  readonly workflow: Workflow | Ref;
  readonly state: StateLike | Ref;
  /** The workflow and state of the last run (kept even when it failed, for inspection). */
  rerunWorkflow: Workflow | null = null;
  rerunState: StateLike | null = null;
  private readonly resolve: (ref: string) => unknown;

  constructor(options: RunnerOptions) {
    this.workflow = options.workflow;
    this.state = options.state;
    this.resolve = options.resolve ?? references.resolve;
  }

  async getWorkflow(): Promise<Workflow> {
    if (typeof this.workflow !== 'string') return this.workflow;
    const value = await this.resolve(this.workflow);
    if (!(value instanceof Workflow)) throw new Error(`reference "${this.workflow}" does not resolve to a Workflow`);
    return value;
  }

  async getState(): Promise<StateLike> {
    if (typeof this.state !== 'string') return this.state;
    const value = (await this.resolve(this.state)) as StateLike | null;
    if (!value || typeof value.extract !== 'function' || typeof value.post !== 'function') {
      throw new Error(`reference "${this.state}" does not resolve to a State`);
    }
    return value;
  }

  async run(options?: RunOptions): Promise<Record<string, unknown>> {
    const workflow = await this.getWorkflow();
    const state = await this.getState();
    this.rerunWorkflow = workflow;
    this.rerunState = state;
    return workflow.run(state, options);
  }

  /** The kept workflow with only the given flags changed (the same object). */
  getRerunWorkflow(flags: RerunFlags = {}): Workflow {
    if (!this.rerunWorkflow) throw new Error('nothing to rerun: call run() first');
    if (flags.useExtracts !== undefined) this.rerunWorkflow.useExtracts = flags.useExtracts;
    if (flags.populateExtracts !== undefined) this.rerunWorkflow.populateExtracts = flags.populateExtracts;
    return this.rerunWorkflow;
  }

  getRerunState(): StateLike {
    if (!this.rerunState) throw new Error('nothing to rerun: call run() first');
    return this.rerunState;
  }

  /** Replays the kept workflow against the kept state; flags given override the workflow's. */
  async rerun(flags: RerunFlags = {}, options?: RunOptions): Promise<Record<string, unknown>> {
    const workflow = this.getRerunWorkflow(flags);
    return workflow.run(this.getRerunState(), options);
  }

  toJSON(): RunnerJSON {
    const state = this.state;
    return {
      workflow: typeof this.workflow === 'string' ? this.workflow : this.workflow.toJSON(),
      state: typeof state === 'string' ? state : state.toJSON(),
    };
  }

  static fromJSON(json: RunnerJSON, resolve?: (ref: string) => unknown): Runner {
    return new Runner({
      workflow: typeof json.workflow === 'string' ? json.workflow : Workflow.fromJSON(json.workflow),
      state: typeof json.state === 'string' ? json.state : State.fromJSON(json.state),
      ...(resolve ? { resolve } : {}),
    });
  }
}
