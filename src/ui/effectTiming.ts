/**
 * The page renders with Preact (vite.config.ts aliases `react` to `preact/compat`). Preact runs
 * `useEffect` callbacks after the next frame is painted; React runs them in the next task, and those
 * of a key or click at once. @xyflow/react was written against React's timing: it learns that Ctrl
 * or Shift is held from an effect (`useGlobalKeyHandler`), so with effects a frame late a click that
 * follows the key press at once (Ctrl+click to add a node to the selection) is read as a plain
 * click. Effects here run in the next task, as React's scheduler runs them (a MessageChannel message).
 * Import this before the first render.
 */
import { options } from 'preact';

const channel = new MessageChannel();
const queued: (() => void)[] = [];
channel.port1.onmessage = () => {
  for (const callback of queued.splice(0)) callback();
};

options.requestAnimationFrame = (callback) => {
  queued.push(callback);
  if (queued.length === 1) channel.port2.postMessage(null);
};
