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

const cars: WorkflowTemplate = {
  id: 'cars',
  title: 'Cars: mean mileage by origin',
  description: 'The shipped cars dataset, filtered, grouped by origin and sorted.',
  body: () => ({
    name: 'Cars: mean mileage by origin',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: steps([
        { id: 'cars', model: 'table.dataset', inputs: {}, outputs: { table: 'cars.table' }, params: { name: 'cars.json' } },
        { id: 'recent', model: 'table.filter', inputs: { 'cars.table': 'table' }, outputs: { table: 'recent.table' }, params: { condition: 'd.Year >= "1975"' } },
        { id: 'by-origin', model: 'table.aggregate', inputs: { 'recent.table': 'table' }, outputs: { table: 'by-origin.table' }, params: { groupBy: ['Origin'] } },
        { id: 'sorted', model: 'table.sort', inputs: { 'by-origin.table': 'table' }, outputs: { table: 'sorted.table' }, params: { by: ['Origin'] } },
      ]),
    },
    layout: {
      cars: { x: 40, y: 120 },
      recent: { x: 330, y: 120 },
      'by-origin': { x: 620, y: 120 },
      sorted: { x: 910, y: 120 },
    },
    state: {},
  }),
};

export const workflowTemplates: readonly WorkflowTemplate[] = [arithmetic, cars];

export function templateById(id: string): WorkflowTemplate | undefined {
  return workflowTemplates.find((template) => template.id === id);
}
