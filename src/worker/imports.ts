/**
 * The run worker's imports in progress: a file read (`read-import`) waits here, its texts held by
 * ref, until the page commits what it keeps of it (`commit-import`) — its files, and the cached
 * values the person chose to use — or commits nothing and so drops it.
 */
import { errorMessage } from '../engine';
import type { WorkerFiles } from './files';
import { committedTexts, importFailure, readImport, type PendingImport } from './importRead';
import type { CommitImportMessage, FromWorker, ReadImportMessage } from './protocol';

type ReadReply = Extract<FromWorker, { type: 'import-read' | 'import-read-failed' }>;
type CommitReply = Extract<FromWorker, { type: 'import-committed' | 'import-commit-failed' }>;

export interface WorkerImports {
  read(message: ReadImportMessage): Promise<ReadReply>;
  commit(message: CommitImportMessage): Promise<CommitReply>;
}

export function createWorkerImports(files: Pick<WorkerFiles, 'keep' | 'write'>): WorkerImports {
  const held = new Map<number, PendingImport>();
  let lastToken = 0;
  return {
    async read({ requestId, source }) {
      try {
        const { read, pending } = await readImport(typeof source === 'string' ? source : await source.text());
        if (!read.ok) return { type: 'import-read', requestId, token: 0, read };
        held.set(++lastToken, pending);
        return { type: 'import-read', requestId, token: lastToken, read };
      } catch (error) {
        return { type: 'import-read-failed', requestId, message: importFailure(error) };
      }
    },

    async commit({ requestId, token, refs, location }) {
      const pending = held.get(token);
      held.delete(token);
      if (!pending) return { type: 'import-commit-failed', requestId, message: 'the run worker that read the file has stopped since; import the file again' };
      try {
        const texts = committedTexts(pending, refs);
        for (const ref of refs) {
          const text = pending.fileTexts.get(ref);
          if (text !== undefined) files.keep(ref, text);
        }
        if (!location || !texts.length) return { type: 'import-committed', requestId, texts };
        try {
          await files.write(location, texts);
          return { type: 'import-committed', requestId, texts: [] };
        } catch (error) {
          // As a run's values: what this worker cannot write, the page saves with its next snapshot.
          console.warn('run worker: storing the imported values failed; the page will save them:', errorMessage(error));
          return { type: 'import-committed', requestId, texts };
        }
      } catch (error) {
        return { type: 'import-commit-failed', requestId, message: errorMessage(error) };
      }
    },
  };
}
