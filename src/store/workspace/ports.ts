/** The narrow ports the other stores use; one `Workspace` serves them all (reads are empty or null until it is loaded). */
import type { ComponentRepository, WorkflowRepository, WorkspaceReader } from '../../persistence/ports';
import type { RunWorkspace } from '../run/context';

export type WorkspacePorts = WorkflowRepository & ComponentRepository & RunWorkspace & WorkspaceReader;
