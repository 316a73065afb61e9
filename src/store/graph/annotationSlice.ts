/** Notes and groups on the canvas: named edits over the rules in `annotations.ts`, each undoable and saved. */
import type { AnnotationSpec } from '../../format';
import { frameAround, membersOf, movedNodes, NOTE_SIZE } from './annotations';
import type { GraphContext } from './context';
import { newId } from './naming';
import { NOTES_IN_DEFINITION } from './rules';
import type { AnnotationActions } from './types';

export function annotationSlice(context: GraphContext): AnnotationActions {
  const { get, set, edit } = context;

  const find = (id: string): AnnotationSpec => {
    const found = get().annotations.find((a) => a.id === id);
    if (!found) throw new Error(`no note or group "${id}" in the active workflow`);
    return found;
  };
  const update = (id: string, change: Partial<AnnotationSpec>, coalesceKey?: string) => {
    find(id);
    edit((state) => ({ annotations: state.annotations.map((a) => (a.id === id ? { ...a, ...change } : a)) }), coalesceKey);
  };
  const add = (annotation: AnnotationSpec): string => {
    // A definition keeps nodes and wires only: a note there would be lost on the way back.
    if (get().editing) {
      set({ notice: { kind: 'error', title: NOTES_IN_DEFINITION, items: [] } });
      return '';
    }
    // Groups go first so they are drawn under notes (React Flow draws in list order).
    edit((state) => ({
      annotations: annotation.kind === 'group' ? [annotation, ...state.annotations] : [...state.annotations, annotation],
    }));
    return annotation.id;
  };

  return {
    addNote: (at) => add({ id: `note-${newId()}`, kind: 'note', x: at.x, y: at.y, ...NOTE_SIZE, color: 'yellow', text: '' }),

    groupSelection: () => {
      const frame = frameAround(get().nodes.filter((n) => n.selected));
      if (!frame) return null;
      return add({ id: `group-${newId()}`, kind: 'group', ...frame, color: 'blue', text: 'Group' }) || null;
    },

    setAnnotationText: (id, text) => update(id, { text }, `annotation-text:${id}`),
    setAnnotationColor: (id, color) => update(id, { color }),
    resizeAnnotation: (id, frame) => update(id, frame),

    moveAnnotation: (id, to, members = []) => {
      const from = find(id);
      const dx = to.x - from.x;
      const dy = to.y - from.y;
      if (dx === 0 && dy === 0) return;
      const ids = new Set(from.kind === 'group' ? members : []);
      edit((state) => ({
        annotations: state.annotations.map((a) => (a.id === id ? { ...a, x: to.x, y: to.y } : a)),
        nodes: movedNodes(state.nodes, ids, dx, dy),
      }));
    },

    deleteAnnotation: (id, options = {}) => {
      find(id);
      edit((state) => {
        const group = state.annotations.find((a) => a.id === id);
        const gone = new Set(options.withNodes && group?.kind === 'group' ? membersOf(group, state.nodes) : []);
        return {
          annotations: state.annotations.filter((a) => a.id !== id),
          nodes: state.nodes.filter((n) => !gone.has(n.id)),
          edges: state.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        };
      });
    },
  };
}
