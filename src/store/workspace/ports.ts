/** The narrow ports the other stores use; one `Workspace` serves them all. */
import type { WorkflowRepository, WorkspaceReader } from '../../persistence/ports';
import type { Workspace } from '../../persistence/workspace';
import type { RunWorkspace } from '../run/context';

export type WorkspacePorts = WorkflowRepository & RunWorkspace & WorkspaceReader;

/** The workspace seen through its ports only (reads are empty or null until it is loaded). */
export const workspacePorts = (workspace: Workspace): WorkspacePorts => workspace;
