/**
 * How the application workflows become editor templates: laid out with the editor's layered layout
 * (apps write positions for their own narrow grid, which overlaps the editor's wider nodes). Run
 * only to write the library snapshot (`test/store/librarySnapshot.test.ts`); the editor reads that.
 */
import { listTemplates, type TemplateNodeLayout } from '../../apps';
import { stepKeyOf, type WorkflowJSON } from '../../engine';
import { portsOf } from './catalog';
import { layeredLayout } from './layout';
import type { SnapshotTemplate } from './librarySnapshot';

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
async function placed(workflow: WorkflowJSON, layout: Record<string, TemplateNodeLayout>): Promise<Record<string, TemplateNodeLayout>> {
  const ids = workflow.steps.map(stepKeyOf);
  const producers = new Map<string, string>();
  workflow.steps.forEach((step, index) => Object.values(step.outputs).forEach((slot) => producers.set(slot, ids[index] as string)));
  const edges = workflow.steps.flatMap((step, index) =>
    Object.keys(step.inputs).flatMap((slot) => {
      const source = producers.get(slot);
      return source ? [{ source, target: ids[index] as string }] : [];
    }),
  );
  const positions = await layeredLayout(
    workflow.steps.map((step, index) => ({ id: ids[index] as string, ...estimatedSize(step.model) })),
    edges,
  );
  return Object.fromEntries(ids.map((id) => [id, { ...layout[id], ...(positions.get(id) ?? { x: 0, y: 0 }) }]));
}

/** Every application workflow as a template (the apps must be loaded: their steps' ports size the nodes). */
export async function applicationTemplateSource(): Promise<SnapshotTemplate[]> {
  const templates = listTemplates();
  const laid = await Promise.all(templates.map((template) => placed(template.workflow, template.layout)));
  return templates.map((template, index) => ({
    id: template.ref,
    name: template.title,
    title: template.title,
    description: template.description,
    body: { name: template.title, workflow: template.workflow, layout: laid[index] as Record<string, TemplateNodeLayout>, state: template.state },
  }));
}
