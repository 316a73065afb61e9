import { describe, expect, it } from 'vitest';
import { slicedUpdates } from './slicedUpdates';

/** A store of one number per subscriber, and frames run by hand. */
function setup(count: number, perFrame: number) {
  const listeners = new Set<() => void>();
  const frames: (() => void)[] = [];
  const hub = slicedUpdates(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    (work) => frames.push(work),
    perFrame,
  );
  const values = Array.from({ length: count }, () => 0);
  const shown = values.slice();
  const removals = values.map((_, i) =>
    hub.add(() => {
      if (shown[i] === values[i]) return false;
      shown[i] = values[i] as number;
      return true;
    }),
  );
  const change = (next: (i: number) => number) => {
    values.forEach((_, i) => (values[i] = next(i)));
    for (const listener of listeners) listener();
  };
  const frame = () => frames.splice(0).forEach((work) => work());
  return { shown, change, frame, frames, removals, listeners };
}

describe('When a change reaches many subscribers at once', () => {
  it('draws at most a slice of them at once and the rest in the frames after', () => {
    const { shown, change, frame, frames } = setup(250, 100);
    change(() => 1);
    expect(shown.filter((v) => v === 1)).toHaveLength(100);
    frame();
    expect(shown.filter((v) => v === 1)).toHaveLength(200);
    frame();
    expect(shown.every((v) => v === 1)).toBe(true);
    expect(frames).toHaveLength(0);
  });

  it('a change of a few reaches them at once, and a later change is not lost behind a slice', () => {
    const { shown, change, frame } = setup(250, 100);
    change((i) => (i < 3 ? 1 : 0));
    expect(shown.slice(0, 4)).toEqual([1, 1, 1, 0]);
    change(() => 2);
    change((i) => (i === 249 ? 3 : 2));
    for (let i = 0; i < 5; i++) frame();
    expect(shown.slice(0, 3)).toEqual([2, 2, 2]);
    expect(shown[249]).toBe(3);
    expect(shown.slice(0, 249).every((v) => v === 2)).toBe(true);
  });

  it('stops listening once every subscriber is gone', () => {
    const { removals, listeners } = setup(5, 2);
    expect(listeners.size).toBe(1);
    removals.forEach((remove) => remove());
    expect(listeners.size).toBe(0);
  });
});
