/**
 * How values are written for reading (plain text, never HTML). Numbers are rounded to about six
 * significant digits (`20.397499999999994` reads `20.3975`); where one is shown rounded, the full
 * value goes on hover (`fullNumber`), and exports keep every digit.
 */

export { formatNumber, fullNumber } from '../../models/table/cellText';
import { describeBytes, storedFileOf } from '../../engine/storedFile';
import { formatNumber } from '../../models/table/cellText';

/** Quoted JSON strings (left alone) or a number with a fraction or an exponent, not part of a word. */
const NUMBER_IN_TEXT = /"(?:[^"\\]|\\.)*"|(?<![\w.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w.])/gi;

/** A one-line summary (`20.397499999999994`, `{"mean":20.397499999999994}`) with its numbers rounded; text in quotes is kept. */
export function roundNumbersInText(text: string): string {
  // Only numbers with a fraction or exponent can read shorter; a whole number is left as written (`01`).
  return text.replace(NUMBER_IN_TEXT, (match) => (match.startsWith('"') || !/[.e]/i.test(match) ? match : formatNumber(Number(match))));
}

/** A short one-line rendering of a field value for node faces. */
export function formatValue(value: unknown, max = 24): string {
  let text: string;
  const file = storedFileOf(value);
  if (file) return `${file.name.length > max - 10 ? `${file.name.slice(0, max - 11)}…` : file.name} · ${describeBytes(file.size)}`;
  if (typeof value === 'string')
    text = value.length > BIG_TEXT_CHARS ? describeBigText(value) : JSON.stringify(value.length > max ? value.slice(0, max) : value);
  else if (value === null || typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Above this many characters a text is summarised, never rendered whole (a pasted CSV file). */
export const BIG_TEXT_CHARS = 2000;

/** "12,345 lines · 2.5 MB": what a person needs to know about a long text at a glance. */
export function describeBigText(text: string): string {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  if (text.endsWith('\n')) lines--;
  return `${lines.toLocaleString('en-US')} lines · ${formatSize(text.length)}`;
}

function formatSize(chars: number): string {
  if (chars >= 1024 * 1024) return `${(chars / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(chars / 1024))} kB`;
}
