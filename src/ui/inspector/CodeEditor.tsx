/** CodeMirror 6 for code and SQL fields; loaded lazily so first paint stays light. */
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { sql } from '@codemirror/lang-sql';

// Long lines wrap inside the editor's own box instead of widening the inspector.
const JS = [javascript(), EditorView.lineWrapping];
const SQL = [sql(), EditorView.lineWrapping];

export default function CodeEditor({ value, language, label, onChange, onBlur }: { value: string; language: 'js' | 'sql'; label: string; onChange(value: string): void; onBlur(): void }) {
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
