/**
 * What the expression field offers at the cursor: column names, functions, text methods after a
 * dot, Math members after `Math.`, each with its one-line help. Pure, and free of the parser, so
 * the editor can load it with the field.
 */
import { FUNCTIONS, MATH_CONSTANTS, MATH_FUNCTIONS, METHODS } from './catalog';

export type CompletionKind = 'column' | 'function' | 'method' | 'constant' | 'keyword';

interface ExpressionCompletion {
  label: string;
  kind: CompletionKind;
  /** The signature or the column's kind. */
  detail: string;
  /** The one-line help. */
  info: string;
  /** The text put in place of the word being typed. */
  apply: string;
}

export interface CompletionResult {
  /** Where the replaced word starts (the cursor is its end). */
  from: number;
  options: ExpressionCompletion[];
  /** Whether the person has started a word (or a dot): callers may wait for one before offering. */
  typed: boolean;
}

export interface CompletionColumn {
  name: string;
  /** The column's kind, e.g. "number", when known. */
  type?: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const KEYWORDS: readonly ExpressionCompletion[] = [
  { label: 'null', kind: 'keyword', detail: 'empty cell', info: 'Compare with == null or != null to find or skip empty cells', apply: 'null' },
  { label: 'true', kind: 'keyword', detail: 'true/false', info: 'The value true', apply: 'true' },
  { label: 'false', kind: 'keyword', detail: 'true/false', info: 'The value false', apply: 'false' },
];

const functionOptions = (prefix = ''): ExpressionCompletion[] =>
  (prefix ? MATH_FUNCTIONS : FUNCTIONS).map((spec) => ({
    label: spec.name,
    kind: 'function',
    detail: prefix ? `Math.${spec.signature}` : spec.signature,
    info: spec.help,
    apply: `${spec.name}(`,
  }));

const methodOptions: ExpressionCompletion[] = METHODS.map((spec) => ({
  label: spec.name,
  kind: 'method',
  detail: spec.signature,
  info: spec.help,
  apply: spec.property ? spec.name : `${spec.name}(`,
}));

const mathConstants: ExpressionCompletion[] = Object.entries(MATH_CONSTANTS).map(([name, value]) => ({
  label: name,
  kind: 'constant',
  detail: `Math.${name}`,
  info: `${value}`,
  apply: name,
}));

function columnOption(column: CompletionColumn, form: 'bare' | 'after-dot' | 'in-backticks'): ExpressionCompletion | null {
  const plain = IDENTIFIER.test(column.name);
  if (form === 'after-dot' && !plain) return null;
  const apply = form === 'in-backticks' ? `${column.name}\`` : plain || form === 'after-dot' ? column.name : `\`${column.name}\``;
  return { label: column.name, kind: 'column', detail: column.type ? `${column.type} column` : 'column', info: `The column ${column.name}`, apply };
}

function matching(options: readonly (ExpressionCompletion | null)[], word: string): ExpressionCompletion[] {
  const lower = word.toLowerCase();
  return options.filter((option): option is ExpressionCompletion => option !== null && option.label.toLowerCase().startsWith(lower));
}

/** The completions for `text` with the cursor at `cursor`; `columns` null when no run has shown them yet. */
export function completeExpression(text: string, cursor: number, columns: readonly CompletionColumn[] | null, rowName = 'd'): CompletionResult {
  const before = text.slice(0, cursor);
  // Inside an open backtick: a column name with spaces.
  const ticks = before.split('`').length - 1;
  if (ticks % 2 === 1) {
    const from = before.lastIndexOf('`') + 1;
    return {
      from,
      typed: true,
      options: matching(
        (columns ?? []).map((column) => columnOption(column, 'in-backticks')),
        before.slice(from),
      ),
    };
  }
  const word = /[A-Za-z_$][\w$]*$/.exec(before)?.[0] ?? '';
  const from = cursor - word.length;
  if (/\d$/.test(before.slice(0, from))) return { from, typed: false, options: [] };
  const dotted = /([A-Za-z_$][\w$]*|[)\]"'`])\s*\??\.\s*$/.exec(before.slice(0, from));
  if (dotted) {
    const object = dotted[1];
    const options =
      object === rowName
        ? (columns ?? []).map((column) => columnOption(column, 'after-dot'))
        : object === 'Math'
          ? [...functionOptions('Math'), ...mathConstants]
          : methodOptions;
    return { from, typed: true, options: matching(options, word) };
  }
  const options = [...(columns ?? []).map((column) => columnOption(column, 'bare')), ...functionOptions(), ...KEYWORDS];
  return { from, typed: word.length > 0, options: matching(options, word) };
}
