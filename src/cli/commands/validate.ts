import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { Workflow, errorMessage } from '../../engine';
import { CliError } from '../errors';
import { importWorkflowText } from '../format';
import type { CliIO } from '../io';

/**
 * `swark validate <file>`: the app importer's checks (same words), then whether the engine can
 * build the workflow. Missing models are warnings, as in the app, which shows placeholders.
 */
export async function validateCommand(file: string, io: CliIO): Promise<number> {
  const path = resolvePath(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `file ${path} does not exist` : `cannot read ${path}: ${errorMessage(error)}`);
  }
  const imported = importWorkflowText(text);
  if (!imported.ok) {
    io.err(`${path} is not a valid workflow file:`);
    for (const problem of imported.errors) io.err(`  - ${problem}`);
    return 1;
  }
  let workflow: Workflow;
  try {
    workflow = Workflow.fromJSON(imported.file.workflow);
  } catch (error) {
    io.err(`${path}: ${errorMessage(error)}`);
    return 1;
  }
  for (const warning of imported.warnings) io.err(`warning: ${warning}`);
  const warned = imported.warnings.length ? ` (${imported.warnings.length} warning${imported.warnings.length > 1 ? 's' : ''})` : '';
  io.out(`${path}: valid workflow "${imported.file.name}" with ${workflow.steps.length} steps${warned}`);
  return 0;
}
