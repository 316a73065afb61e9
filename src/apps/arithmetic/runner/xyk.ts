import { Runner, type StateLike, type Workflow } from '../../../engine';

export const WORKFLOW_REF = 'app://arithmetic/workflows/xyk';
export const STATE_REF = 'app://arithmetic/states/xyk#standard';

export interface XykRunnerOptions {
  /** A state instance or reference; defaults to the app's standard state. */
  state?: StateLike | string;
  workflow?: Workflow | string;
  resolve?: (ref: string) => unknown;
}

/** A Runner wiring the `(x + y) * k` workflow and a state by reference, resolved afresh on each run. */
export function create(options: XykRunnerOptions = {}): Runner {
  return new Runner({
    workflow: options.workflow ?? WORKFLOW_REF,
    state: options.state ?? STATE_REF,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
}
