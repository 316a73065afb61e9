/**
 * Workflows a person can start from (the workflow list's "New from template"): every application
 * workflow (`src/apps`, one source of truth with the Runner and `swark run`), plus one editor example.
 * The application templates come from the library snapshot (`librarySnapshot.ts`), so listing and
 * opening them loads neither the apps nor the layout engine.
 */
import type { StepJSON } from '../../engine';
import type { WorkflowBody } from '../../format';
import { librarySnapshot } from './librarySnapshot';

export interface WorkflowTemplate {
  /** An application template's `app://…/workflows/…` reference, or an editor example's short id. */
  id: string;
  /** Where it comes from, for grouping in the menu. */
  group: 'application' | 'editor';
  /** The new workflow's name. */
  name: string;
  /** What the menu shows. */
  title: string;
  description: string;
  body(): WorkflowBody;
}

/** Typed up front so each literal step is checked as a StepJSON. */
const steps = (list: StepJSON[]): StepJSON[] => list;

/**
 * The arithmetic app's `(x + y) * k` drawn with the palette's own models: x, y and k are number
 * nodes edited on the canvas (the app's twin keeps them in its state). Id "arithmetic" is what the
 * run and editor specs and the run-panel harness open.
 */
const arithmeticOnCanvas: WorkflowTemplate = {
  id: 'arithmetic',
  group: 'editor',
  name: '(x + y) * k',
  title: '(x + y) * k with number nodes',
  description: 'x, y and k as number nodes you edit in the inspector, added, then multiplied.',
  body: () => ({
    name: '(x + y) * k',
    workflow: {
      useExtracts: true,
      populateExtracts: true,
      steps: steps([
        { id: 'x', model: 'input.number', inputs: {}, outputs: { value: 'x.value' }, params: { value: 2 } },
        { id: 'y', model: 'input.number', inputs: {}, outputs: { value: 'y.value' }, params: { value: 3 } },
        { id: 'k', model: 'input.number', inputs: {}, outputs: { value: 'k.value' }, params: { value: 4 } },
        { id: 'add', model: 'math.add', inputs: { 'x.value': 'a', 'y.value': 'b' }, outputs: { sum: 'add.sum' } },
        { id: 'multiply', model: 'math.multiply', inputs: { 'add.sum': 'value', 'k.value': 'factor' }, outputs: { product: 'multiply.product' } },
      ]),
    },
    layout: {
      x: { x: 40, y: 40 },
      y: { x: 40, y: 220 },
      k: { x: 340, y: 330 },
      add: { x: 340, y: 110 },
      multiply: { x: 640, y: 200 },
    },
    state: {},
  }),
};

/** The application templates as the snapshot holds them; each `body()` is a fresh copy. */
function applicationTemplates(): WorkflowTemplate[] {
  return librarySnapshot.templates.map(({ body, ...meta }) => ({ ...meta, group: 'application', body: () => structuredClone(body) }));
}

export const workflowTemplates: readonly WorkflowTemplate[] = [...applicationTemplates(), arithmeticOnCanvas];

export function templateById(id: string): WorkflowTemplate | undefined {
  return workflowTemplates.find((template) => template.id === id);
}
