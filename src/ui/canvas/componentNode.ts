/** What a component instance node shows: its definition's ports and a summary, read from the graph store's library. */
import { useMemo } from 'react';
import { componentIdOf, componentPorts, innerStepId, type ComponentDefinition } from '../../format/components';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';

interface ComponentView {
  definition: ComponentDefinition;
  ports: { inputs: string[]; outputs: string[] };
  /** e.g. "Component · 2 steps". */
  summary: string;
}

/** The definition an instance node's model names (undefined for an ordinary node or a definition not in the library). */
export function useComponentDefinition(model: string): ComponentView | undefined {
  const id = componentIdOf(model);
  const definition = useGraph((state: GraphState) => (id === null ? undefined : state.components[id]));
  return useMemo(
    () =>
      definition && {
        definition,
        ports: componentPorts(definition),
        summary: `Component · ${definition.nodes.length} ${definition.nodes.length === 1 ? 'step' : 'steps'}`,
      },
    [definition],
  );
}

/** The step whose outcome an instance node shows: the inner step behind its first output (else the node's own id). */
export function componentFaceStep(nodeId: string, view: ComponentView | undefined): string {
  const first = view?.definition.outputs[0] ?? (view ? { node: view.definition.nodes.at(-1)?.id } : undefined);
  return first?.node === undefined ? nodeId : innerStepId(nodeId, first.node);
}

/** The step a node's outcome is read from: inside an open definition, the inner step of the instance it was opened from. */
export function useStepKey(nodeId: string): string {
  return useGraph((state: GraphState) => (state.editing ? innerStepId(state.editing.instanceId, nodeId) : nodeId));
}

const NO_PORTS: string[] = [];

/** The wired ports of instance `nodeId` its definition no longer has ("in:a,out:b" read back as lists). */
export function useGonePorts(nodeId: string, view: ComponentView | undefined): { inputs: string[]; outputs: string[] } {
  const key = useGraph((state: GraphState) => {
    if (!view) return '';
    const gone: string[] = [];
    for (const edge of state.edges) {
      if (edge.target === nodeId && !view.ports.inputs.includes(edge.targetHandle)) gone.push(`in:${edge.targetHandle}`);
      if (edge.source === nodeId && !view.ports.outputs.includes(edge.sourceHandle)) gone.push(`out:${edge.sourceHandle}`);
    }
    return [...new Set(gone)].join('\n');
  });
  return useMemo(() => {
    if (!key) return { inputs: NO_PORTS, outputs: NO_PORTS };
    const items = key.split('\n');
    return {
      inputs: items.filter((i) => i.startsWith('in:')).map((i) => i.slice(3)),
      outputs: items.filter((i) => i.startsWith('out:')).map((i) => i.slice(4)),
    };
  }, [key]);
}
