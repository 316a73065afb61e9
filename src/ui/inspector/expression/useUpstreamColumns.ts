/**
 * The columns (names and kinds) of the table wired into the inspected node's `tableField`, as the
 * next run will make them: from the run worker's preview, which reads the last run, the cache or
 * the models' own rules (a CSV's header, a filter keeping its input's columns…). Null when unknown.
 */
import type { ColumnInfo } from '../../../models/table/expression';
import type { GraphState } from '../../../store/graph';
import type { RunStoreState } from '../../../store/run';
import { useGraph } from '../../hooks/useGraph';
import { useRun } from '../../hooks/useRun';
import { useSelectedNodeId } from '../../hooks/useSelectedNodeId';

export function useUpstreamColumns(tableField: string | undefined): readonly ColumnInfo[] | null {
  const nodeId = useSelectedNodeId();
  const source = useGraph((state: GraphState) => state.edges.find((edge) => edge.target === nodeId && edge.targetHandle === tableField));
  return useRun((state: RunStoreState) => (source ? (state.columnsByStep[source.source]?.[source.sourceHandle] ?? null) : null));
}
