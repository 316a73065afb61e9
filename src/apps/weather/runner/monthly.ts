import { Runner, type StateLike, type Workflow } from '../../../engine';

export const WORKFLOW_REF = 'app://weather/workflows/monthly';
export const STATE_REF = 'app://weather/states/monthly';

export interface MonthlyRunnerOptions {
  state?: StateLike | string;
  workflow?: Workflow | string;
  resolve?: (ref: string) => unknown;
}

/** A Runner wiring the monthly weather workflow and a state by reference, resolved afresh on each run. */
export function create(options: MonthlyRunnerOptions = {}): Runner {
  return new Runner({
    workflow: options.workflow ?? WORKFLOW_REF,
    state: options.state ?? STATE_REF,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
}
