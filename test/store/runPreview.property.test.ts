/**
 * The "will run / will skip" preview against what the next Run then does, for every step, over
 * random edit sequences: params, wires added and removed, every toggle ("Use cache", "Update
 * cache", "Mutable state", each node's "Always run"), a node's output renamed onto an initial state
 * slot (the only way "Mutable state" changes a fresh Run), initial state slots, Clear cache.
 * "will skip" must be followed by skipped, "will run" by ran; "may run" (only an upstream step's
 * new output decides) by either. On immutable state a step that runs and writes a slot the state
 * already holds stops the run in words; that step must have been previewed as running. Seeded, so
 * a failure names a sequence that reproduces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, ModelRegistry, type JsonValue, type StepJSON } from '../../src/engine';
import { createRunStore, type CompiledWorkflow, type PreviewVerdict, type RunSource, type RunStore } from '../../src/store/run';
import { attachRunCore } from '../../src/store/run/runCore';
import { inProcessWorkerFactory } from '../../src/worker/inProcess';
import { memoryWorkspace } from '../helpers/studio';

/** mulberry32: a small seeded generator, so every sequence can be replayed from its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// (a + b + c) mod m: a small modulus makes different inputs give equal outputs often, so steps
// downstream of a step that runs are sometimes skipped and sometimes not.
const registry = new ModelRegistry();
registry.register(
  defineModel({
    id: 'p.mix',
    inputs: { a: z.number().optional(), b: z.number().optional(), c: z.number(), m: z.number() },
    outputs: { out: z.number() },
    run: ({ a, b, c, m }) => ({ out: ((a ?? 0) + (b ?? 0) + c) % m }),
  }),
);

const FIELDS = ['a', 'b'] as const;
const STATE_SLOTS = ['s0', 's1'] as const;

interface RandomNode {
  c: number;
  m: number;
  /** Field → what it reads: an earlier node's output `n<i>.out` (wherever it writes) or an initial state slot. */
  wires: Partial<Record<(typeof FIELDS)[number], string>>;
  /** "Always run" on: the step is never skipped (`deterministic: false`). */
  alwaysRun: boolean;
  /** The output renamed onto an initial state slot (as the inspector's slot name allows); unset: `n<i>.out`. */
  writes?: (typeof STATE_SLOTS)[number];
}

/** A random chain of `p.mix` steps, each free to read any earlier one or the initial state. */
class RandomGraph implements RunSource {
  readonly workflowId = 'property';
  nodes: RandomNode[];
  state: Record<string, number> = { s0: 1, s1: 2 };
  private listeners = new Set<() => void>();

