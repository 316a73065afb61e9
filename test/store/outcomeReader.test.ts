import { describe, expect, it } from 'vitest';
import { outcomeReader, stepOutcome, type RunData, type StepRow } from '../../src/store/run';
import { patchRow, plannedRows } from '../../src/store/run/reducer';

const planned = ['a', 'b'].map((key, index) => ({ index, key, model: 'math.add', inputs: {}, outputs: {}, included: true }));

function runData(): RunData {
  return {
    ...plannedRows(planned),
    previewByStep: {},
    cache: {},
    history: [],
    graphChanged: false,
    rowsFromHistory: false,
    cacheCleared: false,
    summariesPending: false,
  } as unknown as RunData;
}

describe("When a node reads its step's outcome through a reader", () => {
  it('gets the same object while only other steps change, and the new outcome when its own does', () => {
    const read = outcomeReader();
    let state = runData();
    const first = read(state, 'a');
    expect(first).toEqual(stepOutcome(state, 'a'));
    expect(first?.status).toBe('pending');

    state = { ...state, ...patchRow(state, 'b', { status: 'ran' } as Partial<StepRow>) };
    expect(read(state, 'a')).toBe(first);

    state = { ...state, ...patchRow(state, 'a', { status: 'ran', durationMs: 1 } as Partial<StepRow>) };
    const ran = read(state, 'a');
    expect(ran).not.toBe(first);
    expect(ran).toEqual(stepOutcome(state, 'a'));
    expect(ran?.status).toBe('ran');

    // A run-wide flag every outcome reads.
    state = { ...state, graphChanged: true };
    expect(read(state, 'a')).toEqual(stepOutcome(state, 'a'));
    expect(read(state, 'a')?.stale).toBe(true);
  });

  it('keeps the same object when its row is replaced by an equal one', () => {
    const read = outcomeReader();
    let state = runData();
    const first = read(state, 'a');
    state = { ...state, ...patchRow(state, 'a', {}) };
    expect(read(state, 'a')).toBe(first);
  });
});
