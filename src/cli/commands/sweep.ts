/**
 * `swark sweep`: one workflow over many states. The steps that do not depend on what varies run
 * once; with `--jobs N` the states then run on N worker threads, each sent the cache as it stands
 * (so it skips what is cached, shared steps included). The main thread is the workspace file's
 * only writer: it merges each state's cache entries as the state ends and saves the file, one save
 * after another, so parallel states never overwrite each other's entries.
 */
import { randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { State, errorMessage, runSweep, sharedSteps, stepsDependingOn, valuesEqual, varyingSlots, type StepExtract, type Workflow } from '../../engine';
import type { RunRecord } from '../../persistence/types';
import { CliError, UsageError } from '../errors';
import type { CliIO } from '../io';
import { cliReferences, resolveWorkflowTarget } from '../targets';
import { decodeExtracts, encodeExtracts, runLoaded, type EncodedCache, type JobResult, type SweepJob } from '../sweep/job';
import { threadLane, type Lane } from '../sweep/lanes';
import { failedReport, stateReport, summaryLine, sweepTable, type StateReport } from '../sweep/report';
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

/** Puts a state's entries before the ones the workflow holds (one per input), as a run would. */
function mergeCache(workflow: Workflow, cache: EncodedCache): void {
  for (const [key, encoded] of Object.entries(cache)) {
    const merged: StepExtract[] = [];
    for (const entry of [...decodeExtracts(encoded), ...workflow.extractsOf(key)])
      if (!merged.some((kept) => valuesEqual(kept.input.value, entry.input.value))) merged.push(entry);
    workflow.loadExtracts(key, merged);
  }
}

/** A state for a thread, with every entry the workflow holds now (those of states already done included). */
const jobOf = (workflow: Workflow, state: SweepState): SweepJob => ({
  workflow: { ...workflow.toJSON(), modelInputs: {}, modelOutputs: {} },
  extractsPerStep: workflow.extractsPerStep,
  cache: Object.fromEntries(workflow.steps.map((_, index) => [workflow.keyOf(index), encodeExtracts(workflow.extractsOf(index))])),
  state: state.state,
});

export async function sweepCommand(options: SweepCommandOptions, io: CliIO, makeLane: () => Lane = threadLane): Promise<number> {
  const workspacePath = resolvePath(io.cwd, options.workspace ?? DEFAULT_WORKSPACE);
  const workspace = await openWorkspaceFile(workspacePath);
  const lanes: Lane[] = [];
  try {
    const refs = cliReferences(workspace);
    const target = await resolveWorkflowTarget(options.target, refs, workspace, io.cwd, { trustCache: false });
    const states = await sweepStates(target, options, refs, io.cwd);
    const { workflow } = target;
    const outputs = chooseOutputs(workflow, states, options.outputs);
    const startedAt = Date.now();
    const recordId = saveWorkflowRecord(target, workspace, State.fromJSON(states[0]!.state), startedAt);
    workflow.extractsPerStep = workspace.settings().extractsPerStep;
    await loadExtracts(target, workspace, recordId);
    const shared = sharedSteps(
      workflow,
      states.map((state) => state.state.values),
    );
    const jobs = Math.max(1, Math.min(Math.floor(options.jobs) || 1, states.length));
    // Started now, so the threads load the models while the shared steps run here.
    for (let lane = 0; jobs > 1 && lane < jobs; lane++) lanes.push(makeLane());
    if (!options.json) io.out(`sweeping ${target.name} over ${states.length} states, ${jobs} at a time (workspace ${workspacePath})`);

    // One writer: saves follow one another, each with every entry merged so far.
    let saving = Promise.resolve();
    const record = (label: string, result: JobResult, fromThread: boolean) => {
      // A state run here ran on the workflow itself: its entries are in place already.
      if (fromThread) mergeCache(workflow, result.cache);
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
    const outcomes = await runSweep<SweepState, StateReport>({
      states,
      jobs,
      hasShared: shared.size > 0,
      runShared: async (first) => {
        await runLoaded(workflow, State.fromJSON(first.state), shared);
      },
      runState: async (state, _index, lane) => {
        const thread = lanes[lane];
        const result = thread ? await thread.run(jobOf(workflow, state)) : await runLoaded(workflow, State.fromJSON(state.state));
        record(state.label, result, thread !== undefined);
        const report = stateReport(state.label, result, outputs);
        if (!options.json)
          io.out(`${report.ok ? 'done' : 'failed'} ${state.label}: ${report.error ?? `${report.counts.ran} ran, ${report.counts.skipped} skipped`}`);
        return report;
      },
    });
    await saving;
    const durationMs = performance.now() - clockStart;
    const reports = outcomes.map((outcome, index) => (outcome.ok ? outcome.value : failedReport(states[index]!.label, errorMessage(outcome.error), outputs)));
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
    if (error instanceof CliError) throw error;
    if (error instanceof UsageError) throw error;
    throw new CliError(errorMessage(error), { cause: error });
  } finally {
    await Promise.all(lanes.map((lane) => lane.close()));
    workspace.close();
  }
}
