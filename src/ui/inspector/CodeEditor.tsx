/** CodeMirror 6 for code and SQL fields; loaded lazily so first paint stays light. */
import CodeMirror from '@uiw/react-codemirror';
import { javascript } from '@codemirror/lang-javascript';
import { sql } from '@codemirror/lang-sql';

const JS = [javascript()];
const SQL = [sql()];

export default function CodeEditor({ value, language, label, onChange }: { value: string; language: 'js' | 'sql'; label: string; onChange(value: string): void }) {
  return (
    <CodeMirror
      value={value}
      height="180px"
      extensions={language === 'sql' ? SQL : JS}
      onChange={onChange}
      basicSetup={{ foldGutter: false, highlightActiveLine: false }}
      aria-label={label}
    />
  );
}
