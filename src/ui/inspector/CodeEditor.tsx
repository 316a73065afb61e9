/** CodeMirror 6 for code and SQL fields; loaded lazily so first paint stays light. */
import CodeMirror, { EditorView, Prec, keymap } from '@uiw/react-codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { sql } from '@codemirror/lang-sql';

/**
 * Ctrl+Enter and Ctrl+Shift+Enter are Run and Rerun everywhere in the app: inside the editor they
 * insert nothing (CodeMirror's own binding adds a blank line), and the key goes on to the app's
 * shortcut, which commits this text before it runs.
 */
const RUN_KEYS = Prec.highest(
  keymap.of([
    { key: 'Mod-Enter', run: () => true },
    { key: 'Shift-Mod-Enter', run: () => true },
  ]),
);
// Long lines wrap inside the editor's own box instead of widening the inspector.
const JS = [javascript(), EditorView.lineWrapping, RUN_KEYS];
const SQL = [sql(), EditorView.lineWrapping, RUN_KEYS];

export default function CodeEditor({
  value,
  language,
  label,
  onChange,
  onBlur,
}: {
  value: string;
  language: 'js' | 'sql';
  label: string;
  onChange(value: string): void;
  onBlur(): void;
}) {
  return (
    <CodeMirror
      value={value}
      width="100%"
      minHeight="120px"
      maxHeight="320px"
      extensions={language === 'sql' ? SQL : JS}
      onChange={onChange}
      onBlur={onBlur}
      basicSetup={{ foldGutter: false, highlightActiveLine: false }}
      aria-label={label}
    />
  );
}
