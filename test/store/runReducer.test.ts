import { describe, expect, it } from 'vitest';
import { applyEvents, finishedRows, patchRow, plannedRows, rowOf, rowsStillInGraph } from '../../src/store/run/reducer';
import type { ExtractSummary, PlannedStep } from '../../src/worker/protocol';

const planned = (keys: string[], included = keys): PlannedStep[] =>
  keys.map((key, index) => ({ index, key, model: 'm', inputs: {}, outputs: {}, included: included.includes(key) }));

describe('The run rows reducer', () => {
  it('plans included steps as pending and the others as not run, indexed by key', () => {
    const rows = plannedRows(planned(['a', 'b', 'c'], ['a', 'c']));
    expect(rows.steps.map((row) => row.status)).toEqual(['pending', 'not-run', 'pending']);
    expect(rows.rowIndex).toEqual({ a: 0, b: 1, c: 2 });
    expect(rowOf(rows, 'b')?.reason).toBe('not needed for this step');
  });

  it('applies start and end events to the one row they name, and counts progress', () => {
    let rows = plannedRows(planned(['a', 'b']));
    const progress = { done: 0, total: 2, runningKey: null, modelFraction: null, modelMessage: null };
    const started = applyEvents(rows, progress, [{ type: 'start', index: 1, key: 'b', total: 2 }]);
    expect(rowOf(started.rows, 'b')?.status).toBe('running');
    expect(started.progress?.runningKey).toBe('b');
    const ended = applyEvents(started.rows, started.progress, [
      {
        type: 'end',
        index: 1,
        key: 'b',
        status: 'ran',
        durationMs: 3,
        reason: { kind: 'input-changed', fields: ['x'] },
      },
    ]);
    rows = ended.rows;
    expect(rowOf(rows, 'b')).toMatchObject({ status: 'ran', durationMs: 3, changedFields: ['x'], reason: 'input changed: "x"' });
    expect(rowOf(rows, 'a')?.status).toBe('pending');
    expect(ended.progress).toMatchObject({ done: 1, runningKey: null });
    // An event for a step the run does not have changes nothing.
    expect(patchRow(rows, 'zz', { status: 'ran' }).steps).toBe(rows.steps);
  });

  it('applies a batch of events with one copy of the rows, leaving untouched rows as they were', () => {
    const rows = plannedRows(planned(['a', 'b', 'c']));
    const progress = { done: 0, total: 3, runningKey: null, modelFraction: null, modelMessage: null };
    const extract = { stepKey: 'a', inputHash: 'h', model: 'm', version: 1 } as unknown as ExtractSummary;
    const applied = applyEvents(rows, progress, [
      { type: 'start', index: 0, key: 'a', total: 3 },
      { type: 'end', index: 0, key: 'a', status: 'ran', durationMs: 1, extract },
      { type: 'start', index: 1, key: 'b', total: 3 },
    ]);
    expect(applied.rows.steps.map((row) => row.status)).toEqual(['ran', 'running', 'pending']);
    expect(applied.rows.steps[2]).toBe(rows.steps[2]);
    expect(applied.rows.rowIndex).toBe(rows.rowIndex);
    expect(applied.progress).toMatchObject({ done: 1, runningKey: 'b' });
    expect(applied.extracts).toEqual({ a: extract });
    // No event for a row: the rows stay the same array.
    expect(applyEvents(rows, progress, [{ type: 'progress', index: 0, key: 'a', fraction: 0.5 }]).rows.steps).toBe(rows.steps);
  });

  it('ends a cancelled run with the running step cancelled and the waiting ones not run', () => {
    let rows = plannedRows(planned(['a', 'b', 'c']));
    rows = patchRow(rows, 'a', { status: 'ran' });
    rows = patchRow(rows, 'b', { status: 'running' });
    expect(finishedRows(rows, 'cancelled').steps.map((row) => row.status)).toEqual(['ran', 'cancelled', 'not-run']);
    expect(finishedRows(rows, 'error').steps.map((row) => row.status)).toEqual(['ran', 'not-run', 'not-run']);
  });

  it('drops the rows of steps the graph no longer has, re-indexing the rest', () => {
    const rows = rowsStillInGraph(plannedRows(planned(['a', 'b', 'c'])), new Set(['a', 'c']));
    expect(rows.steps.map((row) => row.key)).toEqual(['a', 'c']);
    expect(rows.rowIndex).toEqual({ a: 0, c: 1 });
  });
});
