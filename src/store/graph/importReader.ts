/**
 * How the graph store reads a workflow file to import: through the run worker, off the page's
 * thread (`worker/importRead.ts`); a store without one (tests, tools) reads it the same way here.
 */
import type { ValueTexts } from '../../persistence/types';
import type { ImportRead } from '../../worker/importRead';

export interface ImportReader {
  /** The file checked and parsed, its data held by ref until {@link commit}; rejects in words. */
  read(source: Blob | string): Promise<{ token: number; read: ImportRead }>;
  /** Stores `refs` of a read import and forgets the rest; resolves with the texts the page must save itself. */
  commit(token: number, refs: string[]): Promise<ValueTexts>;
}

/** The same reading on this thread, its texts handed back to be saved by the page. */
export async function localImportReader(): Promise<ImportReader> {
  const { createWorkerImports } = await import('../../worker/imports');
  const imports = createWorkerImports({ keep: () => undefined, write: () => Promise.resolve() });
  return {
    read: async (source) => {
      const reply = await imports.read({ type: 'read-import', requestId: 0, source });
      if (reply.type === 'import-read-failed') throw new Error(reply.message);
      return { token: reply.token, read: reply.read };
    },
    commit: async (token, refs) => {
      const reply = await imports.commit({ type: 'commit-import', requestId: 0, token, refs, location: null });
      if (reply.type === 'import-commit-failed') throw new Error(reply.message);
      return reply.texts;
    },
  };
}
