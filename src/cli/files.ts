/**
 * Stored files in `swark run`: a `.swark.json` brings its files embedded (stored in the workspace
 * file once by content), and `--file <step>=<path>` gives a step a file from disk instead, for one
 * run, without editing the workflow.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve as resolvePath } from 'node:path';
import { registry, storedFileJson, type WorkflowJSON } from '../engine';
import { describeModel } from '../models';
import { remapRecord, type EmbeddedFile } from '../format';
import { CliError, UsageError } from './errors';

/** One `--file <step>=<path>`. */
export interface FileOverride {
  step: string;
  path: string;
}

/** Where files go: the workspace file's value store. */
export interface FileStore {
  storeFileText(text: string): string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.csv': 'text/csv',
  '.tsv': 'text/tab-separated-values',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** The `--file` options, each `<step id>=<path>`. */
export function parseFileOptions(values: readonly string[]): FileOverride[] {
  return values.map((value) => {
    const at = value.indexOf('=');
    if (at <= 0 || at === value.length - 1) throw new UsageError(`swark run: --file takes <step id>=<path>, e.g. --file sales=data/sales.csv; got "${value}"`);
    return { step: value.slice(0, at), path: value.slice(at + 1) };
  });
}

/** The file's steps with each embedded file stored in the workspace, and their references pointing at it. */
export function storeEmbeddedFiles(workflow: WorkflowJSON, files: Record<string, EmbeddedFile> | undefined, store: FileStore): WorkflowJSON {
  const entries = Object.entries(files ?? {});
  if (!entries.length) return workflow;
  const hashes = new Map(entries.map(([hash, file]) => [hash, store.storeFileText(file.text)]));
  return { ...workflow, steps: workflow.steps.map((step) => (step.params ? { ...step, params: remapRecord(step.params, hashes) } : step)) };
}

/** The steps with each `--file` read from disk, stored, and set as the step's file field (e.g. a CSV node's `text`). */
export async function applyFileOverrides(workflow: WorkflowJSON, overrides: readonly FileOverride[], store: FileStore, cwd: string): Promise<WorkflowJSON> {
  if (!overrides.length) return workflow;
  const steps = workflow.steps.map((step) => ({ ...step, params: { ...step.params } }));
  for (const { step: id, path } of overrides) {
    const step = steps.find((candidate) => candidate.id === id);
    if (!step) throw new CliError(`--file ${id}=…: the workflow has no step "${id}" (steps: ${steps.map((s) => s.id ?? '?').join(', ')})`);
    const definition = registry.has(step.model) ? registry.get(step.model) : null;
    const field = definition ? describeModel(definition).inputs.find((port) => port.acceptsFile)?.name : undefined;
    if (!field) throw new CliError(`--file ${id}=…: step "${id}" (${step.model}) reads no file; a CSV, JSON value or Text step does`);
    if (Object.values(step.inputs).includes(field)) throw new CliError(`--file ${id}=…: the field "${field}" of step "${id}" is wired from another step`);
    const absolute = resolvePath(cwd, path);
    let bytes: Buffer;
    try {
      bytes = await readFile(absolute);
    } catch (error) {
      throw new CliError(`--file ${id}=${path}: cannot read ${absolute} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
    }
    const hash = store.storeFileText(bytes.toString('utf8'));
    const mediaType = MEDIA_TYPES[extname(absolute).toLowerCase()] ?? 'text/plain';
    step.params[field] = storedFileJson({ name: basename(absolute), size: bytes.length, hash, mediaType });
  }
  return { ...workflow, steps };
}
