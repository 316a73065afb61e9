/**
 * Engine overhead (issues 2 and 10):
 * 1. a chain of 1,000 trivial steps through the engine vs a direct loop doing per step exactly
 *    what the engine must do and nothing more (target ≤ 2×);
 * 2. the same engine run at 4,000 steps vs four 1,000-step runs: a run is linear in its steps,
 *    so the time per step is the same (ratio ≈ 1);
 * 3. a fully cached rerun of a 10-step chain carrying ~10 MB, on a fresh state whose first input
 *    is a new (equal) object, vs one JSON.stringify of the same data (target ≤ 1.5×).
 * Timed in CPU time (see bench/lib.ts): every task here computes and never waits, and the wall
 * clock of a shared machine also counts other processes' turns.
 */
import { z } from 'zod';
import { defineModel, ModelRegistry, State, Workflow, type CacheEntry, type ModelDefinition, type RunContext } from '../src/engine';
import { compare } from './lib';

const registry = new ModelRegistry();
const increment = defineModel({ id: 'bench.increment', inputs: { x: z.number() }, outputs: { y: z.number() }, run: ({ x }) => ({ y: x + 1 }) });
registry.register(increment);
registry.register(defineModel({ id: 'bench.pass', inputs: { data: z.any() }, outputs: { data: z.any() }, run: ({ data }) => ({ data }) }));

// 1. ------------------------------------------------------------------ 1,000 trivial steps
const STEPS = 1000;
const chainOf = (length: number) =>
  Array.from({ length }, (_, i) => ({ id: `s${i}`, model: 'bench.increment', inputs: { [`v${i}`]: 'x' }, outputs: { y: `v${i + 1}` } }));
const chainSteps = chainOf(STEPS);

/** One step of the direct loop, its mappings resolved up front as the engine resolves them when a step is built. */
interface DirectStep {
  key: string;
  model: string;
  slot: string;
  field: string;
  outputKey: string;
  outputSlot: string;
}
const directStepsOf = (steps: ReturnType<typeof chainOf>): DirectStep[] =>
  steps.map((step) => {
    const [slot, field] = Object.entries(step.inputs)[0] as [string, string];
    const [outputKey, outputSlot] = Object.entries(step.outputs)[0] as [string, string];
    return { key: step.id, model: step.model, slot, field, outputKey, outputSlot };
  });
const directSteps = directStepsOf(chainSteps);
const directModels = new Map<string, ModelDefinition>([[increment.id, increment]]);
/** Built once: a model is owed a signal and a progress callback, not a fresh pair per step. */
const directContext: RunContext = { signal: new AbortController().signal, progress: () => {} };

/**
 * The fair baseline: per step, what a run on a fresh workflow and an immutable state must do, with
 * the plainest structures (Maps), and nothing more. "Must" is the reference (pyswark-semantics.md:
 * read the inputs by state name, validate once, run, post the mapped outputs, fill both caches,
 * record the index, return the last state output) plus what the engine promises beyond it
 * (docs/engine.md: the model looked up when its step runs, outputs checked against their schemas,
 * cache entries stamped). Left out, because nothing requires them here: events and the clock for
 * their durations (no one listens) and an AbortController per step (the old baseline built one per
 * call: about 5 µs in Node 20, 8× a whole step of this loop; a model is owed a signal, not a fresh one).
 */
