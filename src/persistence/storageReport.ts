/**
 * The Storage view's figures: the bytes the cache holds per workflow and per step, the values
 * they share, against the budget. Read from refs alone (a ref carries its text's length): no
 * value is loaded.
 */
import type { Database } from 'sql.js';
import { bytesOf } from './cacheBudget';
import { extractUses, type ExtractUse } from './db/extracts';
import { rows } from './db/sql';
import { getWorkflow } from './db/workflows';
import type { StepStorage, StorageReport, WorkflowRecord, WorkflowStorage } from './types';

/** Who refers to each value: `<workflow> <step>` for an extract's step, `<workflow>` for a kept state. */
type Holders = Map<string, Set<string>>;

const stepHolder = (workflowId: string, stepKey: string) => JSON.stringify([workflowId, stepKey]);
const keptHolder = (workflowId: string) => JSON.stringify([workflowId]);

function hold(holders: Holders, ref: string, holder: string): void {
  const set = holders.get(ref) ?? new Set<string>();
  set.add(holder);
  holders.set(ref, set);
}

/** The name a person knows a step by: its node's label, else its model, else its key. */
function stepLabel(record: WorkflowRecord | null, stepKey: string): string {
  const label = record?.layout[stepKey]?.label;
  if (label) return label;
  const step = record?.workflow.steps.find((candidate, index) => (candidate.id ?? String(index)) === stepKey);
  return step ? `${step.model} (${stepKey})` : stepKey;
}

interface WorkflowParts {
  entries: ExtractUse[];
  keptRefs: string[];
}

export function storageReport(db: Database, budget: Pick<StorageReport, 'budgetBytes' | 'budgetIsDefault' | 'quotaBytes' | 'runsPerWorkflow'>): StorageReport {
  const parts = new Map<string, WorkflowParts>();
  const partsOf = (workflowId: string) => {
    const found = parts.get(workflowId) ?? { entries: [], keptRefs: [] };
    parts.set(workflowId, found);
    return found;
  };
  const holders: Holders = new Map();
  for (const entry of extractUses(db)) {
    partsOf(entry.workflowId).entries.push(entry);
    for (const ref of [entry.inputRef, entry.outputRef]) hold(holders, ref, stepHolder(entry.workflowId, entry.stepKey));
  }
  for (const row of rows(db, 'SELECT workflow_id, value_ref FROM last_state_slots')) {
    const workflowId = String(row.workflow_id);
    partsOf(workflowId).keptRefs.push(String(row.value_ref));
    hold(holders, String(row.value_ref), keptHolder(workflowId));
  }
  const runCounts = new Map(
    rows(db, 'SELECT workflow_id, count(*) AS n FROM runs GROUP BY workflow_id').map((row) => [String(row.workflow_id), Number(row.n)]),
  );
  for (const workflowId of runCounts.keys()) partsOf(workflowId);

  const shared = (ref: string) => (holders.get(ref)?.size ?? 0) > 1;
  const workflows = [...parts].map(([workflowId, { entries, keptRefs }]): WorkflowStorage => {
    const record = getWorkflow(db, workflowId);
    const refs = entries.flatMap((entry) => [entry.inputRef, entry.outputRef]);
    const outside = (ref: string) => [...(holders.get(ref) ?? [])].some((holder) => (JSON.parse(holder) as string[])[0] !== workflowId);
    return {
      workflowId,
      name: record?.name ?? workflowId,
      bytes: bytesOf(refs),
      sharedBytes: bytesOf(refs.filter(outside)),
      keptStateBytes: bytesOf(keptRefs),
      runs: runCounts.get(workflowId) ?? 0,
      steps: stepsOf(entries, record, shared),
    };
  });
  workflows.sort((a, b) => b.bytes + b.keptStateBytes - (a.bytes + a.keptStateBytes) || a.name.localeCompare(b.name));
  return {
    ...budget,
    usedBytes: bytesOf(holders.keys()),
    sharedBytes: bytesOf([...holders.keys()].filter(shared)),
    workflows,
  };
}

function stepsOf(entries: readonly ExtractUse[], record: WorkflowRecord | null, shared: (ref: string) => boolean): StepStorage[] {
  const byStep = new Map<string, ExtractUse[]>();
  for (const entry of entries) byStep.set(entry.stepKey, [...(byStep.get(entry.stepKey) ?? []), entry]);
  const steps = [...byStep].map(([stepKey, list]): StepStorage => {
    const refs = list.flatMap((entry) => [entry.inputRef, entry.outputRef]);
    const used = list.map((entry) => entry.usedAt).filter((at) => at > 0);
    return {
      stepKey,
      label: stepLabel(record, stepKey),
      entries: list.length,
      bytes: bytesOf(refs),
      sharedBytes: bytesOf(refs.filter(shared)),
      lastUsedAt: used.length ? Math.max(...used) : null,
    };
  });
  return steps.sort((a, b) => b.bytes - a.bytes || a.label.localeCompare(b.label));
}