  constructor(private readonly random: () => number) {
    const count = 3 + Math.floor(random() * 4);
    this.nodes = Array.from({ length: count }, (_, i) => {
      const node: RandomNode = { c: this.pick([0, 1, 2]), m: this.pick([2, 3]), wires: {}, alwaysRun: false };
      for (const field of FIELDS) if (random() < 0.6) node.wires[field] = this.sourceFor(i);
      return node;
    });
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  sourceFor(index: number): string {
    const sources = [...STATE_SLOTS, ...Array.from({ length: index }, (_, j) => `n${j}.out`)];
    return this.pick(sources);
  }

  /** The slot node `index`'s output goes to. */
  slotOf(index: number): string {
    return this.nodes[index]?.writes ?? `n${index}.out`;
  }

  /** The slot a wire reads: a node's output follows that node's slot name, as the editor's wires do. */
  private wiredSlot(source: string): string {
    const match = /^n(\d+)\.out$/.exec(source);
    return match ? this.slotOf(Number(match[1])) : source;
  }

  compile(): CompiledWorkflow {
    const steps: StepJSON[] = this.nodes.map((node, i) => ({
      id: `n${i}`,
      model: 'p.mix',
      inputs: Object.fromEntries(Object.entries(node.wires).map(([field, source]) => [this.wiredSlot(source), field])),
      outputs: { out: this.slotOf(i) },
      params: { c: node.c, m: node.m },
      ...(node.alwaysRun ? { deterministic: false } : {}),
    }));
    // Two fields may read one slot: a step maps each slot to one field, so such a pair reads through one wire.
    for (const step of steps) {
      const seen = new Set<string>();
      for (const [slot, field] of Object.entries(step.inputs)) {
        if (seen.has(field)) delete step.inputs[slot];
        seen.add(field);
      }
    }
    const state: Record<string, JsonValue> = { ...this.state };
    return { workflowId: this.workflowId, name: 'random', workflow: { steps, useExtracts: true, populateExtracts: true }, state };
  }
  activeWorkflowId() {
    return this.workflowId;
  }
  selectedNodeId() {
    return null;
  }
  selectNode() {}
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  changed() {
    for (const listener of this.listeners) listener();
  }
}

type Edit = (graph: RandomGraph, store: RunStore) => string;

const EDITS: Edit[] = [
  (graph) => {
    const i = graph.pick(graph.nodes.map((_, index) => index));
    const node = graph.nodes[i] as RandomNode;
    if (graph.pick([true, false])) node.c = graph.pick([0, 1, 2]);
    else node.m = graph.pick([2, 3]);
    return `param n${i} c=${node.c} m=${node.m}`;
  },
  (graph) => {
    const i = graph.pick(graph.nodes.map((_, index) => index));
    const field = graph.pick(FIELDS);
    const node = graph.nodes[i] as RandomNode;
    node.wires[field] = graph.sourceFor(i);
    return `wire ${node.wires[field]} → n${i}.${field}`;
  },
  (graph) => {
    const wired = graph.nodes.flatMap((node, i) => Object.keys(node.wires).map((field) => ({ node, i, field: field as (typeof FIELDS)[number] })));
    if (!wired.length) return 'no wire to remove';
    const { node, i, field } = graph.pick(wired);
    delete node.wires[field];
    return `unwire n${i}.${field}`;
  },
  (graph, store) => {
    const flag = graph.pick(['useExtracts', 'populateExtracts', 'mutable'] as const);
    const value = !store.getState().flags[flag];
    store.getState().setFlag(flag, value);
    return `${flag}=${value}`;
  },
  (graph) => {
    const i = graph.pick(graph.nodes.map((_, index) => index));
    const node = graph.nodes[i] as RandomNode;
    node.alwaysRun = !node.alwaysRun;
    return `always run n${i}=${node.alwaysRun}`;
  },
  (graph) => {
    // One writer per slot, as the editor refuses a second.
    const i = graph.pick(graph.nodes.map((_, index) => index));
    const node = graph.nodes[i] as RandomNode;
    const free = STATE_SLOTS.filter((slot) => !graph.nodes.some((other) => other !== node && other.writes === slot));
    const writes = graph.pick([undefined, ...free]);
    if (writes) node.writes = writes;
    else delete node.writes;
    return `n${i}.out writes ${graph.slotOf(i)}`;
  },
  (graph) => {
    const slot = graph.pick(STATE_SLOTS);
    graph.state[slot] = graph.pick([0, 1, 2, 3]);
    return `state ${slot}=${graph.state[slot]}`;
  },
  (graph, store) => {
    const which = graph.pick([undefined, ...graph.nodes.map((_, i) => `n${i}`)]);
    store.getState().clearCache(which);
    return `clear cache ${which ?? 'all'}`;
  },
  () => 'no change',
];

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const ALLOWED: Record<PreviewVerdict, readonly string[]> = {
  'will-skip': ['skipped'],
  'will-run': ['ran'],
  'may-run': ['ran', 'skipped'],
  bypassed: ['bypassed'],
  'not-run': ['not-run'],
};

let store: RunStore | null = null;
afterEach(() => store?.getState().dispose());

/** One edit sequence: after each edit, the preview of every step, then the run; returns what was seen. */
async function sequence(seed: number, edits: number): Promise<Map<string, number>> {
  const random = seeded(seed);
  const graph = new RandomGraph(random);
  store?.getState().dispose();
  store = createRunStore(
    { source: graph, workerFactory: inProcessWorkerFactory(registry), workspace: memoryWorkspace(), previewDelayMs: 0 },
    { attach: attachRunCore },
  );
  const run = store;
  await run.getState().refresh();
  // Half the sequences start on mutable state, so steps writing an initial slot get to run.
  if (random() < 0.5) run.getState().setFlag('mutable', true);
  const log: string[] = [];
  const seen = new Map<string, number>();
  for (let step = 0; step < edits; step++) {
    if (step > 0) {
      log.push(graph.pick(EDITS)(graph, run));
      graph.changed();
    }
    run.setState({ previewByStep: {} });
    run.getState().refreshPreview();
    await waitFor(() => Object.keys(run.getState().previewByStep).length === graph.nodes.length, 'the preview');
    const preview = run.getState().previewByStep;
    const { cache, flags } = run.getState();
    await run.getState().run();
    const { alert } = run.getState();
    const count = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    for (const row of run.getState().steps) {
      const verdict = preview[row.key]?.verdict;
      if (!verdict) throw new Error(`seed ${seed}: no preview for ${row.key}`);
      const node = graph.nodes[row.index] as RandomNode;
      const fail = (why: string) =>
        new Error(
          `seed ${seed}, run ${step}: step ${row.key} was previewed "${preview[row.key]?.reason}" but ${row.status} (${row.reason ?? row.error ?? ''}): ${why}; flags ${JSON.stringify(flags)}; edits: ${log.join('; ') || 'none'}; graph ${JSON.stringify(graph.compile().workflow.steps)} state ${JSON.stringify(graph.state)}`,
        );
      count(`${verdict} → ${row.status}`);
      if (node.alwaysRun) count(`always run: ${verdict} → ${row.status}`);
      if (row.status === 'error') {
        // Only a step that runs may be refused its write; the run stops there, so the rest is not checked.
        if (flags.mutable || !node.writes || verdict === 'will-skip') throw fail('only a running step on immutable state that writes an initial slot may fail');
        if (!alert?.offers.includes('make-mutable-and-rerun')) throw fail(`the alert should offer to make the state mutable: ${JSON.stringify(alert)}`);
        count(`immutable: ${verdict} → error`);
        break;
      }
      if (node.writes) count(`writes ${flags.mutable ? 'mutable' : 'immutable'} state: ${row.status}`);
      const rewritten = Object.values(node.wires).some((source) => graph.nodes.some((other, j) => j < row.index && other.writes === source));
      if (rewritten) count(`reads a slot an earlier step writes: ${verdict} → ${row.status}`);
      // Nothing upstream can spare a step the run cannot skip anyway: it will run, not "may".
      const certain = !flags.useExtracts || !cache[row.key] || node.alwaysRun;
      if (!ALLOWED[verdict].includes(row.status)) throw fail('not what the preview said');
      if (certain && verdict !== 'will-run') throw fail('nothing could spare it, so the preview should say "will run"');
    }
  }
  return seen;
}

describe('The run preview', () => {
  it('matches what the next run does, for every step, over random edits and every toggle', async () => {
    const seen = new Map<string, number>();
    for (let seed = 1; seed <= 40; seed++) {
      for (const [pair, count] of await sequence(seed, 12)) seen.set(pair, (seen.get(pair) ?? 0) + count);
    }
    // The sequences reach every case, "may run" turning out both ways among them.
    // The sequences reach every case: "may run" turning out both ways, "Always run" steps, steps
    // writing an initial slot on mutable state (run or skipped) and on immutable state (refused
    // when run), and steps reading such a slot downstream.
    expect([...seen.keys()].sort()).toEqual([
      'always run: will-run → ran',
      'immutable: may-run → error',
      'immutable: will-run → error',
      'may-run → error',
      'may-run → ran',
      'may-run → skipped',
      'reads a slot an earlier step writes: may-run → ran',
      'reads a slot an earlier step writes: may-run → skipped',
      'reads a slot an earlier step writes: will-run → ran',
      'reads a slot an earlier step writes: will-skip → skipped',
      'will-run → error',
      'will-run → ran',
      'will-skip → skipped',
      'writes immutable state: skipped',
      'writes mutable state: ran',
      'writes mutable state: skipped',
    ]);
  }, 120_000);
});
