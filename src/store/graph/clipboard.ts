/** Copy, paste and duplicate: fragments of nodes and the edges among them, renamed to fit. */
import { fragmentToText, isBoundaryId, type GraphEdgeSpec, type GraphNodeSpec } from '../../format';
import { isCodeModel, portsOf } from './catalog';
import type { GraphContext } from './context';
import { toEdgeSpec, toEditorEdge, toEditorNode, toNodeSpec } from './convert';
import { uniqueId, uniqueLabel } from './naming';
import { deselected } from './selection';
import type { ClipboardActions, EditorNode } from './types';

const PASTE_OFFSET = { x: 40, y: 40 };

export function clipboardSlice({ get, edit }: GraphContext): ClipboardActions {
  /** Adds copies of `specs` (selected, ids and labels made unique); pasted code arrives untrusted. */
  const addSpecs = (specs: GraphNodeSpec[], edges: GraphEdgeSpec[], offset: { x: number; y: number }, trust: 'keep' | 'distrust-code') => {
    const state = get();
    const ids = new Set(state.nodes.map((n) => n.id));
    const labels = new Set(state.nodes.map((n) => n.data.label));
    const rename = new Map<string, string>();
    const added: EditorNode[] = specs.map((spec) => {
      const id = uniqueId(spec.id, ids);
      ids.add(id);
      rename.set(spec.id, id);
      const label = uniqueLabel(spec.label, labels);
      labels.add(label);
      const node = toEditorNode({ ...spec, id, label, position: { x: spec.position.x + offset.x, y: spec.position.y + offset.y } });
      if (trust === 'distrust-code' && isCodeModel(spec.model)) node.data = { ...node.data, untrusted: true };
      return { ...node, selected: true };
    });
    // An edge to a node or handle the fragment does not have would leave React Flow a wire to nothing.
    const specById = new Map(specs.map((spec) => [spec.id, spec]));
    const hasPort = (spec: GraphNodeSpec | undefined, side: 'inputs' | 'outputs', name: string) =>
      !!spec && ((portsOf(spec.model)?.[side] ?? []).includes(name) || (spec.missingPorts?.[side] ?? []).includes(name));
    const dropped: string[] = [];
    const addedEdges = edges.flatMap((e) => {
      const source = rename.get(e.source);
      const target = rename.get(e.target);
      if (!source || !target) return [];
      if (!hasPort(specById.get(e.source), 'outputs', e.output) || !hasPort(specById.get(e.target), 'inputs', e.field)) {
        dropped.push(`The wire from "${e.source}" (${e.output}) to "${e.target}" (${e.field}) was left out: that handle does not exist.`);
        return [];
      }
      return [toEditorEdge({ ...e, source, target })];
    });
    edit({
      nodes: [...deselected(state.nodes), ...added],
      edges: [...state.edges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...addedEdges],
    });
    if (dropped.length) get().setNotice({ kind: 'warning', title: 'Pasted, with wires left out.', items: dropped.map((message) => ({ message })) });
  };

  const selectedFragment = () => {
    const { nodes, edges } = get();
    // An open definition's boundary nodes are its ports, not nodes to copy.
    const chosen = nodes.filter((n) => n.selected && !isBoundaryId(n.id));
    if (!chosen.length) return null;
    const ids = new Set(chosen.map((n) => n.id));
    return { nodes: chosen.map(toNodeSpec), edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map(toEdgeSpec) };
  };

  return {
    copySelection: () => {
      const fragment = selectedFragment();
      return fragment ? fragmentToText(fragment) : null;
    },
    paste: async (text, at) => {
      // The reader validates with zod: it loads on the first paste, not with the editor.
      const { fragmentFromText } = await import('../../format/fragment');
      const fragment = fragmentFromText(text);
      if (!fragment) return false;
      const minX = Math.min(...fragment.nodes.map((n) => n.position.x));
      const minY = Math.min(...fragment.nodes.map((n) => n.position.y));
      addSpecs(fragment.nodes, fragment.edges, at ? { x: at.x - minX, y: at.y - minY } : PASTE_OFFSET, 'distrust-code');
      return true;
    },
    duplicateSelection: () => {
      const fragment = selectedFragment();
      if (fragment) addSpecs(fragment.nodes, fragment.edges, PASTE_OFFSET, 'keep');
    },
  };
}
