import { describe, expect, it } from 'vitest';
import { readBatches } from '../../src/persistence/backupExport';

const MB = 1024 * 1024;

describe('backup export read batches', () => {
  const sizes = new Map<string, number>();
  const refs = Array.from({ length: 40 }, (_, i) => {
    const ref = `v${String(i).padStart(2, '0')}`;
    sizes.set(ref, 5 * MB);
    return ref;
  });
  const lengthOf = (ref: string) => sizes.get(ref) ?? 0;
  const charsOf = (batch: string[]) => batch.reduce((sum, ref) => sum + lengthOf(ref), 0);

  it('keeps every ref once, in order', () => {
    expect(readBatches(refs, lengthOf).flat()).toEqual(refs);
  });

  it('reads about 32 MB at a time and tapers at the end: the last batch about 8 MB, the one before about 16 MB', () => {
    const batches = readBatches(refs, lengthOf).map(charsOf);
    expect(batches.at(-1)).toBeLessThanOrEqual(8 * MB);
    expect(batches.at(-2)).toBeLessThanOrEqual(16 * MB);
    for (const chars of batches.slice(0, -2)) expect(chars).toBeLessThanOrEqual(32 * MB);
    // Full batches before the taper: 200 MB in 5 MB values is 6 per 30 MB batch.
    expect(batches.slice(1, -2).every((chars) => chars === 30 * MB)).toBe(true);
  });

  it('puts a value bigger than a batch in a batch of its own, and reads nothing for no refs', () => {
    sizes.set('huge', 100 * MB);
    expect(readBatches(['v00', 'huge', 'v01'], lengthOf)).toEqual([['v00'], ['huge'], ['v01']]);
    expect(readBatches([], lengthOf)).toEqual([]);
  });
});
