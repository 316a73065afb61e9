import { useEffect, useMemo, useReducer } from 'react';
import { nextFrame, outcomeReader, type RunStore, type RunStoreState, type StepOutcome } from '../../store/run';
import { slicedUpdates, type SlicedUpdates } from './slicedUpdates';
import { useStudio } from './useStudio';

/**
 * Nodes whose outcome changes redrawn per frame at most: a run's plan puts every node to "waiting"
 * at once, and drawing a 1,000-node canvas in one frame took hundreds of milliseconds.
 */
const NODES_PER_FRAME = 60;

const hubs = new WeakMap<RunStore, SlicedUpdates>();

function hubOf(run: RunStore): SlicedUpdates {
  let hub = hubs.get(run);
  if (!hub) {
    hub = slicedUpdates(run.subscribe, nextFrame, NODES_PER_FRAME);
    hubs.set(run, hub);
  }
  return hub;
}

/** One node's reader, and whether what it reads changed since it last read. */
function stepReader() {
  const read = outcomeReader();
  let last: StepOutcome | null | undefined;
  const current = (state: RunStoreState, stepId: string) => (last = read(state, stepId));
  return {
    read: current,
    changed(state: RunStoreState, stepId: string) {
      const before = last;
      return current(state, stepId) !== before;
    },
  };
}

/**
 * What the last run made of one step (null when it never ran and has no cache). The node draws
 * again only when its own step's outcome changes, and a change of many steps at once reaches the
 * nodes a slice per frame (see {@link slicedUpdates}).
 */
export function useStepOutcome(stepId: string): StepOutcome | null {
  const { run } = useStudio();
  const reader = useMemo(() => stepReader(), []);
  const [, redraw] = useReducer((count: number) => count + 1, 0);
  useEffect(() => {
    const check = () => {
      if (!reader.changed(run.getState(), stepId)) return false;
      redraw();
      return true;
    };
    const remove = hubOf(run).add(check);
    // A change between the draw and this subscription.
    check();
    return remove;
  }, [run, reader, stepId]);
  return reader.read(run.getState(), stepId);
}
