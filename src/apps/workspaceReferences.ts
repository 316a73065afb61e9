import { ReferenceError, State, Workflow, type CacheEntry, type StepExtract, type JsonValue, type StateJSON, type WorkflowJSON } from '../engine';

/** The saved workflow as the workspace keeps it (a structural subset of the workspace's WorkflowRecord). */
interface SavedWorkflow {
  id: string;
  name: string;
  workflow: WorkflowJSON;
  /** Initial state slots, codec-encoded. */
  state: Record<string, JsonValue>;
  /** Saved states by name (`workspace://<workflow>/states/<name>`), codec-encoded. */
  states?: Record<string, Record<string, JsonValue>>;
}

/** What the `workspace://` resolver needs of a workspace: the store's getters in the app, the workspace file in the CLI. */
export interface WorkspaceSource {
  listWorkflows(): readonly { id: string; name: string }[] | Promise<readonly { id: string; name: string }[]>;
  getWorkflow(id: string): SavedWorkflow | null | Promise<SavedWorkflow | null>;
  /** The workflow's cached extracts by step key, most recent first; without it, resolved workflows start with an empty cache. */
  getExtracts?(workflowId: string): Promise<readonly { stepKey: string; input: CacheEntry; output: CacheEntry }[]>;
  /** The workspace's settings; a resolved workflow keeps `extractsPerStep` entries per step (else pyswark's one). */
  settings?(): { extractsPerStep: number };
  /** The state of the workflow's last run, for `workspace://states/<name>#last`. */
  getLastState?(workflowId: string): Promise<StateJSON | null>;
}

export type WorkspaceRef =
  | {
      kind: 'workflows' | 'states';
      /** The workflow's name (or id). */
      name: string;
      /** `last` (the last run's state) for states; nothing else is defined. */
      fragment: string | undefined;
    }
  /** `workspace://<workflow>/states/<name>`: a state saved with a workflow. */
  | { kind: 'saved-state'; workflow: string; name: string };

const WORKSPACE_REF = /^workspace:\/\/([^/#?]+)\/([^#?]+)(?:#([^#]*))?$/i;
const FORMS = 'a workspace reference looks like workspace://workflows/<name>, workspace://states/<name> or workspace://<workflow>/states/<saved state>';

function decodePart(ref: string, raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ReferenceError(ref, `the name "${raw}" is not valid percent-encoding`);
  }
}

export function parseWorkspaceRef(ref: string): WorkspaceRef {
  const match = WORKSPACE_REF.exec(ref.trim());
  if (!match) throw new ReferenceError(ref, FORMS);
  const [, first, rest, fragment] = match as unknown as [string, string, string, string | undefined];
  const parts = rest.split('/');
  // Names are percent-encoded, so a bare "/" is structure: <workflow>/states/<name> is a saved state.
  if (parts.length === 2 && parts[0] === 'states') {
    if (fragment !== undefined) throw new ReferenceError(ref, 'a saved state takes no "#" part');
    const name = decodePart(ref, parts[1] as string);
    if (!name) throw new ReferenceError(ref, 'the saved state needs a name after "states/"');
    return { kind: 'saved-state', workflow: decodePart(ref, first), name };
  }
  if (first !== 'workflows' && first !== 'states')
    throw new ReferenceError(ref, `"${first}" is not a workspace folder; use "workflows" or "states" (${FORMS})`);
  const name = decodePart(ref, rest);
  if (fragment !== undefined && !(first === 'states' && fragment === 'last')) {
    throw new ReferenceError(
      ref,
      first === 'states' ? `unknown state "#${fragment}"; the only one is #last (the last run's state)` : 'workflow references take no "#" part',
    );
  }
  return { kind: first, name, fragment };
}

/** Builds `workspace://<kind>/<name>` for a workflow name (percent-encoding what needs it). */
export function workspaceRef(kind: 'workflows' | 'states', name: string): string {
  return `workspace://${kind}/${encodeURIComponent(name)}`;
}

/** Builds `workspace://<workflow>/states/<name>` for a state saved with a workflow. */
export function savedStateRef(workflow: string, name: string): string {
  return `workspace://${encodeURIComponent(workflow)}/states/${encodeURIComponent(name)}`;
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
    if (parsed.kind === 'saved-state') {
      const saved = await findSaved(ref, source, parsed.workflow);
      const states = saved.states ?? {};
      if (!Object.hasOwn(states, parsed.name)) {
        const names = Object.keys(states).map((name) => `"${name}"`);
        throw new ReferenceError(ref, `workflow "${saved.name}" has no saved state "${parsed.name}" (it has: ${names.join(', ') || 'none'})`);
      }
      return State.fromJSON({ mutable: false, values: states[parsed.name] as Record<string, JsonValue> });
    }
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
    workflow.extractsPerStep = source.settings?.().extractsPerStep ?? 1;
    // The stored entries come by step, most recent first: the first of each step is its current one.
    const bySteps = new Map<string, StepExtract[]>();
    for (const { stepKey, input, output } of await source.getExtracts(saved.id)) bySteps.set(stepKey, [...(bySteps.get(stepKey) ?? []), { input, output }]);
    for (const [stepKey, entries] of bySteps) workflow.loadExtracts(stepKey, entries);
    return workflow;
  };
}
