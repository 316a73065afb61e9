import { Workflow } from '../../../engine';
import { add } from '../steps/add';
import { multiply } from '../steps/multiply';

export const meta = {
  title: 'Arithmetic: (x + y) * k',
  description: 'Adds x and y, then scales the sum by k. Change k and only the multiply step reruns.',
};

/** A fresh `(x + y) * k` workflow: state slots x, y, k → sum → result. */
export function create(): Workflow {
  return new Workflow({
    steps: [
      { id: 'add', model: add, inputs: { x: 'x', y: 'y' }, outputs: { sum: 'sum' } },
      { id: 'scale', model: multiply, inputs: { sum: 'a', k: 'b' }, outputs: { product: 'result' } },
    ],
  });
}
