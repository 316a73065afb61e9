/** sql.query's threads in the browser: a Web Worker each, started by the run worker (see `models/sql/thread.ts`). */
import type { SqlReply, SqlThread } from '../models/sql/thread';

export function startSqlWorker(): SqlThread {
  const worker = new Worker(new URL('./sqlWorker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    listen: (onReply, onCrash) => {
      worker.onmessage = (event: MessageEvent<SqlReply>) => onReply(event.data);
      worker.onerror = (event) => onCrash(event.message || 'the SQL worker failed to start');
    },
    terminate: () => worker.terminate(),
  };
}
