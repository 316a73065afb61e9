/**
 * sql.query in a thread of its own, so its time limit and Cancel hold even inside one long step of
 * SQLite (sql.js has no progress handler or interrupt: the only way to stop it there is to end its
 * thread). The run worker says how to start such a thread (`configureSqlThreads`); without one (the
 * `swark` command, tests) the query runs where it is called and its limit is checked between rows.
 *
 * A thread is kept for the next query once it answers; one that is stopped (time limit, Cancel) is
 * terminated, so nothing of that query lingers, and the next query starts a fresh one.
 */
import type { SqlJsStatic } from 'sql.js';
import { CancelledError, errorMessage } from '../../engine';
import { executeQuery, TimeLimitError, type SqlResult, type SqlTable } from './execute';

export interface SqlRequest {
  id: number;
  query: string;
  tables: SqlTable[];
}

export type SqlReply =
  /** The thread has sql.js and starts on the query: the time limit counts from here, not from a thread's start-up. */
  | { id: number; kind: 'started' }
  | { id: number; kind: 'progress'; fraction: number; message: string }
  | { id: number; kind: 'done'; result: SqlResult }
  | { id: number; kind: 'failed'; message: string };

/** A started thread: a Web Worker in the app, a worker thread in tests. */
export interface SqlThread {
  post(request: SqlRequest): void;
  /** Where replies go from now on (replacing the last handler); `onCrash` when the thread itself failed (it is then dead). */
  listen(onReply: (reply: SqlReply) => void, onCrash: (message: string) => void): void;
  terminate(): void;
}

export type SqlThreadFactory = () => SqlThread;

/** The thread's side: answers one request (progress, then the result or the failure in words). */
export function answerSqlRequest(SQL: SqlJsStatic, request: SqlRequest, post: (reply: SqlReply) => void): void {
  const { id } = request;
  post({ id, kind: 'started' });
  try {
    const result = executeQuery(SQL, request.tables, request.query, { progress: (fraction, message) => post({ id, kind: 'progress', fraction, message }) });
    post({ id, kind: 'done', result });
  } catch (error) {
    post({ id, kind: 'failed', message: errorMessage(error) });
  }
}

let factory: SqlThreadFactory | null = null;
const idle: SqlThread[] = [];
let nextId = 0;

/** Where sql.query starts its threads (null: none, the query runs in the caller's thread). */
export function configureSqlThreads(make: SqlThreadFactory | null): void {
  factory = make;
  for (const thread of idle.splice(0)) thread.terminate();
}

export function sqlThreadsAvailable(): boolean {
  return factory !== null;
}

export interface ThreadLimits {
  limitSeconds: number;
  signal: AbortSignal;
  progress: (fraction: number, message: string) => void;
}

/** Runs the query in a thread, stopping (terminating) it at the time limit or on Cancel. */
export function queryInThread(query: string, tables: SqlTable[], limits: ThreadLimits): Promise<SqlResult> {
  if (!factory) throw new Error('internal: no SQL thread to run the query in');
  if (limits.signal.aborted) return Promise.reject(new CancelledError());
  const thread = idle.pop() ?? factory();
  const id = ++nextId;
  return new Promise<SqlResult>((resolve, reject) => {
    let settled = false;
    const finish = (keep: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal.removeEventListener('abort', cancel);
      if (keep) idle.push(thread);
      else thread.terminate();
      outcome();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startClock = () => {
      timer ??= setTimeout(() => finish(false, () => reject(new TimeLimitError(limits.limitSeconds))), limits.limitSeconds * 1000);
    };
    const cancel = () => finish(false, () => reject(new CancelledError()));
    limits.signal.addEventListener('abort', cancel);
    thread.listen(
      (reply) => {
        if (reply.id !== id) return;
        if (reply.kind === 'started') startClock();
        else if (reply.kind === 'progress') limits.progress(reply.fraction, reply.message);
        else if (reply.kind === 'done') finish(true, () => resolve(reply.result));
        else finish(true, () => reject(new Error(reply.message)));
      },
      (message) => finish(false, () => reject(new Error(`the SQL thread failed: ${message}`))),
    );
    thread.post({ id, query, tables });
  });
}
