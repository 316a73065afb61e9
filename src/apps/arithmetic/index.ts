import type { AppDefinition } from '../types';
import * as runnerXyk from './runner/xyk';
import * as statesXyk from './states/xyk';
import { registerSteps } from './steps';
import * as workflowXyk from './workflows/xyk';

export const arithmetic: AppDefinition = {
  name: 'arithmetic',
  title: 'Arithmetic',
  description: 'The (x + y) * k example of pyswark: the smallest workflow that shows skipping.',
  registerSteps: () => registerSteps(),
  workflows: { xyk: workflowXyk },
  states: { xyk: statesXyk },
  runners: { xyk: runnerXyk },
};
