import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useStudio } from '../hooks/useStudio';
import { exportActiveWorkflowLater } from './fileActionsLater';
import { FRAGMENT_FORMAT } from '../../format/fragmentText';
import { LAYOUT_FIT_OPTIONS } from '../canvas/fitOptions';
import { componentIdOf } from '../../format/components';
import type { GraphState } from '../../store/graph';

/** Keys typed into a field (or a code editor) are the field's, not shortcuts. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || !!target.closest('.cm-editor');
}

/** Binds the editor shortcuts (see `SHORTCUTS`) and the clipboard events on the document. */
export function useShortcuts(openHelp: () => void): void {
  const { fitView, screenToFlowPosition } = useReactFlow();
  const studio = useStudio();
  useEffect(() => {
    // Where the pointer last was over the canvas (client px): N puts a note there, as ComfyUI does.
    let pointer: { x: number; y: number } | null = null;
    const onPointerMove = (event: PointerEvent) => {
      pointer = event.target instanceof Element && event.target.closest('[data-testid="canvas"]') ? { x: event.clientX, y: event.clientY } : null;
    };
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target)) return;
      const store = studio.graph.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => event.preventDefault();
      if (mod && key === 'z' && !event.shiftKey) return (handled(), store.undo());
      if (mod && ((key === 'z' && event.shiftKey) || key === 'y')) return (handled(), store.redo());
      if (mod && key === 'd') return (handled(), store.duplicateSelection());
      if (mod && key === 'a') return (handled(), store.selectAll());
      if (mod && key === 'b') return (handled(), store.toggleBypass());
      if (mod && event.shiftKey && key === 'g') return (handled(), makeOrExpand(store));
      if (mod && key === 'g') return (handled(), store.groupSelection());
      if (!mod && !event.altKey && key === 'n') return (handled(), addNoteAt(store, screenToFlowPosition, pointer));
      if (mod && event.shiftKey && key === 'l') {
        handled();
        void store.autoLayout().then(() => requestAnimationFrame(() => void fitView(LAYOUT_FIT_OPTIONS)));
        return;
      }
      if (mod && key === 'e') return (handled(), exportActiveWorkflowLater(studio, false));
      if (mod && key === 'o') return (handled(), document.querySelector<HTMLInputElement>('[data-testid="import-input"]')?.click());
      if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) return (handled(), store.deleteSelection());
      if (event.altKey && event.key === 'ArrowUp' && store.editing) return (handled(), store.closeComponent());
      if (!mod && event.key === 'Enter' && onCanvas(event.target) && editSelectedComponent(store)) return handled();
      if (event.key === 'Escape') return store.selectNode(null);
      if (event.key === '?') return (handled(), openHelp());
    };
    const onCopy = (event: ClipboardEvent) => {
      if (typingIn(event.target)) return;
      const text = studio.graph.getState().copySelection();
      if (!text || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onCut = (event: ClipboardEvent) => {
      onCopy(event);
      if (event.defaultPrevented) studio.graph.getState().deleteSelection();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (typingIn(event.target)) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const maybeWorkflow = text.includes('"swark.workflow"');
      if (!text.includes(FRAGMENT_FORMAT) && !maybeWorkflow) return;
      // Decided now (the event's default cannot wait); the fragment reader and importer load on first use.
      event.preventDefault();
      const store = studio.graph.getState();
      void store.paste(text).then((pasted) => {
        if (!pasted && maybeWorkflow) void store.importWorkflow(text);
      });
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('pointermove', onPointerMove, { passive: true });
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('pointermove', onPointerMove);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [fitView, screenToFlowPosition, openHelp, studio]);
}

type Point = { x: number; y: number };

/** Ctrl+Shift+G: one selected component expands; otherwise the selection becomes a component (or the store says why not). */
function makeOrExpand(store: GraphState) {
  const selected = store.nodes.filter((node) => node.selected);
  const only = selected.length === 1 ? selected[0] : undefined;
  if (only && componentIdOf(only.data.model) !== null) store.expandComponent(only.id);
  else store.makeComponent();
}

/** A note (the N key), open for typing: its corner at the pointer when it is over the canvas, else centred in the view. */
function addNoteAt(store: { addNote(at: Point): string }, toFlow: (at: Point) => Point, pointer: Point | null) {
  if (pointer) {
    const at = toFlow(pointer);
    store.addNote({ x: Math.round(at.x), y: Math.round(at.y) });
    return;
  }
  const canvas = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
  const centre = canvas ? { x: canvas.left + canvas.width / 2, y: canvas.top + canvas.height / 2 } : { x: innerWidth / 2, y: innerHeight / 2 };
  const at = toFlow(centre);
  store.addNote({ x: Math.round(at.x - 120), y: Math.round(at.y - 80) });
}

/** Enter on one selected component opens its definition; false when the selection is not one. */
function editSelectedComponent(store: GraphState): boolean {
  const selected = store.nodes.filter((n) => n.selected);
  const only = selected.length === 1 ? selected[0] : undefined;
  return only !== undefined && componentIdOf(only.data.model) !== null && store.editComponent(only.id);
}

/** A key pressed with nothing focused, or on the canvas (not on a toolbar or palette button). */
function onCanvas(target: EventTarget | null): boolean {
  return target === document.body || (target instanceof Element && target.closest('[data-testid="canvas"]') !== null);
}
