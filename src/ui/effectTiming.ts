/**
 * The page renders with Preact (vite.config.ts aliases `react` to `preact/compat`). Preact runs
 * `useEffect` callbacks after the next frame is painted; React runs those of a render caused by a key
 * press or a click before the next event is handled, and those of other renders after paint.
 * @xyflow/react was written against React's timing: it learns that Ctrl or Shift is held from an
 * effect (`useGlobalKeyHandler`), so with effects a frame late a click that follows the key press at
 * once (Ctrl+click to add a node to the selection, on a busy machine) is read as a plain click. Even
 * the next task is too late: Chromium handles queued input before other tasks. So, as React does:
 * while a discrete event (key, click, pointer press) is being handled, and in the microtasks after
 * it, where Preact renders, effects run in a microtask right after their render; any other render
 * (a drag's pointer moves, a run's batches) keeps Preact's after-paint timing, so a 1,000-node drag
 * does not run every effect inside its frame. Import before the first render.
 *
 * One more rule of React's is needed once effects wait for paint: every pending passive effect,
 * the cleanups of unmounted components first, runs before a component renders again. Preact instead
 * runs a component's own pending effects when it re-renders, ahead of the deferred cleanups of
 * components already unmounted. React Flow's `StoreUpdater` resets the shared store in its unmount
 * cleanup: when the canvas remounts (an import, a switch of workflow) and re-renders before paint,
 * the new `StoreUpdater` set the nodes and the old one's cleanup then emptied the canvas.
 */
import { options } from 'preact';

const DISCRETE_EVENTS = [
  'keydown',
  'keyup',
  'pointerdown',
  'pointerup',
  'mousedown',
  'mouseup',
  'click',
  'dblclick',
  'contextmenu',
  'input',
  'change',
  'focusin',
  'focusout',
  'touchstart',
  'touchend',
  'drop',
  'compositionend',
] as const;

/** Preact's own rule for after-paint: the next frame, or 35 ms when no frame comes (hidden tab). */
const FRAME_TIMEOUT_MS = 35;

type Flush = () => void;

/** Preact's mangled internals (stable across 10.x and 11, as `@preact/signals` relies on them). */
interface HookedComponent {
  __H?: { __h: unknown[] };
}
interface PreactInternalOptions {
  __r?: (vnode: { __c?: HookedComponent | null }) => void;
}

let inDiscreteEvent = false;
/** An after-paint flush scheduled by a non-discrete render and not run yet. */
let waitingFlush: { run: Flush } | null = null;

const endOfEvent = new MessageChannel();
endOfEvent.port1.onmessage = () => {
  inDiscreteEvent = false;
};

function onDiscreteEvent(): void {
  if (!inDiscreteEvent) {
    inDiscreteEvent = true;
    // A task, so the flag holds through the microtasks in which Preact renders the event's updates.
    endOfEvent.port2.postMessage(null);
  }
  // Preact schedules a flush only when its queue was empty: effects already waiting for paint
  // would hold back this event's effects behind them, so they run now too.
  if (waitingFlush) {
    const waiting = waitingFlush;
    waitingFlush = null;
    queueMicrotask(waiting.run);
  }
}

/** The flush Preact last scheduled, until it has run (it is idempotent: a second call does nothing). */
let scheduledFlush: Flush | null = null;

function runScheduledFlush(): void {
  const flush = scheduledFlush;
  if (!flush) return;
  scheduledFlush = null;
  flush();
}

function afterNextFrame(flush: Flush): void {
  const waiting = { run: flush };
  waitingFlush = waiting;
  const done = (): void => {
    clearTimeout(timeout);
    cancelAnimationFrame(frame);
    setTimeout(() => {
      if (waitingFlush !== waiting) return; // already run by a discrete event
      waitingFlush = null;
      flush();
    });
  };
  const timeout = setTimeout(done, FRAME_TIMEOUT_MS);
  const frame = requestAnimationFrame(done);
}

for (const type of DISCRETE_EVENTS) {
  window.addEventListener(type, onDiscreteEvent, { capture: true, passive: true });
}

options.requestAnimationFrame = (flush) => {
  scheduledFlush = flush;
  const tracked = (): void => {
    if (scheduledFlush === flush) scheduledFlush = null;
    flush();
  };
  if (inDiscreteEvent) queueMicrotask(tracked);
  else afterNextFrame(tracked);
};

const internal = options as unknown as PreactInternalOptions;
const beforeRender = internal.__r;
internal.__r = (vnode) => {
  // Preact is about to run this component's pending effects itself: run everything pending first.
  if (scheduledFlush && vnode.__c?.__H?.__h.length) runScheduledFlush();
  beforeRender?.(vnode);
};
