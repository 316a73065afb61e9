/** The preview when a step keeps several cache entries (extractsPerStep > 1): any of them may spare it. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineModel, ModelRegistry, State, Workflow, type StepJSON, type StepStatus } from '../../src/engine';
import { previewRun } from '../../src/worker/preview';

const registry = new ModelRegistry();
registry.register(defineModel({ id: 'e.number', inputs: { value: z.number() }, outputs: { value: z.number() }, run: ({ value }) => ({ value }) }));
registry.register(defineModel({ id: 'e.mod', inputs: { a: z.number(), m: z.number() }, outputs: { rest: z.number() }, run: ({ a, m }) => ({ rest: a % m }) }));
registry.register(defineModel({ id: 'e.add', inputs: { a: z.number(), b: z.number() }, outputs: { sum: z.number() }, run: ({ a, b }) => ({ sum: a + b }) }));

/** n = v; r = n mod 2; s = r + b; t = s + 0. */
const steps = (v: number, b: number): StepJSON[] => [
  { id: 'n', model: 'e.number', inputs: {}, outputs: { value: 'n' }, params: { value: v } },
  { id: 'r', model: 'e.mod', inputs: { n: 'a' }, outputs: { rest: 'r' }, params: { m: 2 } },
  { id: 's', model: 'e.add', inputs: { r: 'a' }, outputs: { sum: 's' }, params: { b } },
  { id: 't', model: 'e.add', inputs: { s: 'a' }, outputs: { sum: 't' }, params: { b: 0 } },
];

/** The workflow's cache carried from one graph to the next, as the worker carries it. */
function withCache(json: StepJSON[], from: Workflow | null): Workflow {
  const workflow = new Workflow({ steps: json, registry, extractsPerStep: 3 });
  if (from) for (const [index] of json.entries()) workflow.loadExtracts(workflow.keyOf(index), from.extractsOf(index));
  return workflow;
}

async function run(workflow: Workflow): Promise<Record<string, StepStatus>> {
  const statuses: Record<string, StepStatus> = {};
  await workflow.run(new State(), { onEvent: (event) => void (event.type === 'end' && (statuses[event.key] = event.status)) });
  return statuses;
}

const verdicts = (workflow: Workflow) =>
  Object.fromEntries(
    previewRun(workflow, new State()).entries.map((entry) => [
      entry.key,
      entry.decision.skip ? 'skip' : entry.decision.reason.kind === 'upstream' ? 'may run' : entry.decision.reason.kind,
    ]),
  );

describe('With several cache entries per step, the preview', () => {
  it('says a step may run when an earlier entry could spare it, and the run then skips it on that entry', async () => {
    let workflow = withCache(steps(1, 0), null);
    await run(workflow); // r = 1, s = 1, t = 1
    workflow = withCache(steps(2, 5), workflow);
    await run(workflow); // r = 0, s = 5, t = 5
    // n = 3 runs; r = 1 again, which s's earlier entry (a = 1, b = 0) has: s is skipped, though b
    // differs from its latest entry's.
    workflow = withCache(steps(3, 0), workflow);
    expect(verdicts(workflow)).toEqual({ n: 'param-changed', r: 'may run', s: 'may run', t: 'may run' });
    expect(await run(workflow)).toEqual({ n: 'ran', r: 'ran', s: 'skipped', t: 'skipped' });
  });

  it('reads what a step skipped on an earlier entry posts from that entry', async () => {
    let workflow = withCache(steps(1, 0), null);
    await run(workflow);
    workflow = withCache(steps(2, 7), workflow);
    await run(workflow);
    // Back to n = 1, b = 0: n is skipped on its earlier entry, so r reads 1 (not the latest 2), is
    // skipped on its own earlier entry and posts 1 (not the latest 0): s finds (a = 1, b = 0).
    workflow = withCache(steps(1, 0), workflow);
    expect(verdicts(workflow)).toEqual({ n: 'skip', r: 'skip', s: 'skip', t: 'skip' });
    expect(await run(workflow)).toEqual({ n: 'skipped', r: 'skipped', s: 'skipped', t: 'skipped' });
  });
});