function runDirect(steps: DirectStep[]): Record<string, unknown> {
  const state = new Map<string, unknown>([['v0', 0]]);
  const modelInputs = new Map<string, CacheEntry>();
  const modelOutputs = new Map<string, CacheEntry>();
  const stepsRan: number[] = [];
  let lastStep: DirectStep | undefined;
  let lastOutput: Record<string, unknown> = {};
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index] as DirectStep;
    // The model is looked up by id when the step runs (an unknown id is a step error, not a build error).
    const definition = directModels.get(step.model);
    if (!definition) throw new Error(`unknown model ${step.model}`);
    // Reference: the model input is read from the state by name; a missing name is an error, so `has` before `get`.
    if (!state.has(step.slot)) throw new Error(`missing slot ${step.slot}`);
    const input: Record<string, unknown> = {};
    input[step.field] = state.get(step.slot);
    // Reference: the step is skippable when both caches hold an entry for it (on a fresh workflow neither does).
    if (modelInputs.has(step.key) && modelOutputs.has(step.key)) throw new Error('a fresh workflow has no cache');
    // Reference: the input is validated once, when the model is built from it.
    const parsed = definition.inputSchema.safeParse(input);
    if (!parsed.success) throw new Error('invalid input');
    const output = definition.run(parsed.data, directContext) as Record<string, unknown>;
    // Engine contract: run() returns an object (not an array) holding every mapped key, each returned key valid against its schema.
    if (output === null || typeof output !== 'object' || Array.isArray(output)) throw new Error('not an object of outputs');
    if (!(step.outputKey in output)) throw new Error(`missing output ${step.outputKey}`);
    for (const key of Object.keys(output)) {
      if (definition.outputs[key]?.safeParse(output[key]).success === false) throw new Error(`invalid output ${key}`);
    }
    // Reference: each mapped output is posted under its state name; the state is immutable, so an existing name is an error.
    if (state.has(step.outputSlot)) throw new Error(`immutable ${step.outputSlot}`);
    state.set(step.outputSlot, output[step.outputKey]);
    // Reference (populateExtracts on): input and output go to the caches, keyed by step id and, in this
    // project, stamped with the model id, version and time written (the run panel shows it).
    const at = Date.now();
    modelInputs.set(step.key, { value: input, model: definition.id, version: definition.version, at });
    modelOutputs.set(step.key, { value: output, model: definition.id, version: definition.version, at });
    // Reference: stepsRan accumulates the indices that ran.
    stepsRan.push(index);
    lastStep = step;
    lastOutput = output;
  }
  // Reference: a run returns the last step's state output.
  return lastStep ? { [lastStep.outputSlot]: lastOutput[lastStep.outputKey] } : {};
}

let chain: Workflow;
await compare(
  `1,000-step chain: engine run vs a direct loop doing what the engine must`,
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
    label: 'direct loop (see runDirect)',
    run: () => {
      const out = runDirect(directSteps);
      if (out[`v${STEPS}`] !== STEPS) throw new Error('wrong result');
    },
  },
  { samples: 41, warmup: 9, target: 2, clock: 'cpu' },
);

// 2. ------------------------------------------------------------------ linear in steps
// Every step's work is O(1) (map lookups, its own mappings), so time per step should not grow with
// the chain. What does grow is the heap a run keeps (state, both caches): the direct loop, timed the
// same way, shows how much of any rise is V8's and not the engine's.
const LONG = 4 * STEPS;
/** The engine's per-step time may rise with the chain this much more than the direct loop's (noise, not a trend). */
const LINEAR_TARGET = 1.15;
const longSteps = chainOf(LONG);
const longDirectSteps = directStepsOf(longSteps);
let longChain: Workflow;
let shortChains: Workflow[] = [];
const linear = await compare(
  `\n4,000-step chain vs four 1,000-step chains: time per step`,
  {
    label: 'Workflow.run, one 4,000-step chain',
    setup: () => {
      longChain = new Workflow({ registry, steps: longSteps });
    },
    run: async () => {
      const out = await longChain.run(new State({ v0: 0 }));
      if (out[`v${LONG}`] !== LONG) throw new Error('wrong result');
    },
  },
  {
    label: 'Workflow.run, four 1,000-step chains',
    setup: () => {
      shortChains = Array.from({ length: 4 }, () => new Workflow({ registry, steps: chainSteps }));
    },
    run: async () => {
      for (const short of shortChains) {
        const out = await short.run(new State({ v0: 0 }));
        if (out[`v${STEPS}`] !== STEPS) throw new Error('wrong result');
      }
    },
  },
  { samples: 21, warmup: 3, clock: 'cpu' },
);
const directLinear = await compare(
  `the same for the direct loop`,
  { label: 'direct loop, one 4,000-step chain', run: () => runDirect(longDirectSteps) },
  {
    label: 'direct loop, four 1,000-step chains',
    run: () => {
      for (let i = 0; i < 4; i++) runDirect(directSteps);
    },
  },
  { samples: 21, warmup: 3, clock: 'cpu' },
);
const perStep = (ms: number) => `${((ms / LONG) * 1000).toFixed(2)} µs`;
const rise = linear.ratio / directLinear.ratio;
console.log(
  [
    `time per step at 4,000 vs 1,000 steps (≈ 1 is linear)`,
    `  engine ${perStep(linear.subjectMs)} vs ${perStep(linear.baselineMs)} → ${linear.ratio.toFixed(2)}×`,
    `  direct ${perStep(directLinear.subjectMs)} vs ${perStep(directLinear.baselineMs)} → ${directLinear.ratio.toFixed(2)}×`,
    `  the engine's rise over the direct loop's ${rise.toFixed(2)}×  ${rise <= LINEAR_TARGET ? '✓' : '✗'} target ≤ ${LINEAR_TARGET}×`,
  ].join('\n'),
);

// 3. ------------------------------------------------------------------ cached rerun of ~10 MB
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
  { samples: 11, warmup: 2, target: 1.5, clock: 'cpu' },
);
