/** A table a sweep's row gave, opened from its row count: its first rows (the page the worker sent). */
import type { TablePart } from '../../worker/protocol';
import { cellText } from '../../models/table/cellText';

export function SweepTablePreview({ table, title, onClose }: { table: TablePart; title: string; onClose(): void }) {
  const shown = table.columns[0]?.length ?? 0;
  return (
    <section className="sweep-preview" data-testid="sweep-table-view" aria-label={title}>
      <header>
        <h3>{title}</h3>
        <span className="sweep-dim">
          {table.rowCount.toLocaleString('en')} rows{shown < table.rowCount ? `, the first ${shown.toLocaleString('en')} shown` : ''}
        </span>
        <button type="button" className="button small" onClick={onClose}>
          Hide
        </button>
      </header>
      <div className="sweep-preview-scroll" tabIndex={0} aria-label={`The first rows of ${title}`}>
        <table>
          <thead>
            <tr>
              {table.names.map((name) => (
                <th key={name} scope="col">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: shown }, (_, row) => (
              <tr key={row}>
                {table.columns.map((column, at) => (
                  <td key={table.names[at]}>{cellText(column[row])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
