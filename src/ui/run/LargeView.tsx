/** A value in a large modal view (about 90% of the window): Escape or Close closes it, focus goes back to the opener. */
import { useEffect, useRef, type ReactNode } from 'react';

export function LargeView({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    // showModal: the page behind is inert and Escape closes it (the browser's own dialog handling).
    if (!element) return;
    if (!element.open) element.showModal();
    // Keys pressed in the view are its own: Escape closes it (the browser's default action, kept)
    // and must not also clear the canvas selection; Delete must not delete nodes behind it, and a
    // copy of text here is not a copy of the selected nodes.
    const keep = (event: Event) => event.stopPropagation();
    const kinds = ['keydown', 'copy', 'cut', 'paste'] as const;
    for (const kind of kinds) element.addEventListener(kind, keep);
    return () => {
      for (const kind of kinds) element.removeEventListener(kind, keep);
      element.close();
    };
  }, []);
  return (
    <dialog ref={dialog} className="large-view" aria-label={title} data-testid="large-view" onClose={onClose}>
      <header className="large-view-head">
        <h2>{title}</h2>
        <button type="button" className="run-btn" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <div className="large-view-body">{children}</div>
    </dialog>
  );
}
