/**
 * The expression field itself: CodeMirror with completions (columns, functions, methods, each with
 * its help) and the language's own check underlined as the person types. Loaded lazily with the
 * checker and its parser, so first paint stays light.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import CodeMirror, { EditorView, keymap, Prec, type Extension } from '@uiw/react-codemirror';
import { autocompletion, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { linter, type Diagnostic } from '@codemirror/lint';
import { checkExpression, type ColumnInfo, type ExpressionCheck, type ExpressionMode } from '../../../models/table/expression';
import { completeExpression, type CompletionKind } from '../../../models/table/expression/complete';

export interface ExpressionEditorProps {
  value: string;
  /** The upstream table's columns, with their kinds when known; null when not known yet. */
  columns: readonly ColumnInfo[] | null;
  mode: ExpressionMode;
  label: string;
  describedBy: string;
  testId: string;
  onChange(text: string): void;
  /** The editor lost the focus (the field commits what it holds). */
  onBlur?(): void;
}

/** Module constants on purpose: the editor reconfigures (and closes the completion list) whenever these change identity. */
const BASIC_SETUP = {
  lineNumbers: false,
  foldGutter: false,
  highlightActiveLine: false,
  highlightActiveLineGutter: false,
  closeBrackets: false,
  autocompletion: false,
  searchKeymap: false,
};

const ICON: Record<CompletionKind, string> = { column: 'variable', function: 'function', method: 'method', constant: 'constant', keyword: 'keyword' };

function completionSource(columns: readonly ColumnInfo[] | null) {
  return (context: CompletionContext): CompletionResult | null => {
    const result = completeExpression(context.state.doc.toString(), context.pos, columns);
    if ((!result.typed && !context.explicit) || result.options.length === 0) return null;
    const options: Completion[] = result.options.map((option) => ({
      label: option.label,
      type: ICON[option.kind],
      detail: option.detail,
      info: option.info,
      apply: option.apply,
    }));
    return { from: result.from, options, validFor: /^[\w$]*$/ };
  };
}

function problemsOf(check: ExpressionCheck, length: number): Diagnostic[] {
  if (check.ok || length === 0) return [];
  const from = Math.min(check.start, length);
  const to = Math.min(Math.max(check.end, from + 1), length);
  return [{ from: Math.min(from, to), to, severity: 'error', message: check.message }];
}

/** A message with its `code` spans (single backticks, or doubled around code that holds one) set as code. */
function withCode(message: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of message.matchAll(/`` (.+?) ``|`([^`]+)`/g)) {
    parts.push(message.slice(last, match.index));
    parts.push(<code key={match.index}>{match[1] ?? match[2]}</code>);
    last = match.index + match[0].length;
  }
  parts.push(message.slice(last));
  return parts;
}

/** `value` once it has stopped changing for a moment: the written message waits for a pause in typing. */
function useSettled(value: string, delay = 600): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * The same columns as one array for as long as they do not change: the stores may hand a fresh
 * array on every render, and new editor extensions would close the completion list mid-choice.
 */
function useStableColumns(columns: readonly ColumnInfo[] | null): readonly ColumnInfo[] | null {
  const key = columns ? JSON.stringify(columns.map(({ name, type }) => [name, type ?? null])) : null;
  return useMemo(
    () => (key === null ? null : (JSON.parse(key) as [string, ColumnInfo['type'] | null][]).map(([name, type]) => (type ? { name, type } : { name }))),
    [key],
  );
}

export default function ExpressionEditor({ value, columns: given, mode, label, describedBy, testId, onChange, onBlur }: ExpressionEditorProps) {
  const columns = useStableColumns(given);
  const settled = useSettled(value);
  // One change handler for the editor's life, calling the latest one given.
  const latestOnChange = useRef(onChange);
  useEffect(() => {
    latestOnChange.current = onChange;
  }, [onChange]);
  const handleChange = useCallback((text: string) => latestOnChange.current(text), []);
  const problem = useMemo(() => {
    if (!settled.trim()) return null;
    const check = checkExpression(settled, columns, mode);
    return check.ok ? null : check.message;
  }, [settled, columns, mode]);
  const extensions = useMemo<Extension[]>(() => {
    return [
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': describedBy, 'data-testid': `${testId}-input` }),
      // Enter only ever accepts a completion here (a new line means nothing in an expression), so no
      // grace period is needed before it may.
      autocompletion({ override: [completionSource(columns)], icons: true, interactionDelay: 0 }),
      Prec.high(keymap.of([{ key: 'Enter', run: () => true }])),
      linter(
        (view) => {
          const text = view.state.doc.toString();
          return text.trim() ? problemsOf(checkExpression(text, columns, mode), text.length) : [];
        },
        { delay: 250 },
      ),
      // Ctrl+Enter / Ctrl+Shift+Enter are Run and Rerun (the app's shortcut, as in CodeEditor): here they insert nothing.
      Prec.highest(
        keymap.of([
          { key: 'Mod-Enter', run: () => true },
          { key: 'Shift-Mod-Enter', run: () => true },
        ]),
      ),
    ];
  }, [columns, mode, label, describedBy, testId]);

  return (
    <>
      <div className="expression-input code-field" data-testid={testId}>
        <CodeMirror
          value={value}
          width="100%"
          minHeight="30px"
          maxHeight="160px"
          extensions={extensions}
          onChange={handleChange}
          onBlur={onBlur}
          basicSetup={BASIC_SETUP}
        />
      </div>
      {problem && (
        <span className="field-error expression-problem" role="status" data-testid={`${testId}-problem`}>
          {withCode(problem)}
        </span>
      )}
    </>
  );
}
