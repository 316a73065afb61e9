/**
 * The run worker's message handler, free of Worker globals so tests drive it in-process.
 *
 * It keeps the active workflow's decoded extracts and last state between runs (`workflowCache.ts`,
 * asked of the page once, on first need), so runs, reruns and previews send no values; the page
 * gets summaries, and a full value only when it asks for one (`valueRequests.ts`). Runs (`run.ts`),
 * previews (`preview.ts`) and summaries are handled one at a time in order; the page cancels by terminating the
 * whole worker.
 */
import { errorMessage, registry as defaultRegistry, type ModelRegistry } from '../engine';
import { buildWorkflow, freshState } from './build';
import { stepColumns } from './columns';
import { createWorkerFiles } from './files';
import { createWorkerImports } from './imports';
import { previewRun } from './preview';
import type { FromWorker, PreviewMessage, ToWorker } from './protocol';
import { runWorkflow } from './run';
import { answerExport, answerRows, answerValue } from './valueRequests';
import { answerWorkflowExport } from './workflowExport';
import { answerSweepCells } from './sweepCells';
import { summarizeState, summarizeStep } from './wire';
import { createCacheHolder } from './workflowCache';

export type Post = (message: FromWorker) => void;

export interface RunSession {
  handle(message: ToWorker): Promise<void>;
  /** Aborts the run in progress (the in-process stand-in for terminating the worker). */
  abort(): void;
}

export function createRunSession(post: Post, registry: ModelRegistry = defaultRegistry): RunSession {
  let controller: AbortController | null = null;
  const caches = createCacheHolder(post);
  const files = createWorkerFiles();
  const imports = createWorkerImports(files);
  let queue: Promise<void> = Promise.resolve();

  async function preview(message: PreviewMessage): Promise<void> {
    try {
      const cache = await caches.ensure(message.workflowId);
      const workflow = buildWorkflow(message.workflow, cache, message.flags, registry, message.extractsPerStep);
      const state = freshState(message.initialState, message.flags.mutable);
      const { entries, skippedOutputs } = previewRun(workflow, state);
      // The columns only help the editor: without them the preview still stands.
      const columns = await stepColumns(workflow, cache, state, skippedOutputs, registry, (ref) => files.read(ref, cache)).catch((error: unknown) => {
        console.warn('run worker: the columns before the run could not be worked out:', errorMessage(error));
        return undefined;
      });
      post({ type: 'preview', requestId: message.requestId, entries, ...(columns ? { columns } : {}) });
    } catch (error) {
      post({ type: 'preview-failed', requestId: message.requestId, message: errorMessage(error) });
    }
  }

  async function summarize(workflowId: string): Promise<void> {
    try {
      const cache = await caches.ensure(workflowId);
      post({
        type: 'summary',
        workflowId,
        extracts: [...cache.extracts.keys()].map((key) => summarizeStep(cache, key)),
        state: summarizeState(cache.lastState),
      });
    } catch (error) {
      // The page waits for an answer ("…" on its nodes): none that can be read is an empty one.
      post({ type: 'summary', workflowId, extracts: [], state: null });
      throw error;
    }
  }

  /** Runs, previews and summaries one at a time, in order; a failure of one never blocks the next. */
  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => console.error('run worker:', error));
    return queue;
  };

  return {
    handle(message) {
      switch (message.type) {
        // Answered at once: a queued run may be waiting for exactly this.
        case 'workspace-data':
          return caches.receive(message);
        case 'clear-cache':
          caches.clear(message.workflowId, message.stepKey);
          return Promise.resolve();
        case 'forget-extracts':
          caches.forget(message.entries);
          return Promise.resolve();
        case 'forget':
          // Queued: a run in progress keeps the cache it started with.
          return enqueue(async () => caches.drop(message.workflowId));
        case 'sweep-cells':
          return enqueue(() => caches.ensure(message.workflowId).then((cache) => answerSweepCells(post, cache, message)));
        // Not queued behind a run, so a person can look at a value while a long run goes on.
        case 'get-value':
          return caches.ensure(message.workflowId).then((cache) => answerValue(post, cache, message));
        case 'get-rows':
          return caches.ensure(message.workflowId).then((cache) => answerRows(post, cache, message));
        case 'export-value':
          return caches.ensure(message.workflowId).then((cache) => answerExport(post, cache, message));
        case 'export-workflow':
          return caches.ensure(message.workflowId).then(async (cache) => post(await answerWorkflowExport(cache, message, (ref) => files.read(ref, cache))));
        case 'run':
          return enqueue(async () => {
            const cache = await caches.ensure(message.workflowId);
            controller = new AbortController();
            try {
              await runWorkflow(message, cache, { post, registry, signal: controller.signal, readFile: (ref) => files.read(ref, cache) });
            } finally {
              controller = null;
            }
          });
        case 'preview':
          return enqueue(() => preview(message));
        case 'summarize':
          return enqueue(() => summarize(message.workflowId));
        // Not queued: storing a file must not wait for a run to end.
        case 'store-file':
          return files.store(message).then(post);
        // Nor reading a file to import.
        case 'read-import':
          return imports.read(message).then(post);
        case 'commit-import':
          return imports.commit(message).then(post);
      }
    },
    abort() {
      controller?.abort();
    },
  };
}
