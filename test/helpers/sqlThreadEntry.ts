/** The worker thread sql.query runs in under Node (started by `sqlThreads.ts`). */
import { parentPort } from 'node:worker_threads';
import { loadSqlJs } from '../../src/engine';
import { answerSqlRequest, type SqlReply, type SqlRequest } from '../../src/models/sql/thread';

const port = parentPort;
if (!port) throw new Error('sqlThreadEntry runs as a worker thread');
port.on('message', (request: SqlRequest) => {
  loadSqlJs().then(
    (SQL) => answerSqlRequest(SQL, request, (reply: SqlReply) => port.postMessage(reply)),
    (error: unknown) => port.postMessage({ id: request.id, kind: 'failed', message: `sql.js did not load: ${String(error)}` } satisfies SqlReply),
  );
});
