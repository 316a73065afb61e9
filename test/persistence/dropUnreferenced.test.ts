import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../src/engine';
import { WorkspaceDatabase, openWorkspaceDatabase } from '../../src/persistence/workspaceDb';
import type { StoredExtractRef } from '../../src/persistence/types';
import type { ValueStore } from '../../src/persistence/values';

/** Values outside the file, as the browser keeps them; counts its reads. */
function externalStore(texts: Record<string, string>) {
  const reads: string[] = [];
  const store: ValueStore = {
    kind: 'external',
    put: (ref, json) => void (texts[ref] = json),
    get: async (ref) => {
      reads.push(ref);
      return texts[ref] as string;
    },
    getMany: async (refs) => Promise.all(refs.map((ref) => store.get(ref))),
    getManyBytes: async (refs) => (await store.getMany(refs)).map((text) => new TextEncoder().encode(text)),
  };
  return { store, reads };
}

async function databaseWith(store: ValueStore): Promise<WorkspaceDatabase> {
  const bytes = (await openWorkspaceDatabase()).toBytes();
  const SQL = await loadSqlJs();
  return new WorkspaceDatabase(new SQL.Database(bytes), store);
}

const entry = (stepKey: string, ref: string): StoredExtractRef => ({
  stepKey,
  inputHash: `h-${stepKey}`,
  input: { model: 'math.add', version: '1', at: 1, ref },
  output: { model: 'math.add', version: '1', at: 1, ref },
});

describe('When a run records its cache entries by ref', () => {
  it('does not look for the live refs while no decoded value is held and the values live outside the file', async () => {
    const { store } = externalStore({});
    const ws = await databaseWith(store);
    let asked = 0;
    ws.heldElsewhere = () => {
      asked++;
      return [];
    };
    for (let i = 0; i < 20; i++) ws.putExtractRefs('w', [entry(`s${i}`, `r${i}`)]);
    expect(asked).toBe(0);
  });

  it('still forgets a decoded value once nothing refers to it', async () => {
    const { store, reads } = externalStore({ r1: '1' });
    const ws = await databaseWith(store);
    ws.putExtractRefs('w', [entry('s1', 'r1')]);
    await ws.getExtracts('w');
    await ws.getExtracts('w');
    // Decoded once, then held.
    expect(reads).toEqual(['r1']);
    ws.clearExtracts('w');
    ws.putExtractRefs('w', [entry('s1', 'r1')]);
    await ws.getExtracts('w');
    expect(reads).toEqual(['r1', 'r1']);
  });
});
