/**
 * Which state Run starts from, pure: the workflow's own initial state, one of its saved states, or
 * a state named by reference (an application's, such as `app://weather/states/monthly`).
 */
import type { GraphData, RunStateChoice, StateValues } from './types';

export const OWN_STATE: RunStateChoice = { kind: 'own' };

/** The choice in words, for the toolbar and messages. */
export function runStateLabel(choice: RunStateChoice): string {
  switch (choice.kind) {
    case 'own':
      return 'this workflow’s initial state';
    case 'saved':
      return `saved state “${choice.name}”`;
    case 'ref':
      return choice.ref;
  }
}

export const sameChoice = (a: RunStateChoice, b: RunStateChoice): boolean =>
  a.kind === b.kind && (a.kind !== 'saved' || a.name === (b as typeof a).name) && (a.kind !== 'ref' || a.ref === (b as typeof a).ref);

type RunStateData = Pick<GraphData, 'initialState' | 'savedStates' | 'runState' | 'resolvedRunState'>;

/** The slots Run starts from; throws, in words, when the chosen state is gone or not read yet. */
export function runStateValues(data: RunStateData): StateValues {
  const choice = data.runState;
  if (choice.kind === 'own') return data.initialState;
  if (choice.kind === 'saved') {
    if (!Object.hasOwn(data.savedStates, choice.name))
      throw new Error(`Run uses saved state “${choice.name}”, which is gone. Choose another state beside Run.`);
    return data.savedStates[choice.name] as StateValues;
  }
  const resolved = data.resolvedRunState;
  if (!resolved || resolved.ref !== choice.ref || resolved.status === 'loading') throw new Error(`Run uses state ${choice.ref}, which is still being read.`);
  if (resolved.status === 'error') throw new Error(`Run uses state ${choice.ref}, which cannot be read: ${resolved.message}`);
  return resolved.values;
}
