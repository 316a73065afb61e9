/** How the worker's things cross to the page: errors in words, extract and state summaries. */
import { StepError, errorMessage } from '../engine';
import { isTable } from '../models';
import type { EarlierEntrySummary, ExtractSummary, StateSummary, WireStepError } from './protocol';
import { resultLine, summarizeValue } from './summarize';
import { entriesOf, type KeptState, type StepExtract, type WorkflowCache } from './workflowCache';

export function toWireError(error: unknown): WireStepError {
  if (error instanceof StepError) {
    return { kind: error.kind, message: error.message, detail: error.detail, ...(error.subject === undefined ? {} : { subject: error.subject }) };
  }
  const message = errorMessage(error);
  return { kind: 'model-error', message, detail: message };
}

function tableColumns(fields: unknown): Record<string, string[]> {
  const columns: Record<string, string[]> = {};
  if (fields === null || typeof fields !== 'object') return columns;
  for (const [field, value] of Object.entries(fields)) if (isTable(value)) columns[field] = [...value.names];
  return columns;
}

const summaries = new WeakMap<StepExtract, ExtractSummary>();

export function summarizeExtract(entry: StepExtract): ExtractSummary {
  let summary = summaries.get(entry);
  if (!summary) {
    const { output } = entry;
    summary = {
      stepKey: entry.stepKey,
      inputHash: entry.inputHash,
      model: output.model,
      version: output.version,
      ...(output.at === undefined ? {} : { at: output.at }),
      input: summarizeValue(entry.input.value),
      output: summarizeValue(output.value),
      outputColumns: tableColumns(output.value),
      result: resultLine(output.value),
    };
    summaries.set(entry, summary);
  }
  return summary;
}

/** A step's current cache entry, summarised, with its earlier entries listed (when it has any). */
export function summarizeStep(cache: WorkflowCache, stepKey: string): ExtractSummary {
  const [current, ...earlier] = entriesOf(cache, stepKey);
  if (!current) throw new Error(`step "${stepKey}" has no cache entry`);
  const summary = summarizeExtract(current);
  if (!earlier.length) return summary;
  return {
    ...summary,
    earlier: earlier.map((entry): EarlierEntrySummary => {
      const { inputHash, input, result } = summarizeExtract(entry);
      return { inputHash, ...(entry.output.at === undefined ? {} : { at: entry.output.at }), input, result };
    }),
  };
}

export function summarizeState(state: KeptState | null): StateSummary | null {
  if (!state) return null;
  return { mutable: state.mutable, slots: Object.entries(state.values).map(([name, value]) => ({ name, ...summarizeValue(value) })) };
}
