/**
 * The page's side of an import worker (`importWorker.ts`): one worker per file, made to read it and
 * stopped once it is committed or refused; a worker that fails rejects its request in words.
 */
import type { ValueTexts } from '../persistence/types';
import type { ValueLocation } from '../persistence/values';
import type { ImportRead } from './importRead';
import type { CommitImportMessage, FromWorker, ReadImportMessage } from './protocol';

/** What the page needs of a Worker (a test can hand a fake). */
export interface ImportWorkerPort {
  postMessage(message: ReadImportMessage | CommitImportMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export const browserImportWorker = (): ImportWorkerPort => new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' }) as ImportWorkerPort;

/** Reads files to import in workers of their own; committed values go to `location()`. */
export function importWorkerReader(makeWorker: () => ImportWorkerPort, location: () => ValueLocation | null) {
  const workers = new Map<number, ImportWorkerPort>();
  const ask = (worker: ImportWorkerPort, message: ReadImportMessage | CommitImportMessage) =>
    new Promise<FromWorker>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'the import worker failed'));
      worker.postMessage(message);
    });
  return {
    async read(source: Blob | string): Promise<{ token: number; read: ImportRead }> {
      const worker = makeWorker();
      try {
        const reply = await ask(worker, { type: 'read-import', requestId: 0, source });
        if (reply.type === 'import-read-failed') throw new Error(reply.message);
        if (reply.type !== 'import-read') throw new Error(`the import worker answered ${reply.type}`);
        if (reply.token) workers.set(reply.token, worker);
        else worker.terminate();
        return { token: reply.token, read: reply.read };
      } catch (error) {
        worker.terminate();
        throw error;
      }
    },
    async commit(token: number, refs: string[]): Promise<ValueTexts> {
      const worker = workers.get(token);
      workers.delete(token);
      if (!worker) throw new Error('the file was read by an import worker that has stopped since; import the file again');
      try {
        const reply = await ask(worker, { type: 'commit-import', requestId: 0, token, refs, location: location() });
        if (reply.type === 'import-commit-failed') throw new Error(reply.message);
        if (reply.type !== 'import-committed') throw new Error(`the import worker answered ${reply.type}`);
        return reply.texts;
      } finally {
        worker.terminate();
      }
    },
  };
}
