/**
 * The export format as the CLI sees it: the app's own importer (`src/format`), so `swark validate`
 * and `swark run` say exactly what "Import" in the app says, and the format's JSON Schema.
 */
import { registry, type JsonValue, type WorkflowJSON } from '../engine';
import { importWorkflowText as importWithFormat, workflowFileJsonSchema, type EmbeddedFile, type PortsOf } from '../format';

/** A checked `.swark.json` file. */
interface ImportedWorkflowFile {
  name: string;
  workflow: WorkflowJSON;
  layout: Record<string, { x: number; y: number; label?: string }>;
  state: Record<string, JsonValue>;
  /** The stored files its steps read, embedded by hash. */
  files?: Record<string, EmbeddedFile>;
}

export type ImportResult = { ok: true; file: ImportedWorkflowFile; warnings: string[] } | { ok: false; errors: string[] };

/** The ports of a registered model, as the importer checks mappings against them. */
const portsOf: PortsOf = (modelId) => {
  if (!registry.has(modelId)) return null;
  const definition = registry.get(modelId);
  return { inputs: Object.keys(definition.inputs), outputs: Object.keys(definition.outputs) };
};

/** Parses and checks a `.swark.json` text; every problem is reported in the importer's words. */
export function importWorkflowText(text: string): ImportResult {
  const result = importWithFormat(text, { portsOf });
  if (!result.ok) return { ok: false, errors: result.problems.map((problem) => problem.message) };
  const { name, workflow, layout, state, files } = result.file;
  return {
    ok: true,
    file: { name, workflow: workflow as WorkflowJSON, layout: layout ?? {}, state: state ?? {}, ...(files ? { files } : {}) },
    warnings: result.warnings.map((warning) => warning.message),
  };
}

export function formatJsonSchema(): Record<string, unknown> {
  return workflowFileJsonSchema();
}
