/**
 * The page's side of an import worker: one worker per file, stopped once the file is committed or
 * refused, and a worker that fails rejects in words (the graph store shows them; nothing is opened).
 */
import { describe, expect, it } from 'vitest';
import '../../src/models';
import { FORMAT_VERSION } from '../../src/format';
import { importWorkerReader, type ImportWorkerPort } from '../../src/worker/importClient';
import { createWorkerImports } from '../../src/worker/imports';
import type { CommitImportMessage, ReadImportMessage } from '../../src/worker/protocol';

const file = JSON.stringify({
  format: 'swark.workflow',
  version: FORMAT_VERSION,
  name: 'One',
  workflow: {
    useExtracts: true,
    populateExtracts: true,
    steps: [{ id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } }],
  },
});

/** A worker that runs the real import code in this thread (or fails as a worker can). */
function fakeWorkers(fail = false) {
  const made: { terminated: boolean }[] = [];
  const make = (): ImportWorkerPort => {
    const imports = createWorkerImports({ keep: () => undefined, write: () => Promise.resolve() });
    const state = { terminated: false };
    made.push(state);
    const port: ImportWorkerPort = {
      onmessage: null,
      onerror: null,
      terminate: () => (state.terminated = true),
      postMessage: (message: ReadImportMessage | CommitImportMessage) => {
        if (fail) return void setTimeout(() => port.onerror?.({ message: 'Uncaught SyntaxError: bad bundle' } as ErrorEvent));
        void (message.type === 'read-import' ? imports.read(message) : imports.commit(message)).then((reply) =>
          port.onmessage?.({ data: reply } as MessageEvent),
        );
      },
    };
    return port;
  };
  return { make, made };
}

describe('An import worker', () => {
  it('reads one file, is kept until the commit, then stopped; a refused file stops it at once', async () => {
    const workers = fakeWorkers();
    const reader = importWorkerReader(workers.make, () => null);
    const { token, read } = await reader.read(new Blob([file]));
    expect(read.ok).toBe(true);
    expect(workers.made[0]?.terminated).toBe(false);
    expect(await reader.commit(token, [])).toEqual([]);
    expect(workers.made[0]?.terminated).toBe(true);
    await expect(reader.commit(token, [])).rejects.toThrow(/has stopped since; import the file again/);

    const refused = await reader.read('{"format": "other"}');
    expect(refused.read.ok).toBe(false);
    expect(workers.made[1]?.terminated).toBe(true);
  });

  it('that fails rejects in words and is stopped', async () => {
    const workers = fakeWorkers(true);
    await expect(importWorkerReader(workers.make, () => null).read(file)).rejects.toThrow('Uncaught SyntaxError: bad bundle');
    expect(workers.made[0]?.terminated).toBe(true);
  });
});
