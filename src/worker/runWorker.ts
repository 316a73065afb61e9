/// <reference lib="webworker" />
/**
 * The Web Worker that runs workflows off the main thread: the engine, the model library and
 * sql.js live here. Cancel = the page terminates this worker and starts a fresh one.
 */
import { configureSqlJs } from '../engine';
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { createOutbox } from './outbox';
import type { ToWorker, WorkerPost } from './protocol';
import { createRunSession } from './runSession';
import { configureSqlThreads } from '../models/sql/thread';
import { startSqlWorker } from './sqlThreads';

configureSqlJs(() => initSqlJs({ locateFile: () => sqlWasmUrl }));
// sql.query runs in a worker of its own, so its time limit and Cancel can stop it mid-step.
configureSqlThreads(startSqlWorker);

// The model library registers every model (and the table codec) on import; the apps' own steps
// (e.g. weather.clean) must be known here too, or their templates cannot run.
import '../models';
import { registerAppSteps } from '../apps/catalog';

registerAppSteps();

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Batched: a run's quick steps leave in a few messages (see outbox.ts).
const post = createOutbox((message: WorkerPost) => scope.postMessage(message));
const session = createRunSession(post);

// The session orders runs and previews itself and answers value requests at once.
scope.onmessage = (event: MessageEvent<ToWorker>) => {
  session.handle(event.data).catch((error: unknown) => console.error('run worker:', error));
};
post({ type: 'ready' });
