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
