/// <reference lib="webworker" />
/**
 * A Web Worker of its own for reading one imported file (`importRead.ts`): made for the import and
 * stopped once it is committed, so a big file is read on the other core while the run worker may
 * be busy (loading a reopened workflow's cache of big tables takes it seconds), and neither waits
 * for the other. It writes what the page keeps straight to the value store.
 */
// Every value type the file may hold (a table) registers with the model library.
import '../models';
import { createWorkerImports } from './imports';
import type { CommitImportMessage, ReadImportMessage } from './protocol';
import { openWorkerValueStore, type WorkerValueStore } from '../persistence/workerValues';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let store: Promise<WorkerValueStore> | null = null;
const imports = createWorkerImports({
  // Nothing to keep: this worker stops after the commit; the run worker reads the file from the store.
  keep: () => undefined,
  write: async (location, texts) => (await (store ??= openWorkerValueStore(location))).putMany(texts),
});

scope.onmessage = (event: MessageEvent<ReadImportMessage | CommitImportMessage>) => {
  const message = event.data;
  void (message.type === 'read-import' ? imports.read(message) : imports.commit(message)).then((reply) => scope.postMessage(reply));
};
