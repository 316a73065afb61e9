/** Workflows a person can start from (the workflow list's "New from template"). */
import type { StepJSON } from '../engine';
import type { WorkflowBody } from '../format';

export interface WorkflowTemplate {
  id: string;
  title: string;
  description: string;
  body(): WorkflowBody;
}

/** Typed up front so each literal step is checked as a StepJSON. */
const steps = (list: StepJSON[]): StepJSON[] => list;

const arithmetic: WorkflowTemplate = {
  id: 'arithmetic',
  title: '(x + y) * k',
  description: 'Two numbers added, then multiplied by a third.',
  body: () => ({
    name: '(x + y) * k',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: steps([
        { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
        { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
        { id: 'k', model: 'input.number', inputs: {}, outputs: { value: 'k.value' }, params: { value: 4 } },
        { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'add.sum' } },
        { id: 'multiply', model: 'math.multiply', inputs: { 'add.sum': 'value', 'k.value': 'factor' }, outputs: { product: 'multiply.product' } },
      ]),
    },
    layout: {
      x: { x: 40, y: 40 },
      y: { x: 40, y: 220 },
      k: { x: 340, y: 330 },
      add: { x: 340, y: 110 },
      multiply: { x: 640, y: 200 },
    },
    state: {},
  }),
};

const weather: WorkflowTemplate = {
  id: 'seattle-weather',
  title: 'Seattle weather: warm days by weather',
  description: 'The shipped Seattle weather dataset, filtered to warm days, counted and averaged per weather type, sorted.',
  body: () => ({
    name: 'Seattle weather: warm days by weather',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: steps([
        { id: 'weather', model: 'input.sample', inputs: {}, outputs: { table: 'weather.table' }, params: { name: 'seattle-weather' } },
        { id: 'warm', model: 'table.filter', inputs: { 'weather.table': 'table' }, outputs: { table: 'warm.table' }, params: { where: 'temp_max > 20' } },
        {
          id: 'by-weather',
          model: 'table.aggregate',
          inputs: { 'warm.table': 'table' },
          outputs: { table: 'by-weather.table' },
          params: { groupBy: ['weather'], measures: [{ op: 'count', as: 'days' }, { op: 'mean', column: 'temp_max', as: 'avg_high' }] },
        },
        { id: 'sorted', model: 'table.sort', inputs: { 'by-weather.table': 'table' }, outputs: { table: 'sorted.table' }, params: { by: ['days'], descending: true } },
      ]),
    },
    layout: {
      weather: { x: 40, y: 120 },
      warm: { x: 330, y: 120 },
      'by-weather': { x: 620, y: 120 },
      sorted: { x: 910, y: 120 },
    },
    state: {},
  }),
};

export const workflowTemplates: readonly WorkflowTemplate[] = [arithmetic, weather];

export function templateById(id: string): WorkflowTemplate | undefined {
  return workflowTemplates.find((template) => template.id === id);
}
