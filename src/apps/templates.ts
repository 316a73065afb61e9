import { State, Workflow, type JsonValue, type WorkflowJSON } from '../engine';
import { parseAppRef, resolveAppRef } from './appReferences';
import { APPS } from './catalog';
import type { AppDefinition, TemplateNodeLayout, WorkflowMeta } from './types';

/** An application workflow offered as "New from template". */
export interface WorkflowTemplate {
  app: string;
  /** The workflow file's name within the app, e.g. "xyk". */
  name: string;
  title: string;
  description: string;
  /** `app://<app>/workflows/<name>`: what the Runner and `swark run` take. */
  ref: string;
  /** The state the template starts from, as an `app://` reference. */
  stateRef: string | null;
  /** The engine's Workflow JSON, without extracts. */
  workflow: WorkflowJSON;
  /** Node positions by step key (id, else index). */
  layout: Record<string, TemplateNodeLayout>;
  /** Initial state slots, codec-encoded (the workspace's WorkflowRecord.state). */
  state: Record<string, JsonValue>;
}

const COLUMN_WIDTH = 260;

function defaultLayout(workflow: Workflow): Record<string, TemplateNodeLayout> {
  const layout: Record<string, TemplateNodeLayout> = {};
  workflow.steps.forEach((_, index) => {
    layout[workflow.keyOf(index)] = { x: index * COLUMN_WIDTH, y: index % 2 === 0 ? 0 : 80 };
  });
  return layout;
}

function templateState(stateRef: string | null): Record<string, JsonValue> {
  if (!stateRef) return {};
  const state = resolveAppRef(stateRef);
  // A template is built synchronously; a state kept elsewhere (SQLite) is not a template's default.
  if (!(state instanceof State)) throw new Error(`template state "${stateRef}" must be an in-memory State`);
  return state.toJSON().values;
}

function stateRefOf(app: AppDefinition, name: string, meta: Partial<WorkflowMeta>): string | null {
  return meta.state ?? (app.states[name] ? `app://${app.name}/states/${name}` : null);
}

/**
 * The state an application workflow runs with when none is named: its `meta.state`, else the
 * app's state file of the same name; null when it has neither.
 */
export function defaultStateRefOf(workflowRef: string, apps: Readonly<Record<string, AppDefinition>> = APPS): string | null {
  const parsed = parseAppRef(workflowRef);
  const app = apps[parsed.app];
  const module = app?.workflows[parsed.file];
  if (!app || !module || parsed.kind !== 'workflows') return null;
  return stateRefOf(app, parsed.file, (module.meta ?? {}) as Partial<WorkflowMeta>);
}

function templatesOf(app: AppDefinition): WorkflowTemplate[] {
  return Object.entries(app.workflows).map(([name, module]) => {
    const meta = (module.meta ?? {}) as Partial<WorkflowMeta>;
    const ref = `app://${app.name}/workflows/${name}`;
    const workflow = resolveAppRef(ref) as Workflow;
    const stateRef = stateRefOf(app, name, meta);
    const { modelInputs: _inputs, modelOutputs: _outputs, ...json } = workflow.toJSON();
    return {
      app: app.name,
      name,
      title: meta.title ?? `${app.title}: ${name}`,
      description: meta.description ?? app.description,
      ref,
      stateRef,
      workflow: json,
      layout: meta.layout ?? defaultLayout(workflow),
      state: templateState(stateRef),
    };
  });
}

/**
 * Every application workflow as an editor template, fresh on each call (templates share no objects).
 * Registers the apps' own step models first, so the workflows load.
 */
export function listTemplates(apps: Readonly<Record<string, AppDefinition>> = APPS): WorkflowTemplate[] {
  return Object.values(apps).flatMap(templatesOf);
}
