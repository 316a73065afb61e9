/** "Run over states…" beside Run: opens the sweep dialog (its setup, or the results of the sweep under way). */
import { useLateStores } from '../hooks/useLateStores';
import type { SweepState } from '../../store/sweep';
import { useRun } from '../hooks/useRun';
import { useSweep } from '../hooks/useSweep';

const selectSweeping = (state: SweepState) => state.phase === 'running';
const selectRunning = (state: { phase: string }) => state.phase === 'running';

export function SweepButton() {
  const { sweep } = useLateStores();
  const sweeping = useSweep(selectSweeping);
  const running = useRun(selectRunning);
  return (
    <button
      type="button"
      className={`run-btn sweep-btn${sweeping ? ' is-busy' : ''}`}
      data-testid="sweep-button"
      disabled={running}
      aria-label={sweeping ? 'Sweep running: show its results' : 'Run over states…'}
      onClick={() => sweep.getState().openSetup()}
      title="Run over states: run this workflow for several saved or application states, or one slot over a list of values, side by side; steps that do not depend on what varies run once"
    >
      {/* Short on screen (the toolbar is one row at 1440 px); the label and tooltip say it whole. */}
      {sweeping ? 'Sweeping…' : 'Over states…'}
    </button>
  );
}
