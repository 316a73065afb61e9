/// <reference lib="webworker" />
/**
 * The thread sql.query runs in (started by the run worker, see `models/sql/thread.ts`): its own
 * sql.js, so a query past its time limit or cancelled is stopped by terminating this worker.
 */
import initSqlJs from 'sql.js';
import sqlWasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { answerSqlRequest, type SqlReply, type SqlRequest } from '../models/sql/thread';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const sqlJs = initSqlJs({ locateFile: () => sqlWasmUrl });

scope.onmessage = (event: MessageEvent<SqlRequest>) => {
  const request = event.data;
  sqlJs.then(
    (SQL) => answerSqlRequest(SQL, request, (reply: SqlReply) => scope.postMessage(reply)),
    (error: unknown) => scope.postMessage({ id: request.id, kind: 'failed', message: `sql.js did not load: ${String(error)}` } satisfies SqlReply),
  );
};
