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
 * One more rule of React's is needed once effects wait for paint: a component that renders again
 * before its effects ran does not run them then, ahead of everything else waiting. Preact runs them at
 * once, in the middle of the new render, before the deferred cleanups of components already
 * unmounted: React Flow's `StoreUpdater` resets the shared store in its unmount cleanup, so when the
 * canvas remounted (an import, a switch of workflow) and rendered again before paint, the new
 * `StoreUpdater` set the nodes and the old one's cleanup then emptied the canvas. So those effects
 * are held through the render and go back in the queue, to run in the flush, behind the cleanups, as
 * React orders them. (Flushing everything before the render instead ran the effects of components
 * rendered earlier in the same pass before their refs were set: a chart whose effect found no element.)
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
  /** `__hooks`, and in it `_pendingEffects`: the effect states waiting to run. */
  __H?: { __h: unknown[] };
}
interface InternalVNode {
  __c?: HookedComponent | null;
}
interface PreactInternalOptions {
  /** `_render`: before a component renders. */
  __r?: (vnode: InternalVNode) => void;
  diffed?: (vnode: InternalVNode) => void;
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
  if (inDiscreteEvent) queueMicrotask(flush);
  else afterNextFrame(flush);
};

/** Effects a component had waiting when it began to render again, by component, until it is diffed. */
const held = new Map<HookedComponent, unknown[]>();
const internal = options as unknown as PreactInternalOptions;
const beforeRender = internal.__r;
const afterDiff = internal.diffed;
internal.__r = (vnode) => {
  const component = vnode.__c;
  const hooks = component?.__H;
  // Once per diff: a component that sets state while rendering renders again, and Preact then drops
  // the effects of the render before, as it always has.
  if (component && hooks && hooks.__h.length && !held.has(component)) {
    held.set(component, hooks.__h);
    hooks.__h = [];
  }
  beforeRender?.(vnode);
};
internal.diffed = (vnode) => {
  const component = vnode.__c;
  const waiting = component ? held.get(component) : undefined;
  if (component && waiting) {
    held.delete(component);
    const hooks = component.__H as { __h: unknown[] };
    // An effect of the same hook that this render scheduled again is there once, with its new callback.
    hooks.__h = [...waiting.filter((effect) => !hooks.__h.includes(effect)), ...hooks.__h];
  }
  // Preact's own step then queues the component for the flush, as it has effects waiting.
  afterDiff?.(vnode);
};
