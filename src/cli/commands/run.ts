import { randomUUID } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import { Runner, State, encodeValue, errorMessage, type StepExtract, type JsonValue, type StateLike, type Workflow, type WorkflowEvent } from '../../engine';
import type { RunRecord } from '../../persistence/types';
import { CliError } from '../errors';
import type { FileOverride } from '../files';
import type { CliIO } from '../io';
import { cliReferences, resolveStateTarget, resolveWorkflowTarget, type WorkflowTarget } from '../targets';
import { explainStepFailure, formatDuration, summarizeValue } from '../words';
import { describeFailure, reasonOf, recordStepEnd, stepReports, type JobStep } from '../sweep/job';
import { openWorkspaceFile, storedExtract, type CliWorkspace } from '../workspace';

export const DEFAULT_WORKSPACE = '.swark/workspace.sqlite';

export interface RunCommandOptions {
  target: string;
  state?: string;
  workspace?: string;
  /** Given flags override the workflow's own settings; absent ones leave them. */
  useExtracts?: boolean;
  populateExtracts?: boolean;
  mutable: boolean;
  json: boolean;
  /** Use the cached results a `.swark.json` brings; without it they are dropped (and a line says so). */
  trustCache?: boolean;
  /** `--file <step>=<path>`: a file from disk for a step's file field, for this run. */
  files?: FileOverride[];
}

/** One step of the machine-readable report. */
type StepReport = JobStep;

interface RunReport {
  ok: boolean;
  workflow: string;
  state: string;
  workspace: string;
  flags: { useExtracts: boolean; populateExtracts: boolean; mutable: boolean };
  steps: StepReport[];
  counts: { ran: number; skipped: number; bypassed: number; error: number; notRun: number };
  /** The cached results the workflow file brought (null: none): for how many steps, and whether they were used. */
  fileCache: { steps: number; used: boolean } | null;
  /** The last step's state output, codec-encoded. */
  output: Record<string, JsonValue> | null;
  durationMs: number;
  error?: { message: string; kind?: string; step?: { index: number; id: string | null; model: string } };
}

function asMutable(state: StateLike): StateLike {
  return state.mutable ? state : State.fromJSON({ ...state.toJSON(), mutable: true });
}

export async function loadExtracts(target: WorkflowTarget, workspace: CliWorkspace, recordId: string): Promise<void> {
  if (target.extractsLoaded) return;
  // By step, most recent first: the first of each step is its current entry.
  const bySteps = new Map<string, StepExtract[]>();
  for (const { stepKey, input, output } of await workspace.getExtracts(recordId)) bySteps.set(stepKey, [...(bySteps.get(stepKey) ?? []), { input, output }]);
  for (const [stepKey, entries] of bySteps) target.workflow.loadExtracts(stepKey, entries);
}

export function saveWorkflowRecord(target: WorkflowTarget, workspace: CliWorkspace, state: StateLike, now: number): string {
  const existing = target.savedId ?? workspace.listWorkflows().find((entry) => entry.name === target.name)?.id;
  const previous = existing ? workspace.getWorkflow(existing) : null;
  if (target.savedId && previous) return previous.id;
  const { modelInputs: _inputs, modelOutputs: _outputs, ...workflow } = target.workflow.toJSON();
  const id = previous?.id ?? `cli-${randomUUID()}`;
  workspace.saveWorkflow({
    id,
    name: target.name,
    workflow,
    layout: Object.keys(target.layout).length ? target.layout : (previous?.layout ?? {}),
    state: state.toJSON().values,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  });
  return id;
}

export function storeExtracts(workflow: Workflow, workspace: CliWorkspace, recordId: string): void {
  const entries = [];
  const steps = new Set(workflow.steps.map((_, index) => workflow.keyOf(index)));
  for (const [key, input] of workflow.modelInputs) {
    const output = workflow.modelOutputs.get(key);
    // A step of this workflow keeps every entry (most recent first); a seed of another key keeps its one.
    if (steps.has(key)) for (const entry of workflow.extractsOf(key)) entries.push(storedExtract(key, entry.input, entry.output));
    else if (output) entries.push(storedExtract(key, input, output));
  }
  workspace.replaceExtracts(recordId, entries);
}

/** The line saying what became of the cached results a file brought. */
function fileCacheLine(path: string, fileCache: { steps: number; used: boolean }): string {
  const steps = `${fileCache.steps} step${fileCache.steps === 1 ? '' : 's'}`;
  return fileCache.used
    ? `${path} brings cached results for ${steps}: using them (--trust-cache); a step skipped on one says "imported result"`
    : `${path} brings cached results for ${steps}: not used, so those steps are recomputed (pass --trust-cache to use them)`;
}

