/**
 * The applications (pyswark's canonical layout: steps/, workflows/, states/, runner/), their
 * templates for the editor, and the `app://` and `workspace://` references.
 *
 * Importing this module registers the `app://` scheme with the engine's `references` and the
 * apps' own step models with the engine's `registry`.
 */
import { references } from '../engine';
import { resolveAppRef } from './appReferences';
import { APPS, registerAppSteps } from './catalog';

export { APPS, registerAppSteps } from './catalog';
export { parseAppRef, resolveAppRef, listAppRefs } from './appReferences';
export type { AppRef, AppRefKind } from './appReferences';
export { createWorkspaceResolver, parseWorkspaceRef, workspaceRef } from './workspaceReferences';
export type { SavedWorkflow, WorkspaceSource, WorkspaceRef } from './workspaceReferences';
export { listTemplates, defaultStateRefOf } from './templates';
export type { WorkflowTemplate } from './templates';
export type { AppDefinition, AppModule, WorkflowMeta, TemplateNodeLayout } from './types';

/** The applications with their workflow files, for pickers. */
export function listApps(): { name: string; title: string; description: string; workflows: string[]; states: string[] }[] {
  return Object.values(APPS).map((app) => ({
    name: app.name,
    title: app.title,
    description: app.description,
    workflows: Object.keys(app.workflows),
    states: Object.keys(app.states),
  }));
}

registerAppSteps();
if (!references.has('app')) references.register('app', (ref) => resolveAppRef(ref));
