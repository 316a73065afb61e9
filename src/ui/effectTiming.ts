/**
 * The page renders with Preact (vite.config.ts aliases `react` to `preact/compat`). Preact runs
 * `useEffect` callbacks after the next frame is painted; React runs those of a render caused by a key
 * press or a click before the next event is handled. @xyflow/react was written against React's timing:
 * it learns that Ctrl or Shift is held from an effect (`useGlobalKeyHandler`), so with effects a frame
 * late a click that follows the key press at once (Ctrl+click to add a node to the selection, on a
 * busy machine) is read as a plain click. Even the next task is too late: Chromium handles queued
 * input before other tasks. So effects run in a microtask right after their render, before the
 * browser handles the next event, as React does for discrete events. Import before the first render.
 */
import { options } from 'preact';

options.requestAnimationFrame = (callback) => queueMicrotask(callback);
