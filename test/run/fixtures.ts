import { z } from 'zod';
import { defineModel, ModelRegistry, type JsonValue, type StepJSON } from '../../src/engine';
import type { CompiledWorkflow, RunSource } from '../../src/store/run';
import { Table } from '../../src/models';

/** Small models for the run store tests; `spin` waits until its run is aborted. */
export function makeRegistry() {
  const registry = new ModelRegistry();
  registry.register(defineModel({ id: 't.number', inputs: { value: z.number() }, outputs: { value: z.number() }, run: ({ value }) => ({ value }) }));
  registry.register(defineModel({ id: 't.add', inputs: { a: z.number(), b: z.number() }, outputs: { sum: z.number() }, run: ({ a, b }) => ({ sum: a + b }) }));
  registry.register(
    defineModel({ id: 't.multiply', inputs: { a: z.number(), b: z.number() }, outputs: { product: z.number() }, run: ({ a, b }) => ({ product: a * b }) }),
  );
  registry.register(
    defineModel({
      id: 't.fail',
      inputs: { a: z.number() },
      outputs: { out: z.number() },
      run: () => {
        throw new Error('this model always fails');
      },
    }),
  );
  registry.register(
    defineModel({
      id: 't.spin',
      inputs: { a: z.number() },
      outputs: { out: z.number() },
      run: (_input, ctx) =>
        new Promise((resolve) => {
          ctx.progress(0.5, 'spinning');
          ctx.signal.addEventListener('abort', () => resolve({ out: -1 }));
        }),
    }),
  );
  registry.register(
    defineModel({
      id: 't.rows',
      inputs: { a: z.number() },
      outputs: { table: z.any() },
      // a × 1000 rows: row i has id i and a label, so a page of rows names where it came from.
      run: ({ a }) => {
        const ids = Array.from({ length: a * 1000 }, (_, i) => i);
        return { table: Table.fromColumns({ id: ids, label: ids.map((i) => `row ${i}`) }) };
      },
    }),
  );
  return registry;
}

/** A graph source standing in for the editor: `(x + y) * k`, with settable params and a tail step. */
export class FakeGraph implements RunSource {
  params = { x: 2, y: 3, k: 4 };
  /** An extra step after the multiply (e.g. a failing or endless one). */
  tail: StepJSON | null = null;
  selected: string | null = null;
  private listeners = new Set<() => void>();

  constructor(public workflowId: string) {}

  /** When set, the graph cannot be compiled (as with a wire on a port its component lost). */
  broken: string | null = null;

  compile(): CompiledWorkflow {
    if (this.broken) throw new Error(this.broken);
    const steps: StepJSON[] = [
      { id: 'x', model: 't.number', inputs: {}, outputs: { value: 'x' }, params: { value: this.params.x } },
      { id: 'y', model: 't.number', inputs: {}, outputs: { value: 'y' }, params: { value: this.params.y } },
      { id: 'add', model: 't.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'sum' } },
      { id: 'k', model: 't.number', inputs: {}, outputs: { value: 'k' }, params: { value: this.params.k } },
      { id: 'multiply', model: 't.multiply', inputs: { sum: 'a', k: 'b' }, outputs: { product: 'result' } },
    ];
    if (this.tail) steps.push(this.tail);
    const state: Record<string, JsonValue> = {};
    return { workflowId: this.workflowId, name: 'sum times k', workflow: { steps, useExtracts: true, populateExtracts: true }, state };
  }
  activeWorkflowId() {
    return this.workflowId;
  }
  selectedNodeId() {
    return this.selected;
  }
  selectNode(id: string | null) {
    this.selected = id;
    this.changed();
  }
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed() {
    for (const listener of this.listeners) listener();
  }
}
