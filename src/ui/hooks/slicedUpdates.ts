/**
 * Store updates handed to many small subscribers (a 1,000-node canvas's nodes) a slice per frame: a
 * change that touches every node (a run's plan puts them all to "waiting") redraws at most
 * `perFrame` of them in a frame and the rest in the frames after, so no frame draws the whole
 * canvas at once. A change reaches the first slice at once, in the store's own update.
 */

/** Looks again at what a subscriber shows; true when it changed (and the subscriber will draw again). */
type SliceCheck = () => boolean;

export interface SlicedUpdates {
  /** Adds a subscriber; returns its removal. */
  add(check: SliceCheck): () => void;
}

interface Entry {
  check: SliceCheck;
  /** The store's change this subscriber last looked at. */
  seen: number;
  gone: boolean;
}

export function slicedUpdates(subscribe: (listener: () => void) => () => void, nextFrame: (work: () => void) => void, perFrame: number): SlicedUpdates {
  let entries: Entry[] = [];
  let gone = 0;
  let version = 0;
  let cursor = 0;
  let scheduled = false;
  let unsubscribe: (() => void) | null = null;

  /** Looks at subscribers from where the last slice stopped, until `perFrame` changed or all saw this version. */
  const slice = () => {
    let changed = 0;
    for (let scanned = 0; scanned < entries.length; scanned++) {
      if (cursor >= entries.length) cursor = 0;
      const entry = entries[cursor++] as Entry;
      if (entry.gone || entry.seen === version) continue;
      entry.seen = version;
      if (entry.check() && ++changed >= perFrame) {
        later();
        return;
      }
    }
  };
  const later = () => {
    if (scheduled) return;
    scheduled = true;
    nextFrame(() => {
      scheduled = false;
      slice();
    });
  };
  const onChange = () => {
    version++;
    slice();
  };

  return {
    add(check) {
      const entry: Entry = { check, seen: version, gone: false };
      entries.push(entry);
      unsubscribe ??= subscribe(onChange);
      return () => {
        entry.gone = true;
        if (++gone * 2 <= entries.length) return;
        const at = entries[cursor];
        entries = entries.filter((e) => !e.gone);
        gone = 0;
        cursor = at ? Math.max(0, entries.indexOf(at)) : 0;
        if (!entries.length) {
          unsubscribe?.();
          unsubscribe = null;
        }
      };
    },
  };
}
