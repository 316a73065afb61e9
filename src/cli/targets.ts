/** What `swark run` was asked to run: a reference or a `.swark.json` path, for the workflow and the state. */
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { References, ReferenceError, State, Workflow, errorMessage, type StateJSON, type StateLike } from '../engine';
import { createWorkspaceResolver, defaultStateRefOf, listTemplates, parseAppRef, parseWorkspaceRef, resolveAppRef } from '../apps';
import type { NodeLayout } from '../persistence/types';
import { CliError } from './errors';
import { importWorkflowText } from './format';
import { applyFileOverrides, storeEmbeddedFiles, type FileOverride } from './files';
import type { CliWorkspace } from './workspace';

export interface WorkflowTarget {
  workflow: Workflow;
  /** The name it is kept under in the workspace: the file's name, or the reference. */
  name: string;
  /** Set when the workflow came from the workspace itself (`workspace://`). */
  savedId: string | null;
  layout: Record<string, NodeLayout>;
  /** The state to run with when `--state` is not given. */
  defaultState(): Promise<StateLike>;
  /** How the default state is named in reports. */
  defaultStateLabel: string;
  /** True when the workflow already carries the workspace's extracts. */
  extractsLoaded: boolean;
  /** A file's cached results: how many steps they cover, and whether they were used (`--trust-cache`). */
  fileCache: { steps: number; used: boolean } | null;
}

export interface TargetOptions {
  /** Use the cached results a `.swark.json` brings (marked imported); otherwise they are dropped. */
  trustCache: boolean;
  /** `--file <step>=<path>`: files from disk for these steps, for this run. */
  files?: readonly FileOverride[];
}

/**
 * Keeps a file's cached results only when trusted, marked imported: nothing proves a file's
 * cached output came from its input. Returns how many steps they cover.
 */
