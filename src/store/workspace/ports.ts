/** The narrow ports the other stores use, served by one `Workspace`. */
import type { WorkflowRepository, WorkspaceReader } from '../../persistence/ports';
import type { Workspace } from '../../persistence/workspace';
import type { RunWorkspace } from '../run/context';

export type WorkspacePorts = WorkflowRepository & RunWorkspace & WorkspaceReader;

/** Reads return empty (or null) until the workspace is loaded; writes before then are queued by the workspace. */
export function workspacePorts(workspace: Workspace): WorkspacePorts {
  const loaded = () => (workspace.isLoaded ? workspace.database : null);
  return {
    getWorkflow: (id) => loaded()?.getWorkflow(id) ?? null,
    listWorkflows: () => loaded()?.listWorkflows() ?? [],
    saveWorkflow: (record) => workspace.saveWorkflow(record),
    deleteWorkflow: (id) => workspace.deleteWorkflow(id),
    putExtracts: (workflowId, extracts) => workspace.putExtracts(workflowId, extracts),
    listRuns: (workflowId) => loaded()?.listRuns(workflowId) ?? [],
    addRun: (record) => workspace.addRun(record),
    load: () => workspace.load(),
    valueRefsFor: (workflowId) => workspace.valueRefsFor(workflowId),
    putExtractRefs: (workflowId, extracts, texts, writing) => workspace.putExtractRefs(workflowId, extracts, texts, writing),
    putLastStateRefs: (workflowId, state, texts, writing) => workspace.putLastStateRefs(workflowId, state, texts, writing),
    valuesStored: (refs, failed) => workspace.valuesStored(refs, failed),
    clearExtracts: (workflowId, stepKey) => workspace.clearExtracts(workflowId, stepKey),
    getExtracts: async (workflowId) => {
      await workspace.load();
      return workspace.database.getExtracts(workflowId);
    },
    getLastState: async (workflowId) => {
      await workspace.load();
      return workspace.database.getLastState(workflowId);
    },
    listCustomModels: () => loaded()?.listCustomModels() ?? [],
  };
}
