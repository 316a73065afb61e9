/**
 * Engine overhead (issue 2):
 * 1. a chain of 1,000 trivial steps through the engine vs the same functions called directly
 *    with the same schema validation (target ≤ 3×);
 * 2. a fully cached rerun of a 10-step chain carrying ~10 MB, on a fresh state whose first input
 *    is a new (equal) object, vs one JSON.stringify of the same data (target ≤ 1.5×).
 */
import { z } from 'zod';
import { defineModel, ModelRegistry, State, Workflow } from '../src/engine';
import { compare } from './lib';

const registry = new ModelRegistry();
const increment = defineModel({ id: 'bench.increment', inputs: { x: z.number() }, outputs: { y: z.number() }, run: ({ x }) => ({ y: x + 1 }) });
registry.register(increment);
registry.register(
  defineModel({ id: 'bench.pass', inputs: { data: z.any() }, outputs: { data: z.any() }, run: ({ data }) => ({ data }) }),
);

// 1. ------------------------------------------------------------------ 1,000 trivial steps
const STEPS = 1000;
const chainSteps = Array.from({ length: STEPS }, (_, i) => ({ id: `s${i}`, model: 'bench.increment', inputs: { [`v${i}`]: 'x' }, outputs: { y: `v${i + 1}` } }));
let chain: Workflow;
const outputSchema = z.object(increment.outputs);

await compare(
  `1,000-step chain: engine run vs direct calls (same validation)`,
  {
    label: 'Workflow.run (fresh workflow and state)',
    setup: () => {
      chain = new Workflow({ registry, steps: chainSteps });
    },
    run: async () => {
      const out = await chain.run(new State({ v0: 0 }));
      if (out[`v${STEPS}`] !== STEPS) throw new Error('wrong result');
    },
  },
  {
    label: 'direct: parse input, run, parse output',
    run: () => {
      let x = 0;
      for (let i = 0; i < STEPS; i++) {
        const input = increment.inputSchema.parse({ x });
        const output = increment.run(input, { signal: new AbortController().signal, progress: () => {} }) as { y: number };
        x = outputSchema.parse(output).y;
      }
      if (x !== STEPS) throw new Error('wrong result');
    },
  },
  { samples: 21, warmup: 5, target: 3 },
);

// 2. ------------------------------------------------------------------ cached rerun of ~10 MB
function makeRows(count: number) {
  return Array.from({ length: count }, (_, i) => ({ id: i, name: `row ${i}`, value: i * 1.5, flag: i % 3 === 0, tags: ['a', 'b'] }));
}
const ROWS = 120_000;
const data = makeRows(ROWS);
const bytes = JSON.stringify(data).length;
console.log(`\n(cached rerun carries ${(bytes / 1e6).toFixed(1)} MB of JSON)`);
const passSteps = Array.from({ length: 10 }, (_, i) => ({ id: `p${i}`, model: 'bench.pass', inputs: { [`d${i}`]: 'data' }, outputs: { data: `d${i + 1}` } }));
const cached = new Workflow({ registry, steps: passSteps });
await cached.run(new State({ d0: data }));
let freshCopy = makeRows(ROWS);

await compare(
  `10-step cached rerun (~10 MB, fresh state, new equal input) vs one JSON.stringify`,
  {
    label: 'Workflow.run, every step skipped',
    setup: () => {
      freshCopy = makeRows(ROWS);
    },
    run: async () => {
      const before = cached.stepsSkipped.length;
      await cached.run(new State({ d0: freshCopy }));
      if (cached.stepsSkipped.length !== before + 10) throw new Error('a step ran');
    },
  },
  { label: 'JSON.stringify of the same data', run: () => JSON.stringify(freshCopy) },
  { samples: 11, warmup: 2, target: 1.5 },
);
