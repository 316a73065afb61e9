/**
 * The applications (pyswark's canonical layout: steps/, workflows/, states/, runner/), their
 * templates for the editor, and the `app://` and `workspace://` references.
 *
 * Importing this module registers the `app://` scheme with the engine's `references` and the
 * apps' own step models with the engine's `registry`.
 */
import { references } from '../engine';
import { resolveAppRef } from './appReferences';
import { registerAppSteps } from './catalog';

export { parseAppRef, resolveAppRef, listAppRefs } from './appReferences';
export { createWorkspaceResolver, parseWorkspaceRef, savedStateRef, workspaceRef } from './workspaceReferences';
export { listTemplates, defaultStateRefOf } from './templates';
export type { TemplateNodeLayout } from './types';

registerAppSteps();
if (!references.has('app')) references.register('app', (ref) => resolveAppRef(ref));
