/**
 * The browser's frame clock for the page's batched updates: the run worker's gathered messages
 * (`inbox.ts`) and the nodes' slices of a run's changes (`ui/hooks/useStepOutcome.ts`).
 */
import type { FrameScheduler } from './inbox';

/** A hidden tab draws no frames: the messages still go in, at most this late (ms). */
const HIDDEN_TAB_LIMIT_MS = 100;

/** The next animation frame, or a timer when none comes (a hidden tab), whichever is first. */
export const nextFrame: FrameScheduler = (flush) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    flush();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, HIDDEN_TAB_LIMIT_MS);
};
