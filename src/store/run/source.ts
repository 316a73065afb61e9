/** What the run store needs of the editor: the compiled active workflow and the node selection. */
import type { JsonValue, WorkflowJSON } from '../../engine';

export interface CompiledWorkflow {
  workflowId: string;
  name: string;
  workflow: WorkflowJSON;
  /** Initial state slots, codec-encoded. */
  state: Record<string, JsonValue>;
}

export interface RunSource {
  /** Throws, in words, when the graph cannot compile. */
  compile(): CompiledWorkflow;
  activeWorkflowId(): string | null;
  selectedNodeId(): string | null;
  selectNode(id: string | null): void;
  /** Called on any graph or selection change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}