function takeFileCache(workflow: Workflow, trusted: boolean): number {
  const pairs = [...workflow.modelInputs].flatMap(([key, input]) => {
    const output = workflow.modelOutputs.get(key);
    // A pair for no step of the file could never be used: not counted, not kept.
    return output && workflow.indexOf(key) >= 0 ? [{ key, input, output }] : [];
  });
  workflow.clearExtracts();
  if (trusted) {
    for (const { key, input, output } of pairs) {
      workflow.modelInputs.set(key, { ...input, origin: 'imported' });
      workflow.modelOutputs.set(key, { ...output, origin: 'imported' });
    }
  }
  return pairs.length;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** True for `scheme://…` other than `file://` (which is a path). */
function isReference(text: string): boolean {
  const match = SCHEME.exec(text);
  return match !== null && (match[1] as string).toLowerCase() !== 'file';
}

function toPath(text: string, cwd: string): string {
  if (/^file:\/\//i.test(text)) {
    try {
      return fileURLToPath(text);
    } catch (error) {
      throw new CliError(`"${text}" is not a valid file:// URL (${errorMessage(error)})`);
    }
  }
  return resolvePath(cwd, text);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${what} ${path} does not exist`);
    if (code === 'EISDIR') throw new CliError(`${what} ${path} is a directory, not a file`);
    throw new CliError(`cannot read ${what} ${path}: ${errorMessage(error)}`);
  }
}

/** The references the CLI understands: app://, and workspace:// over the workspace file. */
export function cliReferences(workspace: CliWorkspace): References {
  const refs = new References();
  refs.register('app', (ref) => resolveAppRef(ref));
  refs.register('workspace', createWorkspaceResolver(workspace));
  return refs;
}

async function resolveRef(refs: References, ref: string): Promise<unknown> {
  try {
    return await refs.resolve(ref);
  } catch (error) {
    if (error instanceof ReferenceError) throw new CliError(error.message, { cause: error });
    throw new CliError(`cannot resolve reference "${ref}": ${errorMessage(error)}`, { cause: error });
  }
}

function isStateLike(value: unknown): value is StateLike {
  const candidate = value as StateLike | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.extract === 'function' && typeof candidate.post === 'function';
}

async function loadWorkflowFile(path: string, options: TargetOptions, workspace: CliWorkspace, cwd: string): Promise<WorkflowTarget> {
  const imported = importWorkflowText(await readText(path, 'workflow file'));
  if (!imported.ok) throw new CliError(`${path} is not a valid workflow file:\n${imported.errors.map((e) => `  - ${e}`).join('\n')}`);
  const { file } = imported;
  // Its embedded files go into the workspace file; `--file` overrides go in the same way.
  const json = await applyFileOverrides(storeEmbeddedFiles(file.workflow, file.files, workspace), options.files ?? [], workspace, cwd);
  let workflow: Workflow;
  try {
    workflow = Workflow.fromJSON(json);
  } catch (error) {
    throw new CliError(`${path}: ${errorMessage(error)}`, { cause: error });
  }
  const cachedSteps = takeFileCache(workflow, options.trustCache);
  return {
    workflow,
    name: file.name,
    savedId: null,
    layout: file.layout,
    defaultState: async () => State.fromJSON({ mutable: false, values: file.state }),
    defaultStateLabel: `the state in ${path}`,
    extractsLoaded: false,
    fileCache: cachedSteps ? { steps: cachedSteps, used: options.trustCache } : null,
  };
}

/** Resolves the workflow to run from a reference or a file path. */
export async function resolveWorkflowTarget(
  text: string,
  refs: References,
  workspace: CliWorkspace,
  cwd: string,
  options: TargetOptions = { trustCache: false },
): Promise<WorkflowTarget> {
  if (!isReference(text)) return loadWorkflowFile(toPath(text, cwd), options, workspace, cwd);
  const resolved = await resolveRef(refs, text);
  if (!(resolved instanceof Workflow)) throw new CliError(`reference "${text}" does not name a workflow`);
  // With `--file`, the workflow is rebuilt with those params (and its cache loaded afresh from the workspace).
  const overridden = options.files?.length ? Workflow.fromJSON(await applyFileOverrides(resolved.toJSON(), options.files, workspace, cwd)) : null;
  const value = overridden ?? resolved;
  const scheme = (SCHEME.exec(text)?.[1] as string).toLowerCase();
  if (scheme === 'workspace') {
    const name = parseWorkspaceRef(text).name;
    const stateRef = text.replace(/^workspace:\/\/workflows\//i, 'workspace://states/');
    const saved = workspace.listWorkflows().find((entry) => entry.name === name) ?? workspace.listWorkflows().find((entry) => entry.id === name);
    const record = saved ? workspace.getWorkflow(saved.id) : null;
    return {
      workflow: value,
      name: record?.name ?? name,
      savedId: record?.id ?? null,
      layout: record?.layout ?? {},
      defaultState: () => resolveStateTarget(stateRef, refs, cwd),
      defaultStateLabel: stateRef,
      extractsLoaded: overridden === null,
      fileCache: null,
    };
  }
  const stateRef = scheme === 'app' ? defaultStateRefOf(text) : null;
  return {
    workflow: value,
    name: text,
    savedId: null,
    layout: scheme === 'app' ? appLayoutOf(text) : {},
    defaultState: async () => (stateRef ? resolveStateTarget(stateRef, refs, cwd) : new State()),
    defaultStateLabel: stateRef ?? 'an empty state',
    extractsLoaded: false,
    fileCache: null,
  };
}

/**
 * Where the app's template puts the nodes of an `app://` workflow, so the workflow kept in the
 * workspace file opens in the app laid out as "New from template" would lay it out.
 */
function appLayoutOf(ref: string): Record<string, NodeLayout> {
  const { app, file, exportName } = parseAppRef(ref);
  if (exportName !== 'create') return {};
  const template = listTemplates().find((entry) => entry.ref === `app://${app}/workflows/${file}`);
  return template ? structuredClone(template.layout) : {};
}

function stateFromJSONFile(path: string, text: string): StateLike {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`state file ${path} is not valid JSON: ${errorMessage(error)}`);
  }
  const record = json as Record<string, unknown> | null;
  if (record && typeof record === 'object' && record.format === 'swark.workflow') {
    const imported = importWorkflowText(text);
    if (!imported.ok) throw new CliError(`${path} is not a valid workflow file:\n${imported.errors.map((e) => `  - ${e}`).join('\n')}`);
    return State.fromJSON({ mutable: false, values: imported.file.state });
  }
  if (record && typeof record === 'object' && !Array.isArray(record) && record.values && typeof record.values === 'object') {
    return State.fromJSON({ mutable: Boolean(record.mutable), values: record.values as StateJSON['values'] });
  }
  throw new CliError(`state file ${path} must be a .swark.json export (its "state" is used) or a state JSON {"mutable": false, "values": {…}}`);
}

/** Resolves the state to run with from a reference or a file path. */
export async function resolveStateTarget(text: string, refs: References, cwd: string): Promise<StateLike> {
  if (isReference(text)) {
    const value = await resolveRef(refs, text);
    if (!isStateLike(value)) throw new CliError(`reference "${text}" does not name a state`);
    return value;
  }
  const path = toPath(text, cwd);
  return stateFromJSONFile(path, await readText(path, 'state file'));
}