function progressLine(event: Extract<WorkflowEvent, { type: 'end' }>, model: string, total: number): string {
  const position = `[${event.index + 1}/${total}]`;
  const why = reasonOf(event);
  const reason = why ? `  (${why})` : '';
  const error = event.error ? `  ${explainStepFailure(event.error.detail, model)}` : '';
  return `${position} ${event.status.padEnd(7)} ${event.key} (${model})  ${formatDuration(event.durationMs)}${reason}${error}`;
}

/** `swark run`: runs a workflow against a state, with extracts, last state and history kept in the workspace file. */
export async function runCommand(options: RunCommandOptions, io: CliIO): Promise<number> {
  const workspacePath = resolvePath(io.cwd, options.workspace ?? DEFAULT_WORKSPACE);
  const workspace = await openWorkspaceFile(workspacePath);
  try {
    const refs = cliReferences(workspace);
    const target = await resolveWorkflowTarget(options.target, refs, workspace, io.cwd, {
      trustCache: options.trustCache ?? false,
      ...(options.files ? { files: options.files } : {}),
    });
    let state = options.state ? await resolveStateTarget(options.state, refs, io.cwd) : await target.defaultState();
    if (options.mutable) state = asMutable(state);
    const stateLabel = options.state ?? target.defaultStateLabel;
    const startedAt = Date.now();
    const recordId = saveWorkflowRecord(target, workspace, state, startedAt);
    // As many entries per step as the app keeps, so a CLI run neither drops the app's nor keeps fewer.
    target.workflow.extractsPerStep = workspace.settings().extractsPerStep;
    await loadExtracts(target, workspace, recordId);

    const { workflow } = target;
    if (options.useExtracts !== undefined) workflow.useExtracts = options.useExtracts;
    if (options.populateExtracts !== undefined) workflow.populateExtracts = options.populateExtracts;
    const flags = { useExtracts: workflow.useExtracts, populateExtracts: workflow.populateExtracts, mutable: state.mutable };

    const steps = stepReports(workflow);
    if (!options.json) {
      if (target.fileCache) io.out(fileCacheLine(options.target, target.fileCache));
      io.out(`running ${target.name} with ${stateLabel} (workspace ${workspacePath})`);
    }
    const onEvent = (event: WorkflowEvent) => {
      if (event.type !== 'end') return;
      const report = steps[event.index] as StepReport;
      recordStepEnd(report, event);
      if (!options.json) io.out(progressLine(event, report.model, steps.length));
    };

    const runner = new Runner({ workflow, state });
    const clockStart = performance.now();
    let output: Record<string, unknown> | null = null;
    let failure: unknown = null;
    try {
      output = await runner.run({ onEvent, readFile: (hash) => workspace.fileText(hash) });
    } catch (error) {
      failure = error;
    }
    const durationMs = performance.now() - clockStart;

    if (flags.populateExtracts) storeExtracts(workflow, workspace, recordId);
    workspace.putLastState(recordId, state.toJSON());
    const runRecord: RunRecord = {
      id: `cli-run-${randomUUID()}`,
      workflowId: recordId,
      kind: 'run',
      startedAt,
      endedAt: Date.now(),
      flags,
      outcome: failure ? 'error' : 'ok',
      steps: steps.map(({ index, key, model, status, durationMs: ms, reason, error }) => ({
        index,
        key,
        model,
        status,
        durationMs: ms,
        ...(reason ? { reason } : {}),
        ...(error ? { error } : {}),
      })),
      ...(failure ? { error: errorMessage(failure) } : {}),
    };
    workspace.addRun(runRecord);
    await workspace.save();

    const count = (status: StepReport['status']) => steps.filter((step) => step.status === status).length;
    const report: RunReport = {
      ok: !failure,
      workflow: target.name,
      state: stateLabel,
      workspace: workspacePath,
      flags,
      steps,
      counts: { ran: count('ran'), skipped: count('skipped'), bypassed: count('bypassed'), error: count('error'), notRun: count('not-run') },
      fileCache: target.fileCache,
      output: output ? (Object.fromEntries(Object.entries(output).map(([slot, value]) => [slot, encodeValue(value)])) as Record<string, JsonValue>) : null,
      durationMs,
    };
    if (failure) report.error = describeFailure(failure);

    if (options.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      const { ran, skipped, bypassed, error, notRun } = report.counts;
      // Bypass words only when a step is bypassed, so the usual line stays as it was.
      const bypass = bypassed ? `, ${bypassed} bypassed, ${notRun} not run` : '';
      io.out(`${steps.length} steps: ${ran} ran, ${skipped} skipped${bypass}${error ? `, ${error} failed` : ''} in ${formatDuration(durationMs)}`);
      if (output) for (const [slot, value] of Object.entries(output)) io.out(`output ${slot} = ${summarizeValue(value)}`);
      if (report.error) io.err(`error: ${report.error.message}`);
    }
    return failure ? 1 : 0;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(errorMessage(error), { cause: error });
  } finally {
    workspace.close();
  }
}
