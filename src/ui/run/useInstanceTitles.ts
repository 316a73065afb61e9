import { useMemo } from 'react';
import { componentIdOf } from '../../format/components';
import type { GraphState } from '../../store/graph';
import { useGraph } from '../hooks/useGraph';

/** Component instances on the canvas as "id\\tlabel" lines: a string, so the run panel re-renders only when one changes. */
const selectInstances = (state: GraphState) =>
  state.nodes
    .filter((node) => componentIdOf(node.data.model) !== null)
    .map((node) => `${node.id}\t${node.data.label}`)
    .join('\n');

/** Instance ids → their titles (the run panel lists an instance's inner steps under it). */
export function useInstanceTitles(): ReadonlyMap<string, string> {
  const key = useGraph(selectInstances);
  return useMemo(() => new Map(key ? key.split('\n').map((line) => line.split('\t') as [string, string]) : []), [key]);
}
