/** Drives the run worker's handler in-process: an empty workspace, replies collected in order. */
import { z } from 'zod';
import { defineModel, ModelRegistry, type JsonValue, type StepJSON } from '../../src/engine';
import { createRunSession } from '../../src/worker/runSession';
import { unpackValue } from '../../src/worker/packValue';
import type { FromWorker, RunFlags, ToWorker } from '../../src/worker/protocol';
import { Table } from '../../src/models';

/** (x + y) * k and a step that makes a table of `a` rows. */
function makeRegistry(): ModelRegistry {
  const registry = new ModelRegistry();
  registry.register(defineModel({ id: 'w.number', inputs: { value: z.number() }, outputs: { value: z.number() }, run: ({ value }) => ({ value }) }));
  registry.register(defineModel({ id: 'w.add', inputs: { a: z.number(), b: z.number() }, outputs: { sum: z.number() }, run: ({ a, b }) => ({ sum: a + b }) }));
  registry.register(
    defineModel({ id: 'w.multiply', inputs: { a: z.number(), b: z.number() }, outputs: { product: z.number() }, run: ({ a, b }) => ({ product: a * b }) }),
  );
  registry.register(
    defineModel({
      id: 'w.rows',
      inputs: { a: z.number() },
      outputs: { table: z.any() },
      run: ({ a }) => ({ table: Table.fromColumns({ n: Array.from({ length: a * 100 }, (_, i) => i * a) }) }),
    }),
  );
  // Keeps every run out of the cache, as a code step that read the clock does; gives a + its run count.
  let runs = 0;
  registry.register(
    defineModel({
      id: 'w.clock',
      inputs: { a: z.number() },
      outputs: { out: z.number() },
      run: ({ a }, ctx) => {
        ctx.doNotCache?.('it read the clock');
        return { out: a + ++runs };
      },
    }),
  );
  return registry;
}

export function arithmetic(params: { x: number; y: number; k: number }, tail: StepJSON[] = []): StepJSON[] {
  return [
    { id: 'x', model: 'w.number', inputs: {}, outputs: { value: 'x' }, params: { value: params.x } },
    { id: 'y', model: 'w.number', inputs: {}, outputs: { value: 'y' }, params: { value: params.y } },
    { id: 'add', model: 'w.add', inputs: { x: 'a', y: 'b' }, outputs: { sum: 'sum' } },
    { id: 'k', model: 'w.number', inputs: {}, outputs: { value: 'k' }, params: { value: params.k } },
    { id: 'multiply', model: 'w.multiply', inputs: { sum: 'a', k: 'b' }, outputs: { product: 'result' } },
    ...tail,
  ];
}

const FLAGS: RunFlags = { useExtracts: true, populateExtracts: true, mutable: false };

export function driveSession(registry = makeRegistry()) {
  const posted: FromWorker[] = [];
  const workflowId = 'wf';
  let requestId = 0;
  let runId = 0;
  const session = createRunSession((message) => {
    posted.push(message);
    if (message.type === 'need-workspace') {
      void session.handle({ type: 'workspace-data', workflowId: message.workflowId, extracts: [], lastState: null, texts: [], location: null });
    }
  }, registry);
  /** Handles one message and returns what the session posted for it. */
  const send = async (message: ToWorker): Promise<FromWorker[]> => {
    const from = posted.length;
    await session.handle(message);
    return posted.slice(from);
  };
  return {
    posted,
    async run(steps: StepJSON[], flags: Partial<RunFlags> = {}, initialState: Record<string, JsonValue> = {}) {
      return send({
        type: 'run',
        runId: `r${++runId}`,
        kind: 'run',
        workflowId,
        workflow: { steps, useExtracts: true, populateExtracts: true },
        initialState,
        flags: { ...FLAGS, ...flags },
      });
    },
    async preview(steps: StepJSON[], flags: Partial<RunFlags> = {}, initialState: Record<string, JsonValue> = {}) {
      const replies = await send({
        type: 'preview',
        requestId: ++requestId,
        workflowId,
        workflow: { steps, useExtracts: true, populateExtracts: true },
        initialState,
        flags: { ...FLAGS, ...flags },
      });
      const reply = replies.find((message) => message.type === 'preview');
      if (!reply || reply.type !== 'preview') throw new Error(`no preview: ${JSON.stringify(replies)}`);
      return reply.entries;
    },
    async previewColumns(steps: StepJSON[], flags: Partial<RunFlags> = {}) {
      const replies = await send({
        type: 'preview',
        requestId: ++requestId,
        workflowId,
        workflow: { steps, useExtracts: true, populateExtracts: true },
        initialState: {},
        flags: { ...FLAGS, ...flags },
      });
      const reply = replies.find((message) => message.type === 'preview');
      if (!reply || reply.type !== 'preview' || !reply.columns) throw new Error(`no columns: ${JSON.stringify(replies)}`);
      return reply.columns;
    },
    async fullOutput(stepKey: string): Promise<unknown> {
      const replies = await send({ type: 'get-value', requestId: ++requestId, workflowId, target: { kind: 'step', stepKey }, full: true });
      const reply = replies.find((message) => message.type === 'value');
      if (reply?.type !== 'value' || reply.value?.kind !== 'step') throw new Error(`no value: ${JSON.stringify(replies)}`);
      return unpackValue(reply.value.output);
    },
    async value(stepKey: string, view?: 'run' | 'cache') {
      const replies = await send({ type: 'get-value', requestId: ++requestId, workflowId, target: { kind: 'step', stepKey }, ...(view ? { view } : {}) });
      const reply = replies.find((message) => message.type === 'value' || message.type === 'value-failed');
      if (reply?.type !== 'value') throw new Error(`no value: ${JSON.stringify(replies)}`);
      return reply.value;
    },
    async rows(stepKey: string, from: number, count: number, view?: 'run' | 'cache') {
      const replies = await send({
        type: 'get-rows',
        requestId: ++requestId,
        workflowId,
        target: { kind: 'step', stepKey },
        at: { side: 'output', field: 'table' },
        from,
        count,
        ...(view ? { view } : {}),
      });
      const reply = replies.find((message) => message.type === 'rows' || message.type === 'rows-failed');
      if (reply?.type !== 'rows') throw new Error(`no rows: ${JSON.stringify(replies)}`);
      return reply.columns;
    },
    clear: (stepKey?: string) => send({ type: 'clear-cache', workflowId, ...(stepKey === undefined ? {} : { stepKey }) }),
  };
}
