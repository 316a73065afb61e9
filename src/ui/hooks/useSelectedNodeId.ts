import { selectedNodeId } from '../../store/graph';
import { useGraph } from './useGraph';

/** The one selected node's id (null when none or several are selected): the inspector's node and the run panel's open step. */
export function useSelectedNodeId(): string | null {
  return useGraph(selectedNodeId);
}
