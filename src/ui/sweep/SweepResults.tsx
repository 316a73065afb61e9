/** The sweep's results: a row per state, a column per chosen output; tables open, charts are small multiples. */
import { useLateStores } from '../hooks/useLateStores';
import { useShallow } from 'zustand/react/shallow';
import type { SweepRow, SweepState } from '../../store/sweep';
import type { SweepCellValue } from '../../worker/protocol';
import { useSweep } from '../hooks/useSweep';
import { SmallChart } from './SmallChart';
import { SweepTablePreview } from './SweepTablePreview';

const selectView = (state: SweepState) => ({
  phase: state.phase,
  rows: state.rows,
  outputs: state.outputs,
  workers: state.workers,
  jobs: state.jobs,
  shared: state.shared,
  opened: state.opened,
});

const STATUS_WORDS: Record<SweepRow['status'], string> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' };

function Cell({ cell, row, output, index }: { cell: SweepCellValue | undefined; row: SweepRow; output: string; index: number }) {
  const { sweep } = useLateStores();
  if (!cell) return <span className="sweep-pending">{row.status === 'running' ? '…' : '—'}</span>;
  if (cell.kind === 'table')
    return (
      <button
        type="button"
        className="sweep-table-link"
        onClick={() => sweep.getState().openCell({ row: index, slot: output })}
        title={`Open the first rows of ${output}`}
      >
        {cell.text}
        <span className="sweep-dim"> × {cell.columns}</span>
      </button>
    );
  if (cell.kind === 'chart' && cell.chart)
    return (
      <figure className="sweep-figure">
        <SmallChart value={cell.chart} />
        <figcaption>{cell.text}</figcaption>
      </figure>
    );
  return <span className={cell.kind === 'inline' ? 'sweep-inline' : 'sweep-dim'}>{cell.text}</span>;
}

function summary(phase: SweepState['phase'], rows: SweepRow[], workers: number, jobs: number): string {
  const done = rows.filter((row) => row.status === 'done').length;
  const failed = rows.filter((row) => row.status === 'failed').length;
  const counts = `${done} of ${rows.length} done${failed ? `, ${failed} failed` : ''}`;
  if (phase === 'running') return `${counts} · ${workers} ${workers === 1 ? 'worker' : 'workers'} running (up to ${jobs} at a time)`;
  if (phase === 'cancelled') return `${counts} · cancelled: every worker was stopped`;
  return counts;
}

export function SweepResults() {
  const { phase, rows, outputs, workers, jobs, shared, opened } = useSweep(useShallow(selectView));
  const { sweep } = useLateStores();
  const actions = sweep.getState();
  const openedRow = opened ? rows[opened.row] : undefined;
  const openedCell = opened && openedRow ? openedRow.cells[opened.slot] : undefined;
  return (
    <div className="sweep-results" data-testid="sweep-results" data-phase={phase} data-workers={workers}>
      <header className="sweep-results-head">
        <div>
          <h2 id="sweep-title">Results over {rows.length} states</h2>
          <p className="sweep-note" data-testid="sweep-summary" aria-live="polite">
            {summary(phase, rows, workers, jobs)}
            {shared.length > 0 && ` · run once for all: ${shared.join(', ')}`}
          </p>
        </div>
        <div className="sweep-head-actions">
          {/* Both always there, so a click meant for Cancel never lands on "New sweep…" as the sweep ends. */}
          <button type="button" className="run-btn run-btn-danger" data-testid="sweep-cancel" disabled={phase !== 'running'} onClick={() => actions.cancel()}>
            ■ Cancel
          </button>
          <button type="button" className="button" data-testid="sweep-new" disabled={phase === 'running'} onClick={() => actions.newSweep()}>
            New sweep…
          </button>
          <button type="button" className="button" data-testid="sweep-close" onClick={() => actions.close()}>
            Close
          </button>
        </div>
      </header>
      {/* Focusable, so the keyboard can scroll a long sweep. */}
      <div className="sweep-table-wrap" tabIndex={0} aria-label="Results, a row per state">
        <table className="sweep-table">
          <thead>
            <tr>
              <th scope="col">State</th>
              {outputs.map((output) => (
                <th key={output} scope="col">
                  {output}
                </th>
              ))}
              <th scope="col">Steps</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.label} data-testid={`sweep-row-${index}`} data-status={row.status} className={`is-${row.status}`}>
                <th scope="row">
                  <span className="sweep-label">{row.label}</span>
                  <span className={`sweep-status is-${row.status}`}>{STATUS_WORDS[row.status]}</span>
                </th>
                {row.status === 'failed' ? (
                  <td colSpan={outputs.length} className="sweep-error" data-testid={`sweep-error-${index}`}>
                    {row.error ?? 'failed'}
                  </td>
                ) : (
                  outputs.map((output) => (
                    <td key={output} data-testid={`sweep-cell-${index}-${output}`}>
                      <Cell cell={row.cells[output]} row={row} output={output} index={index} />
                    </td>
                  ))
                )}
                <td className="sweep-dim">{row.status === 'done' || row.status === 'failed' ? `${row.ran} ran · ${row.skipped} skipped` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {opened && openedRow && openedCell?.table && (
        <SweepTablePreview table={openedCell.table} title={`${opened.slot} for ${openedRow.label}`} onClose={() => actions.openCell(null)} />
      )}
    </div>
  );
}
