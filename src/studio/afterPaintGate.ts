/**
 * When the browser's studio starts what the editor does not need to draw itself (the run worker):
 * after the editor has painted ({@link AfterPaintGate.painted}), once the page is idle, or at the
 * person's first key or pointer press if that comes sooner, so a Run does not wait on idleness.
 */
export interface AfterPaintGate {
  /** Resolves once: the editor has painted, and the page was idle or a person pressed something. */
  readonly open: Promise<void>;
  /** The editor is on screen (called by the editor after its first paint). */
  painted(): void;
}

/** Idle may not come while something animates; it is not waited for longer than this (ms). */
const IDLE_TIMEOUT_MS = 1500;

export function afterPaintGate(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): AfterPaintGate {
  let release!: () => void;
  const open = new Promise<void>((resolve) => {
    release = resolve;
  });
  let waiting = false;
  const onPress = () => release();
  void open.then(() => {
    target.removeEventListener('pointerdown', onPress, true);
    target.removeEventListener('keydown', onPress, true);
  });
  return {
    open,
    painted: () => {
      if (waiting) return;
      waiting = true;
      target.addEventListener('pointerdown', onPress, true);
      target.addEventListener('keydown', onPress, true);
      if (typeof requestIdleCallback === 'function') requestIdleCallback(() => release(), { timeout: IDLE_TIMEOUT_MS });
      else setTimeout(() => release(), 0);
    },
  };
}
