/**
 * What the editor loads once it has painted. Parts a person sees or uses a moment later (the run
 * panel, the Runner, the inspector's forms, the model library's schemas) stay out of the first
 * paint's JavaScript: they start loading right after the editor's first frame, so they are there
 * by the time they are used. Only for parts of the editor, which calls {@link markEditorPainted}.
 */
import { lazy, type ComponentType } from 'react';

let painted!: () => void;
const editorPainted = new Promise<void>((resolve) => {
  painted = resolve;
});

/** Called once the editor is on screen: two frames later, the frame that showed it has been painted. */
export function markEditorPainted(): void {
  requestAnimationFrame(() => requestAnimationFrame(() => painted()));
}

/** Runs `load` once, after the editor's first paint. */
export function afterPaint<T>(load: () => Promise<T>): Promise<T> {
  return editorPainted.then(load);
}

/**
 * A component whose code loads right after the editor's first paint (a Suspense boundary above
 * shows its fallback until then). The fallback should take the component's place so nothing moves.
 */
export function lazyAfterPaint<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const loaded = afterPaint(load);
  loaded.catch(() => {}); // reported where it renders (lazy rethrows), not as an unhandled rejection
  return lazy(async () => ({ default: await loaded }));
}
