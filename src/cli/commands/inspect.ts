import { resolve as resolvePath } from 'node:path';
import { Workflow, encodeValue, errorMessage, stepKeyOf } from '../../engine';
import type { StoredExtract, WorkflowRecord } from '../../persistence/types';
import { CliError } from '../errors';
import type { CliIO } from '../io';
import { summarizeValue } from '../words';
import { openWorkspaceFile } from '../workspace';

export interface InspectOptions {
  workspace: string;
  /** A step id or index: print its full cached input and output. */
  step?: string;
  /** Which workflow (name or id); all of them when absent. */
  workflow?: string;
}

function stepLabel(record: WorkflowRecord, key: string): string {
  const index = record.workflow.steps.findIndex((step, i) => stepKeyOf(step, i) === key);
  const step = record.workflow.steps[index];
  return step ? `step ${index} "${key}" (${step.model})` : `step "${key}" (no longer in the workflow)`;
}

function describeExtract(record: WorkflowRecord, entry: StoredExtract, earlier: boolean): string[] {
  const when = entry.output.at ? new Date(entry.output.at).toISOString() : 'unknown time';
  const made = entry.output.model ? `${entry.output.model}@${entry.output.version}` : 'seed';
  return [
    `  ${stepLabel(record, entry.stepKey)}${earlier ? ' (an earlier input)' : ''}  made by ${made} at ${when}`,
    `    input  ${summarizeValue(entry.input.value, 120)}`,
    `    output ${summarizeValue(entry.output.value, 120)}`,
  ];
}

/** Finds the step key for an id or index, saying what exists when it does not. */
function findStepKey(record: WorkflowRecord, ref: string): string {
  const workflow = Workflow.fromJSON(record.workflow);
  const index = workflow.indexOf(ref);
  if (index < 0) {
    const keys = workflow.steps.map((_, i) => `${i} (${workflow.keyOf(i)})`).join(', ');
    throw new CliError(`workflow "${record.name}" has no step "${ref}" (steps: ${keys || 'none'})`);
  }
  return workflow.keyOf(index);
}

/** `swark inspect <workspace>`: the workflows kept in a workspace file and their cached extracts. */
export async function inspectCommand(options: InspectOptions, io: CliIO): Promise<number> {
  const workspace = await openWorkspaceFile(resolvePath(io.cwd, options.workspace), { create: false });
  try {
    let summaries = workspace.listWorkflows();
    if (options.workflow !== undefined) {
      summaries = summaries.filter((entry) => entry.name === options.workflow || entry.id === options.workflow);
      if (!summaries.length)
        throw new CliError(
          `the workspace has no workflow "${options.workflow}" (it has: ${
            workspace
              .listWorkflows()
              .map((w) => `"${w.name}"`)
              .join(', ') || 'none'
          })`,
        );
    }
    if (!summaries.length) {
      io.out(`${workspace.path}: no workflows yet`);
      return 0;
    }
    if (options.step !== undefined && summaries.length > 1) {
      throw new CliError(`--step needs one workflow; name it with --workflow (the workspace has: ${summaries.map((w) => `"${w.name}"`).join(', ')})`);
    }
    for (const summary of summaries) {
      const record = workspace.getWorkflow(summary.id);
      if (!record) continue;
      const extracts = await workspace.getExtracts(record.id);
      const runs = workspace.listRuns(record.id);
      if (options.step !== undefined) {
        const key = findStepKey(record, options.step);
        const entry = extracts.find((candidate) => candidate.stepKey === key);
        if (!entry) throw new CliError(`${stepLabel(record, key)} of "${record.name}" has no cached extracts yet`);
        io.out(
          JSON.stringify(
            {
              workflow: record.name,
              step: key,
              input: { ...entry.input, value: encodeValue(entry.input.value) },
              output: { ...entry.output, value: encodeValue(entry.output.value) },
            },
            null,
            2,
          ),
        );
        continue;
      }
      const lastRun = runs[0];
      const last = lastRun ? `last run ${new Date(lastRun.startedAt).toISOString()} (${lastRun.outcome})` : 'never run';
      // Entries come by step, most recent first: a step's later entries are earlier inputs it remembers.
      const cachedSteps = new Set(extracts.map((entry) => entry.stepKey)).size;
      const entries = extracts.length > cachedSteps ? ` (${extracts.length} entries)` : '';
      io.out(`workflow "${record.name}"  ${record.workflow.steps.length} steps, ${cachedSteps} cached${entries}, ${runs.length} runs, ${last}`);
      extracts.forEach((entry, i) => {
        for (const line of describeExtract(record, entry, extracts[i - 1]?.stepKey === entry.stepKey)) io.out(line);
      });
    }
    return 0;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(errorMessage(error), { cause: error });
  } finally {
    workspace.close();
  }
}
