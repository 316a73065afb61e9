/**
 * `swark sweep`: one workflow over many states. The steps that do not depend on what varies run
 * once; with `--jobs N` the states then run N at a time, here and on N − 1 worker threads, each sent the cache as it stands
 * (so it skips what is cached, shared steps included). The main thread is the workspace file's
 * only writer: it merges each state's cache entries as the state ends and saves the file, one save
 * after another, so parallel states never overwrite each other's entries.
 */
import { randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { State, errorMessage, stepsDependingOn, varyingSlots, type Workflow } from '../../engine';
import type { RunRecord } from '../../persistence/types';
import { CliError, UsageError } from '../errors';
import type { CliIO } from '../io';
import { cliReferences, resolveWorkflowTarget } from '../targets';
import type { JobResult } from '../sweep/job';
import { threadLanes, type Lane } from '../sweep/lanes';
import { failedReport, stateReport, summaryLine, sweepTable } from '../sweep/report';
import { sweepWorkflow } from '../sweep/sweepRun';
import { sweepStates, type SweepState } from '../sweep/states';
import { openWorkspaceFile } from '../workspace';
import { DEFAULT_WORKSPACE, loadExtracts, saveWorkflowRecord, storeExtracts } from './run';

export interface SweepCommandOptions {
  target: string;
  states: string[];
  set?: string;
  /** The slots shown as columns; by default those the steps that depend on what varies write. */
  outputs: string[];
  jobs: number;
  workspace?: string;
  json: boolean;
}

/** The slots the columns show: those asked for (checked), else what the depending steps write. */
function chooseOutputs(workflow: Workflow, states: SweepState[], asked: string[]): string[] {
  const written = [...new Set(workflow.steps.flatMap((step) => Object.values(step.outputs)))];
  if (asked.length) {
    const unknown = asked.filter((slot) => !written.includes(slot));
    if (unknown.length)
      throw new CliError(
        `--output ${unknown.join(', ')}: no step writes ${unknown.length === 1 ? 'that slot' : 'those slots'} (the outputs: ${written.join(', ')})`,
      );
    return asked;
  }
  const depending = stepsDependingOn(workflow, varyingSlots(states.map((state) => state.state.values)));
  const steps = depending.size ? [...depending] : [workflow.steps.length - 1];
  return [...new Set(steps.flatMap((index) => Object.values(workflow.steps[index]?.outputs ?? {})))];
}

const counted = (result: JobResult) => {
  const count = (status: string) => result.steps.filter((step) => step.status === status).length;
  return `${count('ran')} ran, ${count('skipped')} skipped`;
};

export async function sweepCommand(options: SweepCommandOptions, io: CliIO, makeLane: () => Lane = threadLanes()): Promise<number> {
  const workspacePath = resolvePath(io.cwd, options.workspace ?? DEFAULT_WORKSPACE);
  const workspace = await openWorkspaceFile(workspacePath);
  try {
    const refs = cliReferences(workspace);
    const target = await resolveWorkflowTarget(options.target, refs, workspace, io.cwd, { trustCache: false });
    const states = await sweepStates(target, options, refs, io.cwd);
    const { workflow } = target;
    const outputs = chooseOutputs(workflow, states, options.outputs);
    const startedAt = Date.now();
    const recordId = saveWorkflowRecord(target, workspace, State.fromJSON((states[0] as SweepState).state), startedAt);
    workflow.extractsPerStep = workspace.settings().extractsPerStep;
    await loadExtracts(target, workspace, recordId);
    if (!options.json) io.out(`sweeping ${target.name} over ${states.length} states, up to ${options.jobs} at a time (workspace ${workspacePath})`);

    // One writer: saves follow one another, each with every entry merged so far.
    let saving = Promise.resolve();
    const record = (label: string, result: JobResult) => {
      const run: RunRecord = {
        id: `cli-run-${randomUUID()}`,
        workflowId: recordId,
        kind: 'run',
        startedAt,
        endedAt: Date.now(),
        flags: { useExtracts: workflow.useExtracts, populateExtracts: workflow.populateExtracts, mutable: false },
        outcome: result.error ? 'error' : 'ok',
        steps: result.steps,
        ...(result.error ? { error: `${label}: ${result.error.message}` } : {}),
      };
      saving = saving.then(async () => {
        storeExtracts(workflow, workspace, recordId);
        workspace.addRun(run);
        await workspace.save();
      });
    };
    const clockStart = performance.now();
    const { outcomes, shared, jobs } = await sweepWorkflow(workflow, states, {
      jobs: options.jobs,
      outputs,
      makeLane,
      onState: (state, result) => {
        record(state.label, result);
        if (!options.json) io.out(`${result.error ? 'failed' : 'done'} ${state.label}: ${result.error?.message ?? counted(result)}`);
      },
    });
    await saving;
    const durationMs = performance.now() - clockStart;
    const reports = outcomes.map((outcome, index) => {
      const label = (states[index] as SweepState).label;
      return outcome.ok ? stateReport(label, outcome.value, outputs) : failedReport(label, errorMessage(outcome.error), outputs);
    });
    const ok = reports.every((report) => report.ok);
    if (options.json) {
      const sharedKeys = [...shared].map((index) => workflow.keyOf(index));
      io.out(JSON.stringify({ ok, workflow: target.name, workspace: workspacePath, jobs, shared: sharedKeys, outputs, states: reports, durationMs }, null, 2));
    } else {
      io.out('');
      for (const line of sweepTable(reports, outputs)) io.out(line);
      io.out(summaryLine(reports, durationMs));
    }
    return ok ? 0 : 1;
  } catch (error) {
    if (error instanceof CliError || error instanceof UsageError) throw error;
    throw new CliError(errorMessage(error), { cause: error });
  } finally {
    workspace.close();
  }
}
