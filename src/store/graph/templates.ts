/**
 * Workflows a person can start from (the workflow list's "New from template"): every application
 * workflow (`src/apps`, one source of truth with the Runner and `swark run`), plus one editor example.
 */
import { listTemplates, type TemplateNodeLayout } from '../../apps';
import { stepKeyOf, type StepJSON, type WorkflowJSON } from '../../engine';
import type { WorkflowBody } from '../../format';
import { portsOf } from './catalog';
import { layeredLayout } from './layout';

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

/** A node's size before it is drawn: the header plus one row per port on its longer side. */
function estimatedSize(modelId: string): { width: number; height: number } {
  const ports = portsOf(modelId);
  const rows = ports ? Math.max(ports.inputs.length, ports.outputs.length, 1) : 1;
  return { width: 240, height: 64 + rows * 24 };
}

/**
 * Places the steps of an application workflow with the editor's layered layout (apps write
 * positions for their own narrow grid, which overlaps the editor's wider nodes); titles are kept.
 */
function placed(workflow: WorkflowJSON, layout: Record<string, TemplateNodeLayout>): Record<string, TemplateNodeLayout> {
  const ids = workflow.steps.map(stepKeyOf);
  const producers = new Map<string, string>();
  workflow.steps.forEach((step, index) => Object.values(step.outputs).forEach((slot) => producers.set(slot, ids[index] as string)));
  const edges = workflow.steps.flatMap((step, index) =>
    Object.keys(step.inputs).flatMap((slot) => {
      const source = producers.get(slot);
      return source ? [{ source, target: ids[index] as string }] : [];
    }),
  );
  const positions = layeredLayout(
    workflow.steps.map((step, index) => ({ id: ids[index] as string, ...estimatedSize(step.model) })),
    edges,
  );
  return Object.fromEntries(ids.map((id) => [id, { ...layout[id], ...(positions.get(id) ?? { x: 0, y: 0 }) }]));
}

function applicationTemplates(): WorkflowTemplate[] {
  return listTemplates().map((template) => ({
    id: template.ref,
    group: 'application',
    name: template.title,
    title: template.title,
    description: template.description,
    body: () => {
      // Fresh objects per workflow: listTemplates() builds each template anew.
      const fresh = listTemplates().find((t) => t.ref === template.ref) ?? template;
      return { name: fresh.title, workflow: fresh.workflow, layout: placed(fresh.workflow, fresh.layout), state: fresh.state };
    },
  }));
}

export const workflowTemplates: readonly WorkflowTemplate[] = [...applicationTemplates(), arithmeticOnCanvas];

export function templateById(id: string): WorkflowTemplate | undefined {
  return workflowTemplates.find((template) => template.id === id);
}
