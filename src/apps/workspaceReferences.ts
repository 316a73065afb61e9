import { ReferenceError, State, Workflow, type CacheEntry, type JsonValue, type StateJSON, type WorkflowJSON } from '../engine';

/** The saved workflow as the workspace keeps it (a structural subset of the workspace's WorkflowRecord). */
interface SavedWorkflow {
  id: string;
  name: string;
  workflow: WorkflowJSON;
  /** Initial state slots, codec-encoded. */
  state: Record<string, JsonValue>;
}

/** What the `workspace://` resolver needs of a workspace: the store's getters in the app, the workspace file in the CLI. */
export interface WorkspaceSource {
  listWorkflows(): readonly { id: string; name: string }[] | Promise<readonly { id: string; name: string }[]>;
  getWorkflow(id: string): SavedWorkflow | null | Promise<SavedWorkflow | null>;
  /** The workflow's cached extracts by step key; without it, resolved workflows start with an empty cache. */
  getExtracts?(workflowId: string): Promise<readonly { stepKey: string; input: CacheEntry; output: CacheEntry }[]>;
  /** The state of the workflow's last run, for `workspace://states/<name>#last`. */
  getLastState?(workflowId: string): Promise<StateJSON | null>;
}

export interface WorkspaceRef {
  kind: 'workflows' | 'states';
  name: string;
  /** `last` (the last run's state) for states; nothing else is defined. */
  fragment: string | undefined;
}

const WORKSPACE_REF = /^workspace:\/\/([^/#?]+)\/([^#?]+)(?:#([^#]*))?$/i;

export function parseWorkspaceRef(ref: string): WorkspaceRef {
  const match = WORKSPACE_REF.exec(ref.trim());
  if (!match) throw new ReferenceError(ref, 'a workspace reference looks like workspace://workflows/<name> or workspace://states/<name>');
  const [, kind, rawName, fragment] = match as unknown as [string, string, string, string | undefined];
  if (kind !== 'workflows' && kind !== 'states') throw new ReferenceError(ref, `"${kind}" is not a workspace folder; use "workflows" or "states"`);
  let name: string;
  try {
    name = decodeURIComponent(rawName);
  } catch {
    throw new ReferenceError(ref, `the name "${rawName}" is not valid percent-encoding`);
  }
  if (fragment !== undefined && !(kind === 'states' && fragment === 'last')) {
    throw new ReferenceError(
      ref,
      kind === 'states' ? `unknown state "#${fragment}"; the only one is #last (the last run's state)` : 'workflow references take no "#" part',
    );
  }
  return { kind, name, fragment };
}

/** Builds `workspace://<kind>/<name>` for a workflow name (percent-encoding what needs it). */
export function workspaceRef(kind: 'workflows' | 'states', name: string): string {
  return `workspace://${kind}/${encodeURIComponent(name)}`;
}

async function findSaved(ref: string, source: WorkspaceSource, name: string): Promise<SavedWorkflow> {
  const summaries = await source.listWorkflows();
  // A name is what people type; an id works too so a reference can survive a rename.
  const summary = summaries.find((entry) => entry.name === name) ?? summaries.find((entry) => entry.id === name);
  if (!summary) {
    const names = summaries.map((entry) => `"${entry.name}"`).slice(0, 20);
    throw new ReferenceError(ref, `the workspace has no workflow named "${name}" (it has: ${names.join(', ') || 'none'})`);
  }
  const saved = await source.getWorkflow(summary.id);
  if (!saved) throw new ReferenceError(ref, `workflow "${name}" is listed but could not be read from the workspace`);
  return saved;
}

/**
 * A resolver for `workspace://` references over a workspace's getters. Every call reads the
 * workspace afresh, so a workflow edited since the last run is what runs next.
 *
 * @example references.register('workspace', createWorkspaceResolver(source))
 */
export function createWorkspaceResolver(source: WorkspaceSource): (ref: string) => Promise<Workflow | State> {
  return async (ref) => {
    const parsed = parseWorkspaceRef(ref);
    const saved = await findSaved(ref, source, parsed.name);
    if (parsed.kind === 'states') {
      if (parsed.fragment === 'last') {
        const last = (await source.getLastState?.(saved.id)) ?? null;
        if (!last) throw new ReferenceError(ref, `workflow "${saved.name}" has not been run yet, so it has no last state`);
        return State.fromJSON(last);
      }
      return State.fromJSON({ mutable: false, values: saved.state });
    }
    if (!source.getExtracts) return Workflow.fromJSON(saved.workflow);
    const workflow = Workflow.fromJSON({ ...saved.workflow, modelInputs: {}, modelOutputs: {} });
    for (const entry of await source.getExtracts(saved.id)) {
      workflow.modelInputs.set(entry.stepKey, entry.input);
      workflow.modelOutputs.set(entry.stepKey, entry.output);
    }
    return workflow;
  };
}
