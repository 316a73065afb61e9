import { describe, expect, it } from 'vitest';
import type { StoredExtractRef } from '../../src/persistence/types';
import { ExtractMerge } from '../../src/store/sweep/extractMerge';

// Two sweep workers, each with its own copy of the cache, announce the same step's entries: the
// page merges them so neither drops the other's new entry.

const entry = (stepKey: string, inputHash: string): StoredExtractRef => ({
  stepKey,
  inputHash,
  input: { model: 'm', version: '1', ref: `in-${inputHash}` },
  output: { model: 'm', version: '1', ref: `out-${inputHash}` },
});
const hashes = (entries: StoredExtractRef[]) => entries.map((item) => item.inputHash);

describe('When two workers write the same step', () => {
  it('keeps both new entries before the stored ones, one per input, at most the limit', () => {
    const merge = new ExtractMerge(3);
    merge.load([entry('clean', 'a'), entry('clean', 'b'), entry('load', 'x')]);
    // Worker 1 ran clean for c (its copy held a, b); worker 2 for d (its copy held a, b too).
    expect(hashes(merge.merge([entry('clean', 'c'), entry('clean', 'a'), entry('clean', 'b')]))).toEqual(['c', 'a', 'b']);
    expect(hashes(merge.merge([entry('clean', 'd'), entry('clean', 'a'), entry('clean', 'b')]))).toEqual(['d', 'a', 'b']);
    // With room for more, c is kept too.
    const roomy = new ExtractMerge(8);
    roomy.load([entry('clean', 'a')]);
    roomy.merge([entry('clean', 'c'), entry('clean', 'a')]);
    expect(hashes(roomy.merge([entry('clean', 'd'), entry('clean', 'a')]))).toEqual(['d', 'a', 'c']);
  });

  it('puts only the steps announced', () => {
    const merge = new ExtractMerge(8);
    merge.load([entry('clean', 'a'), entry('load', 'x')]);
    expect(merge.merge([entry('monthly', 'm')]).map((item) => item.stepKey)).toEqual(['monthly']);
  });
});
