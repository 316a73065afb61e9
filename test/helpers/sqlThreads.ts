/**
 * sql.query's threads in Node, for tests: a worker thread each, running the TypeScript sources
 * through tsx, so a query past its time limit is stopped even inside one long SQLite step, as the
 * app's Web Workers do (see `src/models/sql/thread.ts`). The `swark` command does not use them (a
 * thread takes seconds to start under tsx): there the limit is checked between rows.
 */
import { Worker } from 'node:worker_threads';
import type { SqlReply, SqlThread } from '../../src/models/sql/thread';

export function startSqlThread(): SqlThread {
  const worker = new Worker(new URL('./sqlThreadBoot.mjs', import.meta.url));
  // An idle thread kept for the next query must not keep the command running.
  worker.unref();
  let crashed: (message: string) => void = () => undefined;
  worker.on('error', (error) => crashed(error.message));
  return {
    post: (request) => worker.postMessage(request),
    listen: (onReply, onCrash) => {
      worker.removeAllListeners('message');
      worker.on('message', (reply: SqlReply) => onReply(reply));
      crashed = onCrash;
    },
    terminate: () => void worker.terminate(),
  };
}
