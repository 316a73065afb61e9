/** A column name: typed, with the upstream table's columns offered as suggestions when a run has shown them. */
import { useId } from 'react';

export function ColumnInput({
  id,
  label,
  value,
  columns,
  placeholder,
  testId,
  describedBy,
  onChange,
}: {
  id?: string;
  label?: string;
  value: string;
  columns: string[] | null;
  placeholder?: string;
  testId?: string;
  describedBy?: string;
  onChange(text: string): void;
}) {
  const listId = useId();
  const unknown = columns !== null && value !== '' && !columns.includes(value);
  return (
    <>
      <input
        id={id}
        type="text"
        list={columns ? listId : undefined}
        autoComplete="off"
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={unknown || undefined}
        data-testid={testId}
        placeholder={placeholder ?? (columns ? 'choose or type a column' : 'column name')}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {columns && (
        <datalist id={listId}>
          {columns.map((column) => (
            <option key={column} value={column} />
          ))}
        </datalist>
      )}
    </>
  );
}
