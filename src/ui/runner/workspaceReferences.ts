/** Serves `workspace://` references from the app's workspace store (the CLI serves them from its file). */
import { references } from '../../engine';
import { createWorkspaceResolver } from '../../apps';
import { workspaceStore } from '../../store/workspaceStore';

/** Registers the `workspace://` scheme over the workspace store; call once after the workspace loads. */
export function registerWorkspaceReferences(): void {
  references.register(
    'workspace',
    createWorkspaceResolver({
      listWorkflows: () => workspaceStore.getState().workflows,
      getWorkflow: (id) => workspaceStore.getState().getWorkflow(id),
      getExtracts: (id) => workspaceStore.getState().getExtracts(id),
      getLastState: (id) => workspaceStore.getState().getLastState(id),
    }),
  );
}
