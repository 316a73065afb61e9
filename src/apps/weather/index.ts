import type { AppDefinition } from '../types';
import * as runnerMonthly from './runner/monthly';
import * as statesMonthly from './states/monthly';
import { registerSteps } from './steps';
import * as workflowMonthly from './workflows/monthly';

export const weather: AppDefinition = {
  name: 'weather',
  title: 'Weather',
  description: 'A real-data pipeline on the Seattle weather dataset (vega-datasets): load, clean, monthly aggregate, chart.',
  registerSteps: () => registerSteps(),
  workflows: { monthly: workflowMonthly },
  states: { monthly: statesMonthly },
  runners: { monthly: runnerMonthly },
};
