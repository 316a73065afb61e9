/** How the command says things: reasons, durations, values. */
import { describeType, encodeValue } from '../engine';

export { describeReason, describeSkip, describeUncached } from '../engine';

export function formatDuration(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

const MAX_VALUE_CHARS = 200;

/** A value in one line: JSON when short, else its type (e.g. "table 1461 × 6"). */
export function summarizeValue(value: unknown, maxChars = MAX_VALUE_CHARS): string {
  const chart = value as { kind?: unknown; mark?: unknown; data?: unknown } | null;
  if (chart && typeof chart === 'object' && chart.kind === 'chart' && Array.isArray(chart.data))
    return `chart (${String(chart.mark)}, ${chart.data.length} points)`;
  let text: string;
  try {
    text = JSON.stringify(encodeValue(value));
  } catch {
    return describeType(value);
  }
  if (text.length <= maxChars) return text;
  return `${describeType(value)} (${text.length.toLocaleString('en')} characters of JSON)`;
}

const BROWSER_ONLY = /\b(document|window|navigator|HTMLCanvasElement|OffscreenCanvas|Worker) is not defined\b/;

/** Adds a hint when a model failed because it needs the browser. */
export function explainStepFailure(message: string, model: string): string {
  if (!BROWSER_ONLY.test(message)) return message;
  return `${message} — model "${model}" needs a browser and cannot run under the swark command; run this workflow in Swark Studio`;
}
